/**
 * The one path from a picture to an image-to-video job, shared by `/video animate`, the "Animate
 * with Kling" form and Retry or Remix of such a job: every rule is checked before anything is
 * written or sent — what Discord says of the file, the model's input schema, then the bytes.
 */
import type { Job, JobInput } from '../../jobs/job.js';
import { DownloadError } from '../../media/download.js';
import { LOOP_KEY } from '../../model/formPlan.js';
import { checkImageBytes, checkImageFacts, type ImageProblem, readImageHeader } from '../../model/imageRules.js';
import { IMAGE_ROLES, type ImageLimits, type ImageRole, type ModelDefinition } from '../../model/modelDefinition.js';
import { modelById, parseModelInput, tiersTaking } from '../../model/models.js';
import type { Tier } from '../../model/tiers.js';
import type { HandlerDeps } from '../context.js';
import { type Copy, copyForLocale } from '../copy.js';
import { type MemberInput, type MessageView, message } from '../handler.js';
import { imageProblemText } from '../problemText.js';
import type { StartImage, StartRequest } from '../startJob.js';
import { startTakes } from '../takes.js';
import { parseOrProblem } from './videoCreate.js';

/** An attachment as Discord describes it; any fact may be missing. */
export interface AttachmentFacts {
  url: string;
  filename?: string | null | undefined;
  contentType?: string | null | undefined;
  size?: number | null | undefined;
  width?: number | null | undefined;
  height?: number | null | undefined;
}

const PICTURE_NAME = /\.(png|jpe?g|gif|webp|bmp|heic|avif|tiff?)$/i;

/** The first attachment that is a picture, by its type or, without one, its name. */
export function firstPicture(attachments: readonly AttachmentFacts[]): AttachmentFacts | undefined {
  return attachments.find((a) => (a.contentType ? a.contentType.startsWith('image/') : PICTURE_NAME.test(a.filename ?? '')));
}

type Checked = { images: StartImage[] } | { problem: ImageProblem };

/** Reads each picture and checks what it really is; a link that cannot be read is `unreadable`. */
async function readPictures(deps: HandlerDeps, links: Partial<Record<ImageRole, string>>, limits: ImageLimits): Promise<Checked> {
  const images: StartImage[] = [];
  for (const role of IMAGE_ROLES) {
    const link = links[role];
    if (!link) continue;
    let bytes: Buffer;
    try {
      ({ bytes } = await deps.images.read(link));
    } catch (error) {
      if (error instanceof DownloadError && error.kind === 'too_large') {
        return { problem: { kind: 'too_large', role, bytes: error.bytes ?? limits.maxBytes + 1, maxBytes: limits.maxBytes } };
      }
      deps.logger.info({ err: error, role }, 'could not read a picture');
      return { problem: { kind: 'unreadable', role } };
    }
    const problem = checkImageBytes(role, bytes, limits);
    if (problem) return { problem };
    const header = readImageHeader(bytes);
    if (header) images.push({ role, bytes, contentType: header.type });
  }
  return { images };
}

/**
 * Checks a member's pictures and input against `model` (an image-to-video tier), then starts the
 * job; every refusal is the member's answer.
 */
export async function startAnimation(
  deps: HandlerDeps,
  member: MemberInput,
  draft: Readonly<Record<string, unknown>>,
  attachments: Partial<Record<ImageRole, AttachmentFacts>>,
  model: ModelDefinition,
  /** Renders of the request, delivered together (takes.ts). */
  takes = 1,
): Promise<MessageView> {
  const copy = copyForLocale(member.locale);
  const limits = model.imageLimits;
  if (!limits) throw new Error(`${model.id} takes no pictures`);
  // A picture the tier cannot take (an end frame on Standard) is refused by name, never dropped:
  // the member would get a video that ignores it, and pay for it.
  for (const role of IMAGE_ROLES) {
    if (attachments[role] && !model.images[role]) return message(endFrameTierText(copy, model.tier, tiersTaking(model.mode, role)));
  }
  for (const role of IMAGE_ROLES) {
    const facts = attachments[role];
    if (!facts) continue;
    const problem = checkImageFacts(
      role,
      { contentType: facts.contentType, bytes: facts.size, width: facts.width, height: facts.height },
      limits,
    );
    if (problem) return message(imageProblemText(copy.language, problem));
  }
  // Not a field of the model: the schema would drop it, so it is read before.
  const loop = draft[LOOP_KEY] === true;
  if (loop && attachments.end) return message(imageProblemText(copy.language, { kind: 'loop_with_end', role: 'end' }));
  // A loop is an end frame: a tier without one (Standard) says which tiers have it.
  if (loop && !model.images.end) return message(endFrameTierText(copy, model.tier, tiersTaking(model.mode, 'end')));
  const parsed = parseOrProblem(member.locale, () => parseModelInput<JobInput>(model, draft));
  if ('problem' in parsed) return message(parsed.problem);
  if ((attachments.end || loop) && parsed.multi_prompt?.length && !limits.endFrameWithShots) {
    return message(imageProblemText(copy.language, { kind: 'end_with_shots', role: 'end' }));
  }
  const links = Object.fromEntries(IMAGE_ROLES.filter((r) => attachments[r]).map((r) => [r, attachments[r]?.url]));
  const read = await readPictures(deps, links, limits);
  if ('problem' in read) return message(imageProblemText(copy.language, read.problem));
  // A loop sends the same picture as the last frame: its own copy on the card, so a Retry or a
  // Remix reads both roles back as any job with an end picture.
  const start = read.images.find((image) => image.role === 'start');
  const images = loop && start ? [...read.images, { ...start, role: 'end' as const }] : read.images;
  return startTakes(deps, { member, input: parsed, modelId: model.id, images }, takes);
}

/**
 * What a Retry or Remix of `job` starts from: its model and a fresh copy of its pictures, read
 * from the bot's own copies (renewed when their links expired). A message when they are gone.
 */
export async function sameModelAs(
  deps: HandlerDeps,
  job: Job,
  locale: string | undefined,
): Promise<Pick<StartRequest, 'modelId' | 'images'> | { view: MessageView }> {
  const model = modelById(job.modelId);
  if (!model?.imageLimits || Object.keys(model.images).length === 0) return { modelId: job.modelId };
  const read = await readPictures(deps, job.images ?? {}, model.imageLimits);
  const copy = copyForLocale(locale);
  if ('problem' in read || read.images.length === 0) return { view: message(copy.t('ending.imageUnavailable')) };
  return { modelId: job.modelId, images: read.images };
}

/** A picture in a role the tier does not take (an end frame on Standard), with the tiers that do. */
function endFrameTierText({ t, tierName, tierList }: Copy, tier: Tier, tiersWith: readonly Tier[]): string {
  return t('image.endFrameTier', { tier: tierName(tier), tiers: tierList(tiersWith), count: tiersWith.length });
}
