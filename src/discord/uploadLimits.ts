import { DEFAULT_UPLOAD_LIMIT } from './jobMessages.js';

/**
 * Each server's upload limit as its interactions last reported it. Discord tells it only on
 * interactions, and boosts change it, so it is remembered per server rather than configured.
 */
export class UploadLimits {
  private readonly limits = new Map<string, number>();

  note(guildId: string, bytes: number): void {
    this.limits.set(guildId, bytes);
  }

  /** The last reported limit, or Discord's default for servers without boosts. */
  for(guildId: string): number {
    return this.limits.get(guildId) ?? DEFAULT_UPLOAD_LIMIT;
  }
}
