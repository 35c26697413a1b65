/**
 * Every sentence a member reads, keyed by what happened, with the data as parameters. The core
 * returns kinds and data (a job's `errorKind`, an admission refusal, a cancel outcome); this is
 * the one place that words them, so the wording can change, or be translated, without touching
 * `jobs/` or `community/`.
 */
import type { AdmissionRefusal, TextPlace } from '../community/admission.js';
import { formatTimeUntil } from '../community/admission.js';
import { nextResetAt } from '../community/spendLedger.js';
import type { Job } from '../jobs/job.js';
import type { CancelOutcome } from '../jobs/jobService.js';
import type { DownloadErrorKind } from '../media/download.js';
import { formatUsd } from '../model/pricing.js';
import { DURATION_MAX_SECONDS, DURATION_MIN_SECONDS, PROMPT_MAX_CHARS } from '../model/videoInput.js';
import { truncate } from '../text/truncate.js';

/** Beyond this, a list of allowed channels would crowd the message; the rest are counted. */
const CHANNELS_LISTED = 10;

function listChannels(ids: readonly string[]): string {
  const mentions = ids.slice(0, CHANNELS_LISTED).map((id) => `<#${id}>`);
  const more = ids.length - mentions.length;
  if (more > 0) return `${mentions.join(', ')} and ${more} more`;
  if (mentions.length === 1) return mentions[0] ?? '';
  return `${mentions.slice(0, -1).join(', ')} or ${mentions.at(-1) ?? ''}`;
}

/** Markdown in a moderator's phrase must not restyle the message around it. */
function escapeMarkdown(text: string): string {
  return text.replace(/[\\*_~`|>[\]()]/g, '\\$&');
}

function placeName(place: TextPlace): string {
  switch (place.field) {
    case 'prompt':
      return 'your prompt';
    case 'negative_prompt':
      return 'your negative prompt';
    case 'shot':
      return `the prompt of shot ${place.shot}`;
  }
}

/** What the member reads when admission refused a request. */
export function admissionRefusalText(refusal: AdmissionRefusal): string {
  switch (refusal.kind) {
    case 'channel':
      return `Videos can't be made in this channel. Use ${listChannels(refusal.allowedChannelIds)} instead.`;
    case 'role':
      return `You need the <@&${refusal.roleId}> role to make videos on this server. Ask a moderator if you think you should have it.`;
    case 'blocked':
      return `Your video was not started: ${placeName(refusal.place)} contains "${escapeMarkdown(refusal.phrase)}", which is blocked on this server. Reword it and try again.`;
    case 'already_retried':
      return `This video was already retried: job \`${refusal.retryId}\`.`;
    case 'concurrency': {
      const videos = refusal.unfinishedJobs === 1 ? 'video' : 'videos';
      return `You already have ${refusal.unfinishedJobs} ${videos} in progress; the limit here is ${refusal.limit}. One frees up when a video finishes.`;
    }
    case 'server_busy':
      return `This server already has ${refusal.activeJobs} videos in progress, its limit, and keeps no waiting line. Try again when one finishes.`;
    case 'line_full': {
      const videos = refusal.waitingJobs === 1 ? 'video' : 'videos';
      return `You already have ${refusal.waitingJobs} ${videos} waiting in this server's line, its limit. Your next one can join when one of them starts.`;
    }
    case 'member_budget':
    case 'server_budget':
      return budgetRefusalText(refusal);
  }
}

function budgetRefusalText(refusal: Extract<AdmissionRefusal, { kind: 'member_budget' | 'server_budget' }>): string {
  const resets = `resets at 00:00 UTC, in ${formatTimeUntil(nextResetAt(refusal.at) - refusal.at)}`;
  const estimate = formatUsd(refusal.estimateUsd);
  if (refusal.kind === 'server_budget') {
    if (refusal.budgetUsd === 0) return 'This server has no budget for videos (its daily budget is $0). Ask a moderator.';
    return `This video is estimated at ${estimate}, and this server has spent ${formatUsd(refusal.spentUsd)} today of its daily budget of ${formatUsd(refusal.budgetUsd)}. The server's budget ${resets}.`;
  }
  if (refusal.budgetUsd === 0) {
    return 'Members have no budget for videos on this server (the daily budget per member is $0). Ask a moderator.';
  }
  const left = refusal.budgetUsd - refusal.spentUsd;
  const hint =
    left > 0 && refusal.estimateUsd > 0
      ? ` You have ${formatUsd(left)} left today; a shorter video, or one without sound, costs less.`
      : '';
  return `This video is estimated at ${estimate}, and you have spent ${formatUsd(refusal.spentUsd)} today of your daily budget of ${formatUsd(refusal.budgetUsd)} on this server.${hint} Your budget ${resets}.`;
}

const OUTCOME_UNKNOWN =
  'The connection to the video provider broke while this job was being submitted, so it is not known whether the provider accepted it. ' +
  'It was not sent again, to avoid paying twice. If no video arrives, try again.';

/** The provider's refusals of a submit, by error kind (`input_rejected` carries its own words). */
const SUBMIT_REFUSALS: Readonly<Record<string, string>> = {
  auth: "The video service refused the bot's credentials. The bot's operator must fix its RunComfy token or settings.",
  balance: "The bot's video service account is out of credit. The bot's operator needs to top it up.",
  input_rejected: 'The video service rejected this request.',
  rate_limited: 'The video service is busy right now. Try again in a minute.',
  unavailable: 'The video service is having trouble. Try again later.',
  malformed: 'The video service sent an answer the bot could not understand. Try again later.',
  submit_failed: 'The video provider could not take this job. Try again in a few minutes.',
};

/** Releases before this one wrote the whole sentence; the provider's own words follow this. */
const LEGACY_PROVIDER_FAILED_LEAD = 'The provider could not make this video: ';

/**
 * The provider's own reason, shown as it wrote it. Rows from older releases hold it inside an
 * English sentence; newer ones hold it alone.
 */
function providerReason(job: Pick<Job, 'errorMessage'>): string | undefined {
  const text = job.errorMessage?.trim();
  if (!text || text === 'The provider could not make this video.') return undefined;
  return text.startsWith(LEGACY_PROVIDER_FAILED_LEAD) ? text.slice(LEGACY_PROVIDER_FAILED_LEAD.length) : text;
}

/**
 * Why a job ended without a video, from its `errorKind` and data. A kind this release does not
 * know (a row from an older one) falls back to the text the row carries.
 */
/** Whole minutes from submission to the end: how long the member's video waited. */
function waitedMinutes(job: Pick<Job, 'submittedAt' | 'createdAt' | 'finishedAt' | 'updatedAt'>): number {
  const from = job.submittedAt ?? job.createdAt;
  return Math.max(1, Math.floor(((job.finishedAt ?? job.updatedAt) - from) / 60_000));
}

type EndingFacts = Pick<
  Job,
  'state' | 'errorKind' | 'errorMessage' | 'submittedAt' | 'startedAt' | 'createdAt' | 'finishedAt' | 'updatedAt'
>;

/** 1st, 2nd, 3rd, 4th … 11th, 12th, 13th … 21st. */
export function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  switch (n % 10) {
    case 1:
      return `${n}st`;
    case 2:
      return `${n}nd`;
    case 3:
      return `${n}rd`;
    default:
      return `${n}th`;
  }
}

/** Whole minutes from the request to the end: how long a video waited in the server's line. */
function lineMinutes(job: Pick<Job, 'createdAt' | 'finishedAt' | 'updatedAt'>): number {
  return Math.max(1, Math.floor(((job.finishedAt ?? job.updatedAt) - job.createdAt) / 60_000));
}

export function endingReason(job: EndingFacts): string | undefined {
  switch (job.errorKind) {
    case 'waited_too_long':
      return `Your video waited more than ${lineMinutes(job)} minutes in this server's line, so the bot cancelled it; nothing was sent or billed.`;
    case 'start_failed':
      return 'The bot hit an error while starting this video; nothing was sent to the provider. Please try again.';
    case 'cannot_post':
      return 'The bot cannot post messages in this channel.';
    case 'outcome_unknown':
      return OUTCOME_UNKNOWN;
    case 'not_a_video':
      return 'The provider returned something that is not a video, so the bot did not post it.';
    case 'no_video':
      return 'The provider finished the job but returned no video.';
    case 'provider_failed': {
      const reason = providerReason(job);
      return reason ? `${LEGACY_PROVIDER_FAILED_LEAD}${reason}` : 'The provider could not make this video.';
    }
    case 'not_found':
      return 'The provider no longer knows this job (its record expired), so its result cannot be fetched.';
    case 'cancelled':
      if (job.submittedAt === null) return 'Your video was cancelled before it was sent to the provider.';
      return job.startedAt === null
        ? 'Your video was cancelled while it waited in the queue; it was not billed.'
        : 'Your video was cancelled at the provider.';
    case 'timed_out':
      return job.state === 'cancelled'
        ? `Your video waited more than ${waitedMinutes(job)} minutes in the provider's queue, so the bot cancelled it; it was not billed.`
        : `The provider did not finish this video within ${waitedMinutes(job)} minutes, so the bot stopped waiting.`;
    case 'input_rejected':
      // The provider's own words when it gave any.
      return job.errorMessage ?? SUBMIT_REFUSALS.input_rejected;
    default: {
      const known = job.errorKind ? SUBMIT_REFUSALS[job.errorKind] : undefined;
      return known ?? job.errorMessage ?? undefined;
    }
  }
}

/** The one-line state on the status card and in listings. */
export function stateText(
  job: EndingFacts & Pick<Job, 'deletedAt' | 'queuePosition' | 'cancelRefusedAt'>,
  elapsed: (ms: number) => string,
  now: number,
): string {
  if (job.deletedAt !== null) return '🗑️ Removed by its maker or a moderator';
  switch (job.state) {
    case 'waiting':
      return job.queuePosition === null
        ? "🧍 Waiting in this server's line"
        : `🧍 Waiting: ${ordinal(job.queuePosition)} in this server's line`;
    case 'created':
    case 'submitting':
      return '⏳ Sending to the provider…';
    case 'queued':
      if (job.queuePosition === null) return '🕒 In the queue';
      return job.queuePosition === 0 ? '🕒 In the queue, next up' : `🕒 In the queue, position ${job.queuePosition}`;
    case 'running': {
      const since = job.startedAt === null ? '' : ` for ${elapsed(now - job.startedAt)}`;
      const note = job.cancelRefusedAt !== null ? ' (already rendering: it can no longer be cancelled and will be billed)' : '';
      return `🎬 Rendering${since}${note}`;
    }
    case 'succeeded':
      return '✅ Done';
    case 'failed':
      return `❌ Failed: ${endingReason(job) ?? 'unknown reason'}`;
    case 'cancelled':
      return `🚫 ${endingReason(job) ?? 'Cancelled'}`;
    case 'timed_out':
      return `⌛ ${endingReason(job) ?? 'Timed out'}`;
    case 'outcome_unknown':
      return `⚠️ ${endingReason(job) ?? 'Outcome unknown'}`;
  }
}

/** The final message of a job that did not produce a video. */
export function finalFailureText(job: Job): string {
  const reason = endingReason(job);
  switch (job.state) {
    case 'cancelled':
      return `<@${job.userId}> ${reason ?? 'Your video was cancelled.'}`;
    case 'timed_out':
      return `<@${job.userId}> ${reason ?? 'Your video timed out.'}`;
    case 'outcome_unknown':
      return `<@${job.userId}> ${reason ?? 'it is not known whether the provider accepted this job.'}`;
    default:
      return `<@${job.userId}> your video could not be made. ${reason ?? ''}`.trim();
  }
}

export const CANCEL_REPLIES: Readonly<Record<CancelOutcome['outcome'], string>> = {
  cancelled: 'Cancelled. It was still waiting in the queue, so it will not be billed.',
  not_cancellable: 'Too late to cancel: the provider is already rendering this video, so it will finish and be billed.',
  already_finished: 'This video has already finished, so there is nothing to cancel.',
  submitting: 'This video is being sent to the provider right now; try again in a moment.',
  not_found: 'That job no longer exists.',
};

/** Why an action on a job was refused before anything was done. */
export const REFUSALS = {
  notInServer: 'I work in servers only.',
  notInServerChannel: 'Videos can only be made in a server channel.',
  unknownSubcommand: 'Unknown subcommand.',
  foreignButton: 'That button does not belong to a job in this server.',
  foreignForm: 'That form is not one of mine.',
  cancelNotOwner: 'This is not your video, so you cannot cancel it. Only the member who asked for it or a moderator can.',
  retryNotOwner: 'Only the member who asked for this video (or a moderator) can retry it; Edit & retry makes your own version.',
  retryWrongState: 'Only a failed or cancelled video can be retried; use Remix to make a variation.',
  alreadyRetried: (retryId: string) => `This video was already retried: job \`${retryId}\`.`,
  remixRemoved: 'This video was removed by its maker or a moderator, so it cannot be remixed.',
  remixParentGone: 'The video you are remixing no longer exists.',
  remixChannelClosed:
    'This video was made in a channel you cannot see or post in, so its remix cannot be made there. ' +
    'Use `/video create` in a channel where you can post; nothing was sent or billed.',
  shareNotOwner: 'Only the member who made this video (or a moderator) can share it.',
  deleteNotOwner: 'Only the member who made this video or a moderator can delete it.',
  deleteChanged: 'That video changed meanwhile; try again.',
  manageServerOnly: 'Only members with the Manage Server permission can change the video bot’s settings.',
  pickChannel: 'Pick a channel for that action.',
  givePhrase: 'Give the phrase for that action.',
  unknownSetting: 'Unknown setting.',
  cannotPostHere:
    'I cannot post messages in this channel, so I did not start your video. Ask a moderator to let me send messages here, or try another channel.',
} as const;

/** Answers to the member who asked for a video. */
export const START = {
  queued: (estimateUsd: number, place: string) =>
    `Your video is in the queue (about ${formatUsd(estimateUsd)}). I will post it in ${place} when it is ready.`,
  waiting: (estimateUsd: number, position: number | null, place: string) =>
    `This server is at its limit of videos in progress, so yours waits in its line${position === null ? '' : ` (${ordinal(position)})`}; about ${formatUsd(estimateUsd)} is set aside from your budget. It starts when a slot frees, and I will post it in ${place} when it is ready. Cancel costs nothing while it waits.`,
  thisChannel: 'this channel',
  notStarted: 'Your video could not be started.',
} as const;

/** How a share ended, as the showcase reports it. */
export type ShareProblem =
  | { kind: 'no_showcase' }
  | { kind: 'not_finished' }
  | { kind: 'in_progress' }
  | { kind: 'deleted_meanwhile' }
  | { kind: 'file_gone' }
  | { kind: 'too_large'; limitBytes?: number }
  | { kind: 'cannot_post'; channelId: string };

export function shareProblemText(problem: ShareProblem): string {
  switch (problem.kind) {
    case 'no_showcase':
      return 'This server has no showcase channel; a manager can set one with `/video-settings showcase`.';
    case 'not_finished':
      return 'Only a finished video can be shared.';
    case 'in_progress':
      return 'This video is being shared right now.';
    case 'deleted_meanwhile':
      return 'This video was deleted meanwhile, so it was not shared.';
    case 'file_gone':
      return 'The video file is no longer available (the provider’s link has expired and it is not in the bot’s cache), so it cannot be shared.';
    case 'too_large':
      return problem.limitBytes === undefined
        ? 'The video is larger than this server’s upload limit, so it cannot be re-uploaded to the showcase.'
        : `This video is larger than this server's upload limit (${Math.round(problem.limitBytes / 1024 / 1024)} MiB), so it cannot be re-uploaded to the showcase.`;
    case 'cannot_post':
      return `I cannot post in <#${problem.channelId}>; ask a manager to check my permissions there.`;
  }
}

export const SHARE = {
  shared: (channelId: string, link: string) => `Shared to <#${channelId}>: ${link}`,
  already: (link: string) => `Already in the showcase: ${link}`,
  postContent: (userId: string) => `🎬 A video by <@${userId}>`,
} as const;

export const DELETE = {
  done: 'Deleted: the video and its showcase post are gone.',
  partly:
    'Deleted from the bot, but Discord would not let me remove every message (the thread may be locked); a moderator can delete what is left.',
  threadName: '🎬 removed video',
} as const;

export const FAILURE = {
  somethingWrong: 'Something went wrong on my side; nothing was lost. Please try again in a moment.',
  restarting: 'The bot is restarting; try again in a few seconds.',
} as const;

/** The text of `/video jobs` and `/video status`. */
export const LISTING = {
  removedPrompt: '(removed)',
  recentTitle: '**Your recent videos**',
  none: 'You have not made any videos here yet. Try `/video create`.',
  noSuchJob: (id: string) => `There is no job \`${truncate(id, 20)}\` in this server.`,
  jobTitle: (id: string, userId: string) => `**Job \`${id}\`** by <@${userId}>`,
  cost: (job: Pick<Job, 'costUsd' | 'estimateUsd'>) =>
    job.costUsd !== null ? formatUsd(job.costUsd) : `about ${formatUsd(job.estimateUsd)}`,
  thread: (threadId: string) => `Thread: <#${threadId}>`,
  message: (link: string) => `Message: ${link}`,
} as const;

export interface UsageFacts {
  mineUsd: number;
  serverUsd: number;
  memberBudgetUsd: number | null;
  serverBudgetUsd: number | null;
  /** Today's jobs by state, in the order first seen. */
  byState: readonly (readonly [string, number])[];
  unfinished: number;
  maxConcurrent: number;
  msUntilReset: number;
  /** The server's line: how many wait, and how many of them are the member's. */
  line?: { waiting: number; mine: number };
}

export function usageLines(facts: UsageFacts): string[] {
  const against = (spent: number, budget: number | null) =>
    budget === null
      ? `${formatUsd(spent)} (no limit)`
      : `${formatUsd(spent)} of ${formatUsd(budget)} (${formatUsd(Math.max(0, budget - spent))} left)`;
  const states = facts.byState.map(([state, n]) => `${n} ${state.replace('_', ' ')}`).join(', ') || 'none';
  return [
    '**Your usage today** (UTC day)',
    `You: ${against(facts.mineUsd, facts.memberBudgetUsd)}`,
    `Whole server: ${against(facts.serverUsd, facts.serverBudgetUsd)}`,
    `Your videos today: ${states}`,
    `In progress now: ${facts.unfinished} of ${facts.maxConcurrent} allowed at once`,
    ...(facts.line && facts.line.waiting > 0 ? [`Waiting in this server's line: ${facts.line.waiting} (yours: ${facts.line.mine})`] : []),
    `Budgets reset at 00:00 UTC, in ${formatTimeUntil(facts.msUntilReset)}.`,
  ];
}

export function helpLines(prices: { perSecond: number; perSecondWithSound: number }): string[] {
  return [
    '**Making videos with Kling 3.0 Pro**',
    `• \`/video create prompt:…\` describes one scene: subject, action, camera and mood, up to ${PROMPT_MAX_CHARS.toLocaleString('en-US')} characters. Options set the length (${DURATION_MIN_SECONDS}–${DURATION_MAX_SECONDS} s), the frame (16:9, 9:16, 1:1), sound, and what to avoid.`,
    '• `/video multishot` opens a form: one shot per line as `seconds | prompt`, for example `5 | a fox runs through snow`. The video lasts as long as its shots.',
    '• I post a status card with a Cancel button and open a thread for it; the video arrives in the thread. Cancel works while the video waits in the queue; once it renders it is billed.',
    '• Finished videos can be shared to the showcase, remixed (a form with the prompt filled in) or deleted; failed ones can be retried.',
    `• Cost: about ${formatUsd(prices.perSecondWithSound)} a second with sound, ${formatUsd(prices.perSecond)} without. \`/video usage\` shows today's spending, \`/video jobs\` your recent videos.`,
    'Rendering usually takes 2 to 10 minutes.',
  ];
}

export const FORM = {
  multishotTitle: 'Multi-shot video',
  remixTitle: 'Remix this video',
  prompt: { label: 'Prompt (the whole video)', placeholder: 'A rainy neon street at night, cinematic' },
  shots: {
    label: 'Shots: one per line, "seconds | prompt"',
    placeholder: '5 | wide shot of the street\n5 | close-up on a cat in a window',
  },
  negativePrompt: { label: 'Avoid (optional)', placeholder: 'blurry, text, watermark' },
  settings: { label: 'Settings (optional)', placeholder: 'duration=10 aspect_ratio=9:16 sound=off cfg_scale=0.5' },
} as const;

export const SETTINGS = {
  saved: 'Saved.',
  title: '**Video bot settings**',
  none: 'none',
  everywhere: 'everywhere',
  noLimit: 'no limit',
  on: 'on',
  off: 'off',
  showcase: (value: string) => `Showcase channel: ${value}`,
  autoShare: (value: string) => `Auto-share finished videos: ${value}`,
  channels: (value: string) => `Allowed channels: ${value}`,
  role: (value: string) => `Required role: ${value}`,
  blocked: (value: string) => `Blocked phrases: ${value}`,
  concurrent: (n: number) => `Videos in progress per member: ${n}`,
  serverConcurrent: (n: number) => `Videos in progress for the server: ${n}`,
  line: (perMember: number, minutes: number) =>
    perMember === 0
      ? 'Waiting line: off (a video over a limit is refused)'
      : `Waiting line: up to ${perMember} per member, each for up to ${formatTimeUntil(minutes * 60_000)}`,
  memberBudget: (value: string) => `Daily budget per member: ${value}`,
  serverBudget: (value: string) => `Daily budget for the server: ${value}`,
} as const;

export const STATUS_CARD = {
  removedTitle: 'Video removed',
  requestedBy: 'Requested by',
  settings: 'Settings',
  cost: 'Cost',
  avoid: 'Avoid',
  status: 'Status',
  title: (kind: Job['kind']) => (kind === 'remix' ? 'Video remix' : kind === 'retry' ? 'Video (retry)' : 'Video'),
  footer: (id: string) => `Job ${id}`,
} as const;

/** Why a finished video could not be fetched for upload, by the download's error kind. */
const FETCH_PROBLEMS: Readonly<Record<DownloadErrorKind, string>> = {
  bad_url: 'The video link from the video service is not a web link the bot can fetch.',
  not_video: 'The video service returned something that is not a video.',
  too_large: 'The video is too large to upload here.',
  expired: 'The video link has expired.',
  http_error: 'The video could not be fetched from the video service.',
  timeout: 'Fetching the video took too long.',
  network: 'The video could not be fetched because of a network problem.',
};

/** The final message of a job that made a video; the link leads go before the provider's URL. */
export const DELIVERY = {
  ready: (userId: string) => `<@${userId}> your video is ready!`,
  tooLargeLead: (userId: string, sizes?: { bytes?: number | undefined; limitBytes: number }) =>
    sizes
      ? `<@${userId}> your video is ready! It is too large to upload here (${sizes.bytes ? `${mib(sizes.bytes)}, ` : ''}this server's limit is ${mib(sizes.limitBytes)}), so here is the provider's link; it expires, so save the file soon:`
      : `<@${userId}> your video is ready! It is too large to upload here, so here is the provider's link; it expires, so save the file soon:`,
  noUploadLead: (userId: string) =>
    `<@${userId}> your video is ready, but I may not upload files here, so here is the provider's link; it expires, so save the file soon:`,
  cannotFetch: (userId: string, kind: DownloadErrorKind) =>
    `<@${userId}> your video was made, but the bot could not fetch it: ${FETCH_PROBLEMS[kind]}`,
} as const;

function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

/** The labels of a status card's buttons. */
export const BUTTON_LABELS = {
  cancel: 'Cancel',
  cannotCancel: 'Rendering: can no longer cancel',
  share: 'Share to showcase',
  shared: 'Shared to showcase',
  remix: 'Remix',
  delete: 'Delete',
  retry: 'Retry',
  retried: 'Retried',
  editAndRetry: 'Edit & retry',
} as const;
