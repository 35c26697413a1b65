import type { Job } from '../../jobs/job.js';

/** A link to the job's status message, or its channel when it has none. */
export function jobLink(job: Pick<Job, 'guildId' | 'channelId' | 'threadId' | 'statusMessageId'>): string {
  const where = job.threadId ?? job.channelId;
  return job.statusMessageId ? `https://discord.com/channels/${job.guildId}/${job.channelId}/${job.statusMessageId}` : `<#${where}>`;
}
