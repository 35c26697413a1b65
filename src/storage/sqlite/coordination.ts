import { type CoordinationStore, INTERACTION_CLAIM_TTL_MS, rateFigures, waitForSlot } from '../../jobs/coordination.js';
import type { Db } from './database.js';

export class SqliteCoordinationStore implements CoordinationStore {
  private readonly statements;

  constructor(db: Db) {
    this.statements = {
      prune: db.prepare<[number]>('DELETE FROM interaction_claims WHERE claimed_at < ?'),
      claim: db.prepare<[string, string, number]>(
        'INSERT OR IGNORE INTO interaction_claims (interaction_id, owner, claimed_at) VALUES (?, ?, ?)',
      ),
      take: db.prepare<{ now: number; interval: number; tolerance: number }, { tat: number }>(`
        INSERT INTO provider_rate (id, tat) VALUES (1, @now - @tolerance + @interval)
        ON CONFLICT (id) DO UPDATE SET tat = MAX(provider_rate.tat, @now - @tolerance) + @interval
        RETURNING tat`),
    };
  }

  async claimInteraction(interactionId: string, owner: string, now: number): Promise<boolean> {
    this.statements.prune.run(now - INTERACTION_CLAIM_TTL_MS);
    return this.statements.claim.run(interactionId, owner, now).changes === 1;
  }

  async takeProviderTokens(now: number, perSecond: number, burst?: number): Promise<number> {
    const { intervalMs, toleranceMs } = rateFigures(perSecond, burst);
    const row = this.statements.take.get({ now, interval: intervalMs, tolerance: toleranceMs });
    return waitForSlot(row?.tat ?? now, intervalMs, now);
  }
}
