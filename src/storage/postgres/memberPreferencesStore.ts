import type pg from 'pg';
import {
  applyPreferencesPatch,
  defaultMemberPreferences,
  type MemberPreferences,
  type MemberPreferencesStore,
  readStoredPreferences,
} from '../../community/memberPreferences.js';
import { inTransaction } from './database.js';

/** Members' preferences in `member_preferences`, one JSON document per member and server. */
export class PostgresMemberPreferencesStore implements MemberPreferencesStore {
  constructor(
    private readonly pool: pg.Pool,
    private readonly now: () => number = Date.now,
  ) {}

  async get(guildId: string, userId: string): Promise<MemberPreferences> {
    return this.read(this.pool, guildId, userId, false);
  }

  async update(guildId: string, userId: string, patch: Partial<MemberPreferences>): Promise<MemberPreferences> {
    return inTransaction(this.pool, async (client) => {
      // A member who never saved has no row to lock: make one first, then lock it.
      await client.query(
        `INSERT INTO member_preferences (guild_id, user_id, preferences_json, updated_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (guild_id, user_id) DO NOTHING`,
        [guildId, userId, JSON.stringify(defaultMemberPreferences()), this.now()],
      );
      const preferences = applyPreferencesPatch(await this.read(client, guildId, userId, true), patch);
      await client.query('UPDATE member_preferences SET preferences_json = $3, updated_at = $4 WHERE guild_id = $1 AND user_id = $2', [
        guildId,
        userId,
        JSON.stringify(preferences),
        this.now(),
      ]);
      return preferences;
    });
  }

  async clear(guildId: string, userId: string): Promise<void> {
    await this.pool.query('DELETE FROM member_preferences WHERE guild_id = $1 AND user_id = $2', [guildId, userId]);
  }

  async noteDmRefused(guildId: string, userId: string): Promise<void> {
    await this.pool.query(
      `INSERT INTO member_preferences (guild_id, user_id, preferences_json, updated_at, dm_refused_at) VALUES ($1, $2, $3, $4, $4)
       ON CONFLICT (guild_id, user_id) DO UPDATE SET dm_refused_at = excluded.dm_refused_at`,
      [guildId, userId, JSON.stringify(defaultMemberPreferences()), this.now()],
    );
  }

  async takeDmRefused(guildId: string, userId: string): Promise<boolean> {
    const result = await this.pool.query(
      'UPDATE member_preferences SET dm_refused_at = NULL WHERE guild_id = $1 AND user_id = $2 AND dm_refused_at IS NOT NULL',
      [guildId, userId],
    );
    return result.rowCount === 1;
  }

  private async read(on: Pick<pg.ClientBase, 'query'>, guildId: string, userId: string, lock: boolean): Promise<MemberPreferences> {
    const { rows } = await on.query<{ preferences_json: string }>(
      `SELECT preferences_json FROM member_preferences WHERE guild_id = $1 AND user_id = $2${lock ? ' FOR UPDATE' : ''}`,
      [guildId, userId],
    );
    return rows[0] ? readStoredPreferences(rows[0].preferences_json) : defaultMemberPreferences();
  }
}
