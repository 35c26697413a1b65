/**
 * What a delivery needs to know about a server (its Discord language, its upload limit, its
 * name), as its interactions report it. With several processes, the one that posts a job's final
 * message may not hold the server's shard, so its gateway cache knows nothing of the server: the
 * facts are stored (`GuildFactsStore`) and read from there, this process's cache filling in what
 * no interaction has told yet.
 */
import type { Logger } from 'pino';
import { type GuildFacts, type GuildFactsStore, NO_GUILD_FACTS } from '../community/guildFacts.js';
import { DEFAULT_UPLOAD_LIMIT } from './uploadLimits.js';

/** What this process's gateway cache says of a guild it holds. */
export interface CachedGuild {
  preferredLocale?: string | undefined;
  name?: string | undefined;
}

export class ServerFacts {
  /** The facts this process last wrote per server, so an unchanged interaction writes nothing. */
  private readonly written = new Map<string, GuildFacts>();

  constructor(
    private readonly store: GuildFactsStore,
    private readonly logger: Logger,
    private readonly cached: (guildId: string) => CachedGuild | undefined = () => undefined,
  ) {}

  /** From an interaction; returns at once, the write goes on behind (a failure is logged). */
  note(guildId: string, facts: Partial<GuildFacts>): void {
    const before = this.written.get(guildId) ?? NO_GUILD_FACTS;
    const after: GuildFacts = {
      locale: facts.locale ?? before.locale,
      uploadLimitBytes: facts.uploadLimitBytes ?? before.uploadLimitBytes,
      name: facts.name ?? before.name,
    };
    if (after.locale === before.locale && after.uploadLimitBytes === before.uploadLimitBytes && after.name === before.name) return;
    this.written.set(guildId, after);
    this.store.note(guildId, after).catch((error: unknown) => {
      // Tried again at the server's next interaction.
      this.written.delete(guildId);
      this.logger.warn({ err: error, guildId }, 'could not record what an interaction told of its server');
    });
  }

  /** The latest any process recorded, else what this process knows. */
  async of(guildId: string): Promise<GuildFacts> {
    const stored = await this.store.get(guildId).catch((error: unknown) => {
      this.logger.warn({ err: error, guildId }, 'could not read what is known of a server');
      return this.written.get(guildId) ?? NO_GUILD_FACTS;
    });
    const cached = this.cached(guildId);
    return {
      locale: stored.locale ?? cached?.preferredLocale ?? null,
      uploadLimitBytes: stored.uploadLimitBytes,
      name: stored.name ?? cached?.name ?? null,
    };
  }

  /** The server's upload limit; Discord's smallest until an interaction there says otherwise. */
  readonly uploadLimitFor = async (guildId: string): Promise<number> => (await this.of(guildId)).uploadLimitBytes ?? DEFAULT_UPLOAD_LIMIT;

  /** The server's Discord locale, when known. */
  readonly localeOf = async (guildId: string): Promise<string | undefined> => (await this.of(guildId)).locale ?? undefined;

  /** The server's name, when known. */
  readonly nameOf = async (guildId: string): Promise<string | undefined> => (await this.of(guildId)).name ?? undefined;
}
