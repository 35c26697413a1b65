/**
 * One path from a validated request to a submitted job, shared by /video, the multi-shot form,
 * Retry and Remix: admission, the row, the status message and thread, then the submit. The
 * caller has deferred; the returned view is the member's answer.
 */
import { ChannelType } from 'discord.js';
import type { Job, JobInput, JobKind } from '../jobs/job.js';
import type { ImageRole } from '../model/modelDefinition.js';
import { DEFAULT_MODEL_ID, type ImageLinks } from '../model/models.js';
import { DiscordCodes, discordErrorCode, discordStatus } from './channelPoster.js';
import type { HandlerDeps } from './context.js';
import { type Copy, copyFor, copyForLocale } from './copy.js';
import { COMPONENTS_V2 } from './discordLimits.js';
import { type ChannelFacts, type MemberInput, type MessageView, message } from './handler.js';
import { messageNonce } from './nonces.js';
import { threadName } from './render.js';
import { renderStatusCard } from './views/jobCard.js';

/** Channel types where a public thread can hang off a message. */
const THREADABLE = new Set<ChannelType>([ChannelType.GuildText, ChannelType.GuildAnnouncement]);
const THREAD_TYPES = new Set<ChannelType>([ChannelType.PublicThread, ChannelType.PrivateThread, ChannelType.AnnouncementThread]);

/** A picture the job starts from, checked already; the status card carries the bot's copy of it. */
export interface StartImage {
  role: ImageRole;
  bytes: Buffer;
  contentType: 'image/png' | 'image/jpeg';
}

export interface StartRequest {
  member: MemberInput;
  input: JobInput;
  /** @defaultValue the text-to-video model */
  modelId?: string;
  /** The model's pictures, uploaded with the status card. */
  images?: readonly StartImage[];
  kind?: JobKind;
  parentId?: string | null;
  /** Another channel to make it in (a remix asked for from the showcase goes back to its parent's). */
  elsewhere?: ChannelFacts;
  /** The takes of one request share it (takes.ts). @defaultValue null: a job alone */
  takeGroup?: string | null;
}

/** Returns the member's answer, and the job when one was written. */
export async function startJob(deps: HandlerDeps, request: StartRequest): Promise<{ view: MessageView; job?: Job }> {
  const { member, input } = request;
  const copy = copyForLocale(member.locale);
  const { t } = copy;
  const channel = request.elsewhere ?? member.channel;
  const inThread = channel.type !== undefined && THREAD_TYPES.has(channel.type);
  const decision = await deps.admit({
    guildId: member.guildId,
    channelId: channel.id,
    parentChannelId: inThread ? channel.parentId : null,
    userId: member.userId,
    roleIds: member.roleIds,
    input,
    estimateUsd: deps.service.estimate(input, request.modelId ?? DEFAULT_MODEL_ID),
    kind: request.kind ?? 'new',
    ...(request.modelId === undefined ? {} : { modelId: request.modelId }),
    parentId: request.parentId ?? null,
    ...(request.takeGroup ? { takeGroup: request.takeGroup } : {}),
  });
  if (!decision.ok) return { view: message(copy.admissionRefusalText(decision.refusal)) };

  const log = deps.logger.child({ guildId: member.guildId, userId: member.userId });
  let job = decision.job;
  try {
    const card = copyFor(await deps.publicLanguage(member.guildId));
    const placed = await placeStatusMessage(deps, job, channel.type, log, card, request.images ?? []);
    if (!placed) return { view: message(t('refusal.cannotPostHere')) };
    job = placed;
  } catch (error) {
    // Not sent yet, so nothing is billed: end the job (its final message says so) rather than
    // leave a row no poller will touch until the next restart.
    await deps.service.failUnsent(job.id, 'start_failed');
    throw error;
  }

  const place = job.threadId ? `<#${job.threadId}>` : request.elsewhere ? `<#${request.elsewhere.id}>` : t('start.thisChannel');
  // In the server's line: the poller sends it when a slot frees, and its card says where it stands.
  if (job.state === 'waiting') return { view: message(waitingAnswer(copy, job.estimateUsd, job.queuePosition, place)), job };
  job = await deps.service.submit(job.id);
  await deps.messages.refreshStatus(job).catch((error: unknown) => log.warn({ err: error, jobId: job.id }, 'status edit failed'));
  // Still submitting: the provider took it and only its record failed, so it is not a refusal.
  if (job.state === 'queued' || job.state === 'submitting') {
    return { view: message(t('start.queued', { estimate: copy.usd(job.estimateUsd), place })), job };
  }
  return { view: message(copy.endingReason(job) ?? t('start.notStarted')), job };
}

/** Posts the status card and opens its thread; undefined when the channel refuses the bot. */
async function placeStatusMessage(
  deps: HandlerDeps,
  created: Job,
  channelType: ChannelType | undefined,
  log: HandlerDeps['logger'],
  card: Copy,
  images: readonly StartImage[],
): Promise<Job | undefined> {
  let job = created;
  let statusMessageId: string;
  let links: ImageLinks | undefined;
  try {
    const files = images.map((image) => ({
      name: `${image.role}.${image.contentType === 'image/png' ? 'png' : 'jpg'}`,
      data: image.bytes,
      contentType: image.contentType,
    }));
    const start = files.find((file) => file.name.startsWith('start.'));
    const status = await deps.poster.post(job.channelId, {
      flags: COMPONENTS_V2.flag,
      components: renderStatusCard(job, deps.clock.now(), card, {}, start ? `attachment://${start.name}` : undefined),
      nonce: messageNonce('status', job.id),
      ...(files.length ? { files } : {}),
    });
    statusMessageId = status.id;
    if (files.length) {
      // The bot's own copies: they outlive the member's message, and their links can be renewed.
      links = {};
      for (const image of images) {
        const name = files.find((file) => file.name.startsWith(`${image.role}.`))?.name;
        const url = status.attachments.find((attachment) => attachment.filename === name)?.url;
        if (url) links[image.role] = url;
      }
    }
  } catch (error) {
    const code = discordErrorCode(error);
    if (code !== DiscordCodes.MissingAccess && code !== DiscordCodes.MissingPermissions && discordStatus(error) !== 403) throw error;
    // Without a message of its own the bot could never report the result: refuse now,
    // before anything is sent (and billed).
    log.warn({ jobId: job.id, code }, 'cannot post in this channel');
    await deps.service.refuseUnpostable(job.id);
    return undefined;
  }
  job = (await deps.service.recordPlacement(job.id, { statusMessageId, ...(links ? { images: links } : {}) })) ?? job;

  if (channelType !== undefined && THREADABLE.has(channelType)) {
    try {
      const thread = await deps.poster.startThread(job.channelId, statusMessageId, threadName(job));
      job = (await deps.service.recordPlacement(job.id, { threadId: thread.id })) ?? job;
    } catch (error) {
      const code = discordErrorCode(error);
      log.info({ jobId: job.id, code }, 'no thread for this job; answering in the channel');
      if (code !== DiscordCodes.MissingPermissions && code !== DiscordCodes.MissingAccess) {
        log.warn({ err: error, jobId: job.id }, 'thread creation failed');
      }
    }
  } else {
    log.info({ jobId: job.id, channelType }, 'channel takes no threads; answering in place');
  }
  return job;
}

/** The answer to a member whose video waits in the server's line, with its place when known. */
export function waitingAnswer({ t, usd }: Copy, estimateUsd: number, position: number | null, place: string): string {
  return position === null
    ? t('start.waiting', { estimate: usd(estimateUsd), place })
    : t('start.waitingAt', { estimate: usd(estimateUsd), position, place });
}
