import type pg from 'pg';
import { SHOWCASE_CLAIM_STALE_MS, type ShowcasePost, type ShowcaseStore } from '../../community/showcaseStore.js';
import { type ShowcaseRow, toPost } from '../showcaseRow.js';

/** Showcase records in `showcase_posts`; the claim is the insert, so the first one wins. */
export class PostgresShowcaseStore implements ShowcaseStore {
  constructor(
    private readonly pool: pg.Pool,
    private readonly now: () => number = Date.now,
  ) {}

  async claim(jobId: string, guildId: string, channelId: string, sharedBy: string): Promise<boolean> {
    const result = await this.pool.query(
      `INSERT INTO showcase_posts (job_id, guild_id, channel_id, message_id, shared_by, created_at)
       VALUES ($1, $2, $3, NULL, $4, $5) ON CONFLICT (job_id) DO NOTHING`,
      [jobId, guildId, channelId, sharedBy, this.now()],
    );
    return result.rowCount === 1;
  }

  async setMessage(jobId: string, messageId: string): Promise<boolean> {
    const result = await this.pool.query('UPDATE showcase_posts SET message_id = $2 WHERE job_id = $1', [jobId, messageId]);
    return result.rowCount === 1;
  }

  async get(jobId: string): Promise<ShowcasePost | undefined> {
    const { rows } = await this.pool.query<ShowcaseRow>('SELECT * FROM showcase_posts WHERE job_id = $1', [jobId]);
    return rows[0] ? toPost(rows[0]) : undefined;
  }

  async release(jobId: string): Promise<boolean> {
    const result = await this.pool.query('DELETE FROM showcase_posts WHERE job_id = $1 AND message_id IS NULL', [jobId]);
    return result.rowCount === 1;
  }

  async releaseUnposted(): Promise<number> {
    const stale = this.now() - SHOWCASE_CLAIM_STALE_MS;
    return (await this.pool.query('DELETE FROM showcase_posts WHERE message_id IS NULL AND created_at < $1', [stale])).rowCount ?? 0;
  }

  async remove(jobId: string): Promise<boolean> {
    return (await this.pool.query('DELETE FROM showcase_posts WHERE job_id = $1', [jobId])).rowCount === 1;
  }
}
