/** `/video status`: one job, as anyone in its server may see it. */
import type { Job } from '../../jobs/job.js';
import { type Copy, EN } from '../copy.js';
import { describeInput, stateLine, truncate } from '../render.js';
import { jobLink } from './jobLinks.js';

export function statusReplyText(job: Job, now: number, copy: Copy = EN): string {
  const { LISTING } = copy;
  return [
    LISTING.jobTitle(job.id, job.userId),
    job.deletedAt === null ? truncate(job.input.prompt, 500) : LISTING.removedPrompt,
    `${describeInput(job, copy)} · ${LISTING.cost(job)} · ${LISTING.model(job.modelId)}`,
    stateLine(job, now, copy),
    job.threadId ? LISTING.thread(job.threadId) : LISTING.message(jobLink(job)),
  ].join('\n');
}

export function noSuchJobText(id: string, copy: Copy = EN): string {
  return copy.LISTING.noSuchJob(id);
}
