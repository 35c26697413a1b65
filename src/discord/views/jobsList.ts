/** `/video jobs`: the member's recent videos and where to find them. */
import type { Job } from '../../jobs/job.js';
import { modelById } from '../../model/models.js';
import type { Copy } from '../copy.js';
import { CONTENT_MAX, joinWithin, stateLine, truncate } from '../render.js';
import { jobLink } from './jobLinks.js';

const modelName = (job: Job) => modelById(job.modelId)?.name ?? job.modelId;

export function jobsListText(recent: readonly Job[], now: number, copy: Copy): string {
  const { t } = copy;
  // A deleted video's prompt was taken down: the list must not bring it back.
  const promptOf = (job: Job) =>
    job.deletedAt === null ? truncate(job.input.prompt.replace(/\s+/g, ' '), 60) : t('listing.removedPrompt');
  const lines = recent.map(
    (job) =>
      `\`${job.id}\` ${promptOf(job)} — ${truncate(stateLine(job, now, copy), 80)} · ${modelName(job)} · ${job.threadId ? `<#${job.threadId}>` : jobLink(job)}`,
  );
  return lines.length ? `${t('listing.recentTitle')}\n${joinWithin(lines, '\n', CONTENT_MAX - 30, copy)}` : t('listing.none');
}
