/**
 * Faults on both sides: each job still reaches a clear final state with one final message, and
 * the bot keeps serving the others.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Job } from '../src/jobs/job.js';
import { startWorld, type World } from '../testkit/world/botWorld.js';
import { finalPostsOf, textOf } from './helpers/inspect.js';

async function make(world: World, prompt: string, userId = world.seed.requesterId): Promise<Job> {
  const before = new Set((await world.jobs()).map((j) => j.id));
  world.video(userId, { prompt });
  const job = await world.waitForJob((j) => !before.has(j.id));
  return world.waitDelivered(job.id, 20_000);
}

/** The job's final messages as stored, checked against the posts that created them. */
function finalMessages(world: World, job: Job) {
  const places = [job.threadId, job.channelId].filter((c): c is string => c !== null);
  const stored = places.flatMap((c) => world.discord.messages(c)).filter((m) => m.nonce === `final-${job.id}`);
  expect(finalPostsOf(world, job.id), 'successful final posts').toHaveLength(stored.length);
  return stored;
}

describe('provider faults', () => {
  let world: World;
  afterEach(async () => {
    await world?.stop();
  });

  it('rides out 5xx bursts, 429 with Retry-After, resets, malformed JSON and unknown statuses', async () => {
    world = await startWorld({ scenario: { queueMs: 200, runMs: 200 } });
    world.runcomfy.fault({ route: 'status', kind: '5xx', times: 6 });
    world.runcomfy.fault({ route: 'status', kind: '429', times: 2, retryAfterSeconds: 1 });
    world.runcomfy.fault({ route: 'status', kind: 'reset', times: 2 });
    world.runcomfy.fault({ route: 'status', kind: 'malformed', times: 2 });
    world.runcomfy.fault({ route: 'status', kind: 'unknown_status', times: 3 });
    world.runcomfy.fault({ route: 'result', kind: '5xx', times: 2 });
    const jobs = await Promise.all(
      ['one', 'two', 'three'].map((p, i) =>
        make(world, `fault run ${p}`, [world.seed.requesterId, world.seed.otherMemberId, world.seed.moderatorId][i]),
      ),
    );
    for (const job of jobs) {
      expect(job.state).toBe('succeeded');
      expect(finalMessages(world, job)).toHaveLength(1);
    }
    expect(world.logs.some((l) => l.includes('unknown status'))).toBe(true);
  });

  it('ends a job whose result has no video with a clear message', async () => {
    world = await startWorld({ scenario: { outcome: 'no_video' } });
    const job = await make(world, 'nothing comes back');
    expect(job.state).toBe('failed');
    expect(textOf(finalMessages(world, job)[0])).toMatch(/no video/);
  });

  it('says so when the video link has expired', async () => {
    world = await startWorld({ scenario: { video: { kind: 'expired' } } });
    const job = await make(world, 'gone too soon');
    expect(job.state).toBe('succeeded');
    const final = finalMessages(world, job);
    expect(final).toHaveLength(1);
    expect(textOf(final[0])).toMatch(/could not fetch it/);
    expect(final[0]?.attachments).toHaveLength(0);
  });

  it('refuses cleanly when the provider reports no balance on submit', async () => {
    world = await startWorld();
    world.runcomfy.fault({ route: 'submit', kind: '200_error', times: 1, errorCode: 400002 });
    const job = await make(world, 'no money');
    expect(job).toMatchObject({ state: 'failed', errorKind: 'balance' });
    expect(finalMessages(world, job)).toHaveLength(1);
    // The next job goes through.
    expect((await make(world, 'money again')).state).toBe('succeeded');
  });

  it('never resubmits when the answer to a submit is lost, and says the outcome is unknown', async () => {
    world = await startWorld();
    world.runcomfy.fault({ route: 'submit', kind: 'drop_after_accept', times: 1 });
    const job = await make(world, 'lost answer');
    expect(job.state).toBe('outcome_unknown');
    expect(world.runcomfy.submissions).toBe(1);
    expect(textOf(finalMessages(world, job)[0])).toMatch(/not known whether the provider accepted/);
  });

  it('ends a job the provider no longer knows (expired request) instead of polling forever', async () => {
    world = await startWorld({ scenario: { queueMs: 60_000 } });
    world.runcomfy.fault({ route: 'status', kind: '200_error', errorCode: 404001 });
    const job = await make(world, 'forgotten by the provider');
    expect(job).toMatchObject({ state: 'failed', errorKind: 'not_found' });
    expect(textOf(finalMessages(world, job)[0])).toMatch(/no longer knows this job/);
  });

  it('fails a job on a submit 5xx without retrying it', async () => {
    world = await startWorld();
    world.runcomfy.fault({ route: 'submit', kind: '5xx', times: 1 });
    const job = await make(world, 'provider down');
    expect(job.state).toBe('failed');
    expect(world.runcomfy.requests.filter((r) => r.method === 'POST' && r.path.startsWith('/v1/models/'))).toHaveLength(1);
  });
});

describe('Discord faults', () => {
  let world: World;
  afterEach(async () => {
    await world?.stop();
  });

  it('waits out REST 429s and still delivers', async () => {
    world = await startWorld();
    world.discord.failNext({ method: 'POST', path: /^\/channels\/\d+\/messages$/, status: 429, times: 2, retryAfterSeconds: 0.2 });
    const job = await make(world, 'rate limited');
    expect(job.state).toBe('succeeded');
    expect(finalMessages(world, job)).toHaveLength(1);
  });

  it('posts the link when Discord refuses the upload as too large (413)', async () => {
    world = await startWorld({ scenario: { queueMs: 600 } });
    world.video(world.seed.requesterId, { prompt: 'too big for this server' });
    const queued = await world.waitForJob((j) => j.threadId !== null && j.state === 'queued');
    world.discord.failNext({
      method: 'POST',
      path: new RegExp(`^/channels/${queued.threadId}/messages$`),
      status: 413,
      body: { code: 40005, message: 'Request entity too large' },
    });
    const job = await world.waitDelivered(queued.id, 20_000);
    const final = finalMessages(world, job);
    expect(final).toHaveLength(1);
    expect(final[0]?.attachments).toHaveLength(0);
    expect(textOf(final[0])).toContain('too large to upload here');
    expect(textOf(final[0])).toContain(job.resultUrl as string);
  });

  it('retries the final post through Discord 5xx errors and posts it once', async () => {
    world = await startWorld({ scenario: { queueMs: 600 } });
    world.video(world.seed.requesterId, { prompt: 'discord hiccups' });
    const queued = await world.waitForJob((j) => j.threadId !== null && j.state === 'queued');
    world.discord.failNext({ method: 'POST', path: new RegExp(`^/channels/${queued.threadId}/messages$`), status: 500, times: 4 });
    const job = await world.waitDelivered(queued.id, 30_000);
    expect(job.deliveryAttempts).toBeGreaterThan(0);
    expect(finalMessages(world, job)).toHaveLength(1);
  });

  it('posts the link when it may not upload files anywhere (no Attach Files)', async () => {
    world = await startWorld({ scenario: { queueMs: 600 } });
    world.video(world.seed.requesterId, { prompt: 'no attachments here' });
    const queued = await world.waitForJob((j) => j.threadId !== null && j.state === 'queued');
    world.discord.failNext({
      method: 'POST',
      path: /^\/channels\/\d+\/messages$/,
      status: 403,
      times: 2,
      body: { code: 50013, message: 'Missing Permissions' },
    });
    const job = await world.waitDelivered(queued.id, 20_000);
    const final = finalMessages(world, job);
    expect(final).toHaveLength(1);
    expect(textOf(final[0])).toContain('may not upload files here');
    expect(textOf(final[0])).toContain(job.resultUrl as string);
  });

  it('uploads a video larger than the media cache from a temporary file', async () => {
    world = await startWorld({ scenario: { video: { kind: 'sized', bytes: 2 * 1024 * 1024 } }, env: { MEDIA_CACHE_MAX_MB: '1' } });
    const job = await make(world, 'bigger than the cache');
    const final = finalMessages(world, job);
    expect(final[0]?.attachments[0]?.size).toBe(2 * 1024 * 1024);
  });

  it('refuses to start a job in a channel where it may not post, before any provider call', async () => {
    world = await startWorld();
    world.discord.failNext({
      method: 'POST',
      path: new RegExp(`^/channels/${world.seed.generalChannelId}/messages$`),
      status: 403,
      body: { code: 50013, message: 'Missing Permissions' },
    });
    const handle = world.video(world.seed.requesterId, { prompt: 'nowhere to post' });
    const responses = await handle.waitForResponses(2);
    expect(String(responses[1]?.data?.content)).toContain('I cannot post messages in this channel');
    expect(world.runcomfy.submissions).toBe(0);
  });

  it('answers in the channel when it may not create a thread', async () => {
    world = await startWorld();
    world.discord.denyThreads(world.seed.generalChannelId);
    const job = await make(world, 'no threads here');
    expect(job.threadId).toBeNull();
    const final = finalMessages(world, job);
    expect(final).toHaveLength(1);
    expect(final[0]?.channel_id).toBe(world.seed.generalChannelId);
    expect(final[0]?.attachments).toHaveLength(1);
    expect(world.logs.some((l) => l.includes('no thread for this job'))).toBe(true);
  });

  it('falls back to the channel when the upload to the thread is forbidden', async () => {
    world = await startWorld({ scenario: { queueMs: 600 } });
    world.video(world.seed.requesterId, { prompt: 'upload refused' });
    const queued = await world.waitForJob((j) => j.threadId !== null && j.state === 'queued');
    world.discord.failNext({
      method: 'POST',
      path: new RegExp(`^/channels/${queued.threadId}/messages$`),
      status: 403,
      times: 1,
      body: { code: 50013, message: 'Missing Permissions' },
    });
    const job = await world.waitDelivered(queued.id, 20_000);
    const final = finalMessages(world, job);
    expect(final).toHaveLength(1);
    expect(final[0]?.channel_id).toBe(world.seed.generalChannelId);
  });

  it('posts in the channel when the thread was deleted or locked, and unarchives an archived thread', async () => {
    world = await startWorld({ scenario: { queueMs: 600 } });
    world.video(world.seed.requesterId, { prompt: 'thread deleted' });
    const a = await world.waitForJob((j) => j.threadId !== null && j.state === 'queued');
    world.discord.deleteChannel(a.threadId as string);
    world.video(world.seed.otherMemberId, { prompt: 'thread archived' });
    const b = await world.waitForJob((j) => j.id !== a.id && j.threadId !== null && j.state === 'queued');
    world.discord.archiveThread(b.threadId as string);
    world.video(world.seed.moderatorId, { prompt: 'thread locked' });
    const c = await world.waitForJob((j) => j.id !== a.id && j.id !== b.id && j.threadId !== null && j.state === 'queued');
    // Installed with the README's invite permissions: no Manage Threads, so a locked thread stays shut.
    world.discord.setBotPermissions(world.seed.guildId, 309237763072n);
    world.discord.archiveThread(c.threadId as string, { locked: true });
    const [doneA, doneB] = await Promise.all([world.waitDelivered(a.id, 20_000), world.waitDelivered(b.id, 20_000)]);
    expect(finalMessages(world, doneA).map((m) => m.channel_id)).toEqual([world.seed.generalChannelId]);
    expect(finalMessages(world, doneB).map((m) => m.channel_id)).toEqual([b.threadId]);
    const doneC = await world.waitDelivered(c.id, 20_000);
    expect(finalMessages(world, doneC).map((m) => m.channel_id)).toEqual([world.seed.generalChannelId]);
  });

  it('finishes a job whose channel was deleted and keeps serving others', async () => {
    world = await startWorld({ scenario: { queueMs: 600 } });
    const doomed = world.discord.addTextChannel(world.seed.guildId, { name: 'doomed' });
    world.video(world.seed.requesterId, { prompt: 'channel deleted' }, doomed.id);
    const a = await world.waitForJob((j) => j.channelId === doomed.id && j.state === 'queued');
    // Deleting a channel deletes its threads too.
    world.discord.deleteChannel(a.threadId as string);
    world.discord.deleteChannel(doomed.id);
    const done = await world.waitDelivered(a.id, 20_000);
    expect(done.state).toBe('succeeded');
    expect(world.logs.some((l) => l.includes('no channel left to post the final message in'))).toBe(true);
    expect((await make(world, 'still serving')).state).toBe('succeeded');
  });

  it('resumes after a gateway disconnect and keeps taking commands', async () => {
    world = await startWorld();
    world.discord.disconnectGateway({ resumable: true });
    await world.discord.waitFor(() => world.discord.gatewayStatus().resumes >= 1 || undefined, { timeoutMs: 10_000 });
    expect((await make(world, 'after resume')).state).toBe('succeeded');
  });
});
