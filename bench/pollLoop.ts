/**
 * The poll loop holding 10,000 pending jobs under a 20 requests/s cap: does it stay at the cap,
 * and what does it cost in CPU and memory? The fake provider runs in a child process, so the CPU
 * and memory read here are the bot's alone.
 */
import pino from 'pino';
import { openDatabase } from '../src/jobs/database.js';
import { systemClock } from '../src/jobs/clock.js';
import type { Job } from '../src/jobs/job.js';
import { JobService } from '../src/jobs/jobService.js';
import { JobStore } from '../src/jobs/jobStore.js';
import { Poller } from '../src/jobs/poller.js';
import { RateLimiter } from '../src/jobs/rateLimiter.js';
import { DEFAULT_PRICES } from '../src/model/pricing.js';
import { parseVideoInput } from '../src/model/videoInput.js';
import { RunComfyClient } from '../src/runcomfy/client.js';
import { RUNCOMFY_TOKEN } from '../test/helpers/botWorld.js';
import { makeTempDir } from '../test/helpers/tempDir.js';
import { startFakes } from './fakesClient.js';
import type { FigureResult, Progress } from './figure.js';
import { formatMiB, MIB, pause, RssSampler } from './stats.js';

const JOBS = 10_000;
const CAP_PER_SECOND = 20;
const WARMUP_MS = 3_000;
const MEASURE_MS = 30_000;
const AIM_CPU_PERCENT = 10;
const AIM_RSS_MIB = 200;

/** Jobs as a few hours of a busy bot would leave them: queued, submitted recently, due soon. */
function seedStore(store: JobStore, db: ReturnType<typeof openDatabase>, requestIds: readonly string[]): void {
  const input = parseVideoInput({ prompt: 'a benchmark video of a quiet street', duration: 5 });
  const now = Date.now();
  db.transaction(() => {
    requestIds.forEach((requestId, i) => {
      const job = store.create({ guildId: '100000000000000100', channelId: '100000000000000200', userId: `1000000000000${String(i % 500).padStart(5, '0')}`, input, estimateUsd: 0.84 });
      store.transition(job.id, 'created', 'submitting');
      // Submitted within the last 10 minutes (the age limit is 30), first checks spread over 3 s.
      store.transition(job.id, 'submitting', 'queued', {
        requestId,
        providerStatus: 'in_queue',
        submittedAt: now - Math.floor(Math.random() * 600_000),
        nextPollAt: now + Math.floor(Math.random() * 3_000),
      });
    });
  })();
}

export async function run(progress: Progress): Promise<FigureResult[]> {
  const fakes = await startFakes({ scenario: { queueMs: 2 * 3600_000, runMs: 60_000, queuePositions: 400 }, members: 0 });
  const temp = makeTempDir('kling-bench-poll-');
  const db = openDatabase(temp.file('bot.db'));
  try {
    const { requestIds } = await fakes.request({ type: 'seedProviderJobs', count: JOBS });
    const store = new JobStore(db);
    seedStore(store, db, requestIds);
    progress(`poll loop: ${JOBS.toLocaleString('en')} queued jobs in the store; polling for ${(WARMUP_MS + MEASURE_MS) / 1000} s at a cap of ${CAP_PER_SECOND}/s…`);

    const logger = pino({ level: 'silent' });
    const limiter = new RateLimiter(CAP_PER_SECOND, systemClock);
    const provider = new RunComfyClient({ baseUrl: fakes.ready.runcomfyUrl, token: RUNCOMFY_TOKEN, logger });
    const service = new JobService({ store, provider, clock: systemClock, logger, prices: DEFAULT_PRICES, limiter });
    let requests = 0;
    let progressEvents = 0;
    let errors = 0;
    const poller = new Poller({
      store,
      service,
      provider,
      // The Discord side is out of scope here: count what it would be asked to do.
      events: {
        progress: async (_job: Job) => {
          progressEvents += 1;
        },
        deliver: async () => {},
      },
      clock: systemClock,
      logger,
      limiter,
      onProviderRequest: () => {
        requests += 1;
      },
      onProviderError: () => {
        errors += 1;
      },
    });
    service.wake = () => poller.wake();

    poller.start();
    await pause(WARMUP_MS);
    const before = { requests, cpu: process.cpuUsage(), at: performance.now(), provider: (await fakes.request({ type: 'providerRequests' })).count };
    const sampler = new RssSampler();
    sampler.start(50);
    await pause(MEASURE_MS);
    const cpu = process.cpuUsage(before.cpu);
    const wallMs = performance.now() - before.at;
    const made = requests - before.requests;
    const peakRss = sampler.stop();
    const seenByProvider = (await fakes.request({ type: 'providerRequests' })).count - before.provider;
    await poller.stop();

    const perSecond = made / (wallMs / 1000);
    const cpuPercent = ((cpu.user + cpu.system) / 1000 / wallMs) * 100;
    const lifetimePeak = process.resourceUsage().maxRSS * 1024;
    progress(
      `poll loop: ${perSecond.toFixed(1)} requests/s (provider saw ${(seenByProvider / (wallMs / 1000)).toFixed(1)}/s), ` +
        `CPU ${cpuPercent.toFixed(1)}% of a core, peak RSS ${formatMiB(peakRss)} (${formatMiB(lifetimePeak)} including seeding), ` +
        `${progressEvents} progress events, ${errors} provider errors`,
    );
    return [
      {
        figure: `Poll loop, ${JOBS.toLocaleString('en')} pending jobs: provider requests`,
        aim: `at most the cap (${CAP_PER_SECOND}/s)`,
        result: `${perSecond.toFixed(1)} requests/s over ${(wallMs / 1000).toFixed(0)} s (the fake provider saw ${(seenByProvider / (wallMs / 1000)).toFixed(1)}/s); ${errors} errors`,
        met: perSecond <= CAP_PER_SECOND * 1.02 && errors === 0,
      },
      {
        figure: `Poll loop, ${JOBS.toLocaleString('en')} pending jobs: CPU`,
        aim: `< ${AIM_CPU_PERCENT}% of one core`,
        result: `${cpuPercent.toFixed(1)}% of one core`,
        met: cpuPercent < AIM_CPU_PERCENT,
      },
      {
        figure: `Poll loop, ${JOBS.toLocaleString('en')} pending jobs: peak RSS`,
        aim: `< ${AIM_RSS_MIB} MiB`,
        result: `${formatMiB(peakRss)} while polling (${formatMiB(lifetimePeak)} at most, seeding the store included)`,
        met: peakRss < AIM_RSS_MIB * MIB,
      },
    ];
  } finally {
    db.close();
    temp.remove();
    await fakes.stop();
  }
}
