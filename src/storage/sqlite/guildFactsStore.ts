import { type GuildFacts, type GuildFactsStore, NO_GUILD_FACTS } from '../../community/guildFacts.js';
import type { Db } from './database.js';

interface FactsRow {
  locale: string | null;
  upload_limit_bytes: number | null;
  name: string | null;
}

/** Servers' facts in `guild_facts`, one row per server; a field not given keeps its value. */
export class SqliteGuildFactsStore implements GuildFactsStore {
  private readonly statements;

  constructor(
    db: Db,
    private readonly now: () => number = Date.now,
  ) {
    this.statements = {
      get: db.prepare<[string], FactsRow>('SELECT locale, upload_limit_bytes, name FROM guild_facts WHERE guild_id = ?'),
      note: db.prepare<{ guild: string; locale: string | null; limit: number | null; name: string | null; now: number }>(`
        INSERT INTO guild_facts (guild_id, locale, upload_limit_bytes, name, updated_at)
        VALUES (@guild, @locale, @limit, @name, @now)
        ON CONFLICT (guild_id) DO UPDATE SET
          locale = COALESCE(excluded.locale, locale),
          upload_limit_bytes = COALESCE(excluded.upload_limit_bytes, upload_limit_bytes),
          name = COALESCE(excluded.name, name),
          updated_at = excluded.updated_at`),
    };
  }

  async get(guildId: string): Promise<GuildFacts> {
    const row = this.statements.get.get(guildId);
    return row ? { locale: row.locale, uploadLimitBytes: row.upload_limit_bytes, name: row.name } : { ...NO_GUILD_FACTS };
  }

  async note(guildId: string, facts: Partial<GuildFacts>): Promise<void> {
    this.statements.note.run({
      guild: guildId,
      locale: facts.locale ?? null,
      limit: facts.uploadLimitBytes ?? null,
      name: facts.name ?? null,
      now: this.now(),
    });
  }
}
