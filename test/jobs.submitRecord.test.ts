/**
 * A submit the provider accepted whose record then fails (a dropped PostgreSQL connection,
 * `SQLITE_BUSY`): the provider has the job and bills it, so it must never be taken for refused,
 * and the member must never be told to try again (a second bill).
 */
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NO_DEFER } from '../src/discord/handler.js';
import { videoCreate } from '../src/discord/handlers/videoCreate.js';
import { JobEventBus } from '../src/jobs/events.js';
import type { Job } from '../src/jobs/job.js';
import { JobService } from '../src/jobs/jobService.js';
import type { JobStore } from '../src/jobs/jobStore.js';
import { Poller } from '../src/jobs/poller.js';
import { RateLimiter } from '../src/jobs/rateLimiter.js';
import { DEFAULT_PRICES } from '../src/model/pricing.js';
import { parseVideoInput } from '../src/model/videoInput.js';
import { RunComfyClient } from '../src/runcomfy/client.js';
import { openSqliteStorage, type SqliteStorage } from '../src/storage/sqlite/index.js';
import { type FakeRunComfy, startFakeRunComfy } from '../testkit/runcomfy/index.js';
import { logLines } from '../testkit/world/logLines.js';
import { ManualClock } from '../testkit/world/manualClock.js';
import { makeTempDir } from '../testkit/world/tempDir.js';
import { GUILD, type Harness, makeHarness, OWNER } from './handlers/harness.js';

const TOKEN = 'rc-test-token-123456';
const origin = { guildId: '100000', channelId: '200000', userId: '300000' };
const LEASE_MS = 30_000;

/** What better-sqlite3 throws when another connection holds the write lock past its timeout. */
function busy(): Error {
  return Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
}

/** Makes the store's `submitting → queued` write throw `times` times (Infinity: always). */
function failQueuedWrites(store: JobStore, times: number): { failed: () => number } {
  const real = store.transition.bind(store);
  let failed = 0;
  store.transition = async (id, move) => {
    if (move.name === 'record_request' && failed < times) {
      failed++;
      throw busy();
    }
    return real(id, move);
  };
  return { failed: () => failed };
}

/** Lets a promise that sleeps on the manual clock run to its end, moving the clock as it waits. */
async function settle<T>(clock: ManualClock, work: Promise<T>): Promise<T> {
  let done = false;
  const result = work.finally(() => {
    done = true;
  });
  while (!done) {
    await new Promise((resolve) => setTimeout(resolve, 2));
    clock.advanceToNextWake();
  }
  return result;
}

describe('a submit the provider accepted and the database would not record', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let clock: ManualClock;
  let fake: FakeRunComfy;
  let storage: SqliteStorage;
  let log: ReturnType<typeof logLines>;
  let service: JobService;
  let provider: RunComfyClient;
  let bus: JobEventBus;

  beforeEach(async () => {
    temp = makeTempDir();
    clock = new ManualClock();
    log = logLines();
    fake = await startFakeRunComfy({ token: TOKEN, now: () => clock.now() });
    storage = await openSqliteStorage({
      path: temp.file('bot.db'),
      logger: pino({ level: 'silent' }),
      now: () => clock.now(),
      leaseMs: LEASE_MS,
    });
    provider = new RunComfyClient({ baseUrl: fake.url, token: TOKEN, sleep: async () => {}, random: () => 0.5 });
    bus = new JobEventBus();
    service = new JobService({
      store: storage.jobs,
      provider,
      clock,
      logger: pino({ level: 'info' }, log.sink),
      prices: DEFAULT_PRICES,
      firstPollDelayMs: 1000,
      events: bus,
      random: () => 0.5,
    });
  });
  afterEach(async () => {
    await storage.close();
    await fake.close();
    temp.remove();
  });

  it('records it once the database answers again, sent once and queued with its request id', async () => {
    const failing = failQueuedWrites(storage.jobs, 2);
    const job = await service.create(origin, parseVideoInput({ prompt: 'a kite over the dunes' }));
    const submitted = await settle(clock, service.submit(job.id));
    expect(failing.failed()).toBe(2);
    expect(submitted).toMatchObject({ state: 'queued', requestId: expect.any(String), errorKind: null });
    expect(fake.submissions).toBe(1);
    expect(fake.jobs.has(submitted.requestId as string)).toBe(true);
    expect(await storage.jobs.require(job.id)).toMatchObject({ state: 'queued', requestId: submitted.requestId });
  });

  it('leaves it submitting when the database stays down, logs the request id, and lets the lease end it unknown, never resent', async () => {
    failQueuedWrites(storage.jobs, Number.POSITIVE_INFINITY);
    const ended: Job[] = [];
    bus.on('job.submitted', ({ job }) => void ended.push(job));
    const job = await service.create(origin, parseVideoInput({ prompt: 'a kite over the dunes' }));
    const submitted = await settle(clock, service.submit(job.id));
    // Not refused: nothing says it failed, and no end was announced.
    expect(submitted).toMatchObject({ state: 'submitting', errorKind: null });
    expect(ended).toEqual([]);
    expect(await storage.jobs.require(job.id)).toMatchObject({ state: 'submitting', errorKind: null, finishedAt: null });
    const [requestId] = [...fake.jobs.keys()];
    const lines = log.lines.map((line) => JSON.parse(line) as { msg: string; requestId?: string; level: number });
    expect(lines.find((line) => line.level >= 50)).toMatchObject({ requestId, msg: expect.stringContaining('recording it failed') });

    // The lease rule settles it: once the submit's lease runs out a poller ends it outcome_unknown.
    const delivered: Job[] = [];
    const poller = new Poller({
      store: storage.jobs,
      service,
      provider,
      delivery: { deliver: async (j) => void delivered.push(j) },
      events: bus,
      clock,
      logger: pino({ level: 'silent' }),
      limiter: new RateLimiter(10_000, clock, 10_000),
      leaseMs: LEASE_MS,
    });
    expect(await poller.tick()).toBe(0);
    clock.advance(LEASE_MS);
    while ((await poller.tick()) > 0) await poller.idle();
    await poller.idle();
    expect(await storage.jobs.require(job.id)).toMatchObject({ state: 'outcome_unknown', deliveredAt: expect.any(Number) });
    expect(delivered.map((j) => j.id)).toEqual([job.id]);
    expect(fake.submissions).toBe(1);
  });
});

describe('/video create when the accepted submit cannot be recorded', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await makeHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  it('tells the member the video is queued, not that it could not be started', async () => {
    failQueuedWrites(h.storage.jobs, Number.POSITIVE_INFINITY);
    const view = await videoCreate.run({ member: h.member(), options: { prompt: 'a paper boat' } }, h.deps, NO_DEFER);
    const words = JSON.stringify(view);
    expect(words).toContain('Your video is in the queue');
    expect(words).not.toContain('could not be started');
    expect(h.submits).toHaveLength(1);
    const [job] = await h.storage.jobs.recentByUser(GUILD, OWNER, 5);
    expect(job).toMatchObject({ state: 'submitting', errorKind: null });
  });
});
