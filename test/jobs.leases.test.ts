/**
 * Leases kept alive while a process works on a job: short leases bring a killed process's jobs
 * back soon, and the heartbeat keeps a live process's long work (a download, an upload) its own.
 */
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JobEventBus } from '../src/jobs/events.js';
import type { Job } from '../src/jobs/job.js';
import { JobService } from '../src/jobs/jobService.js';
import { LeaseKeeper } from '../src/jobs/leases.js';
import { Poller } from '../src/jobs/poller.js';
import type { VideoProvider } from '../src/jobs/provider.js';
import { RateLimiter } from '../src/jobs/rateLimiter.js';
import { DEFAULT_PRICES } from '../src/model/pricing.js';
import { parseVideoInput } from '../src/model/videoInput.js';
import { openSqliteStorage, type SqliteStorage } from '../src/storage/sqlite/index.js';
import { setFields, step } from '../testkit/jobSteps.js';
import { ManualClock } from '../testkit/world/manualClock.js';
import { makeTempDir } from '../testkit/world/tempDir.js';

const logger = pino({ level: 'silent' });
const origin = { guildId: '100000', channelId: '200000', userId: '300000' };
const LEASE_MS = 30_000;
const SECOND = 1000;

/** Nothing here asks the provider: the jobs are finished already. */
const provider: VideoProvider = {
  submit: async () => {
    throw new Error('not asked');
  },
  status: async () => {
    throw new Error('not asked');
  },
  result: async () => {
    throw new Error('not asked');
  },
  cancel: async () => {
    throw new Error('not asked');
  },
};

/** A few turns of the event loop: what a renewal needs to be written. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('leases kept while a process works on a job', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let clock: ManualClock;
  let open: SqliteStorage[];

  /** Another process on the same database file. */
  async function connect(): Promise<SqliteStorage> {
    const storage = await openSqliteStorage({ path: temp.file('bot.db'), logger, now: () => clock.now(), leaseMs: LEASE_MS });
    open.push(storage);
    return storage;
  }

  function poller(storage: SqliteStorage, owner: string, deliver: (job: Job) => Promise<void>): Poller {
    const service = new JobService({ store: storage.jobs, provider, clock, logger, prices: DEFAULT_PRICES });
    return new Poller({
      store: storage.jobs,
      service,
      provider,
      delivery: { deliver },
      events: new JobEventBus(),
      clock,
      logger,
      limiter: new RateLimiter(10_000, clock, 10_000),
      leaseMs: LEASE_MS,
      owner,
    });
  }

  async function finishedJob(storage: SqliteStorage): Promise<Job> {
    const job = await storage.jobs.create({ ...origin, input: parseVideoInput({ prompt: 'a long upload' }), estimateUsd: 1 });
    return (await storage.jobs.transition(job.id, step('created', 'failed', { errorKind: 'start_failed' }))) as Job;
  }

  beforeEach(() => {
    temp = makeTempDir();
    clock = new ManualClock();
    open = [];
  });
  afterEach(async () => {
    for (const storage of open) await storage.close();
    temp.remove();
  });

  it('keeps a long delivery’s job with its process, and a second process does not take it', async () => {
    const a = await connect();
    const b = await connect();
    const job = await finishedJob(a);
    let finish: () => void = () => {};
    const posting = new Promise<void>((resolve) => {
      finish = resolve;
    });
    const deliveredBy: string[] = [];
    const first = poller(a, 'process-a', async () => {
      await posting;
      deliveredBy.push('a');
    });
    const second = poller(b, 'process-b', async () => void deliveredBy.push('b'));

    expect(await first.tick()).toBe(1);
    // Three leases' worth of a download and upload that will not end.
    for (let t = 0; t < 3 * LEASE_MS; t += 5 * SECOND) {
      clock.advance(5 * SECOND);
      await settle();
      expect(await second.tick()).toBe(0);
      expect(await b.jobs.require(job.id)).toMatchObject({ leaseOwner: 'process-a', deliveredAt: null });
      expect((await b.jobs.require(job.id)).nextPollAt).toBeGreaterThan(clock.now());
    }
    finish();
    await first.idle();
    await first.stop();
    expect(deliveredBy).toEqual(['a']);
    expect(await b.jobs.require(job.id)).toMatchObject({ deliveredAt: expect.any(Number), nextPollAt: null });
    // The work is over, so nothing is renewed any more and no timer is left behind.
    expect(clock.nextWakeAt()).toBeUndefined();
  });

  it('keeps a slow submit’s lease, so another process does not end it as stranded while it is on the wire', async () => {
    const a = await connect();
    const b = await connect();
    let answer: (value: { requestId: string }) => void = () => {};
    const slowProvider: VideoProvider = {
      ...provider,
      submit: () =>
        new Promise((resolve) => {
          answer = resolve;
        }),
    };
    const keeper = new LeaseKeeper({ store: a.jobs, owner: 'process-a', clock, logger, leaseMs: LEASE_MS });
    const service = new JobService({ store: a.jobs, provider: slowProvider, clock, logger, prices: DEFAULT_PRICES, leases: keeper });
    const job = await service.create(origin, parseVideoInput({ prompt: 'a slow submit' }));
    const submitting = service.submit(job.id);
    await settle();
    expect(await b.jobs.require(job.id)).toMatchObject({ state: 'submitting' });
    const second = poller(b, 'process-b', async () => {});
    for (let t = 0; t < 3 * LEASE_MS; t += 5 * SECOND) {
      clock.advance(5 * SECOND);
      await settle();
      // Neither a claim nor a restart's resume takes it for stranded.
      expect(await second.tick()).toBe(0);
      expect((await b.jobs.resume(null)).stranded).toEqual([]);
    }
    answer({ requestId: 'req-slow' });
    expect(await submitting).toMatchObject({ state: 'queued', requestId: 'req-slow' });
    await keeper.idle();
    expect(keeper.heldIds()).toEqual([]);
  });

  it('gives a dead process’s job to another once its lease runs out, not before', async () => {
    const a = await connect();
    const b = await connect();
    const job = await finishedJob(a);
    // The first process claims the job and dies: nothing renews its lease.
    const [claimed] = await a.jobs.claimDue('process-a', clock.now(), LEASE_MS, 1);
    expect(claimed?.id).toBe(job.id);
    const deliveredBy: string[] = [];
    const second = poller(b, 'process-b', async () => void deliveredBy.push('b'));
    clock.advance(LEASE_MS - 1);
    expect(await second.tick()).toBe(0);
    clock.advance(1);
    expect(await second.tick()).toBe(1);
    await second.idle();
    expect(deliveredBy).toEqual(['b']);
  });

  it('stops renewing a job whose poll time changed meanwhile, so a "due now" stands', async () => {
    const a = await connect();
    const job = await finishedJob(a);
    const [claimed] = await a.jobs.claimDue('process-a', clock.now(), LEASE_MS, 1);
    const keeper = new LeaseKeeper({ store: a.jobs, owner: 'process-a', clock, logger, leaseMs: LEASE_MS });
    keeper.hold(job.id, claimed?.nextPollAt ?? null);
    clock.advance(LEASE_MS / 3);
    await settle();
    const renewed = (await a.jobs.require(job.id)).nextPollAt as number;
    expect(renewed).toBe(clock.now() + LEASE_MS);
    // Another part (a cancel, a click) makes the job due now.
    await a.jobs.transition(job.id, setFields('failed', { nextPollAt: clock.now() }));
    clock.advance(LEASE_MS / 3);
    await settle();
    expect((await a.jobs.require(job.id)).nextPollAt).toBe(clock.now() - LEASE_MS / 3);
    expect(keeper.heldIds()).toEqual([]);
    await keeper.idle();
    keeper.release(job.id);
    expect(clock.nextWakeAt()).toBeUndefined();
  });
});
