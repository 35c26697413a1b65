import type pg from 'pg';
import { type CoordinationStore, INTERACTION_CLAIM_TTL_MS, rateFigures, waitForSlot } from '../../jobs/coordination.js';

export class PostgresCoordinationStore implements CoordinationStore {
  constructor(private readonly pool: pg.Pool) {}

  async claimInteraction(interactionId: string, owner: string, now: number): Promise<boolean> {
    await this.pool.query('DELETE FROM interaction_claims WHERE claimed_at < $1', [now - INTERACTION_CLAIM_TTL_MS]);
    const result = await this.pool.query(
      'INSERT INTO interaction_claims (interaction_id, owner, claimed_at) VALUES ($1, $2, $3) ON CONFLICT (interaction_id) DO NOTHING',
      [interactionId, owner, now],
    );
    return result.rowCount === 1;
  }

  async takeProviderTokens(now: number, perSecond: number, burst?: number): Promise<number> {
    const { intervalMs, toleranceMs } = rateFigures(perSecond, burst);
    // One statement: the row lock orders concurrent callers, each getting the slot after the last.
    const { rows } = await this.pool.query<{ tat: number }>(
      `INSERT INTO provider_rate (id, tat) VALUES (1, $1::double precision - $3 + $2)
       ON CONFLICT (id) DO UPDATE SET tat = GREATEST(provider_rate.tat, $1::double precision - $3) + $2
       RETURNING tat`,
      [now, intervalMs, toleranceMs],
    );
    return waitForSlot(rows[0]?.tat ?? now, intervalMs, now);
  }
}
