import type pg from 'pg';
import { type GuildFacts, type GuildFactsStore, NO_GUILD_FACTS } from '../../community/guildFacts.js';

interface FactsRow {
  locale: string | null;
  upload_limit_bytes: string | null;
  name: string | null;
}

/** Servers' facts in `guild_facts`, one row per server; a field not given keeps its value. */
export class PostgresGuildFactsStore implements GuildFactsStore {
  constructor(
    private readonly pool: pg.Pool,
    private readonly now: () => number = Date.now,
  ) {}

  async get(guildId: string): Promise<GuildFacts> {
    const { rows } = await this.pool.query<FactsRow>('SELECT locale, upload_limit_bytes, name FROM guild_facts WHERE guild_id = $1', [
      guildId,
    ]);
    const row = rows[0];
    // BIGINT comes back as a string from pg.
    return row
      ? { locale: row.locale, uploadLimitBytes: row.upload_limit_bytes === null ? null : Number(row.upload_limit_bytes), name: row.name }
      : { ...NO_GUILD_FACTS };
  }

  async note(guildId: string, facts: Partial<GuildFacts>): Promise<void> {
    // One statement, so two processes noting the same server at once both land.
    await this.pool.query(
      `INSERT INTO guild_facts (guild_id, locale, upload_limit_bytes, name, updated_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (guild_id) DO UPDATE SET
         locale = COALESCE(excluded.locale, guild_facts.locale),
         upload_limit_bytes = COALESCE(excluded.upload_limit_bytes, guild_facts.upload_limit_bytes),
         name = COALESCE(excluded.name, guild_facts.name),
         updated_at = excluded.updated_at`,
      [guildId, facts.locale ?? null, facts.uploadLimitBytes ?? null, facts.name ?? null, this.now()],
    );
  }
}
