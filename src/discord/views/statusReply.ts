/** `/video status`: one job, as anyone in its server may see it. */
import type { Job } from '../../jobs/job.js';
import { modelById } from '../../model/models.js';
import type { Copy } from '../copy.js';
import { channelMention, code, mention } from '../markup.js';
import { costSoFar, describeInput, stateLine, truncate } from '../render.js';
import { jobLink } from './jobLinks.js';

export function statusReplyText(job: Job, now: number, copy: Copy): string {
  const { t } = copy;
  return [
    t('listing.jobTitle', { job: code(job.id), member: mention(job.userId) }),
    job.deletedAt === null ? truncate(job.input.prompt, 500) : t('listing.removedPrompt'),
    `${describeInput(job, copy)} · ${costSoFar(job, copy)} · ${t('listing.model', { model: modelById(job.modelId)?.name ?? job.modelId })}`,
    stateLine(job, now, copy),
    job.threadId ? t('listing.thread', { thread: channelMention(job.threadId) }) : t('listing.message', { link: jobLink(job) }),
  ].join('\n');
}

export function noSuchJobText(id: string, copy: Copy): string {
  return copy.t('listing.noSuchJob', { job: code(truncate(id, 20)) });
}
