/** "Animate with Kling" (Apps on a message): the form, for that message's first picture. */
import { copyForLocale } from '../copy.js';
import { animateFormId } from '../customIds.js';
import { type Handler, message, modal } from '../handler.js';
import { videoFormView } from '../views/videoForm.js';
import { type AttachmentFacts, firstPicture } from './animate.js';

export interface AnimateMessageInput {
  locale?: string;
  channelId: string;
  messageId: string;
  attachments: readonly AttachmentFacts[];
}

export const animateMessage: Handler<AnimateMessageInput> = {
  name: 'message.animate',
  async run(input) {
    const copy = copyForLocale(input.locale);
    // Checked again, fully, when the form comes back: the message may change meanwhile.
    if (!firstPicture(input.attachments)) return message(copy.IMAGES.noImage);
    return modal(videoFormView(copy.FORM.animateTitle, animateFormId(input.channelId, input.messageId), undefined, copy));
  },
};
