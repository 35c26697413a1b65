/**
 * The limits a new job is admitted under: how many a member may have going, and the daily
 * budgets. The rule is pure; the store applies it in the same transaction that writes the job,
 * so two requests at once cannot both squeeze under a limit that only one of them fits.
 */

/** What the member and the server have going and have spent today. */
export interface AdmissionUsage {
  /** The member's jobs in this server that have not reached a final state. */
  unfinishedJobs: number;
  memberSpentUsd: number;
  serverSpentUsd: number;
}

export interface AdmissionLimits {
  /** Jobs one member may have unfinished in the server at once. */
  maxUnfinishedPerMember: number;
  /** USD one member may spend (or hold in unfinished jobs) per UTC day; null means no limit. */
  memberDailyBudgetUsd: number | null;
  /** USD the whole server may spend per UTC day; null means no limit. */
  serverDailyBudgetUsd: number | null;
}

/** Which limit refused a job, with the figures a member is told. */
export type LimitRefusal =
  | { kind: 'concurrency'; unfinishedJobs: number; limit: number }
  | { kind: 'member_budget'; spentUsd: number; budgetUsd: number }
  | { kind: 'server_budget'; spentUsd: number; budgetUsd: number };

/**
 * Micro-dollar precision: a budget of $5.00 must admit $4.16 spent plus a $0.84 estimate, which
 * in floating point adds up to 5.000000000000001.
 */
export function exceedsBudget(spent: number, estimate: number, budget: number): boolean {
  return Math.round((spent + estimate) * 1e6) > Math.round(budget * 1e6);
}

/** Videos in progress first, then the member's budget, then the server's. */
export function checkLimits(usage: AdmissionUsage, limits: AdmissionLimits, estimateUsd: number): LimitRefusal | undefined {
  if (usage.unfinishedJobs >= limits.maxUnfinishedPerMember) {
    return { kind: 'concurrency', unfinishedJobs: usage.unfinishedJobs, limit: limits.maxUnfinishedPerMember };
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
