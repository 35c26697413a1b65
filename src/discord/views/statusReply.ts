/** `/video status`: one job, as anyone in its server may see it. */
import type { Job } from '../../jobs/job.js';
import { LISTING } from '../copy.js';
import { describeInput, stateLine, truncate } from '../render.js';
import { jobLink } from './jobLinks.js';

export function statusReplyText(job: Job, now: number): string {
  return [
    LISTING.jobTitle(job.id, job.userId),
    job.deletedAt === null ? truncate(job.input.prompt, 500) : LISTING.removedPrompt,
    `${describeInput(job)} · ${LISTING.cost(job)}`,
    stateLine(job, now),
    job.threadId ? LISTING.thread(job.threadId) : LISTING.message(jobLink(job)),
  ].join('\n');
}

export function noSuchJobText(id: string): string {
  return LISTING.noSuchJob(id);
}
