/** A showcase record as both databases store it (`showcase_posts`), and its one mapping to the core's. */
import type { ShowcasePost } from '../community/showcaseStore.js';

export interface ShowcaseRow {
  job_id: string;
  guild_id: string;
  channel_id: string;
  message_id: string | null;
  shared_by: string;
  created_at: number;
}

export function toPost(row: ShowcaseRow): ShowcasePost {
  return {
    jobId: row.job_id,
    guildId: row.guild_id,
    channelId: row.channel_id,
    messageId: row.message_id,
    sharedBy: row.shared_by,
    createdAt: row.created_at,
  };
}
