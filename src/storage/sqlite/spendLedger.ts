import { type SpendLedger, startOfUtcDay } from '../../community/spendLedger.js';
import type { Db } from './database.js';

/** The rule of `SpendLedger.spentToday` as SQL. */
const COUNTED = `
  (state IN ('waiting', 'created', 'submitting', 'queued', 'running', 'succeeded', 'timed_out', 'outcome_unknown')
   OR (state = 'failed' AND request_id IS NOT NULL)
   OR (state = 'cancelled' AND started_at IS NOT NULL))`;

export class SqliteSpendLedger implements SpendLedger {
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

  async spentToday(guildId: string, userId?: string): Promise<number> {
    return this.spentTodaySync(guildId, userId);
  }

  /** For the job store's admission transaction. */
  spentTodaySync(guildId: string, userId?: string): number {
    const since = startOfUtcDay(this.now());
    const row =
      userId === undefined
        ? this.statements.server.get({ guild: guildId, since })
        : this.statements.member.get({ guild: guildId, since, user: userId });
    return row?.spent ?? 0;
  }
}
