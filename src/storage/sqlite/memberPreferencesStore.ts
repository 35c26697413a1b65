import {
  applyPreferencesPatch,
  defaultMemberPreferences,
  type MemberPreferences,
  type MemberPreferencesStore,
  readStoredPreferences,
} from '../../community/memberPreferences.js';
import type { Db } from './database.js';

interface PreferencesRow {
  preferences_json: string;
}

/** Members' preferences in `member_preferences`, one JSON document per member and server. */
export class SqliteMemberPreferencesStore implements MemberPreferencesStore {
  private readonly statements;
  private readonly merge: (guildId: string, userId: string, patch: Partial<MemberPreferences>) => MemberPreferences;

  constructor(
    db: Db,
    private readonly now: () => number = Date.now,
  ) {
    this.statements = {
      get: db.prepare<[string, string], PreferencesRow>(
        'SELECT preferences_json FROM member_preferences WHERE guild_id = ? AND user_id = ?',
      ),
      upsert: db.prepare<{ guild: string; user: string; json: string; now: number }>(`
        INSERT INTO member_preferences (guild_id, user_id, preferences_json, updated_at)
        VALUES (@guild, @user, @json, @now)
        ON CONFLICT (guild_id, user_id) DO UPDATE SET
          preferences_json = excluded.preferences_json, updated_at = excluded.updated_at`),
      clear: db.prepare<[string, string]>('DELETE FROM member_preferences WHERE guild_id = ? AND user_id = ?'),
      // A member with no row yet gets one holding the defaults, so the note has somewhere to live.
      noteRefused: db.prepare<{ guild: string; user: string; json: string; now: number }>(`
        INSERT INTO member_preferences (guild_id, user_id, preferences_json, updated_at, dm_refused_at)
        VALUES (@guild, @user, @json, @now, @now)
        ON CONFLICT (guild_id, user_id) DO UPDATE SET dm_refused_at = excluded.dm_refused_at`),
      takeRefused: db.prepare<[string, string]>(
        'UPDATE member_preferences SET dm_refused_at = NULL WHERE guild_id = ? AND user_id = ? AND dm_refused_at IS NOT NULL',
      ),
    };
    this.merge = db.transaction((guildId: string, userId: string, patch: Partial<MemberPreferences>) => {
      const preferences = applyPreferencesPatch(this.getSync(guildId, userId), patch);
      this.statements.upsert.run({ guild: guildId, user: userId, json: JSON.stringify(preferences), now: this.now() });
      return preferences;
    }).immediate;
  }

  async get(guildId: string, userId: string): Promise<MemberPreferences> {
    return this.getSync(guildId, userId);
  }

  async update(guildId: string, userId: string, patch: Partial<MemberPreferences>): Promise<MemberPreferences> {
    return this.merge(guildId, userId, patch);
  }

  async clear(guildId: string, userId: string): Promise<void> {
    this.statements.clear.run(guildId, userId);
  }

  async noteDmRefused(guildId: string, userId: string): Promise<void> {
    this.statements.noteRefused.run({ guild: guildId, user: userId, json: JSON.stringify(defaultMemberPreferences()), now: this.now() });
  }

  async takeDmRefused(guildId: string, userId: string): Promise<boolean> {
    return this.statements.takeRefused.run(guildId, userId).changes === 1;
  }

  private getSync(guildId: string, userId: string): MemberPreferences {
    const row = this.statements.get.get(guildId, userId);
    return row ? readStoredPreferences(row.preferences_json) : defaultMemberPreferences();
  }
}
