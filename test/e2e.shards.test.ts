/**
 * The bot sharded: two bots (shard 0 and shard 1 of 2, each with its own SQLite file) on one
 * loopback Discord with a guild on each shard, and one bot holding every shard of an automatic
 * count. A member's `/video` reaches only the bot holding the guild's shard, and is answered.
 */
import { type APIApplicationCommandInteractionDataOption, Events, GatewayCloseCodes } from 'discord.js';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { type App, startApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import type { Job } from '../src/jobs/job.js';
import type { DefaultSeed, InteractionHandle } from '../testkit/discord/index.js';
import { startWorld, toOptions, type World } from '../testkit/world/botWorld.js';
import { makeTempDir } from '../testkit/world/tempDir.js';
import { submitsTo } from './helpers/inspect.js';

/** Two starts in one IDENTIFY bucket are 5 s apart (plus discord.js's jitter of up to 1.5 s). */
const PACED_START_TIMEOUT_MS = 30_000;

let world: World | undefined;
const extraApps: App[] = [];
const extraDirs: (() => void)[] = [];

afterEach(async () => {
  for (const app of extraApps.splice(0)) await app.stop();
  await world?.stop();
  world = undefined;
  for (const remove of extraDirs.splice(0)) remove();
});

function video(w: World, seed: DefaultSeed, prompt: string): InteractionHandle {
  return w.discord.slashCommand({
    guildId: seed.guildId,
    channelId: seed.generalChannelId,
    userId: seed.requesterId,
    name: 'video',
    options: [{ type: 1, name: 'create', options: toOptions({ prompt, duration: 5 }) } as APIApplicationCommandInteractionDataOption],
  });
}

function jobsOf(app: App): Promise<Job[]> {
  return app.store.all();
}

/** A second bot process on the world's fakes and clock, with its own database and these settings. */
async function startSecondBot(w: World, env: Record<string, string>): Promise<App> {
  const temp = makeTempDir('kling-shard-');
  extraDirs.push(temp.remove);
  const app = await startApp({
    config: loadConfig({ ...w.env, DATABASE_PATH: temp.file('bot.db'), MEDIA_CACHE_DIR: temp.file('media'), ...env }),
    logger: pino({ level: 'silent' }),
    ...(w.clock ? { clock: w.clock } : {}),
    discordRest: { retries: 1, timeout: 5000 },
    schedule: { queuedMs: 100, queuedMaxMs: 200, runningMs: 100, failureBaseMs: 100, failureMaxMs: 500 },
    firstPollDelayMs: 50,
  });
  extraApps.push(app);
  return app;
}

/** The job's final message in its thread, once its bot has delivered it. */
async function deliveredIn(w: World, app: App, prompt: string): Promise<Job> {
  const job = await w.passTimeUntil(async () =>
    (await jobsOf(app)).find((candidate) => candidate.input.prompt === prompt && candidate.deliveredAt),
  );
  expect(job.state).toBe('succeeded');
  const inThread = w.discord.messages(job.threadId as string);
  expect(inThread).toHaveLength(1);
  expect(inThread[0]?.attachments).toHaveLength(1);
  return job;
}

function commandRequests(w: World): { method: string; path: string }[] {
  return w.discord.requests.filter((request) => request.path.endsWith('/commands'));
}

describe('a sharded bot', () => {
  it('runs shard 0 and shard 1 of 2 in two processes: each guild’s /video reaches only its shard’s bot, and each is answered', async () => {
    world = await startWorld({
      shards: { recommendedShards: 2, maxConcurrency: 2, enforceIdentifyLimit: true, seedShard: [0, 2] },
      // Global commands: one registration serves both guilds.
      env: { DISCORD_SHARD_COUNT: '2', DISCORD_SHARD_IDS: '0', DISCORD_GUILD_ID: '' },
    });
    const { discord } = world;
    const first = world.seed;
    const second = discord.seedDefault({ name: 'Second Server', shard: [1, 2] });
    const registeredBefore = commandRequests(world).length;
    const other = await startSecondBot(world, { DISCORD_SHARD_IDS: '1' });

    // Each process connected its own shard and sees only that shard's guild.
    expect(discord.gatewaySessions().map((session) => session.shard)).toEqual([
      [0, 2],
      [1, 2],
    ]);
    expect([...world.app.bot.client.guilds.cache.keys()]).toEqual([first.guildId]);
    expect([...other.bot.client.guilds.cache.keys()]).toEqual([second.guildId]);
    // Only the holder of shard 0 registers: the second process never asked about commands.
    expect(commandRequests(world)).toHaveLength(registeredBefore);
    expect(discord.commands().map((command) => command.name)).toEqual(expect.arrayContaining(['video', 'video-settings']));

    const inFirst = video(world, first, 'a lighthouse in fog');
    const inSecond = video(world, second, 'a fox in fresh snow');
    for (const interaction of [inFirst, inSecond]) {
      expect(await interaction.response()).toMatchObject({ kind: 'callback', type: 5 });
    }
    const firstJob = await deliveredIn(world, world.app, 'a lighthouse in fog');
    const secondJob = await deliveredIn(world, other, 'a fox in fresh snow');
    expect(firstJob.guildId).toBe(first.guildId);
    expect(secondJob.guildId).toBe(second.guildId);
    // Each bot took only its own guild's command: one job each, one acknowledgement each.
    expect((await jobsOf(world.app)).map((job) => job.guildId)).toEqual([first.guildId]);
    expect((await jobsOf(other)).map((job) => job.guildId)).toEqual([second.guildId]);
    for (const interaction of [inFirst, inSecond]) {
      expect(interaction.responses.filter((response) => response.kind === 'callback')).toHaveLength(1);
    }
    // The status cards are in each guild's own channel, with the thread of the video under them.
    expect(discord.message(first.generalChannelId, firstJob.statusMessageId as string)).toBeDefined();
    expect(discord.message(second.generalChannelId, secondJob.statusMessageId as string)).toBeDefined();
    expect(submitsTo(world)).toHaveLength(2);
    expect(discord.identifyLimitHits()).toEqual([]);
  });

  it(
    'holds every shard of Discord’s recommended count in one process, starting them within max_concurrency',
    async () => {
      world = await startWorld({
        shards: { recommendedShards: 2, maxConcurrency: 1, enforceIdentifyLimit: true, seedShard: [0, 2] },
        env: { DISCORD_GUILD_ID: '' },
      });
      const { discord } = world;
      const second = discord.seedDefault({ name: 'Second Server', shard: [1, 2] });

      expect(discord.gatewaySessions().map((session) => session.shard)).toEqual([
        [0, 2],
        [1, 2],
      ]);
      // One bucket (max_concurrency 1): the second shard waited out the first one's 5 s.
      const [zero, one] = discord.gatewaySessions();
      expect((one?.identifiedAt ?? 0) - (zero?.identifiedAt ?? 0)).toBeGreaterThanOrEqual(5000);
      expect(discord.identifyLimitHits()).toEqual([]);
      expect(world.app.bot.isConnected).toBe(true);

      // The guild seeded after the start reached the shard that holds it, in the same process.
      await discord.waitFor(() => world?.app.bot.client.guilds.cache.get(second.guildId)?.shardId === 1);
      const inFirst = video(world, world.seed, 'a kite over dunes');
      const inSecond = video(world, second, 'a tram at night');
      for (const interaction of [inFirst, inSecond]) {
        expect(await interaction.response()).toMatchObject({ kind: 'callback', type: 5 });
      }
      await deliveredIn(world, world.app, 'a kite over dunes');
      await deliveredIn(world, world.app, 'a tram at night');

      // Discord ending one shard for good (4011 Sharding Required) takes the process's health with it.
      const down = new Promise<number>((resolve) => world?.app.bot.client.once(Events.ShardDisconnect, (_event, shard) => resolve(shard)));
      discord.endGatewaySessions(GatewayCloseCodes.ShardingRequired, [1, 2]);
      expect(await down).toBe(1);
      expect(world.app.bot.isConnected).toBe(false);
      expect(discord.gatewaySessions().map((session) => session.connected)).toEqual([true, false]);
      // Shard 0 coming back from a resumable drop does not hide that shard 1 is gone.
      const resumed = new Promise<number>((resolve) => world?.app.bot.client.once(Events.ShardResume, (shard) => resolve(shard)));
      discord.disconnectGateway({ resumable: true });
      expect(await resumed).toBe(0);
      expect(world.app.bot.isConnected).toBe(false);
    },
    PACED_START_TIMEOUT_MS,
  );
});
