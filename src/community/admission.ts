/**
 * Whether a member may start a video here.
 *
 * {@link decideAdmission} is pure: settings, usage and the time come in, a decision comes out.
 * The request type is declared here rather than imported from the Discord layer so the core
 * depends on nothing above it; `discord/context.ts`'s `AdmissionRequest` fits it as is, and a
 * refusal is an `AdmissionDecision` with a `reason` added. {@link makeAdmission} is the same
 * decision over the stores, with the limits that depend on other jobs (videos in progress,
 * budgets) decided by the job store in the transaction that writes the job.
 */

import type { Job, JobKind } from '../jobs/job.js';
import type { CreateRefusal, JobStore } from '../jobs/jobStore.js';
import { type AdmissionLimits, type AdmissionUsage, checkLimits } from '../jobs/limits.js';
import { formatUsd } from '../model/pricing.js';
import type { VideoInput } from '../model/videoInput.js';
import { findBlockedPhrase } from './blockedPhrases.js';
import type { GuildSettings, GuildSettingsStore } from './guildSettings.js';
import { nextResetAt } from './spendLedger.js';

export type { AdmissionUsage } from '../jobs/limits.js';

/** A request to start a job, in plain ids. */
export interface AdmissionCandidate {
  guildId: string;
  channelId: string;
  /** The parent channel when the request came from a thread. */
  parentChannelId: string | null;
  userId: string;
  roleIds: readonly string[];
  input: Pick<VideoInput, 'prompt' | 'negative_prompt' | 'multi_prompt'>;
  estimateUsd: number;
}

export type RefusalReason = 'channel' | 'role' | 'blocked' | CreateRefusal['kind'];

export type AdmissionVerdict = { ok: true } | { ok: false; message: string; reason: RefusalReason };

/** Beyond this, a list of allowed channels would crowd the message; the rest are counted. */
const CHANNELS_LISTED = 10;

type Refusal = { ok: false; message: string; reason: RefusalReason };

function refuse(reason: RefusalReason, message: string): Refusal {
  return { ok: false, reason, message };
}

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

/** "3 h 12 min", rounded up to the minute so it never says "0 min" before the reset. */
export function formatTimeUntil(ms: number): string {
  const minutes = Math.max(1, Math.ceil(ms / 60_000));
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return `${rest} min`;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

function labelledTexts(input: AdmissionCandidate['input']): { where: string; text: string }[] {
  const texts = [{ where: 'your prompt', text: input.prompt }];
  if (input.negative_prompt) texts.push({ where: 'your negative prompt', text: input.negative_prompt });
  for (const [i, shot] of (input.multi_prompt ?? []).entries()) {
    texts.push({ where: `the prompt of shot ${i + 1}`, text: shot.prompt });
  }
  return texts;
}

/** The server's limits, as the job store applies them. */
export function limitsOf(settings: GuildSettings): AdmissionLimits {
  return {
    maxUnfinishedPerMember: settings.maxConcurrentPerMember,
    memberDailyBudgetUsd: settings.dailyBudgetPerMemberUsd,
    serverDailyBudgetUsd: settings.dailyBudgetPerServerUsd,
  };
}

/** Channel, role and blocked phrases: what the request alone decides. */
function checkRequest(request: AdmissionCandidate, settings: GuildSettings): AdmissionVerdict {
  const allowed = settings.allowedChannelIds;
  const inAllowedChannel =
    allowed.length === 0 ||
    allowed.includes(request.channelId) ||
    (request.parentChannelId !== null && allowed.includes(request.parentChannelId));
  if (!inAllowedChannel) {
    return refuse('channel', `Videos can't be made in this channel. Use ${listChannels(allowed)} instead.`);
  }

  if (settings.requiredRoleId !== null && !request.roleIds.includes(settings.requiredRoleId)) {
    return refuse(
      'role',
      `You need the <@&${settings.requiredRoleId}> role to make videos on this server. Ask a moderator if you think you should have it.`,
    );
  }

  if (settings.blockedPhrases.length > 0) {
    for (const { where, text } of labelledTexts(request.input)) {
      const phrase = findBlockedPhrase([text], settings.blockedPhrases);
      if (phrase !== undefined) {
        return refuse(
          'blocked',
          `Your video was not started: ${where} contains "${escapeMarkdown(phrase)}", which is blocked on this server. Reword it and try again.`,
        );
      }
    }
  }
  return { ok: true };
}

/** What the member reads when the job store refused the job. */
export function describeCreateRefusal(refusal: CreateRefusal, estimateUsd: number, now: number): string {
  const resets = `resets at 00:00 UTC, in ${formatTimeUntil(nextResetAt(now) - now)}`;
  const estimate = formatUsd(estimateUsd);
  switch (refusal.kind) {
    case 'concurrency': {
      const videos = refusal.unfinishedJobs === 1 ? 'video' : 'videos';
      return `You already have ${refusal.unfinishedJobs} ${videos} in progress; the limit here is ${refusal.limit}. One frees up when a video finishes.`;
    }
    case 'member_budget': {
      if (refusal.budgetUsd === 0) {
        return 'Members have no budget for videos on this server (the daily budget per member is $0). Ask a moderator.';
      }
      const left = refusal.budgetUsd - refusal.spentUsd;
      const hint =
        left > 0 && estimateUsd > 0 ? ` You have ${formatUsd(left)} left today; a shorter video, or one without sound, costs less.` : '';
      return `This video is estimated at ${estimate}, and you have spent ${formatUsd(refusal.spentUsd)} today of your daily budget of ${formatUsd(refusal.budgetUsd)} on this server.${hint} Your budget ${resets}.`;
    }
    case 'server_budget':
      if (refusal.budgetUsd === 0) return 'This server has no budget for videos (its daily budget is $0). Ask a moderator.';
      return `This video is estimated at ${estimate}, and this server has spent ${formatUsd(refusal.spentUsd)} today of its daily budget of ${formatUsd(refusal.budgetUsd)}. The server's budget ${resets}.`;
    case 'already_retried':
      return `This video was already retried: job \`${refusal.retryId}\`.`;
  }
}

/**
 * Checks, in order: channel, role, blocked phrases, videos in progress, the member's daily
 * budget, the server's daily budget. The first that fails is the one the member hears about,
 * so the cheapest fix comes first and nobody is told about a budget in a channel they cannot
 * use anyway.
 */
export function decideAdmission(
  request: AdmissionCandidate,
  settings: GuildSettings,
  usage: AdmissionUsage,
  now: number,
): AdmissionVerdict {
  const early = checkRequest(request, settings);
  if (!early.ok) return early;
  const refusal = checkLimits(usage, limitsOf(settings), request.estimateUsd);
  return refusal ? refuse(refusal.kind, describeCreateRefusal(refusal, request.estimateUsd, now)) : { ok: true };
}

/** A request to start a job with everything its row needs. */
export interface AdmissionJobRequest extends AdmissionCandidate {
  input: VideoInput;
  kind?: JobKind;
  parentId?: string | null;
}

export type AdmissionOutcome = { ok: true; job: Job } | { ok: false; message: string; reason: RefusalReason };

export interface AdmissionDeps {
  settings: GuildSettingsStore;
  jobs: Pick<JobStore, 'createWithinLimits'>;
  now: () => number;
}

/**
 * `decideAdmission` over the stores, writing the job when it is admitted: what main.ts hands to
 * the bot as `admit`. The checks that depend on other jobs run inside the store's transaction.
 */
export function makeAdmission(deps: AdmissionDeps): (request: AdmissionJobRequest) => Promise<AdmissionOutcome> {
  return async (request) => {
    const settings = await deps.settings.get(request.guildId);
    const early = checkRequest(request, settings);
    if (!early.ok) return early;
    const created = await deps.jobs.createWithinLimits(
      {
        guildId: request.guildId,
        channelId: request.channelId,
        userId: request.userId,
        input: request.input,
        estimateUsd: request.estimateUsd,
        kind: request.kind ?? 'new',
        parentId: request.parentId ?? null,
      },
      limitsOf(settings),
    );
    if (created.ok) return created;
    return refuse(created.refusal.kind, describeCreateRefusal(created.refusal, request.estimateUsd, deps.now()));
  };
}
