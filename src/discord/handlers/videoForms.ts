/**
 * The forms a member can open: a multi-shot video, a remix of a job, "Animate with Kling" on a
 * message, and a picture to upload. Each is the model's form plan with the values it shows: a
 * job's for a remix, the member's own defaults (then the schema's) for a new video.
 */
import { withMemberDefaults } from '../../community/memberPreferences.js';
import type { Job } from '../../jobs/job.js';
import type { ModelDefinition } from '../../model/modelDefinition.js';
import { listedModel, modelById, modelFor, requireModel } from '../../model/models.js';
import type { HandlerDeps } from '../context.js';
import { copyForLocale } from '../copy.js';
import { animateFormId, extendFormId, uploadFormId, videoFormId } from '../customIds.js';
import { type MemberInput, type ModalView, modal } from '../handler.js';
import { videoFormView } from '../views/videoForm.js';

/** A new video's values: what the member typed already, over their defaults. */
export async function memberDefaults(
  deps: Pick<HandlerDeps, 'preferences'>,
  member: Pick<MemberInput, 'guildId' | 'userId'>,
  given: Readonly<Record<string, unknown>> = {},
): Promise<Record<string, unknown>> {
  return withMemberDefaults(given, await deps.preferences.get(member.guildId, member.userId));
}

function newForm(
  model: ModelDefinition,
  member: MemberInput,
  values: { shown: Record<string, unknown>; base: Record<string, unknown>; pinned?: readonly string[] },
  form: { title: string; customId: string; shots: boolean; uploads: boolean; loop?: boolean },
): ModalView {
  const view = videoFormView(
    { ...form, model, values: values.shown, base: values.base, ...(values.pinned ? { pinned: values.pinned } : {}), kept: false },
    copyForLocale(member.locale),
  );
  return modal(view);
}

async function defaultsOnly(deps: Pick<HandlerDeps, 'preferences'>, member: MemberInput) {
  const defaults = await memberDefaults(deps, member);
  return { shown: defaults, base: defaults };
}

export async function multishotForm(deps: Pick<HandlerDeps, 'preferences'>, member: MemberInput): Promise<ModalView> {
  const { t } = copyForLocale(member.locale);
  return newForm(listedModel('text'), member, await defaultsOnly(deps, member), {
    title: t('form.multishotTitle'),
    customId: videoFormId(),
    shots: true,
    uploads: false,
  });
}

/** `given`: options already typed (`/video animate` without a picture) prefill the form. */
export async function uploadForm(
  deps: Pick<HandlerDeps, 'preferences'>,
  member: MemberInput,
  given: Readonly<Record<string, unknown>> = {},
): Promise<ModalView> {
  const { t } = copyForLocale(member.locale);
  // Only the fields in the form come back: a typed option without a slot takes the default again.
  // The tier has no field: it rides in the form's id and is checked when the form comes back.
  const { tier, ...typed } = given;
  const base = await memberDefaults(deps, member);
  const shown = { ...base, ...typed };
  return newForm(
    listedModel('image'),
    member,
    { shown, base, pinned: Object.keys(typed) },
    {
      title: t('form.uploadTitle'),
      customId: uploadFormId(typeof tier === 'string' ? tier : undefined),
      shots: false,
      uploads: true,
      loop: true,
    },
  );
}

/** `pictureFormId`: where the picture the form animates is kept until the form comes back. */
export async function animateMessageForm(
  deps: Pick<HandlerDeps, 'preferences'>,
  member: MemberInput,
  pictureFormId: string,
): Promise<ModalView> {
  const { t } = copyForLocale(member.locale);
  return newForm(listedModel('image'), member, await defaultsOnly(deps, member), {
    title: t('form.animateTitle'),
    customId: animateFormId(pictureFormId),
    shots: false,
    uploads: false,
    loop: true,
  });
}

/** A remix shows the job's own values, shots if it had them, and keeps what the form has no room for. */
export function remixForm(job: Job, locale: string | undefined): ModalView {
  const copy = copyForLocale(locale);
  return modal(
    videoFormView(
      {
        title: copy.t('form.remixTitle'),
        customId: videoFormId(job.id),
        model: requireModel(job.modelId),
        shots: Boolean(job.input.multi_prompt?.length),
        uploads: false,
        values: job.input,
        kept: true,
      },
      copy,
    ),
  );
}

/** The model an extension is made with: image-to-video in the tier of the video it continues. */
export function extensionModel(parent: Pick<Job, 'modelId'>): ModelDefinition | undefined {
  const tier = modelById(parent.modelId)?.tier;
  return tier ? modelFor('image', tier) : undefined;
}

/**
 * Extend's form: the parent's prompt and options as the continuation's, its length at most what
 * the server's chain allows (`roomSeconds`). Its picture is the parent's last frame, taken on submit.
 */
export function extendForm(job: Job, locale: string | undefined, roomSeconds: number): ModalView {
  const copy = copyForLocale(locale);
  const model = extensionModel(job) ?? listedModel('image');
  const { multi_prompt: _shots, ...single } = job.input;
  const duration = Math.min(single.duration, roomSeconds);
  return modal(
    videoFormView(
      {
        title: copy.t('form.extendTitle'),
        customId: extendFormId(job.id),
        model,
        shots: false,
        uploads: false,
        values: { ...single, duration },
        kept: true,
      },
      copy,
    ),
  );
}
