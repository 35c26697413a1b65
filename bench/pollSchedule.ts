/**
 * The fixed poll schedule against the learned one, on the same simulated workload: 200 jobs
 * through the fake provider (real HTTP on 127.0.0.1) and the real poller, on a simulated clock so
 * that forty minutes of provider time take seconds. Each schedule gets a fresh database and the
 * same jobs; the learned one starts with the history an earlier day of the same work would leave.
 */
import pino from 'pino';
import { JobEventBus } from '../src/jobs/events.js';
import { JobService } from '../src/jobs/jobService.js';
import { Poller } from '../src/jobs/poller.js';
import { RateLimiter } from '../src/jobs/rateLimiter.js';
import { DEFAULT_PRICES } from '../src/model/pricing.js';
import { parseVideoInput, type VideoInput } from '../src/model/videoInput.js';
import { RunComfyClient } from '../src/runcomfy/client.js';
import { openSqliteStorage } from '../src/storage/sqlite/index.js';
import { setFields, step } from '../testkit/jobSteps.js';
import { startFakeRunComfy } from '../testkit/runcomfy/index.js';
import { ManualClock } from '../testkit/world/manualClock.js';
import { makeTempDir } from '../testkit/world/tempDir.js';
import type { FigureResult, Progress } from './figure.js';
import { percentile } from './stats.js';

const JOBS = 200;
const CAP_PER_SECOND = 5;
/** Requests arrive over this long, as on a busy evening. */
const ARRIVALS_MS = 30 * 60_000;
const STEP_MS = 250;
const TOKEN = 'rc-bench-token-123456';
const DURATIONS = [3, 5, 8, 10, 12, 15] as const;

interface PlannedJob {
  at: number;
  input: VideoInput;
  queueMs: number;
  runMs: number;
}

/** A seeded generator, so both schedules (and every run) see the same jobs. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

/**
 * Render time grows with the video's length (80 s for 3 s up to 480 s for 15 s, a tenth more
 * with sound, ±8 %); the queue takes 10 to 60 s: 90 s to 10 minutes in all.
 */
function workload(count: number, random: () => number, spanMs: number): PlannedJob[] {
  return Array.from({ length: count }, (_, i) => {
    const duration = DURATIONS[Math.floor(random() * DURATIONS.length)] as number;
    const sound = random() < 0.5;
    const base = (80_000 + ((duration - 3) / 12) * 400_000) * (sound ? 1.1 : 1);
    return {
      at: Math.floor((i / count) * spanMs),
      input: parseVideoInput({ prompt: `benchmark video ${i}`, duration, sound }),
      queueMs: Math.round(10_000 + random() * 50_000),
      runMs: Math.round(base * (0.92 + random() * 0.16)),
    };
  });
}

interface ScheduleResult {
  delivered: number;
  requestsPerJob: number;
  statusPerJob: number;
  delays: number[];
}

async function runSchedule(learn: boolean, jobs: readonly PlannedJob[], history: readonly PlannedJob[]): Promise<ScheduleResult> {
  const clock = new ManualClock();
  const temp = makeTempDir();
  const logger = pino({ level: 'silent' });
  const plan = new Map<string, PlannedJob>();
  const fake = await startFakeRunComfy({
    token: TOKEN,
    now: () => clock.now(),
    scenarioFor: (input) => {
      const job = plan.get(String(input.prompt));
      return job ? { queueMs: job.queueMs, runMs: job.runMs, queuePositions: 20 } : {};
    },
  });
  const storage = await openSqliteStorage({ path: temp.file('bot.db'), logger, now: () => clock.now() });
  try {
    const store = storage.jobs;
    // Yesterday's jobs, finished, as the history the learned schedule reads at start.
    const start = clock.now();
    for (const [i, past] of history.entries()) {
      const job = await store.create({ guildId: '1', channelId: '2', userId: `${i % 20}`, input: past.input, estimateUsd: 1 });
      const submittedAt = start - 86_400_000 + i * 1000;
      await store.transition(job.id, step('created', 'submitting'));
      await store.transition(job.id, step('submitting', 'queued', { requestId: `old-${i}`, submittedAt }));
      await store.transition(job.id, step('queued', 'running', { startedAt: submittedAt + past.queueMs }));
      await store.transition(job.id, step('running', 'succeeded', { finishedAt: submittedAt + past.queueMs + past.runMs }));
      await store.markDelivered(job.id);
    }
    const limiter = new RateLimiter(CAP_PER_SECOND, clock);
    const provider = new RunComfyClient({ baseUrl: fake.url, token: TOKEN, sleep: async () => {}, random: Math.random });
    const events = new JobEventBus();
    let requests = 0;
    let statusRequests = 0;
    events.on('provider.request', ({ kind }) => {
      requests++;
      if (kind === 'status') statusRequests++;
    });
    const service = new JobService({ store, provider, clock, logger, prices: DEFAULT_PRICES, limiter, events });
    const poller = new Poller({
      store,
      service,
      provider,
      delivery: { deliver: async () => {} },
      events,
      clock,
      logger,
      limiter,
      concurrency: 32,
      learn,
      maxJobAgeMs: 60 * 60_000,
    });
    // Reads the history; the loop itself is driven below, step by simulated step.
    await poller.start();
    await poller.stop();
    const ids: string[] = [];
    let next = 0;
    const end = start + ARRIVALS_MS + 20 * 60_000;
    while (clock.now() < end) {
      clock.advance(STEP_MS);
      while (next < jobs.length && (jobs[next] as PlannedJob).at <= clock.now() - start) {
        const planned = jobs[next] as PlannedJob;
        plan.set(planned.input.prompt, planned);
        const job = await store.create({ guildId: '1', channelId: '2', userId: `${next % 20}`, input: planned.input, estimateUsd: 1 });
        // Due now: the poller submits it under the shared cap, as a job sent on from the line.
        await store.transition(job.id, setFields('created', { nextPollAt: clock.now() }));
        ids.push(job.id);
        next++;
      }
      await poller.tick();
      // The limiter waits on the simulated clock, so each step gives the requests a moment of
      // real time to go out and be answered before the clock moves on.
      await Promise.race([poller.idle(), new Promise((resolve) => setTimeout(resolve, 4))]);
      if (next >= jobs.length && (await store.countByState()).succeeded === jobs.length + history.length) break;
    }
    const delays: number[] = [];
    let delivered = 0;
    for (const id of ids) {
      const job = await store.require(id);
      const at = job.requestId ? fake.jobs.get(job.requestId) : undefined;
      if (job.state !== 'succeeded' || !at || job.finishedAt === null) continue;
      delivered++;
      delays.push(job.finishedAt - (at.submittedAt + at.scenario.queueMs + at.scenario.runMs));
    }
    return { delivered, requestsPerJob: requests / Math.max(1, delivered), statusPerJob: statusRequests / Math.max(1, delivered), delays };
  } finally {
    await storage.close();
    await fake.close();
    temp.remove();
  }
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

export async function run(progress: Progress): Promise<FigureResult[]> {
  const jobs = workload(JOBS, seeded(14), ARRIVALS_MS);
  const history = workload(JOBS, seeded(7), 0);
  progress(`poll schedules: ${JOBS} jobs arriving over ${ARRIVALS_MS / 60_000} min, cap ${CAP_PER_SECOND}/s; fixed schedule…`);
  const fixed = await runSchedule(false, jobs, []);
  progress(`poll schedules: fixed: ${fixed.requestsPerJob.toFixed(1)} requests per job; learned schedule…`);
  const learned = await runSchedule(true, jobs, history);
  progress(`poll schedules: learned: ${learned.requestsPerJob.toFixed(1)} requests per job`);
  const p = (r: ScheduleResult, q: number) => percentile(r.delays, q);
  const name = `Poll schedules, ${JOBS} jobs (90 s to 10 min) under a ${CAP_PER_SECOND}/s cap`;
  const describe = (r: ScheduleResult) =>
    `${r.requestsPerJob.toFixed(1)} requests per delivered job (${r.statusPerJob.toFixed(1)} status checks); delay p50 ${seconds(p(r, 50))}, p95 ${seconds(p(r, 95))}; ${r.delivered}/${JOBS} delivered`;
  return [
    { figure: `${name}: fixed schedule (today's)`, aim: 'for comparison', result: describe(fixed), met: undefined },
    {
      figure: `${name}: learned schedule`,
      aim: 'at most half the requests per job, p95 delay no worse',
      result: describe(learned),
      met: learned.requestsPerJob <= fixed.requestsPerJob / 2 && p(learned, 95) <= p(fixed, 95) && learned.delivered === JOBS,
      note:
        `Both on the same ${JOBS} jobs and the same fake provider, one after the other; "delay" is from the moment the fake ` +
        'provider finished a job to the moment the bot recorded it finished (simulated time). Requests are every request the ' +
        'poller and the job service sent (submit, status, result). The learned schedule starts from the history of an ' +
        `earlier ${JOBS} jobs of the same mix; the fixed one needs none.`,
    },
  ];
}
