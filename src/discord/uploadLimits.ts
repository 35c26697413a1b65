/**
 * Each server's upload limit (it grows with boosts), as its interactions report it. A cache
 * only: until a server's first interaction since start, Discord's smallest limit applies.
 */
export const DEFAULT_UPLOAD_LIMIT = 10 * 1024 * 1024;

export class UploadLimits {
  private readonly byGuild = new Map<string, number>();

  note(guildId: string, bytes: number): void {
    this.byGuild.set(guildId, bytes);
  }

  /** Arrow property, so it can be handed over as `uploadLimitFor`. */
  readonly limitFor = (guildId: string): number => this.byGuild.get(guildId) ?? DEFAULT_UPLOAD_LIMIT;
}
