/**
 * The language of a server's public messages (status card, final message, showcase post): the one
 * a manager chose in `/video-settings language`, else the server's Discord language. It is read
 * when a message is drawn, not stored with the job, so a card redrawn by the poller after a
 * restart, or after a manager changed the setting, speaks like the rest of the server.
 */
import type { GuildSettingsStore } from '../community/guildSettings.js';
import { type Language, languageOf } from '../community/languages.js';

export class ServerLanguages {
  constructor(
    private readonly settings: Pick<GuildSettingsStore, 'get'>,
    /**
     * The server's Discord locale as its latest interaction told it (stored, so any process
     * knows it), else as the gateway's cache has it.
     */
    private readonly discordLocaleOf: (guildId: string) => Promise<string | undefined> = async () => undefined,
  ) {}

  async of(guildId: string): Promise<Language> {
    const chosen = (await this.settings.get(guildId)).language;
    return chosen ?? languageOf(await this.discordLocaleOf(guildId));
  }

  /** For the parts that take a plain function. */
  readonly languageFor = (guildId: string): Promise<Language> => this.of(guildId);
}
