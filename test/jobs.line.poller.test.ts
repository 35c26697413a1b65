/**
 * The line through the real poller, the job service and the fake provider on 127.0.0.1: jobs
 * admitted over a limit wait, the loop sends them on as slots free, and one that waits too long
 * ends with one final message.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EN, finalFailureText } from '../src/discord/copy.js';
import { JobEventBus } from '../src/jobs/events.js';
import type { Job } from '../src/jobs/job.js';
import { JobService } from '../src/jobs/jobService.js';
import type { AdmissionLimits } from '../src/jobs/limits.js';
import type { LineLimits } from '../src/jobs/line.js';
import { Poller } from '../src/jobs/poller.js';
import { RateLimiter } from '../src/jobs/rateLimiter.js';
import { klingImageToVideo } from '../src/model/models/klingImageToVideo.js';
import { DEFAULT_PRICES } from '../src/model/pricing.js';
import { parseVideoInput } from '../src/model/videoInput.js';
import { RunComfyClient } from '../src/runcomfy/client.js';
import { openSqliteStorage } from '../src/storage/sqlite/index.js';
import type { Storage } from '../src/storage/storage.js';
import { makePng } from '../testkit/images.js';
import { type FakeRunComfy, startFakeRunComfy } from '../testkit/runcomfy/index.js';
import { ManualClock } from '../testkit/world/manualClock.js';
import { makeTempDir } from '../testkit/world/tempDir.js';

const TOKEN = 'rc-test-token-123456';
const GUILD = '100000';
const logger = pino({ level: 'silent' });
const MINUTE = 60_000;

describe('the line through the poller', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let clock: ManualClock;
  let fake: FakeRunComfy;
  let storage: Storage;
  let service: JobService;
  let poller: Poller;
  let delivered: Job[];
  let progressed: Job[];
  let limits: AdmissionLimits;

  const slots = (): LineLimits => ({ perMember: limits.maxUnfinishedPerMember, perServer: limits.maxActivePerServer ?? null });

  beforeEach(async () => {
    temp = makeTempDir();
    clock = new ManualClock();
    fake = await startFakeRunComfy({
      token: TOKEN,
      now: () => clock.now(),
      defaultScenario: { queueMs: 2_000, runMs: 10_000, outcome: 'succeed', video: { kind: 'small' } },
      scenarioFor: (input) => (String(input.prompt).startsWith('long') ? { runMs: 60_000 } : {}),
    });
    storage = await openSqliteStorage({ path: temp.file('bot.db'), logger, now: () => clock.now() });
    limits = {
      maxUnfinishedPerMember: 1,
      maxActivePerServer: 2,
      maxWaitingPerMember: 5,
      maxWaitMs: 10 * MINUTE,
      memberDailyBudgetUsd: null,
      serverDailyBudgetUsd: null,
    };
    delivered = [];
    progressed = [];
    const limiter = new RateLimiter(10_000, clock, 10_000);
    const provider = new RunComfyClient({ baseUrl: fake.url, token: TOKEN, sleep: async () => {}, random: () => 0.5 });
    const bus = new JobEventBus();
    bus.on('job.progress', ({ job }) => {
      progressed.push(job);
    });
    service = new JobService({
      store: storage.jobs,
      provider,
      clock,
      logger,
      prices: DEFAULT_PRICES,
      limiter,
      firstPollDelayMs: 1000,
      events: bus,
    });
    poller = new Poller({
      store: storage.jobs,
      service,
      provider,
      delivery: { deliver: async (job) => void delivered.push(job) },
      events: bus,
      clock,
      logger,
      limiter,
      concurrency: 16,
      random: () => 0.5,
      schedule: { queuedMs: 1000, queuedMaxMs: 2000, runningMs: 1000 },
      line: { limitsFor: async () => slots() },
    });
  });
  afterEach(async () => {
    await storage.close();
    await fake.close();
    temp.remove();
  });

  let cards = 0;

  /** As the chat layer does: admission, the status card recorded, then a submit of a job that need not wait. */
  async function ask(userId: string, prompt = `a video for ${userId}`): Promise<Job> {
    const admitted = await admit(userId, prompt);
    cards += 1;
    const job = (await service.recordPlacement(admitted.id, { statusMessageId: String(800_000 + cards) })) as Job;
    return job.state === 'created' ? service.submit(job.id) : job;
  }

  /** Admission alone: what exists while the status card is still being posted. */
  async function admit(userId: string, prompt: string, modelId?: string): Promise<Job> {
    const input = modelId === klingImageToVideo.id ? klingImageToVideo.schema.parse({ prompt }) : parseVideoInput({ prompt });
    clock.advance(1);
    const result = await storage.jobs.createWithinLimits(
      {
        guildId: GUILD,
        channelId: '200000',
        userId,
        input,
        estimateUsd: 0.84,
        ...(modelId ? { modelId } : {}),
      },
      limits,
    );
    if (!result.ok) throw new Error(`refused: ${result.refusal.kind}`);
    return result.job;
  }

  /** Moves simulated time in steps, letting the poller work, and records the most jobs at the provider at once. */
  async function run(ms: number, step = 500): Promise<number> {
    let most = 0;
    for (let t = 0; t < ms; t += step) {
      clock.advance(step);
      while ((await poller.tick()) > 0) await poller.idle();
      await poller.idle();
      const counts = await storage.jobs.countByState();
      most = Math.max(most, (counts.submitting ?? 0) + (counts.queued ?? 0) + (counts.running ?? 0) + (counts.created ?? 0));
    }
    return most;
  }

  it('sends waiting jobs on as slots free, round-robin, never past the server’s limit, and updates their cards', async () => {
    limits = { ...limits, maxUnfinishedPerMember: 2, maxActivePerServer: 2 };
    const heavy = [await ask('300000', 'long one'), await ask('300000'), await ask('300000'), await ask('300000')];
    const others = [await ask('300001'), await ask('300001')];
    expect(heavy.map((j) => j.state)).toEqual(['queued', 'queued', 'waiting', 'waiting']);
    expect(others.map((j) => [j.state, j.queuePosition])).toEqual([
      ['waiting', 1],
      ['waiting', 2],
    ]);
    expect(EN.stateText(others[0] as Job, clock.now())).toBe("🧍 Waiting: 1st in this server's line");

    expect(await run(180_000)).toBeLessThanOrEqual(2);
    const jobs = await storage.jobs.all();
    expect(jobs.every((j) => j.state === 'succeeded' && j.deliveredAt !== null)).toBe(true);
    expect(delivered).toHaveLength(6);
    expect(fake.submissions).toBe(6);
    // While the heavy member holds a slot, the other member's jobs go first, one per free slot.
    const started = (job: Job | undefined) => jobs.find((j) => j.id === job?.id)?.submittedAt ?? 0;
    const order = [others[0], others[1], heavy[2], heavy[3]].map(started);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(new Set(order).size).toBe(4);
    // Each waiting card was told when it moved up and when it was sent on.
    expect(progressed.some((j) => j.id === heavy[2]?.id && j.state === 'waiting' && j.queuePosition === 1)).toBe(true);
    expect(progressed.some((j) => j.id === heavy[2]?.id && j.state === 'queued')).toBe(true);
  });

  it('does not send an animation on while its card (with its picture) is being posted, and sends it once the card is recorded', async () => {
    fake.setScenario({ queueMs: 3_000, runMs: 3_000 });
    limits = { ...limits, maxActivePerServer: 1 };
    const holder = await ask('300000');
    const animation = await admit('300001', 'the lighthouse turns its beam', klingImageToVideo.id);
    const other = await admit('300002', 'a second request, still being posted');
    expect(animation).toMatchObject({ state: 'waiting', queuePosition: 1 });
    // The slot frees while the animation's card is on its way to Discord: the line must wait for it.
    await run(20_000);
    expect(await storage.jobs.require(holder.id)).toMatchObject({ state: 'succeeded' });
    expect(await storage.jobs.require(animation.id)).toMatchObject({ state: 'waiting', queuePosition: 1, errorKind: null });
    expect(fake.submissions).toBe(1);

    // The card's copy of the picture, where the provider fetches it.
    const picture = makePng(640, 360);
    const cdn = createServer((_request, response) => response.writeHead(200, { 'content-type': 'image/png' }).end(picture));
    await new Promise<void>((resolve) => cdn.listen(0, '127.0.0.1', resolve));
    const start = `http://127.0.0.1:${(cdn.address() as AddressInfo).port}/attachments/1/2/start.png?ex=1`;
    await service.recordPlacement(animation.id, { statusMessageId: '8999', images: { start } });
    await run(20_000);
    const sent = await storage.jobs.require(animation.id);
    expect(sent).toMatchObject({ state: 'succeeded', errorKind: null, statusMessageId: '8999' });
    expect(fake.jobs.get(sent.requestId as string)?.input).toMatchObject({ start_image_url: start });
    await new Promise((resolve) => cdn.close(resolve));
    expect(delivered.filter((j) => j.id === animation.id)).toHaveLength(1);
    // Its card was told it left the line.
    expect(progressed.some((j) => j.id === animation.id && j.state === 'queued' && j.statusMessageId === '8999')).toBe(true);
    // The other card never came: it keeps its place until its card is long overdue.
    expect(await storage.jobs.require(other.id)).toMatchObject({ state: 'waiting', queuePosition: 1 });
  });

  it('ends a job that waited past the limit with one final message, unsent and unbilled', async () => {
    fake.setScenario({ queueMs: 20 * MINUTE });
    limits = { ...limits, maxUnfinishedPerMember: 2, maxActivePerServer: 1, memberDailyBudgetUsd: 5 };
    await ask('300000', 'a long one');
    const waiting = await ask('300001');
    expect(waiting.state).toBe('waiting');
    await run(11 * MINUTE, 5_000);
    const ended = await storage.jobs.require(waiting.id);
    expect(ended).toMatchObject({ state: 'cancelled', errorKind: 'waited_too_long', submittedAt: null, requestId: null });
    expect(ended.deliveredAt).not.toBeNull();
    expect(delivered.filter((j) => j.id === waiting.id)).toHaveLength(1);
    expect(finalFailureText(ended)).toBe(
      `<@300001> Your video waited more than 10 minutes in this server's line, so the bot cancelled it; nothing was sent or billed.`,
    );
    expect(fake.submissions).toBe(1);
    expect(await storage.ledger.spentToday(GUILD, '300001')).toBe(0);
  });

  it('cancels a waiting job at no cost without sending anything, and the line closes up', async () => {
    fake.setScenario({ queueMs: 20 * MINUTE });
    await ask('300000');
    await ask('300001');
    const first = await ask('300002');
    const second = await ask('300003');
    expect([first.queuePosition, second.queuePosition]).toEqual([1, 2]);
    expect(await service.cancel(first.id)).toMatchObject({ outcome: 'cancelled', job: { state: 'cancelled', startedAt: null } });
    await run(2_000);
    expect(await storage.jobs.require(second.id)).toMatchObject({ state: 'waiting', queuePosition: 1 });
    expect(delivered.filter((j) => j.id === first.id)).toHaveLength(1);
    expect(fake.submissions).toBe(2);
    expect(await storage.ledger.spentToday(GUILD, '300002')).toBe(0);
  });
});
