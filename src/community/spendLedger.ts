/**
 * What a server and its members spent today. There is no second ledger to drift from the jobs:
 * the spend is read from the jobs themselves. Budgets are per UTC day.
 */

const DAY_MS = 24 * 60 * 60 * 1000;

/** 00:00 UTC of the day `now` falls in. */
export function startOfUtcDay(now: number): number {
  // Epoch milliseconds have no leap seconds, so UTC days are exact multiples of DAY_MS.
  return Math.floor(now / DAY_MS) * DAY_MS;
}

/** The next 00:00 UTC strictly after `now`, when daily budgets start over. */
export function nextResetAt(now: number): number {
  return startOfUtcDay(now) + DAY_MS;
}

export interface SpendLedger {
  /**
   * USD spent (or reserved by unfinished jobs) since 00:00 UTC today by the store's clock, in the
   * server or by one member, summing jobs by the day they were asked for, each at its real cost
   * when known and its estimate until then. What counts:
   * - everything the provider accepted or may have accepted (it may bill: `outcome_unknown`, a
   *   failure after a request id, a timeout, a cancel once running) and everything still on its way,
   *   the server's line included: a waiting job's estimate is reserved when it is accepted, so the
   *   line can never spend past a budget;
   * - not a job cancelled before it started (the provider does not bill a queued cancel), nor one
   *   that failed before the provider took it (no request id): their estimate is given back.
   */
  spentToday(guildId: string, userId?: string): Promise<number>;
}
