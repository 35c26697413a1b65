import { SHOWCASE_CLAIM_STALE_MS, type ShowcasePost, type ShowcaseStore } from '../../community/showcaseStore.js';
import { type ShowcaseRow, toPost } from '../showcaseRow.js';
import type { Db } from './database.js';

/** Showcase records in `showcase_posts`, one row per job; the row goes when its job goes. */
export class SqliteShowcaseStore implements ShowcaseStore {
  private readonly statements;

  constructor(
    db: Db,
    private readonly now: () => number = Date.now,
  ) {
    this.statements = {
      claim: db.prepare<{ job: string; guild: string; channel: string; by: string; now: number }>(`
        INSERT OR IGNORE INTO showcase_posts (job_id, guild_id, channel_id, message_id, shared_by, created_at)
        VALUES (@job, @guild, @channel, NULL, @by, @now)`),
      setMessage: db.prepare<{ job: string; message: string }>('UPDATE showcase_posts SET message_id = @message WHERE job_id = @job'),
      get: db.prepare<[string], ShowcaseRow>('SELECT * FROM showcase_posts WHERE job_id = ?'),
      release: db.prepare<[string]>('DELETE FROM showcase_posts WHERE job_id = ? AND message_id IS NULL'),
      remove: db.prepare<[string]>('DELETE FROM showcase_posts WHERE job_id = ?'),
      releaseAll: db.prepare<[number]>('DELETE FROM showcase_posts WHERE message_id IS NULL AND created_at < ?'),
    };
  }

  async claim(jobId: string, guildId: string, channelId: string, sharedBy: string): Promise<boolean> {
    const result = this.statements.claim.run({ job: jobId, guild: guildId, channel: channelId, by: sharedBy, now: this.now() });
    return result.changes === 1;
  }

  async setMessage(jobId: string, messageId: string): Promise<boolean> {
    return this.statements.setMessage.run({ job: jobId, message: messageId }).changes === 1;
  }

  async get(jobId: string): Promise<ShowcasePost | undefined> {
    const row = this.statements.get.get(jobId);
    return row ? toPost(row) : undefined;
  }

  async release(jobId: string): Promise<boolean> {
    return this.statements.release.run(jobId).changes === 1;
  }

  async releaseUnposted(): Promise<number> {
    return this.statements.releaseAll.run(this.now() - SHOWCASE_CLAIM_STALE_MS).changes;
  }

  async remove(jobId: string): Promise<boolean> {
    return this.statements.remove.run(jobId).changes === 1;
  }
}
