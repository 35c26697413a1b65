import type pg from 'pg';
import { type SpendLedger, startOfUtcDay } from '../../community/spendLedger.js';

/** The rule of `SpendLedger.spentToday` as SQL; the same as SQLite's. */
const COUNTED = `
  (state IN ('waiting', 'created', 'submitting', 'queued', 'running', 'succeeded', 'timed_out', 'outcome_unknown')
   OR (state = 'failed' AND request_id IS NOT NULL)
   OR (state = 'cancelled' AND started_at IS NOT NULL))`;

export class PostgresSpendLedger implements SpendLedger {
  constructor(
    private readonly pool: pg.Pool,
    private readonly now: () => number = Date.now,
  ) {}

  async spentToday(guildId: string, userId?: string): Promise<number> {
    return this.spentTodayOn(this.pool, guildId, userId);
  }

  /** On the job store's admission transaction. */
  async spentTodayOn(on: Pick<pg.ClientBase, 'query'>, guildId: string, userId?: string): Promise<number> {
    const since = startOfUtcDay(this.now());
    const byMember = userId === undefined ? '' : 'AND user_id = $3';
    const { rows } = await on.query<{ spent: number }>(
      `SELECT COALESCE(SUM(COALESCE(cost_usd, estimate_usd)), 0) AS spent FROM jobs
       WHERE guild_id = $1 AND created_at >= $2 ${byMember} AND ${COUNTED}`,
      userId === undefined ? [guildId, since] : [guildId, since, userId],
    );
    return rows[0]?.spent ?? 0;
  }
}
