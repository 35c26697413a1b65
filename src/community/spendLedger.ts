/**
 * What a server and its members spent today, read straight from the jobs table so there is no
 * second ledger to drift from it. Budgets are per UTC day.
 */
import type { Db } from '../jobs/database.js';

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

/**
 * Which jobs count, at their real cost when known and their estimate until then:
 * - everything the provider accepted or may have accepted (it may bill: `outcome_unknown`, a
 *   failure after a request id, a timeout, a cancel once running) and everything still on its way;
 * - not a job cancelled before it started (the provider does not bill a queued cancel), nor one
 *   that failed before the provider took it (no request id): their estimate is given back.
 */
const COUNTED = `
  (state IN ('created', 'submitting', 'queued', 'running', 'succeeded', 'timed_out', 'outcome_unknown')
   OR (state = 'failed' AND request_id IS NOT NULL)
   OR (state = 'cancelled' AND started_at IS NOT NULL))`;

export class SpendLedger {
  private readonly statements;

  constructor(
    db: Db,
    private readonly now: () => number = Date.now,
  ) {
    // INDEXED BY pins jobs_spend (guild, day, member): the planner would otherwise be free to
    // pick jobs_by_user, and a dropped index should fail loudly rather than scan every job.
    this.statements = {
      server: db.prepare<{ guild: string; since: number }, { spent: number }>(`
        SELECT COALESCE(SUM(COALESCE(cost_usd, estimate_usd)), 0) AS spent
        FROM jobs INDEXED BY jobs_spend
        WHERE guild_id = @guild AND created_at >= @since AND ${COUNTED}`),
      member: db.prepare<{ guild: string; since: number; user: string }, { spent: number }>(`
        SELECT COALESCE(SUM(COALESCE(cost_usd, estimate_usd)), 0) AS spent
        FROM jobs INDEXED BY jobs_spend
        WHERE guild_id = @guild AND created_at >= @since AND user_id = @user AND ${COUNTED}`),
    };
  }

  /** USD spent (or reserved by unfinished jobs) since 00:00 UTC today, in the server or by one member. */
  spentToday(guildId: string, userId?: string): number {
    const since = startOfUtcDay(this.now());
    const row =
      userId === undefined
        ? this.statements.server.get({ guild: guildId, since })
        : this.statements.member.get({ guild: guildId, since, user: userId });
    return row?.spent ?? 0;
  }

  /** When today's spend starts over. */
  nextResetAt(now: number = this.now()): number {
    return nextResetAt(now);
  }
}
