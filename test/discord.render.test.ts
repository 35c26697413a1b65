import { describe, expect, it } from 'vitest';
import { renderStatusComponents, renderStatusEmbed, threadName } from '../src/discord/render.js';
import type { Job } from '../src/jobs/job.js';
import { parseVideoInput } from '../src/model/videoInput.js';

function job(overrides: Partial<Job> = {}): Job {
  return {
    id: 'abcdef1234',
    guildId: '1',
    channelId: '2',
    userId: '3',
    threadId: null,
    statusMessageId: null,
    input: parseVideoInput({ prompt: 'a fox' }),
    kind: 'new',
    modelId: 'kling-3.0-pro-t2v',
    images: null,
    parentId: null,
    state: 'queued',
    requestId: 'r',
    providerStatus: 'in_queue',
    queuePosition: null,
    errorKind: null,
    errorMessage: null,
    resultUrl: null,
    estimateUsd: 0.84,
    costUsd: null,
    cancelRefusedAt: null,
    createdAt: 0,
    updatedAt: 0,
    submittedAt: 0,
    startedAt: null,
    finishedAt: null,
    nextPollAt: null,
    leaseOwner: null,
    pollFailures: 0,
    deliveryAttempts: 0,
    deliveredAt: null,
    finalChannelId: null,
    finalMessageId: null,
    deletedAt: null,
    ...overrides,
  };
}

const embedLength = (e: ReturnType<typeof renderStatusEmbed>) =>
  (e.title?.length ?? 0) +
  (e.description?.length ?? 0) +
  (e.footer?.text.length ?? 0) +
  (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);

describe('rendering a job', () => {
  it('keeps the largest possible status card within Discord’s embed limits', () => {
    const input = parseVideoInput({
      prompt: 'p'.repeat(2500),
      negative_prompt: 'n'.repeat(2500),
      duration: 15,
      multi_prompt: Array.from({ length: 5 }, () => ({ prompt: 's'.repeat(512), duration: 3 })),
    });
    const embed = renderStatusEmbed(job({ input, state: 'failed', errorMessage: 'e'.repeat(3000) }), 0);
    expect(embed.description?.length).toBeLessThanOrEqual(4096);
    for (const field of embed.fields ?? []) expect(field.value.length).toBeLessThanOrEqual(1024);
    expect(embedLength(embed)).toBeLessThanOrEqual(6000);
  });

  it('offers Cancel while queued, a disabled note while rendering, and what fits after', () => {
    const labels = (j: Job) =>
      renderStatusComponents(j, { showcase: true }).flatMap((r) => r.components.map((c) => ('label' in c ? c.label : '')));
    expect(labels(job())).toEqual(['Cancel']);
    expect(labels(job({ state: 'running' }))).toEqual(['Rendering: can no longer cancel']);
    expect(labels(job({ state: 'succeeded' }))).toEqual(['Share to showcase', 'Remix', 'Delete']);
    expect(labels(job({ state: 'failed' }))).toEqual(['Retry', 'Edit & retry']);
    expect(labels(job({ state: 'succeeded', deletedAt: 1 }))).toEqual([]);
    for (const row of renderStatusComponents(job({ state: 'succeeded' }), { showcase: true })) {
      for (const c of row.components) if ('custom_id' in c) expect(c.custom_id.length).toBeLessThanOrEqual(100);
    }
  });

  it('names threads from the prompt without mention syntax, within 100 characters', () => {
    const name = threadName(job({ input: parseVideoInput({ prompt: `@everyone <@&123> ${'long '.repeat(40)}` }) }));
    expect(name).not.toMatch(/[@<>]/);
    expect(name.length).toBeLessThanOrEqual(100);
  });
});
