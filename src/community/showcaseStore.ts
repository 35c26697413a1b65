/**
 * Which finished videos were shared to a server's showcase channel. A row is a claim first and a
 * post second: it is written before posting, so two Share clicks (or a click racing auto-share)
 * post once, and its message id is filled in once the post exists.
 */
import type { Db } from '../jobs/database.js';

export interface ShowcasePost {
  jobId: string;
  guildId: string;
  channelId: string;
  /** Null while the post is being made, or if making it failed and was not released. */
  messageId: string | null;
  sharedBy: string;
  createdAt: number;
}

interface ShowcaseRow {
  job_id: string;
  guild_id: string;
  channel_id: string;
  message_id: string | null;
  shared_by: string;
  created_at: number;
}

function toPost(row: ShowcaseRow): ShowcasePost {
  return {
    jobId: row.job_id,
    guildId: row.guild_id,
    channelId: row.channel_id,
    messageId: row.message_id,
    sharedBy: row.shared_by,
    createdAt: row.created_at,
  };
}

export class ShowcaseStore {
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
      // Only an unposted claim is released, so a late failure report cannot unshare a video
      // whose post did go out.
      release: db.prepare<[string]>('DELETE FROM showcase_posts WHERE job_id = ? AND message_id IS NULL'),
      remove: db.prepare<[string]>('DELETE FROM showcase_posts WHERE job_id = ?'),
      releaseAll: db.prepare('DELETE FROM showcase_posts WHERE message_id IS NULL'),
    };
  }

  /**
   * Claims the job's share; true only for the first caller, who then posts. The job must exist
   * (the row references it and goes when it goes).
   */
  claim(jobId: string, guildId: string, channelId: string, sharedBy: string): boolean {
    const result = this.statements.claim.run({ job: jobId, guild: guildId, channel: channelId, by: sharedBy, now: this.now() });
    return result.changes === 1;
  }

  /** Records the showcase message once posted; false when there is no claim for the job. */
  setMessage(jobId: string, messageId: string): boolean {
    return this.statements.setMessage.run({ job: jobId, message: messageId }).changes === 1;
  }

  get(jobId: string): ShowcasePost | undefined {
    const row = this.statements.get.get(jobId);
    return row ? toPost(row) : undefined;
  }

  /** Gives up a claim whose post failed, so Share can be tried again; false when already posted. */
  /**
   * At start: claims left by a process that died mid-post belong to nobody now; without this
   * they would answer "being shared right now" for ever.
   */
  releaseUnposted(): number {
    return this.statements.releaseAll.run().changes;
  }

  release(jobId: string): boolean {
    return this.statements.release.run(jobId).changes === 1;
  }

  /** Forgets the share entirely (its showcase message was deleted, or the video was). */
  remove(jobId: string): boolean {
    return this.statements.remove.run(jobId).changes === 1;
  }
}
