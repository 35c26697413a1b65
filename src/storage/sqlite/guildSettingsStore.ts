import {
  applySettingsPatch,
  defaultGuildSettings,
  type GuildSettings,
  type GuildSettingsStore,
  readStoredSettings,
} from '../../community/guildSettings.js';
import type { Db } from './database.js';

interface SettingsRow {
  settings_json: string;
}

/** Per-server settings in the `guild_settings` table, one JSON document per server. */
export class SqliteGuildSettingsStore implements GuildSettingsStore {
  private readonly statements;
  private readonly merge: (guildId: string, patch: Partial<GuildSettings>, updatedBy: string) => GuildSettings;

  constructor(
    db: Db,
    private readonly now: () => number = Date.now,
  ) {
    this.statements = {
      get: db.prepare<[string], SettingsRow>('SELECT settings_json FROM guild_settings WHERE guild_id = ?'),
      upsert: db.prepare<{ guild: string; json: string; now: number; by: string }>(`
        INSERT INTO guild_settings (guild_id, settings_json, updated_at, updated_by)
        VALUES (@guild, @json, @now, @by)
        ON CONFLICT (guild_id) DO UPDATE SET
          settings_json = excluded.settings_json, updated_at = excluded.updated_at, updated_by = excluded.updated_by`),
    };
    // Immediate, so two moderators editing different fields at once both keep their change.
    this.merge = db.transaction((guildId: string, patch: Partial<GuildSettings>, updatedBy: string) => {
      const settings = applySettingsPatch(this.getSync(guildId), patch);
      this.statements.upsert.run({ guild: guildId, json: JSON.stringify(settings), now: this.now(), by: updatedBy });
      return settings;
    }).immediate;
  }

  async get(guildId: string): Promise<GuildSettings> {
    return this.getSync(guildId);
  }

  async update(guildId: string, patch: Partial<GuildSettings>, updatedBy: string): Promise<GuildSettings> {
    return this.merge(guildId, patch, updatedBy);
  }

  private getSync(guildId: string): GuildSettings {
    const row = this.statements.get.get(guildId);
    return row ? readStoredSettings(guildId, row.settings_json) : defaultGuildSettings();
  }
}
