/**
 * Whether a member may start a video here.
 *
 * {@link decideAdmission} is pure: settings, usage and the time come in, a decision comes out.
 * The request type is declared here rather than imported from the Discord layer so the core
 * depends on nothing above it. A refusal is a kind with its data; the chat layer words it. {@link makeAdmission} is the same
 * decision over the stores, with the limits that depend on other jobs (videos in progress,
 * budgets) decided by the job store in the transaction that writes the job.
 */

import type { Job, JobKind } from '../jobs/job.js';
import type { CreateRefusal, JobStore } from '../jobs/jobStore.js';
import { type AdmissionLimits, type AdmissionUsage, checkLimits } from '../jobs/limits.js';
import type { LineLimits } from '../jobs/line.js';
import { DEFAULT_MODEL_ID, modelById } from '../model/models.js';
import type { Tier } from '../model/tiers.js';
import type { FamilyInput, VideoInput } from '../model/videoInput.js';
import { findBlockedPhrase } from './blockedPhrases.js';
import type { GuildSettings, GuildSettingsStore } from './guildSettings.js';
import { allowedTiersOf, type TierRefusal, tierAllowed } from './tierChoice.js';

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
  /** The tier it is made in. @defaultValue none checked (a caller that names no model) */
  tier?: Tier;
}

export type RefusalReason = 'channel' | 'role' | 'blocked' | 'tier' | CreateRefusal['kind'];

/** Where in a request a blocked phrase was found. */
export type TextPlace = { field: 'prompt' } | { field: 'negative_prompt' } | { field: 'shot'; shot: number };

/**
 * Why a request was refused, with what a member needs to hear about it; the words are the chat
 * layer's. `estimateUsd` and `at` let the budget refusals say what is left and when it resets.
 */
export type AdmissionRefusal =
  | { kind: 'channel'; allowedChannelIds: readonly string[] }
  | { kind: 'role'; roleId: string }
  | { kind: 'blocked'; place: TextPlace; phrase: string }
  | TierRefusal
  | (CreateRefusal & { estimateUsd: number; at: number });

export type AdmissionVerdict = { ok: true } | { ok: false; reason: RefusalReason; refusal: AdmissionRefusal };

type Refusal = Extract<AdmissionVerdict, { ok: false }>;

function refuse(refusal: AdmissionRefusal): Refusal {
  return { ok: false, reason: refusal.kind, refusal };
}

function placedTexts(input: AdmissionCandidate['input']): { place: TextPlace; text: string }[] {
  const texts: { place: TextPlace; text: string }[] = [{ place: { field: 'prompt' }, text: input.prompt }];
  if (input.negative_prompt) texts.push({ place: { field: 'negative_prompt' }, text: input.negative_prompt });
  for (const [i, shot] of (input.multi_prompt ?? []).entries()) {
    texts.push({ place: { field: 'shot', shot: i + 1 }, text: shot.prompt });
  }
  return texts;
}

/** The server's limits, as the job store applies them. */
export function limitsOf(settings: GuildSettings): AdmissionLimits {
  return {
    maxUnfinishedPerMember: settings.maxConcurrentPerMember,
    maxActivePerServer: settings.maxConcurrentPerServer,
    maxWaitingPerMember: settings.maxWaitingPerMember,
    maxWaitMs: settings.maxWaitMinutes * 60_000,
    memberDailyBudgetUsd: settings.dailyBudgetPerMemberUsd,
    serverDailyBudgetUsd: settings.dailyBudgetPerServerUsd,
  };
}

/** The slot limits a server's line moves under. */
export function lineOfSettings(settings: GuildSettings): LineLimits {
  return { perMember: settings.maxConcurrentPerMember, perServer: settings.maxConcurrentPerServer };
}

/** Channel, role and blocked phrases: what the request alone decides. */
function checkRequest(request: AdmissionCandidate, settings: GuildSettings): AdmissionVerdict {
  const allowed = settings.allowedChannelIds;
  const inAllowedChannel =
    allowed.length === 0 ||
    allowed.includes(request.channelId) ||
    (request.parentChannelId !== null && allowed.includes(request.parentChannelId));
  if (!inAllowedChannel) {
    return refuse({ kind: 'channel', allowedChannelIds: allowed });
  }

  if (settings.requiredRoleId !== null && !request.roleIds.includes(settings.requiredRoleId)) {
    return refuse({ kind: 'role', roleId: settings.requiredRoleId });
  }

  // Checked here too, not only where the option is read, so a Retry, a Remix or a render in a
  // higher tier keeps to what the server allows today.
  if (request.tier !== undefined && !tierAllowed(settings, request.tier)) {
    return refuse({ kind: 'tier', tier: request.tier, allowedTiers: allowedTiersOf(settings) });
  }

  if (settings.blockedPhrases.length > 0) {
    for (const { place, text } of placedTexts(request.input)) {
      const phrase = findBlockedPhrase([text], settings.blockedPhrases);
      if (phrase !== undefined) return refuse({ kind: 'blocked', place, phrase });
    }
  }
  return { ok: true };
}

/**
 * Checks, in order: channel, role, tier, blocked phrases, videos in progress, the member's daily
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
  return refusal ? refuse({ ...refusal, estimateUsd: request.estimateUsd, at: now }) : { ok: true };
}

/** A request to start a job with everything its row needs. */
export interface AdmissionJobRequest extends AdmissionCandidate {
  input: FamilyInput;
  /** @defaultValue the text-to-video model */
  modelId?: string;
  kind?: JobKind;
  parentId?: string | null;
  /** @defaultValue null: a job alone */
  takeGroup?: string | null;
}

export type AdmissionOutcome = { ok: true; job: Job } | Refusal;

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
    const tier = request.tier ?? modelById(request.modelId ?? DEFAULT_MODEL_ID)?.tier;
    const early = checkRequest(tier === undefined ? request : { ...request, tier }, settings);
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
        takeGroup: request.takeGroup ?? null,
        ...(request.modelId === undefined ? {} : { modelId: request.modelId }),
      },
      limitsOf(settings),
    );
    if (created.ok) return created;
    return refuse({ ...created.refusal, estimateUsd: request.estimateUsd, at: deps.now() });
  };
}
