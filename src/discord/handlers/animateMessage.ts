/** "Animate with Kling" (Apps on a message): the form, for that message's first picture. */
import { copyForLocale } from '../copy.js';
import { type Handler, type MemberInput, message } from '../handler.js';
import { type AttachmentFacts, firstPicture } from './animate.js';
import { animateMessageForm } from './videoForms.js';

export interface AnimateMessageInput {
  member: MemberInput;
  channelId: string;
  messageId: string;
  attachments: readonly AttachmentFacts[];
}

export const animateMessage: Handler<AnimateMessageInput> = {
  name: 'message.animate',
  async run(input, deps) {
    const copy = copyForLocale(input.member.locale);
    // Checked again, fully, when the form comes back: the message may change meanwhile.
    if (!firstPicture(input.attachments)) return message(copy.t('image.noImage'));
    return animateMessageForm(deps, input.member, input);
  },
};
