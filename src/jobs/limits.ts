/**
 * The limits a new job is admitted under: how many a member and the server may have at the
 * provider, how long a member's line may grow, and the daily budgets. The rules are pure; the
 * store applies them in the same transaction that writes the job, so two requests at once cannot
 * both squeeze under a limit that only one of them fits.
 */

/** The states that hold one of the server's slots at the provider (from the first write to the end). */
export const SLOT_STATES = ['created', 'submitting', 'queued', 'running'] as const;

/** What the member and the server have going and have spent today. */
export interface AdmissionUsage {
  /** The member's jobs in this server that hold a slot (sent, or about to be). */
  unfinishedJobs: number;
  /** The member's jobs in this server's line. @defaultValue 0 */
  waitingJobs?: number;
  /** The server's jobs that hold a slot. @defaultValue 0 */
  serverActiveJobs?: number;
  /** Jobs in the server's line that could take a slot now (their member is under the limit). @defaultValue 0 */
  promotableWaiting?: number;
  memberSpentUsd: number;
  serverSpentUsd: number;
}

export interface AdmissionLimits {
  /** Jobs one member may have at the provider in the server at once; more wait in the line. */
  maxUnfinishedPerMember: number;
  /** Jobs the whole server may have at the provider at once; null means no limit. @defaultValue null */
  maxActivePerServer?: number | null;
  /** Jobs one member may have waiting in the line; 0 means no line: a job over a limit is refused. @defaultValue 0 */
  maxWaitingPerMember?: number;
  /** How long a job may wait in the line before it is cancelled. @defaultValue 2 hours */
  maxWaitMs?: number;
  /** USD one member may spend (or hold in unfinished jobs) per UTC day; null means no limit. */
  memberDailyBudgetUsd: number | null;
  /** USD the whole server may spend per UTC day; null means no limit. */
  serverDailyBudgetUsd: number | null;
}

export const DEFAULT_MAX_WAIT_MS = 2 * 60 * 60_000;

/** Which limit refused a job, with the figures a member is told. */
export type LimitRefusal =
  | { kind: 'concurrency'; unfinishedJobs: number; limit: number }
  /** The server is full and keeps no line. */
  | { kind: 'server_busy'; activeJobs: number; limit: number }
  /** The member's line is as long as the server allows. */
  | { kind: 'line_full'; waitingJobs: number; limit: number }
  | { kind: 'member_budget'; spentUsd: number; budgetUsd: number }
  | { kind: 'server_budget'; spentUsd: number; budgetUsd: number };

/**
 * Micro-dollar precision: a budget of $5.00 must admit $4.16 spent plus a $0.84 estimate, which
 * in floating point adds up to 5.000000000000001.
 */
export function exceedsBudget(spent: number, estimate: number, budget: number): boolean {
  return Math.round((spent + estimate) * 1e6) > Math.round(budget * 1e6);
}

/**
 * Whether a new job may go to the provider now or must wait in the line. It waits when its
 * member or the server is at a limit, and also when someone in the line could take a slot now:
 * a newcomer must not overtake the line between a slot freeing and the line moving.
 */
export function placeNewJob(usage: AdmissionUsage, limits: AdmissionLimits): 'now' | 'line' {
  const memberFull = usage.unfinishedJobs >= limits.maxUnfinishedPerMember;
  const server = limits.maxActivePerServer ?? null;
  const serverFull = server !== null && (usage.serverActiveJobs ?? 0) >= server;
  return memberFull || serverFull || (usage.promotableWaiting ?? 0) > 0 ? 'line' : 'now';
}

/** Videos in progress (or the line) first, then the member's budget, then the server's. */
export function checkLimits(usage: AdmissionUsage, limits: AdmissionLimits, estimateUsd: number): LimitRefusal | undefined {
  if (placeNewJob(usage, limits) === 'line') {
    const line = limits.maxWaitingPerMember ?? 0;
    const server = limits.maxActivePerServer ?? null;
    if (line === 0 && usage.unfinishedJobs >= limits.maxUnfinishedPerMember) {
      return { kind: 'concurrency', unfinishedJobs: usage.unfinishedJobs, limit: limits.maxUnfinishedPerMember };
    }
    if (line === 0 && server !== null && (usage.serverActiveJobs ?? 0) >= server) {
      return { kind: 'server_busy', activeJobs: usage.serverActiveJobs ?? 0, limit: server };
    }
    const waiting = usage.waitingJobs ?? 0;
    if (line > 0 && waiting >= line) return { kind: 'line_full', waitingJobs: waiting, limit: line };
  }
  const member = limits.memberDailyBudgetUsd;
  if (member !== null && exceedsBudget(usage.memberSpentUsd, estimateUsd, member)) {
    return { kind: 'member_budget', spentUsd: usage.memberSpentUsd, budgetUsd: member };
  }
  const server = limits.serverDailyBudgetUsd;
  if (server !== null && exceedsBudget(usage.serverSpentUsd, estimateUsd, server)) {
    return { kind: 'server_budget', spentUsd: usage.serverSpentUsd, budgetUsd: server };
  }
  return undefined;
}
