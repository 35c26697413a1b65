import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JobEventBus } from '../src/jobs/events.js';
import type { Job } from '../src/jobs/job.js';
import { JobService } from '../src/jobs/jobService.js';
import { DEFAULT_LEASE_MS, type JobStore } from '../src/jobs/jobStore.js';
import { type JobDelivery, Poller } from '../src/jobs/poller.js';
import { RateLimiter } from '../src/jobs/rateLimiter.js';
import { DEFAULT_PRICES } from '../src/model/pricing.js';
import { parseVideoInput } from '../src/model/videoInput.js';
import { RunComfyClient } from '../src/runcomfy/client.js';
import { openSqliteStorage } from '../src/storage/sqlite/index.js';
import type { Storage } from '../src/storage/storage.js';
import { step } from '../testkit/jobSteps.js';
import { type FakeRunComfy, startFakeRunComfy } from '../testkit/runcomfy/index.js';
import { ManualClock } from '../testkit/world/manualClock.js';
import { makeTempDir } from '../testkit/world/tempDir.js';

const TOKEN = 'rc-test-token-123456';
const origin = { guildId: '100000', channelId: '200000', userId: '300000' };
const logger = pino({ level: 'silent' });

/** Records every delivery and progress event so tests can assert "exactly once". */
class RecordingEvents implements JobDelivery {
  delivered: Job[] = [];
  progressed: Job[] = [];
  failNext = 0;
  /** Listens to the bus the way the chat layer does. */
  listen(bus: JobEventBus): JobEventBus {
    bus.on('job.progress', ({ job }) => {
      this.progressed.push(job);
    });
    return bus;
  }
  async deliver(job: Job): Promise<void> {
    if (this.failNext > 0) {
      this.failNext--;
      throw new Error('discord is down');
    }
    this.delivered.push(job);
  }
  countFor(id: string): number {
    return this.delivered.filter((j) => j.id === id).length;
  }
}

interface Pipeline {
  storage: Storage;
  store: JobStore;
  service: JobService;
  poller: Poller;
  events: RecordingEvents;
}

describe('the poller against the fake provider', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let clock: ManualClock;
  let fake: FakeRunComfy;
  let open: Pipeline[];

  async function pipeline(events = new RecordingEvents(), maxJobAgeMs = 30 * 60_000): Promise<Pipeline> {
    const storage = await openSqliteStorage({ path: temp.file('bot.db'), logger, now: () => clock.now() });
    const store = storage.jobs;
    const limiter = new RateLimiter(10_000, clock, 10_000);
    const provider = new RunComfyClient({ baseUrl: fake.url, token: TOKEN, sleep: async () => {}, random: () => 0.5 });
    const bus = events.listen(new JobEventBus());
    const service = new JobService({
      store,
      provider,
      clock,
      logger,
      prices: DEFAULT_PRICES,
      limiter,
      firstPollDelayMs: 1000,
      events: bus,
    });
    const poller = new Poller({
      store,
      service,
      provider,
      delivery: events,
      events: bus,
      clock,
      logger,
      limiter,
      concurrency: 16,
      maxJobAgeMs,
      random: () => 0.5,
      schedule: { queuedMs: 1000, queuedMaxMs: 2000, runningMs: 1000, failureBaseMs: 500 },
    });
    const p = { storage, store, service, poller, events };
    open.push(p);
    return p;
  }

  /** Moves simulated time in steps, letting the poller work at each step. */
  async function run(p: Pipeline, ms: number, step = 500): Promise<void> {
    for (let t = 0; t < ms; t += step) {
      clock.advance(step);
      while ((await p.poller.tick()) > 0) await p.poller.idle();
      await p.poller.idle();
    }
  }

  beforeEach(async () => {
    temp = makeTempDir();
    clock = new ManualClock();
    open = [];
    fake = await startFakeRunComfy({
      token: TOKEN,
      now: () => clock.now(),
      scenarioFor: (input) => {
        const prompt = String(input.prompt);
        if (prompt.startsWith('fail')) return { outcome: 'fail', failMessage: 'content policy' };
        if (prompt.startsWith('slow')) return { queueMs: 60_000 };
        return {};
      },
    });
  });
  afterEach(async () => {
    for (const p of open) await p.storage.close();
    await fake.close();
    temp.remove();
  });

  it('takes 50 jobs through queue, running and an end, delivering each exactly once', async () => {
    const p = await pipeline();
    const kinds = Array.from({ length: 50 }, (_, i) => (i % 5 === 0 ? 'fail' : i % 7 === 0 ? 'slow' : 'ok'));
    const jobs = [];
    for (const [i, kind] of kinds.entries()) {
      const job = await p.service.create(origin, parseVideoInput({ prompt: `${kind} job ${i}` }));
      jobs.push(await p.service.submit(job.id));
    }
    expect(jobs.every((j) => j.state === 'queued')).toBe(true);
    expect(fake.submissions).toBe(50);

    // Cancel the slow ones while they are still queued.
    await run(p, 1500);
    const slow = jobs.filter((_, i) => kinds[i] === 'slow');
    for (const job of slow) expect((await p.service.cancel(job.id)).outcome).toBe('cancelled');

    await run(p, 20_000);
    for (const [i, job] of jobs.entries()) {
      const final = await p.store.require(job.id);
      const expected = kinds[i] === 'fail' ? 'failed' : kinds[i] === 'slow' ? 'cancelled' : 'succeeded';
      expect(final.state, `job ${i}`).toBe(expected);
      expect(final.deliveredAt).not.toBeNull();
      expect(p.events.countFor(job.id)).toBe(1);
    }
    const succeeded = await p.store.require(jobs[1]!.id);
    expect(succeeded.resultUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    expect(succeeded.costUsd).toBeGreaterThan(0);
    const failed = await p.store.require(jobs[0]!.id);
    // The provider's reason, in its words, for the chat layer to quote.
    expect(failed).toMatchObject({ errorKind: 'provider_failed', errorMessage: 'content policy' });
    // It passed through running on the way, and told the chat layer.
    expect(p.events.progressed.some((j) => j.id === succeeded.id && j.state === 'running')).toBe(true);
    // The cancelled ones were cancelled at the provider, not just locally.
    expect(fake.requests.filter((r) => r.path.endsWith('/cancel'))).toHaveLength(slow.length);
    // Every API call carried the token; nothing but the API saw it.
    expect(fake.requests.filter((r) => !r.path.startsWith('/files')).every((r) => r.authorizationValid)).toBe(true);
  });

  it('retries a failed delivery later and still delivers once', async () => {
    const events = new RecordingEvents();
    events.failNext = 2;
    const p = await pipeline(events);
    const job = await p.service.create(origin, parseVideoInput({ prompt: 'fail soon' }));
    await p.service.submit(job.id);
    await run(p, 30_000);
    expect(events.countFor(job.id)).toBe(1);
    expect((await p.store.require(job.id)).deliveryAttempts).toBe(2);
  });

  it('keeps retrying delivery for a day, then gives up and says so in the log', async () => {
    const events = new RecordingEvents();
    events.failNext = Number.POSITIVE_INFINITY;
    const p = await pipeline(events);
    const job = await p.service.create(origin, parseVideoInput({ prompt: 'fail soon' }));
    await p.service.submit(job.id);
    await run(p, 20 * 60_000, 30_000);
    expect(await p.store.require(job.id)).toMatchObject({ state: 'failed', deliveredAt: null });
    expect((await p.store.require(job.id)).deliveryAttempts).toBeGreaterThan(15);
    await run(p, 24 * 60 * 60_000, 10 * 60_000);
    expect((await p.store.require(job.id)).deliveredAt).not.toBeNull();
    expect(events.delivered).toHaveLength(0);
  });

  it('backs off on provider errors and recovers', async () => {
    const p = await pipeline();
    const job = await p.service.submit((await p.service.create(origin, parseVideoInput({ prompt: 'ok' }))).id);
    fake.fault({ route: 'status', kind: '5xx', times: 12 });
    await run(p, 30_000);
    expect((await p.store.require(job.id)).state).toBe('succeeded');
    expect(p.events.countFor(job.id)).toBe(1);
  });

  it('cancels a job still queued past the maximum age, at the provider and unbilled', async () => {
    const p = await pipeline(new RecordingEvents(), 10_000);
    const job = await p.service.submit((await p.service.create(origin, parseVideoInput({ prompt: 'slow one' }))).id);
    await run(p, 15_000);
    const final = await p.store.require(job.id);
    // Still queued, so the provider cancelled it: not billed, and it says why.
    expect(final).toMatchObject({ state: 'cancelled', errorKind: 'timed_out', startedAt: null });
    // The facts the member's sentence is made of: it waited past the limit (10 s here).
    expect((final.finishedAt as number) - (final.submittedAt as number)).toBeGreaterThan(10_000);
    expect(fake.requests.some((r) => r.path.endsWith('/cancel'))).toBe(true);
    expect(p.events.countFor(job.id)).toBe(1);
  });

  it('fetches a video that finished while the bot was away, even past the maximum age', async () => {
    const p = await pipeline(new RecordingEvents(), 10_000);
    const job = await p.service.submit((await p.service.create(origin, parseVideoInput({ prompt: 'ok while away' }))).id);
    clock.advance(60_000); // the bot was down; the provider finished long ago
    await run(p, 2_000);
    expect((await p.store.require(job.id)).state).toBe('succeeded');
    expect(fake.requests.some((r) => r.path.endsWith('/cancel'))).toBe(false);
  });

  it('follows a job that started rendering as it hit the maximum age, instead of abandoning it', async () => {
    fake.setScenario({ queueMs: 9_000, runMs: 20_000 });
    const p = await pipeline(new RecordingEvents(), 10_000);
    const job = await p.service.submit((await p.service.create(origin, parseVideoInput({ prompt: 'ok late start' }))).id);
    await run(p, 60_000);
    expect((await p.store.require(job.id)).state).toBe('succeeded');
  });

  it('delivers each finished job once even when the loop runs on its own', async () => {
    const events = new RecordingEvents();
    let slow = 0;
    events.deliver = async (job) => {
      slow++;
      await new Promise((r) => setTimeout(r, 300));
      events.delivered.push(job);
    };
    const p = await pipeline(events);
    const job = await p.service.submit((await p.service.create(origin, parseVideoInput({ prompt: 'fail fast' }))).id);
    clock.advance(10_000);
    // A claim, then more ticks while the first delivery is still in hand.
    await p.poller.tick();
    for (let i = 0; i < 5; i++) {
      clock.advance(1_000);
      await p.poller.tick();
      await new Promise((r) => setTimeout(r, 20));
    }
    await p.poller.idle();
    expect(slow).toBe(1);
    expect(events.countFor(job.id)).toBe(1);
  });

  it('after a restart resumes pending jobs and delivers the finished-undelivered ones once', async () => {
    const first = await pipeline();
    const pending = await first.service.submit((await first.service.create(origin, parseVideoInput({ prompt: 'slow resume' }))).id);
    const finished = await first.service.submit((await first.service.create(origin, parseVideoInput({ prompt: 'ok finished' }))).id);
    const unsent = await first.service.create(origin, parseVideoInput({ prompt: 'ok unsent' }));
    const midSubmit = await first.service.create(origin, parseVideoInput({ prompt: 'ok mid' }));
    await first.store.transition(midSubmit.id, step('created', 'submitting'));
    // Let `finished` end at the provider, then "crash" before it is delivered: the store says
    // succeeded, nobody has posted.
    clock.advance(10_000);
    const status = await new RunComfyClient({ baseUrl: fake.url, token: TOKEN }).result(finished.requestId as string);
    expect(status.status).toBe('succeeded');
    await first.store.transition(
      finished.id,
      step('queued', 'succeeded', {
        resultUrl: status.videoUrl ?? null,
        finishedAt: clock.now(),
        nextPollAt: null,
      }),
    );
    await first.storage.close();

    const second = await pipeline();
    await second.poller.start();
    await second.poller.stop(); // start() resumed; drive it by hand from here
    // The mid-submit job comes back when its submit's lease runs out: until then it may be
    // another process's submit on the wire; the slow one spends a minute in the provider's queue.
    await run(second, Math.max(DEFAULT_LEASE_MS, 60_000) + 10_000);
    for (const id of [pending.id, finished.id, unsent.id, midSubmit.id]) {
      expect(second.events.countFor(id), id).toBe(1);
    }
    expect((await second.store.require(pending.id)).state).toBe('succeeded');
    expect((await second.store.require(unsent.id)).state).toBe('succeeded');
    expect(await second.store.require(midSubmit.id)).toMatchObject({ state: 'outcome_unknown' });
    expect(await second.store.require(midSubmit.id)).toMatchObject({ errorKind: 'outcome_unknown', errorMessage: null });
    // The mid-submit job was never sent again: one submission each for the three that were sent.
    expect(fake.submissions).toBe(3);

    // A third start delivers nothing twice.
    await second.storage.close();
    const third = await pipeline();
    await third.poller.start();
    await third.poller.stop();
    await run(third, 5_000);
    expect(third.events.delivered).toHaveLength(0);
  });
});
