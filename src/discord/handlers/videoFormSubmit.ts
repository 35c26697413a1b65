/** A filled form: a multi-shot video, a remix, or a picture to animate (from a message or uploaded). */
import type { Job, JobInput } from '../../jobs/job.js';
import { draftFromForm, type SubmittedValue } from '../../model/formPlan.js';
import { checkImageBytes } from '../../model/imageRules.js';
import type { ImageRole, ModelDefinition } from '../../model/modelDefinition.js';
import { listedModel, modelById, parseModelInput } from '../../model/models.js';
import type { HandlerDeps } from '../context.js';
import { copyForLocale, languageOf } from '../copy.js';
import type { VideoFormTarget } from '../customIds.js';
import { chainSeconds } from '../extensions.js';
import { type ChannelFacts, type Handler, type MemberInput, type MessageView, message } from '../handler.js';
import { imageProblemText } from '../problemText.js';
import { startJob } from '../startJob.js';
import { type AttachmentFacts, sameModelAs, startAnimation } from './animate.js';
import { modelOfRequest, parseOrProblem } from './videoCreate.js';
import { extensionModel, memberDefaults } from './videoForms.js';

export interface VideoFormInput {
  member: MemberInput;
  /** Undefined when the form's id did not decode; `parentId` set for a remix, `animate` for a picture. */
  form: VideoFormTarget | undefined;
  /** Each field's value by its custom id: text, the chosen option(s), or whether a box is ticked. */
  values: Readonly<Record<string, SubmittedValue>>;
  /** Files uploaded in the form, by the upload field's custom id. */
  uploads: Readonly<Record<string, readonly AttachmentFacts[]>>;
  /** A channel other than the one the form was sent from, as the client knows it. */
  channelFacts: (channelId: string) => ChannelFacts;
  /** Whether the member may see and post in that channel (read through REST). */
  canPostIn: (channelId: string) => Promise<boolean>;
}

/** A new video's model: the member's tier, else the server's (a form names none). */
async function newModel(input: VideoFormInput, deps: HandlerDeps, mode: 'text' | 'image') {
  const preferences = await deps.preferences.get(input.member.guildId, input.member.userId);
  return modelOfRequest(deps, input.member, mode, input.form?.tier, preferences);
}

/** The draft of an animation: the form's values over the member's defaults. */
async function animationDraft(input: VideoFormInput, deps: HandlerDeps, model: ModelDefinition) {
  const base = await memberDefaults(deps, input.member);
  return parseOrProblem(input.member.locale, () => ({ draft: draftFromForm(model, input.values, base) }));
}

/**
 * The "Animate with Kling" form: its picture is the one kept when the member opened it, from the
 * interaction that carried the message whole (a read of the message now would come back without
 * its attachments). Only the member who opened it, in that server, can send it, once.
 */
async function animateFromMessage(
  input: VideoFormInput,
  deps: HandlerDeps,
  target: { pictureFormId: string | null },
): Promise<MessageView> {
  const { member } = input;
  const copy = copyForLocale(member.locale);
  if (!target.pictureFormId) return message(copy.t('image.formExpired'));
  const kept = await deps.pictureForms.take(target.pictureFormId, { guildId: member.guildId, userId: member.userId });
  if (kept.kind === 'unknown') return message(copy.t('image.formExpired'));
  if (kept.kind === 'foreign') {
    deps.logger.info({ pictureFormId: target.pictureFormId }, 'refused a picture form made by another member or in another server');
    return message(copy.t('image.formForeign'));
  }
  const model = await newModel(input, deps, 'image');
  if ('view' in model) return model.view;
  const parsed = await animationDraft(input, deps, model);
  if ('problem' in parsed) return message(parsed.problem);
  return startAnimation(deps, member, parsed.draft, { start: kept.form.picture }, model);
}

/** The upload form: its pictures go through every check an attachment option does. */
async function animateUpload(input: VideoFormInput, deps: HandlerDeps): Promise<MessageView> {
  const model = await newModel(input, deps, 'image');
  if ('view' in model) return model.view;
  const pictures: Partial<Record<ImageRole, AttachmentFacts>> = {};
  // The form shows the listed tier's uploads; one the chosen tier lacks is refused by name.
  for (const [role, image] of Object.entries(listedModel('image').images)) {
    const file = input.uploads[image.option]?.[0];
    if (file) pictures[role as ImageRole] = file;
  }
  if (!pictures.start) return message(copyForLocale(input.member.locale).t('form.imageMissing'));
  const parsed = await animationDraft(input, deps, model);
  if ('problem' in parsed) return message(parsed.problem);
  return startAnimation(deps, input.member, parsed.draft, pictures, model);
}

/**
 * Extend's form: the continuation starts on the parent's last frame, posted as the bot's own
 * attachment with the new card (a link the provider fetches, renewed as an animation's picture),
 * and is made in the parent's thread. It is a job of its own: admitted, lined up and billed as one.
 */
async function extend(input: VideoFormInput, deps: HandlerDeps, parentId: string): Promise<MessageView> {
  const { member } = input;
  const { t } = copyForLocale(member.locale);
  const parent = await deps.store.get(parentId);
  if (!parent || parent.guildId !== member.guildId || parent.deletedAt !== null) return message(t('refusal.extendRemoved'));
  if (parent.state !== 'succeeded') return message(t('refusal.extendNotFinished'));
  const model = extensionModel(parent);
  if (!model) return message(t('refusal.remixModelUnknown'));
  const { multi_prompt: _shots, ...base } = parent.input;
  const parsed = parseOrProblem(member.locale, () => parseModelInput<JobInput>(model, draftFromForm(model, input.values, base)));
  if ('problem' in parsed) return message(parsed.problem);
  const { extendMaxSeconds } = await deps.settings.get(parent.guildId);
  const total = (await chainSeconds(deps.store, parent)) + parsed.duration;
  if (total > extendMaxSeconds) return message(t('refusal.extendTooLong', { total, limit: extendMaxSeconds }));
  const frame = await deps.extensions.lastFrame(parent);
  if (!frame) return message(t('refusal.extendFrameGone'));
  // A video smaller than the model takes pictures (a small fitted copy) would be refused by the
  // provider after the job was accepted: say so now, with nothing sent.
  const problem = model.imageLimits ? checkImageBytes('start', frame, model.imageLimits) : undefined;
  if (problem) return message(imageProblemText(languageOf(member.locale), problem));
  const thread = parent.threadId && parent.threadId !== member.channel.id ? input.channelFacts(parent.threadId) : undefined;
  const { view } = await startJob(deps, {
    member,
    input: parsed,
    modelId: model.id,
    images: [{ role: 'start', bytes: frame, contentType: 'image/png' }],
    kind: 'extend',
    parentId: parent.id,
    ...(thread ? { elsewhere: thread } : {}),
  });
  return view;
}

export const videoFormSubmit: Handler<VideoFormInput> = {
  name: 'form.submit',
  async run(input, deps, ack) {
    const { member, form } = input;
    const { t } = copyForLocale(member.locale);
    if (!form) return message(t('refusal.foreignForm'));
    await ack.defer();
    if (form.animate) return animateFromMessage(input, deps, form.animate);
    if (form.upload) return animateUpload(input, deps);
    if (form.extendOf) return extend(input, deps, form.extendOf);
    let parent: Job | undefined;
    if (form.parentId) {
      parent = await deps.store.get(form.parentId);
      if (!parent || parent.guildId !== member.guildId || parent.deletedAt !== null) return message(t('refusal.remixParentGone'));
    }
    // A remix keeps its parent's model, so its tier; a new video takes the member's or the server's.
    const chosen = parent ? modelById(parent.modelId) : await newModel(input, deps, 'text');
    if (chosen && 'view' in chosen) return chosen.view;
    const model: ModelDefinition = chosen ?? listedModel('text');
    // A remix keeps what its form has no room for from its parent; a new video takes the member's defaults.
    const base = parent ? parent.input : await memberDefaults(deps, member);
    const parsed = parseOrProblem(input.member.locale, () => parseModelInput<JobInput>(model, draftFromForm(model, input.values, base)));
    if ('problem' in parsed) return message(parsed.problem);
    if (parent?.images?.end && parsed.multi_prompt?.length && model.imageLimits?.endFrameWithShots === false) {
      return message(imageProblemText(languageOf(member.locale), { kind: 'end_with_shots', role: 'end' }));
    }
    // A remix keeps its parent's model and pictures.
    const same = parent ? await sameModelAs(deps, parent, member.locale) : {};
    if ('view' in same) return same.view;
    // A remix asked for from the showcase is made where its parent was, not in the showcase.
    const showcaseId = parent ? (await deps.settings.get(parent.guildId)).showcaseChannelId : null;
    const backTo = parent && member.channel.id === showcaseId ? parent.channelId : undefined;
    if (backTo && backTo !== member.channel.id && !(await input.canPostIn(backTo))) return message(t('refusal.remixChannelClosed'));
    const { view } = await startJob(deps, {
      member,
      input: parsed,
      modelId: model.id,
      kind: parent ? 'remix' : 'new',
      parentId: parent?.id ?? null,
      ...same,
      ...(backTo ? { elsewhere: input.channelFacts(backTo) } : {}),
    });
    return view;
  },
};
