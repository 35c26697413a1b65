/**
 * What Discord tells about a server in its interactions, kept so that any process can deliver
 * for it as the one holding its shard would: with several processes, the one that posts a final
 * message may never have seen the server in its own cache.
 */

/** A server as its latest interaction described it; null where none said yet. */
export interface GuildFacts {
  /** The server's Discord language (`guild_locale`). */
  locale: string | null;
  /** The largest upload the server takes, in bytes (`attachment_size_limit`, which grows with boosts). */
  uploadLimitBytes: number | null;
  /** The server's name, for messages sent outside it (a DM copy). */
  name: string | null;
}

/** Storage of {@link GuildFacts}, one row per server. */
export interface GuildFactsStore {
  /** What is known of the server; every field null when nothing is. */
  get(guildId: string): Promise<GuildFacts>;
  /** Records the fields given (an absent or null field keeps what was known). */
  note(guildId: string, facts: Partial<GuildFacts>): Promise<void>;
}

export const NO_GUILD_FACTS: GuildFacts = { locale: null, uploadLimitBytes: null, name: null };
