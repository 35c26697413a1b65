/**
 * "Animate with Kling" (Apps on a message): the form, for that message's first picture.
 *
 * The bot has no Message Content intent, so this interaction is the one place the member's
 * message arrives with its attachments: a later read of it through REST comes back without them
 * (discord-facts.md). The picture's facts are kept now, under the id the form carries back.
 */
import { copyForLocale } from '../copy.js';
import { type Handler, type MemberInput, message } from '../handler.js';
import { type AttachmentFacts, firstPicture } from './animate.js';
import { animateMessageForm } from './videoForms.js';

export interface AnimateMessageInput {
  member: MemberInput;
  channelId: string;
  messageId: string;
  /** The message's attachments as the interaction carries them (`data.resolved.messages`). */
  attachments: readonly AttachmentFacts[];
}

export const animateMessage: Handler<AnimateMessageInput> = {
  name: 'message.animate',
  async run(input, deps) {
    const copy = copyForLocale(input.member.locale);
    const picture = firstPicture(input.attachments);
    if (!picture) return message(copy.t('image.noImage'));
    // Only the facts are kept: the picture is checked in full (facts, bytes) when the form comes back.
    const pictureFormId = await deps.pictureForms.save({
      guildId: input.member.guildId,
      userId: input.member.userId,
      channelId: input.channelId,
      messageId: input.messageId,
      picture: {
        url: picture.url,
        filename: picture.filename ?? null,
        contentType: picture.contentType ?? null,
        size: picture.size ?? null,
        width: picture.width ?? null,
        height: picture.height ?? null,
      },
    });
    return animateMessageForm(deps, input.member, pictureFormId);
  },
};
