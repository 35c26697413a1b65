/**
 * The language of a server's public messages (status card, final message, showcase post): the one
 * a manager chose in `/video-settings language`, else the server's Discord language. It is read
 * when a message is drawn, not stored with the job, so a card redrawn by the poller after a
 * restart, or after a manager changed the setting, speaks like the rest of the server.
 */
import type { GuildSettingsStore } from '../community/guildSettings.js';
import { type Language, languageOf } from '../community/languages.js';

export class ServerLanguages {
  private readonly noted = new Map<string, string>();

  constructor(
    private readonly settings: Pick<GuildSettingsStore, 'get'>,
    /** The server's preferred locale as the gateway told it (discord.js's guild cache). */
    private readonly discordLocaleOf: (guildId: string) => string | undefined = () => undefined,
  ) {}

  /** Every interaction carries `guild_locale`; the latest wins over the cached guild. */
  note(guildId: string, guildLocale: string | null | undefined): void {
    if (guildLocale) this.noted.set(guildId, guildLocale);
  }

  /** The server's Discord language, without the manager's choice. */
  discordLanguage(guildId: string): Language {
    return languageOf(this.noted.get(guildId) ?? this.discordLocaleOf(guildId));
  }

  async of(guildId: string): Promise<Language> {
    const chosen = (await this.settings.get(guildId)).language;
    return chosen ?? this.discordLanguage(guildId);
  }

  /** For the parts that take a plain function. */
  readonly languageFor = (guildId: string): Promise<Language> => this.of(guildId);
}
