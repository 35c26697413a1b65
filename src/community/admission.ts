/**
 * Whether a member may start a video here, decided before anything is written or sent.
 *
 * {@link decideAdmission} is pure: settings, usage and the time come in, a decision comes out.
 * The request type is declared here rather than imported from the Discord layer so the core
 * depends on nothing above it; `discord/context.ts`'s `AdmissionRequest` fits it as is, and a
 * refusal is an `AdmissionDecision` with a `reason` added.
 */

import { formatUsd } from '../model/pricing.js';
import type { VideoInput } from '../model/videoInput.js';
import { findBlockedPhrase } from './blockedPhrases.js';
import type { GuildSettings, GuildSettingsStore } from './guildSettings.js';
import { nextResetAt, type SpendLedger } from './spendLedger.js';

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

export type RefusalReason = 'channel' | 'role' | 'blocked' | 'concurrency' | 'member_budget' | 'server_budget';

export type AdmissionVerdict = { ok: true } | { ok: false; message: string; reason: RefusalReason };

/** What the member and the server have going and have spent today. */
export interface AdmissionUsage {
  /** The member's jobs in this server that have not reached a final state. */
  unfinishedJobs: number;
  memberSpentUsd: number;
  serverSpentUsd: number;
}

/** Beyond this, a list of allowed channels would crowd the message; the rest are counted. */
const CHANNELS_LISTED = 10;

function refuse(reason: RefusalReason, message: string): AdmissionVerdict {
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

/**
 * Micro-dollar precision: a budget of $5.00 must admit $4.16 spent plus a $0.84 estimate, which
 * in floating point adds up to 5.000000000000001.
 */
function exceeds(spent: number, estimate: number, budget: number): boolean {
  return Math.round((spent + estimate) * 1e6) > Math.round(budget * 1e6);
}

function labelledTexts(input: AdmissionCandidate['input']): { where: string; text: string }[] {
  const texts = [{ where: 'your prompt', text: input.prompt }];
  if (input.negative_prompt) texts.push({ where: 'your negative prompt', text: input.negative_prompt });
  for (const [i, shot] of (input.multi_prompt ?? []).entries()) {
    texts.push({ where: `the prompt of shot ${i + 1}`, text: shot.prompt });
  }
  return texts;
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

  const limit = settings.maxConcurrentPerMember;
  if (usage.unfinishedJobs >= limit) {
    const videos = usage.unfinishedJobs === 1 ? 'video' : 'videos';
    return refuse(
      'concurrency',
      `You already have ${usage.unfinishedJobs} ${videos} in progress; the limit here is ${limit}. One frees up when a video finishes.`,
    );
  }

  const resets = `resets at 00:00 UTC, in ${formatTimeUntil(nextResetAt(now) - now)}`;
  const estimate = formatUsd(request.estimateUsd);

  const memberBudget = settings.dailyBudgetPerMemberUsd;
  if (memberBudget !== null && exceeds(usage.memberSpentUsd, request.estimateUsd, memberBudget)) {
    if (memberBudget === 0) {
      return refuse(
        'member_budget',
        'Members have no budget for videos on this server (the daily budget per member is $0). Ask a moderator.',
      );
    }
    const left = memberBudget - usage.memberSpentUsd;
    const hint =
      left > 0 && request.estimateUsd > 0
        ? ` You have ${formatUsd(left)} left today; a shorter video, or one without sound, costs less.`
        : '';
    return refuse(
      'member_budget',
      `This video is estimated at ${estimate}, and you have spent ${formatUsd(usage.memberSpentUsd)} today of your daily budget of ${formatUsd(memberBudget)} on this server.${hint} Your budget ${resets}.`,
    );
  }

  const serverBudget = settings.dailyBudgetPerServerUsd;
  if (serverBudget !== null && exceeds(usage.serverSpentUsd, request.estimateUsd, serverBudget)) {
    if (serverBudget === 0) {
      return refuse('server_budget', 'This server has no budget for videos (its daily budget is $0). Ask a moderator.');
    }
    return refuse(
      'server_budget',
      `This video is estimated at ${estimate}, and this server has spent ${formatUsd(usage.serverSpentUsd)} today of its daily budget of ${formatUsd(serverBudget)}. The server's budget ${resets}.`,
    );
  }

  return { ok: true };
}

export interface AdmissionDeps {
  settings: GuildSettingsStore;
  ledger: SpendLedger;
  /** The member's jobs in this server that have not reached a final state. */
  countUnfinished: (guildId: string, userId: string) => number;
  now: () => number;
}

/** `decideAdmission` over the stores: what main.ts hands to the bot as `admit`. */
export function makeAdmission(deps: AdmissionDeps): (request: AdmissionCandidate) => AdmissionVerdict {
  return (request) => {
    const settings = deps.settings.get(request.guildId);
    // Sums only the budgets that are set: an unlimited server pays for no query.
    const usage: AdmissionUsage = {
      unfinishedJobs: deps.countUnfinished(request.guildId, request.userId),
      memberSpentUsd: settings.dailyBudgetPerMemberUsd === null ? 0 : deps.ledger.spentToday(request.guildId, request.userId),
      serverSpentUsd: settings.dailyBudgetPerServerUsd === null ? 0 : deps.ledger.spentToday(request.guildId),
    };
    return decideAdmission(request, settings, usage, deps.now());
  };
}
