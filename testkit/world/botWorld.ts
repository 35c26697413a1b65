/**
 * The real bot, wired as in production, against a loopback Discord and a loopback RunComfy.
 * Shared by the end-to-end tests, the demo and the benchmarks.
 */
import { setTimeout as delay } from 'node:timers/promises';
import type { APIApplicationCommandInteractionDataOption } from 'discord.js';
import { type App, startApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import type { Clock } from '../../src/jobs/clock.js';
import type { Job } from '../../src/jobs/job.js';
import type { JobState } from '../../src/jobs/jobState.js';
import { createLogger } from '../../src/logger.js';
import { type DefaultSeed, type FakeDiscord, type FakeDiscordOptions, startFakeDiscord } from '../discord/index.js';
import type { HttpActivity } from '../httpActivity.js';
import { type FakeRunComfy, type Scenario, startFakeRunComfy } from '../runcomfy/index.js';
import { logLines } from './logLines.js';
import { ManualClock } from './manualClock.js';
import { makeTempDir } from './tempDir.js';

export const DISCORD_TOKEN = 'fake-discord-bot-token.abcdefghijklmnop';
export const RUNCOMFY_TOKEN = 'rc-secret-token-0123456789abcdef';
export const APPLICATION_ID = '100000000000000001';

export interface WorldOptions {
  scenario?: Partial<Scenario>;
  scenarioFor?: (input: Record<string, unknown>) => Partial<Scenario>;
  env?: Record<string, string>;
  uploadLimitBytes?: number;
  logLevel?: string;
  /** Reuse a folder (restart tests). */
  dir?: string;
  /**
   * The fake gateway's shards (`/gateway/bot`'s recommendation, `max_concurrency`, whether it
   * refuses IDENTIFYs over it) and the shard the seeded guild lands on. The bot's own shard
   * settings go in `env` (`DISCORD_SHARD_COUNT`, `DISCORD_SHARD_IDS`).
   */
  shards?: Pick<FakeDiscordOptions, 'recommendedShards' | 'maxConcurrency' | 'enforceIdentifyLimit'> & {
    seedShard?: readonly [number, number];
  };
  /**
   * Runs the bot and the fake provider on the wall clock (the demo, the benchmarks). By default
   * they share a simulated clock that the world's waits move forward, so a test spends no real
   * time on poll intervals, queue times or backoff.
   */
  realTime?: boolean;
  /** The bot's own clock, in real time (implies `realTime`). */
  clock?: Clock;
  /** Runs once the fakes are up and before the bot starts (to give them what a database refers to). */
  beforeStart?: (fakes: { discord: FakeDiscord; runcomfy: FakeRunComfy }) => void | Promise<void>;
}

export interface World {
  discord: FakeDiscord;
  runcomfy: FakeRunComfy;
  app: App;
  seed: DefaultSeed;
  logs: string[];
  dir: string;
  env: Record<string, string>;
  /** The simulated clock the bot and the fake provider share; undefined in real time. */
  clock: ManualClock | undefined;
  /** `/video create` with the given options, as `userId` in `channelId` (default #general). */
  video(userId: string, options: Record<string, string | number | boolean>, channelId?: string): ReturnType<FakeDiscord['slashCommand']>;
  subcommand(
    userId: string,
    name: string,
    sub: string,
    options?: Record<string, string | number | boolean>,
    channelId?: string,
  ): ReturnType<FakeDiscord['slashCommand']>;
  /**
   * Waits for a job the bot has made, without moving the simulated clock: a job found queued is
   * still queued when this returns, so a test can act on it there.
   */
  waitForJob(predicate: (job: Job) => boolean, timeoutMs?: number): Promise<Job>;
  /** Lets the bot's time pass until the job is in one of `states`. */
  waitForState(jobId: string, states: JobState | JobState[], timeoutMs?: number): Promise<Job>;
  /** Lets the bot's time pass until the job's final message is recorded. */
  waitDelivered(jobId: string, timeoutMs?: number): Promise<Job>;
  /** Lets the bot's time pass until `probe` returns something; timeouts are in real milliseconds. */
  passTimeUntil<T>(probe: () => Probed<T> | Promise<Probed<T>>, timeoutMs?: number): Promise<T>;
  /** Every job, oldest first; none once the bot is stopped. */
  jobs(): Promise<Job[]>;
  /** Stops the bot, then the fakes; removes the folder unless it was handed in. */
  stop(): Promise<void>;
  /** Stops only the bot (restart tests). */
  stopBot(): Promise<void>;
}

type Probed<T> = T | undefined | false;

const OPTION_TYPES: Record<string, number> = { string: 3, number: 10, boolean: 5 };

export function toOptions(options: Record<string, string | number | boolean>): APIApplicationCommandInteractionDataOption[] {
  return Object.entries(options).map(([name, value]) => {
    const type = typeof value === 'number' && Number.isInteger(value) && name !== 'cfg_scale' ? 4 : (OPTION_TYPES[typeof value] ?? 3);
    return { name, type, value } as APIApplicationCommandInteractionDataOption;
  });
}

/** Real time between looks at the fakes while waiting for the bot to go quiet. */
const QUIET_CHECK_MS = 2;

/**
 * Resolves once neither fake has a request in flight and none started or ended over one check:
 * the bot is then waiting on its clock (or on a timer of its libraries), not on an answer.
 */
async function quiet(fakes: HttpActivity[], deadline: number): Promise<void> {
  let seen = -1;
  while (Date.now() < deadline) {
    await delay(QUIET_CHECK_MS);
    const changes = fakes.reduce((sum, f) => sum + f.changes, 0);
    if (changes === seen && fakes.every((f) => f.inFlight === 0)) return;
    seen = changes;
  }
}

export async function startWorld(options: WorldOptions = {}): Promise<World> {
  const clock = options.realTime || options.clock ? undefined : new ManualClock(Date.now());
  const botClock = options.clock ?? clock;
  const temp = options.dir ? undefined : makeTempDir('kling-world-');
  const dir = options.dir ?? (temp as ReturnType<typeof makeTempDir>).dir;
  const discord = await startFakeDiscord({
    botToken: DISCORD_TOKEN,
    applicationId: APPLICATION_ID,
    // Attachment links expire on the world's clock, so a test can let a day pass in no time.
    ...(clock ? { now: () => clock.now() } : {}),
    ...(options.uploadLimitBytes ? { uploadLimitBytes: options.uploadLimitBytes } : {}),
    ...(options.shards?.recommendedShards !== undefined ? { recommendedShards: options.shards.recommendedShards } : {}),
    ...(options.shards?.maxConcurrency !== undefined ? { maxConcurrency: options.shards.maxConcurrency } : {}),
    ...(options.shards?.enforceIdentifyLimit !== undefined ? { enforceIdentifyLimit: options.shards.enforceIdentifyLimit } : {}),
  });
  const seed = discord.seedDefault(options.shards?.seedShard ? { shard: options.shards.seedShard } : {});
  const runcomfy = await startFakeRunComfy({
    token: RUNCOMFY_TOKEN,
    defaultScenario: { queueMs: 300, runMs: 300, queuePositions: 2, outcome: 'succeed', video: { kind: 'small' }, ...options.scenario },
    ...(options.scenarioFor ? { scenarioFor: options.scenarioFor } : {}),
    ...(clock ? { now: () => clock.now() } : {}),
  });
  const env: Record<string, string> = {
    DISCORD_TOKEN,
    DISCORD_APPLICATION_ID: APPLICATION_ID,
    DISCORD_GUILD_ID: seed.guildId,
    DISCORD_API_BASE_URL: discord.apiBase,
    RUNCOMFY_API_TOKEN: RUNCOMFY_TOKEN,
    RUNCOMFY_API_BASE_URL: runcomfy.url,
    // The loopback fake serves the result files over http on 127.0.0.1, which is refused unless allowed.
    // Members' pictures and the bot's own copies come from the loopback Discord's CDN route.
    MEDIA_ALLOWED_ORIGINS: `${runcomfy.url},${new URL(discord.apiBase).origin}`,
    DATABASE_PATH: `${dir}/bot.db`,
    MEDIA_CACHE_DIR: `${dir}/media`,
    STATUS_EDIT_INTERVAL_SECONDS: '1',
    PROVIDER_MAX_REQUESTS_PER_SECOND: '1000',
    // The fake renders in milliseconds; the learned schedule's prior expects minutes.
    POLL_SCHEDULE: 'fixed',
    LOG_LEVEL: options.logLevel ?? 'debug',
    ...options.env,
  };
  const { lines: logs, sink } = logLines();
  const config = loadConfig(env);
  const logger = createLogger(config.logLevel, sink, [DISCORD_TOKEN, RUNCOMFY_TOKEN]);
  let app: App;
  try {
    await options.beforeStart?.({ discord, runcomfy });
    app = await startApp({
      config,
      logger,
      ...(botClock ? { clock: botClock } : {}),
      discordRest: { retries: 1, timeout: 5000 },
      schedule: { queuedMs: 100, queuedMaxMs: 200, runningMs: 100, failureBaseMs: 100, failureMaxMs: 500 },
      firstPollDelayMs: 50,
    });
  } catch (error) {
    // Nothing else will close them: the caller never gets a world to stop.
    await discord.close();
    await runcomfy.close();
    temp?.remove();
    throw error;
  }
  let stopped = false;
  /** The app whose storage is closed: reads would fail, and there is nothing new to see. */
  let closed: App | undefined;

  const passTimeUntil = async <T>(probe: () => Probed<T> | Promise<Probed<T>>, timeoutMs = 10_000): Promise<T> => {
    if (clock === undefined) return discord.waitFor(probe, { timeoutMs });
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
      if (Date.now() >= deadline) throw new Error(`world: timed out after ${timeoutMs} ms waiting for ${probe.toString()}`);
      // ffmpeg counts as a fake here: an encode under way is the bot waiting on something real.
      await quiet([discord.activity, runcomfy.activity, app.media.activity], deadline);
      const settled = await probe();
      if (settled !== undefined && settled !== false) return settled;
      // Straight to the next timer the bot (or the fake provider's schedule) is waiting for.
      clock.advanceToNextWake();
    }
  };

  const world: World = {
    discord,
    runcomfy,
    get app() {
      return app;
    },
    set app(value) {
      app = value;
      closed = undefined;
    },
    seed,
    logs,
    dir,
    env,
    clock,
    passTimeUntil,
    video(userId, opts, channelId = seed.generalChannelId) {
      return discord.slashCommand({
        guildId: seed.guildId,
        channelId,
        userId,
        name: 'video',
        options: [{ type: 1, name: 'create', options: toOptions(opts) } as APIApplicationCommandInteractionDataOption],
      });
    },
    subcommand(userId, name, sub, opts = {}, channelId = seed.generalChannelId) {
      return discord.slashCommand({
        guildId: seed.guildId,
        channelId,
        userId,
        name,
        options: [{ type: 1, name: sub, options: toOptions(opts) } as APIApplicationCommandInteractionDataOption],
      });
    },
    jobs: async () => (closed === app ? [] : app.store.all()),
    waitForJob(predicate, timeoutMs = 10_000) {
      return discord.waitFor(async () => (await world.jobs()).find(predicate), { timeoutMs });
    },
    waitForState(jobId, states, timeoutMs = 10_000) {
      const wanted = Array.isArray(states) ? states : [states];
      return passTimeUntil(async () => {
        const job = await app.store.get(jobId);
        return job && wanted.includes(job.state) ? job : undefined;
      }, timeoutMs);
    },
    waitDelivered(jobId, timeoutMs = 10_000) {
      return passTimeUntil(async () => {
        const job = await app.store.get(jobId);
        return job?.deliveredAt ? job : undefined;
      }, timeoutMs);
    },
    async stopBot() {
      await app.stop();
      closed = app;
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await app.stop().catch(() => {});
      closed = app;
      await discord.close();
      await runcomfy.close();
      temp?.remove();
    },
  };
  return world;
}
