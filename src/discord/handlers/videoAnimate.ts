/**
 * `/video animate`: a picture as the first frame (and optionally one as the last), a prompt and
 * the model's options. Without a picture it opens the upload form, prefilled with the options
 * given: a form must be the first answer, so that is decided before deferring.
 */
import type { ImageRole } from '../../model/modelDefinition.js';
import { copyForLocale } from '../copy.js';
import { type Handler, type MemberInput, message } from '../handler.js';
import { TAKES_KEY, takesOf } from '../takes.js';
import { type AttachmentFacts, startAnimation } from './animate.js';
import { modelOfRequest } from './videoCreate.js';
import { memberDefaults, uploadForm } from './videoForms.js';

export interface VideoAnimateInput {
  member: MemberInput;
  /** The sub-command's options by name, the attachments left out. */
  options: Readonly<Record<string, unknown>>;
  attachments: Partial<Record<ImageRole, AttachmentFacts>>;
}

export const videoAnimate: Handler<VideoAnimateInput> = {
  name: 'video.animate',
  async run(input, deps, ack) {
    if (!input.attachments.start) {
      // The form cannot carry an attachment given here: rather than drop it unseen, say so.
      if (input.attachments.end) return message(copyForLocale(input.member.locale).t('image.endWithoutStart'));
      return uploadForm(deps, input.member, input.options);
    }
    await ack.defer();
    const { tier, [TAKES_KEY]: takes, ...options } = input.options;
    const preferences = await deps.preferences.get(input.member.guildId, input.member.userId);
    const model = await modelOfRequest(deps, input.member, 'image', tier, preferences);
    if ('view' in model) return model.view;
    return startAnimation(deps, input.member, await memberDefaults(deps, input.member, options), input.attachments, model, takesOf(takes));
  },
};
