/** The job buttons, run with plain inputs on a temporary database. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseVideoFormId } from '../../src/discord/customIds.js';
import { NO_DEFER } from '../../src/discord/handler.js';
import { cancelButton } from '../../src/discord/handlers/cancelButton.js';
import { deleteButton } from '../../src/discord/handlers/deleteButton.js';
import { extendButton } from '../../src/discord/handlers/extendButton.js';
import { remixButton } from '../../src/discord/handlers/remixButton.js';
import { retryButton } from '../../src/discord/handlers/retryButton.js';
import { shareButton } from '../../src/discord/handlers/shareButton.js';
import type { Job } from '../../src/jobs/job.js';
import { parseVideoInput } from '../../src/model/videoInput.js';
import { setFields, step } from '../../testkit/jobSteps.js';
import { CHANNEL, countingAck, GUILD, type Harness, MOD, makeHarness, OTHER, OWNER } from './harness.js';

let h: Harness;
beforeEach(async () => {
  h = await makeHarness();
});
afterEach(async () => {
  await h.close();
});

const text = (view: { type: string; content?: string }) => (view.type === 'message' ? view.content : `(${view.type})`);
const click = (userId: string, job: Pick<Job, 'id'> | undefined) => ({ member: h.member(userId), jobId: job?.id });

async function failedJob(): Promise<Job> {
  const job = await h.job();
  return (await h.storage.jobs.transition(
    job.id,
    step('created', 'failed', { errorKind: 'provider_failed', finishedAt: h.clock.now() }),
  )) as Job;
}

async function succeededJob(): Promise<Job> {
  const job = await h.job();
  await h.storage.jobs.transition(job.id, step('created', 'submitting'));
  await h.storage.jobs.transition(job.id, step('submitting', 'queued', { requestId: 'req-x' }));
  return (await h.storage.jobs.transition(
    job.id,
    step('queued', 'succeeded', {
      finishedAt: h.clock.now(),
      finalChannelId: CHANNEL,
      finalMessageId: '530000000000000000',
    }),
  )) as Job;
}

describe('every job button', () => {
  it('refuses a job of another server or a forged id without deferring', async () => {
    const ack = countingAck();
    for (const handler of [cancelButton, retryButton, remixButton, shareButton, deleteButton]) {
      expect(text(await handler.run(click(OWNER, { id: 'nosuchjob1' }), h.deps, ack))).toBe(
        'That button does not belong to a job in this server.',
      );
      expect(text(await handler.run(click(OWNER, undefined), h.deps, ack))).toBe('That button does not belong to a job in this server.');
    }
    expect(ack.count).toBe(0);
  });
});

describe('button.cancel', () => {
  it('cancels an unsent job for its maker', async () => {
    const job = await h.job();
    const ack = countingAck();
    expect(text(await cancelButton.run(click(OWNER, job), h.deps, ack))).toContain('Cancelled');
    expect(ack.count).toBe(1);
    expect(await h.storage.jobs.get(job.id)).toMatchObject({ state: 'cancelled', errorKind: 'cancelled' });
    expect(h.refreshed.map((j) => j.id)).toEqual([job.id]);
  });

  it('refuses another member but lets a moderator', async () => {
    const job = await h.job();
    expect(text(await cancelButton.run(click(OTHER, job), h.deps, NO_DEFER))).toContain('not your video');
    expect((await h.storage.jobs.get(job.id))?.state).toBe('created');
    expect(text(await cancelButton.run(click(MOD, job), h.deps, NO_DEFER))).toContain('Cancelled');
  });

  it('says a finished job has nothing to cancel', async () => {
    const job = await failedJob();
    expect(text(await cancelButton.run(click(OWNER, job), h.deps, NO_DEFER))).toContain('already finished');
  });
});

describe('button.retry', () => {
  it('starts the same input again as a retry, once', async () => {
    const job = await failedJob();
    expect(text(await retryButton.run(click(OWNER, job), h.deps, NO_DEFER))).toContain('Your video is in the queue');
    const retry = await h.storage.jobs.retryOf(job.id);
    expect(retry).toMatchObject({ kind: 'retry', parentId: job.id, input: job.input });
    expect(text(await retryButton.run(click(OWNER, job), h.deps, NO_DEFER))).toBe(`This video was already retried: job \`${retry?.id}\`.`);
    expect(h.submits).toHaveLength(1);
  });

  it('refuses a job that is not in a retryable state, and another member', async () => {
    const queued = await h.job();
    expect(text(await retryButton.run(click(OWNER, queued), h.deps, NO_DEFER))).toContain('Only a failed or cancelled video');
    expect(text(await retryButton.run(click(OTHER, await failedJob()), h.deps, NO_DEFER))).toContain(
      'Only the member who asked for this video',
    );
    expect(h.submits).toHaveLength(0);
  });
});

describe('button.remix', () => {
  it('opens the form prefilled with the job’s prompt, for anyone in the server', async () => {
    const job = await h.job({ prompt: 'gulls overhead' });
    const view = await remixButton.run(click(OTHER, job), h.deps, NO_DEFER);
    expect(view).toMatchObject({ type: 'modal', modal: { custom_id: `form:remix:${job.id}`, title: 'Remix this video' } });
    expect(JSON.stringify(view)).toContain('gulls overhead');
  });

  it('refuses a removed video', async () => {
    const job = await h.job();
    await h.storage.jobs.transition(job.id, setFields('created', { deletedAt: h.clock.now() }));
    expect(text(await remixButton.run(click(OWNER, job), h.deps, NO_DEFER))).toContain('cannot be remixed');
  });

  it('refuses, in words, a video made with a model this release does not know', async () => {
    const job = await h.storage.jobs.create({
      guildId: GUILD,
      channelId: CHANNEL,
      userId: OWNER,
      input: parseVideoInput({ prompt: 'from a newer release', duration: 5 }),
      kind: 'new',
      parentId: null,
      estimateUsd: 0.84,
      modelId: 'a-model-from-a-newer-release',
    });
    const view = await remixButton.run(click(OWNER, job), h.deps, NO_DEFER);
    expect(text(view)).toBe('This video was made with a model this version of the bot does not know, so it cannot be remixed here.');
  });
});

describe('button.share', () => {
  it('says what to do when the server has no showcase', async () => {
    const job = await succeededJob();
    expect(text(await shareButton.run(click(OWNER, job), h.deps, NO_DEFER))).toContain('`/video-settings showcase`');
  });

  it('refuses another member', async () => {
    const job = await succeededJob();
    expect(text(await shareButton.run(click(OTHER, job), h.deps, NO_DEFER))).toBe(
      'Only the member who made this video (or a moderator) can share it.',
    );
  });

  it('refuses an unfinished video', async () => {
    await h.storage.settings.update(GUILD, { showcaseChannelId: '520000000000000000' }, OWNER);
    const job = await h.job();
    expect(text(await shareButton.run(click(OWNER, job), h.deps, NO_DEFER))).toBe('Only a finished video can be shared.');
    expect(h.posted).toHaveLength(0);
  });
});

describe('button.delete', () => {
  it('marks the video removed through the service and takes its final message down', async () => {
    const job = await succeededJob();
    const ack = countingAck();
    // It was never shared, so the answer names no showcase post.
    expect(text(await deleteButton.run(click(OWNER, job), h.deps, ack))).toBe('Deleted: the video is gone.');
    expect(ack.count).toBe(1);
    expect((await h.storage.jobs.get(job.id))?.deletedAt).toBe(h.clock.now());
    expect(h.deleted).toEqual([{ channelId: CHANNEL, messageId: '530000000000000000' }]);
  });

  it('refuses another member and leaves the video', async () => {
    const job = await succeededJob();
    expect(text(await deleteButton.run(click(OTHER, job), h.deps, NO_DEFER))).toContain(
      'Only the member who made this video or a moderator',
    );
    expect((await h.storage.jobs.get(job.id))?.deletedAt).toBeNull();
    expect(h.deleted).toEqual([]);
  });
});

describe('button.extend', () => {
  it('refuses a video that has not finished, or was removed, with no form', async () => {
    const failed = await failedJob();
    expect(text(await extendButton.run(click(OWNER, failed), h.deps, countingAck()))).toBe('Only a finished video can be extended.');
    const done = await succeededJob();
    await h.storage.jobs.transition(done.id, setFields('succeeded', { deletedAt: h.clock.now() }));
    expect(text(await extendButton.run(click(OWNER, done), h.deps, countingAck()))).toContain('cannot be extended');
  });

  it('opens a form with the video’s prompt and a length within the server’s total', async () => {
    const done = await succeededJob();
    await h.storage.settings.update(GUILD, { extendMaxSeconds: 8 }, OWNER);
    const view = await extendButton.run(click(OTHER, done), h.deps, countingAck());
    expect(view.type).toBe('modal');
    const json = JSON.stringify(view);
    expect(json).toContain(`"custom_id":"form:extend:${done.id}"`);
    expect(json).toContain(done.input.prompt);
    // 5 s made, 8 s allowed: the length offered is 3 s.
    expect(json).toMatch(/"value":"3","label":"3","default":true/);
    expect(parseVideoFormId(`form:extend:${done.id}`)).toEqual({ extendOf: done.id });
  });

  it('refuses before any form when the chain has no room for the shortest extension', async () => {
    const done = await succeededJob();
    await h.storage.settings.update(GUILD, { extendMaxSeconds: 7 }, OWNER);
    expect(text(await extendButton.run(click(OWNER, done), h.deps, countingAck()))).toContain(
      'This video would be 8 seconds long; this server lets extensions run to 7 seconds in all.',
    );
  });
});
