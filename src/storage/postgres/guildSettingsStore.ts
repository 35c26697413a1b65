import type pg from 'pg';
import {
  applySettingsPatch,
  defaultGuildSettings,
  type GuildSettings,
  type GuildSettingsStore,
  readStoredSettings,
} from '../../community/guildSettings.js';
import { inTransaction, LOCK_CLASS } from './database.js';

/** Per-server settings in the `guild_settings` table, one JSON document per server. */
export class PostgresGuildSettingsStore implements GuildSettingsStore {
  constructor(
    private readonly pool: pg.Pool,
    private readonly now: () => number = Date.now,
  ) {}

  async get(guildId: string): Promise<GuildSettings> {
    return this.read(this.pool, guildId);
  }

  async update(guildId: string, patch: Partial<GuildSettings>, updatedBy: string): Promise<GuildSettings> {
    return inTransaction(this.pool, async (client) => {
      // A lock on the server rather than its row: a server that never saved anything has no row
      // to lock, and two moderators editing different fields at once must both keep theirs.
      await client.query('SELECT pg_advisory_xact_lock($1::int, hashtext($2))', [LOCK_CLASS.settings, guildId]);
      const settings = applySettingsPatch(await this.read(client, guildId), patch);
      await client.query(
        `INSERT INTO guild_settings (guild_id, settings_json, updated_at, updated_by) VALUES ($1, $2, $3, $4)
         ON CONFLICT (guild_id) DO UPDATE SET
           settings_json = excluded.settings_json, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
        [guildId, JSON.stringify(settings), this.now(), updatedBy],
      );
      return settings;
    });
  }

  private async read(on: Pick<pg.ClientBase, 'query'>, guildId: string): Promise<GuildSettings> {
    const { rows } = await on.query<{ settings_json: string }>('SELECT settings_json FROM guild_settings WHERE guild_id = $1', [guildId]);
    return rows[0] ? readStoredSettings(guildId, rows[0].settings_json) : defaultGuildSettings();
  }
}
