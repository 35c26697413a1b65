import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { JobEventBus } from '../src/jobs/events.js';
import { JobService } from '../src/jobs/jobService.js';
import type { RenderSample } from '../src/jobs/jobStore.js';
import {
  DEFAULT_LEARNED,
  learnedQueuedDelay,
  learnedRunningDelay,
  pollPriority,
  priorWindow,
  RenderTimes,
} from '../src/jobs/learnedSchedule.js';
import { Poller } from '../src/jobs/poller.js';
import { RateLimiter } from '../src/jobs/rateLimiter.js';
import { DEFAULT_PRICES } from '../src/model/pricing.js';
import { parseVideoInput } from '../src/model/videoInput.js';
import { RunComfyClient } from '../src/runcomfy/client.js';
import { openSqliteStorage } from '../src/storage/sqlite/index.js';
import type { Storage } from '../src/storage/storage.js';
import { type FakeRunComfy, startFakeRunComfy } from '../testkit/runcomfy/index.js';
import { ManualClock } from '../testkit/world/manualClock.js';
import { makeTempDir } from '../testkit/world/tempDir.js';

const half = () => 0.5;
const samples = (renderMs: number[], duration = 5, sound = true): RenderSample[] =>
  renderMs.map((ms) => ({ duration, sound, queueMs: 30_000, renderMs: ms }));

describe('render times learned from finished jobs', () => {
  it('falls back to the prior with no history, and with too little', () => {
    expect(new RenderTimes().window(5, true)).toEqual(priorWindow(5, true));
    expect(new RenderTimes(samples([100_000, 110_000])).window(5, true).source).toBe('prior');
    // Longer videos and sound take longer, before any history.
    expect(priorWindow(10, true).early).toBeGreaterThan(priorWindow(5, true).early);
    expect(priorWindow(5, true).early).toBeGreaterThan(priorWindow(5, false).early);
  });

  it('learns a window per duration and sound from the history, with a margin', () => {
    const times = new RenderTimes(samples(Array.from({ length: 50 }, (_, i) => 200_000 + i * 1000)));
    const window = times.window(5, true);
    expect(window).toMatchObject({ source: 'history', early: 204_000, late: 244_000 });
    expect(window.earliest).toBeLessThan(200_000);
    expect(window.latest).toBeGreaterThan(249_000);
    expect(times.window(10, true).source).toBe('prior');
    expect(times.window(5, false).source).toBe('prior');
  });

  it('keeps learning from each success', () => {
    const times = new RenderTimes();
    for (const sample of samples(Array.from({ length: 8 }, () => 90_000))) times.add(sample);
    expect(times.window(5, true)).toMatchObject({ source: 'history', early: 90_000, late: 90_000 });
    expect(times.count(5, true)).toBe(8);
  });
});

describe('when to ask about a rendering job', () => {
  const window = { earliest: 180_000, early: 200_000, late: 240_000, latest: 260_000, source: 'history' as const };
  const o = DEFAULT_LEARNED;

  it.each([
    ['just started: halfway to the window, at most the longest wait', 0, o.farMaxMs, o.farMaxMs],
    ['a minute before the window: halfway there', 120_000, 30_000, 30_000],
    ['just before the window: exactly at its start', 175_000, 5000, 5000],
    ['at the window’s early edge', 190_000, o.edgeMs * 0.8, o.edgeMs * 1.2],
    ['where most renders end', 220_000, o.nearMs * 0.8, o.nearMs * 1.2],
    ['at the late edge', 250_000, o.edgeMs * 0.8, o.edgeMs * 1.2],
  ])('%s', (_name, elapsed, min, max) => {
    for (const random of [0, 0.5, 0.999]) {
      const delay = learnedRunningDelay(window, elapsed, o, () => random);
      expect(delay).toBeGreaterThanOrEqual(min);
      expect(delay).toBeLessThanOrEqual(max);
    }
  });

  it('backs off past the window, never beyond the longest wait', () => {
    const after = learnedRunningDelay(window, 300_000, o, half);
    expect(after).toBeGreaterThan(o.edgeMs);
    expect(learnedRunningDelay(window, 10 * 3_600_000, o, half)).toBeLessThanOrEqual(o.farMaxMs * 1.2);
  });

  it('asks about a queued job less often than a rendering one, and soon when it is next up', () => {
    expect(learnedQueuedDelay(o, 0, 40, half)).toBeGreaterThan(o.nearMs);
    expect(learnedQueuedDelay(o, 30 * 60_000, 40, half)).toBe(o.queuedMaxMs);
    expect(learnedQueuedDelay(o, 30 * 60_000, 1, half)).toBe(o.queuedNextMs);
  });

  it('puts the jobs likeliest to have finished first when the cap binds', () => {
    const times = new RenderTimes(samples(Array.from({ length: 20 }, () => 200_000)));
    const input = { duration: 5, sound: true };
    const now = 1_000_000;
    const jobs = [
      { name: 'queued', state: 'queued', startedAt: null, input },
      { name: 'just started', state: 'running', startedAt: now - 10_000, input },
      { name: 'past the middle', state: 'running', startedAt: now - 201_000, input },
      { name: 'at the start of its window', state: 'running', startedAt: now - 199_000, input },
    ];
    const order = [...jobs].sort((a, b) => pollPriority(a, now, times) - pollPriority(b, now, times)).map((j) => j.name);
    expect(order).toEqual(['past the middle', 'at the start of its window', 'just started', 'queued']);
  });
});

describe('the learned schedule through the poller', () => {
  let temp: ReturnType<typeof makeTempDir> | undefined;
  let fake: FakeRunComfy | undefined;
  let storage: Storage | undefined;
  afterEach(async () => {
    await storage?.close();
    await fake?.close();
    temp?.remove();
  });

  it('never sends more than the shared cap, and delivers every job', async () => {
    const clock = new ManualClock();
    temp = makeTempDir();
    const logger = pino({ level: 'silent' });
    fake = await startFakeRunComfy({
      token: 'rc-test-token-123456',
      now: () => clock.now(),
      defaultScenario: { queueMs: 10_000, runMs: 60_000, outcome: 'succeed', video: { kind: 'small' } },
    });
    storage = await openSqliteStorage({ path: temp.file('bot.db'), logger, now: () => clock.now() });
    const CAP = 5;
    const limiter = new RateLimiter(CAP, clock);
    const provider = new RunComfyClient({ baseUrl: fake.url, token: 'rc-test-token-123456', sleep: async () => {}, random: half });
    const bus = new JobEventBus();
    const perSecond = new Map<number, number>();
    bus.on('provider.request', () => {
      const second = Math.floor(clock.now() / 1000);
      perSecond.set(second, (perSecond.get(second) ?? 0) + 1);
    });
    const service = new JobService({ store: storage.jobs, provider, clock, logger, prices: DEFAULT_PRICES, limiter, events: bus });
    const poller = new Poller({
      store: storage.jobs,
      service,
      provider,
      delivery: { deliver: async () => {} },
      events: bus,
      clock,
      logger,
      limiter,
      concurrency: 32,
      random: half,
      learn: true,
    });
    for (let i = 0; i < 20; i++) {
      await service.create({ guildId: '1', channelId: '2', userId: `${i % 7}` }, parseVideoInput({ prompt: `job ${i}` }));
    }
    // As after a restart: every written job is due, and the poller submits them under the cap.
    await storage.jobs.resume(null);
    // The limiter waits on the manual clock, so the loop cannot wait for idle: it lets each step's
    // requests go out for a moment of real time, then moves the clock on.
    for (let t = 0; t < 150_000; t += 250) {
      clock.advance(250);
      await poller.tick();
      await Promise.race([poller.idle(), new Promise((r) => setTimeout(r, 3))]);
    }
    for (let spin = 0; spin < 40 && (await storage.jobs.countByState()).succeeded !== 20; spin++) {
      clock.advance(1000);
      await poller.tick();
      await Promise.race([poller.idle(), new Promise((r) => setTimeout(r, 20))]);
    }
    const states = await storage.jobs.countByState();
    expect(states).toEqual({ succeeded: 20 });
    // A burst of CAP first, then CAP per second.
    for (const [, count] of perSecond) expect(count).toBeLessThanOrEqual(2 * CAP);
    const total = [...perSecond.values()].reduce((a, b) => a + b, 0);
    const seconds = Math.max(...perSecond.keys()) - Math.min(...perSecond.keys()) + 1;
    expect(total / seconds).toBeLessThanOrEqual(CAP);
  });
});
