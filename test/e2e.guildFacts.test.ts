/**
 * Two processes on one database, each holding one shard: the one that delivers a job may not hold
 * its server's shard. What the interaction told of the server (its language, its upload limit, its
 * name) is stored, so that process delivers as the one holding the shard would.
 */
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { type App, startApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { startWorld, type World } from '../testkit/world/botWorld.js';
import { makeTempDir } from '../testkit/world/tempDir.js';
import { textOf } from './helpers/inspect.js';

const MiB = 1024 * 1024;

describe('a delivery by a process that does not hold the server’s shard', () => {
  let world: World | undefined;
  let other: App | undefined;
  let removeDir: (() => void) | undefined;
  afterEach(async () => {
    await other?.stop();
    await world?.stop();
    removeDir?.();
    world = other = removeDir = undefined;
  });

  it('speaks the server’s language, uploads up to its boosted limit, and names it in the DM', async () => {
    world = await startWorld({
      // A boosted server: 25 MiB, more than Discord's 10 MiB default.
      uploadLimitBytes: 25 * MiB,
      scenario: { video: { kind: 'sized', bytes: 12 * MiB } },
      shards: { recommendedShards: 2, maxConcurrency: 2, seedShard: [0, 2] },
      env: { DISCORD_SHARD_COUNT: '2', DISCORD_SHARD_IDS: '0', DISCORD_GUILD_ID: '' },
    });
    const w = world;
    const { seed, discord } = w;
    discord.setGuildLocale(seed.guildId, 'de');
    await w.app.storage.preferences.update(seed.guildId, seed.requesterId, { delivery: 'dm' });
    // The second process: same database, shard 1 only, so its cache has never seen the server.
    const temp = makeTempDir('kling-facts-');
    removeDir = temp.remove;
    other = await startApp({
      config: loadConfig({ ...w.env, DISCORD_SHARD_IDS: '1', MEDIA_CACHE_DIR: temp.file('media') }),
      logger: pino({ level: 'silent' }),
      ...(w.clock ? { clock: w.clock } : {}),
      discordRest: { retries: 1, timeout: 5000 },
      schedule: { queuedMs: 100, queuedMaxMs: 200, runningMs: 100, failureBaseMs: 100, failureMaxMs: 500 },
      firstPollDelayMs: 50,
    });
    const second = other;
    expect(second.bot.client.guilds.cache.has(seed.guildId)).toBe(false);

    w.video(seed.requesterId, { prompt: 'ein Leuchtturm im Nebel' });
    const submitted = await w.waitForJob((job) => job.requestId !== null);
    // The process that took the interaction goes away; the other one carries the job to its end.
    await w.stopBot();
    const job = await w.passTimeUntil(async () => {
      const seen = await second.store.get(submitted.id);
      return seen?.deliveredAt ? seen : undefined;
    }, 20_000);
    await second.poller.idle();

    const final = discord.messages(job.threadId as string).find((m) => m.nonce === `final-${job.id}`);
    expect(textOf(final)).toContain('dein Video ist fertig');
    expect(final?.attachments.map((a) => a.size)).toEqual([12 * MiB]);
    const dm = discord.directMessages(seed.requesterId);
    expect(dm).toHaveLength(1);
    // In the member's own language; the server is named, not given as its id.
    expect(dm[0]?.content).toContain('Your video from Kling Test Server is ready');
  }, 60_000);
});
