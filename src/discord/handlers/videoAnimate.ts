/**
 * `/video animate`: a picture as the first frame (and optionally one as the last), a prompt and
 * the model's options. Without a picture it opens the upload form, prefilled with the options
 * given: a form must be the first answer, so that is decided before deferring.
 */
import type { videoCommand } from '../../../commands/video.js';
import type { ImageRole } from '../../model/modelDefinition.js';
import { imageOptionsOf } from '../../model/models.js';
import type { CommandArgs } from '../commandArgs.js';
import { copyForLocale } from '../copy.js';
import { type Handler, message, type SlashInput } from '../handler.js';
import { TAKES_KEY, takesOf } from '../takes.js';
import { type AttachmentFacts, startAnimation } from './animate.js';
import { modelOfRequest } from './videoCreate.js';
import { memberDefaults, uploadForm } from './videoForms.js';

/** The pictures given as options, by their role, and the other options apart. */
function splitPictures(given: Readonly<Record<string, unknown>>): {
  attachments: Partial<Record<ImageRole, AttachmentFacts>>;
  rest: Record<string, unknown>;
} {
  // Every tier's pictures: an end frame given for a tier without one is refused by name, not dropped.
  const imageOptions = imageOptionsOf('image');
  const attachments: Partial<Record<ImageRole, AttachmentFacts>> = {};
  const rest: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(given)) {
    const role = imageOptions.get(name);
    if (role) attachments[role] = value as AttachmentFacts;
    else rest[name] = value;
  }
  return { attachments, rest };
}

export const videoAnimate: Handler<SlashInput<CommandArgs<typeof videoCommand, 'animate'>>> = {
  name: 'video.animate',
  async run(input, deps, ack) {
    const { attachments, rest } = splitPictures(input.options);
    if (!attachments.start) {
      // The form cannot carry an attachment given here: rather than drop it unseen, say so.
      if (attachments.end) return message(copyForLocale(input.member.locale).t('image.endWithoutStart'));
      return uploadForm(deps, input.member, rest);
    }
    await ack.defer();
    const { tier, [TAKES_KEY]: takes, ...options } = rest;
    const preferences = await deps.preferences.get(input.member.guildId, input.member.userId);
    const model = await modelOfRequest(deps, input.member, 'image', tier, preferences);
    if ('view' in model) return model.view;
    return startAnimation(deps, input.member, await memberDefaults(deps, input.member, options), attachments, model, takesOf(takes));
  },
};
