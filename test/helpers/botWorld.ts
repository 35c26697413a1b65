/**
 * The real bot, wired as in production, against a loopback Discord and a loopback RunComfy.
 * Shared by the end-to-end tests, the demo and the benchmarks.
 */
import type { APIApplicationCommandInteractionDataOption } from 'discord.js';
import { type App, startApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import type { Job } from '../../src/jobs/job.js';
import type { JobState } from '../../src/jobs/jobState.js';
import { createLogger } from '../../src/logger.js';
import { type DefaultSeed, type FakeDiscord, startFakeDiscord } from '../fakes/discord/index.js';
import { type FakeRunComfy, type Scenario, startFakeRunComfy } from '../fakes/runcomfy/index.js';
import { logLines } from './logLines.js';
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
}

export interface World {
  discord: FakeDiscord;
  runcomfy: FakeRunComfy;
  app: App;
  seed: DefaultSeed;
  logs: string[];
  dir: string;
  env: Record<string, string>;
  /** `/video create` with the given options, as `userId` in `channelId` (default #general). */
  video(userId: string, options: Record<string, string | number | boolean>, channelId?: string): ReturnType<FakeDiscord['slashCommand']>;
  subcommand(
    userId: string,
    name: string,
    sub: string,
    options?: Record<string, string | number | boolean>,
    channelId?: string,
  ): ReturnType<FakeDiscord['slashCommand']>;
  waitForJob(predicate: (job: Job) => boolean, timeoutMs?: number): Promise<Job>;
  waitForState(jobId: string, states: JobState | JobState[], timeoutMs?: number): Promise<Job>;
  waitDelivered(jobId: string, timeoutMs?: number): Promise<Job>;
  jobs(): Job[];
  /** Stops the bot, then the fakes; removes the folder unless it was handed in. */
  stop(): Promise<void>;
  /** Stops only the bot (restart tests). */
  stopBot(): Promise<void>;
}

const OPTION_TYPES: Record<string, number> = { string: 3, number: 10, boolean: 5 };

export function toOptions(options: Record<string, string | number | boolean>): APIApplicationCommandInteractionDataOption[] {
  return Object.entries(options).map(([name, value]) => {
    const type = typeof value === 'number' && Number.isInteger(value) && name !== 'cfg_scale' ? 4 : (OPTION_TYPES[typeof value] ?? 3);
    return { name, type, value } as APIApplicationCommandInteractionDataOption;
  });
}

export async function startWorld(options: WorldOptions = {}): Promise<World> {
  const temp = options.dir ? undefined : makeTempDir('kling-world-');
  const dir = options.dir ?? (temp as ReturnType<typeof makeTempDir>).dir;
  const discord = await startFakeDiscord({
    botToken: DISCORD_TOKEN,
    applicationId: APPLICATION_ID,
    ...(options.uploadLimitBytes ? { uploadLimitBytes: options.uploadLimitBytes } : {}),
  });
  const seed = discord.seedDefault();
  const runcomfy = await startFakeRunComfy({
    token: RUNCOMFY_TOKEN,
    defaultScenario: { queueMs: 300, runMs: 300, queuePositions: 2, outcome: 'succeed', video: { kind: 'small' }, ...options.scenario },
    ...(options.scenarioFor ? { scenarioFor: options.scenarioFor } : {}),
  });
  const env: Record<string, string> = {
    DISCORD_TOKEN,
    DISCORD_APPLICATION_ID: APPLICATION_ID,
    DISCORD_GUILD_ID: seed.guildId,
    DISCORD_API_BASE_URL: discord.apiBase,
    RUNCOMFY_API_TOKEN: RUNCOMFY_TOKEN,
    RUNCOMFY_API_BASE_URL: runcomfy.url,
    // The loopback fake serves the result files over http on 127.0.0.1, which is refused unless allowed.
    MEDIA_ALLOWED_ORIGINS: runcomfy.url,
    DATABASE_PATH: `${dir}/bot.db`,
    MEDIA_CACHE_DIR: `${dir}/media`,
    STATUS_EDIT_INTERVAL_SECONDS: '1',
    PROVIDER_MAX_REQUESTS_PER_SECOND: '1000',
    LOG_LEVEL: options.logLevel ?? 'debug',
    ...options.env,
  };
  const { lines: logs, sink } = logLines();
  const config = loadConfig(env);
  const logger = createLogger(config.logLevel, sink, [DISCORD_TOKEN, RUNCOMFY_TOKEN]);
  let app: App;
  try {
    app = await startApp({
      config,
      logger,
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

  const world: World = {
    discord,
    runcomfy,
    get app() {
      return app;
    },
    set app(value) {
      app = value;
    },
    seed,
    logs,
    dir,
    env,
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
    jobs: () =>
      app.db.open
        ? (app.db.prepare('SELECT id FROM jobs ORDER BY created_at').all() as { id: string }[]).map((r) => app.store.require(r.id))
        : [],
    waitForJob(predicate, timeoutMs = 10_000) {
      return discord.waitFor(() => world.jobs().find(predicate), { timeoutMs });
    },
    waitForState(jobId, states, timeoutMs = 10_000) {
      const wanted = Array.isArray(states) ? states : [states];
      return discord.waitFor(
        () => {
          const job = app.store.get(jobId);
          return job && wanted.includes(job.state) ? job : undefined;
        },
        { timeoutMs },
      );
    },
    waitDelivered(jobId, timeoutMs = 10_000) {
      return discord.waitFor(
        () => {
          const job = app.store.get(jobId);
          return job?.deliveredAt ? job : undefined;
        },
        { timeoutMs },
      );
    },
    async stopBot() {
      await app.stop();
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await app.stop().catch(() => {});
      await discord.close();
      await runcomfy.close();
      temp?.remove();
    },
  };
  return world;
}
