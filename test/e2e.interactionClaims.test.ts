/**
 * Two bot processes holding the same shard, as during a rolling restart or with a second copy
 * on purpose: Discord sends each interaction to both, and exactly one of them answers it, the
 * one that claimed its id in the shared database first. Once on one PostgreSQL database, once
 * on one SQLite file.
 */
import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type App, startApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { type PostgresServer, startPostgres } from '../testkit/postgres/server.js';
import { startWorld, type World } from '../testkit/world/botWorld.js';

const BURST = 12;

let postgres: PostgresServer | undefined;
let world: World | undefined;
let second: App | undefined;
const drops: (() => Promise<void>)[] = [];

beforeAll(async () => {
  postgres = await startPostgres();
}, 60_000);

afterEach(async () => {
  await second?.stop();
  second = undefined;
  await world?.stop();
  world = undefined;
  for (const drop of drops.splice(0)) await drop();
});

afterAll(async () => {
  await postgres?.stop();
});

/** A second process on the world's fakes and database, holding the same shard. */
async function startSecondCopy(w: World): Promise<App> {
  return startApp({
    config: loadConfig({ ...w.env, MEDIA_CACHE_DIR: `${w.dir}/media-2` }),
    logger: pino({ level: 'silent' }),
    discordRest: { retries: 1, timeout: 5000 },
    schedule: { queuedMs: 100, queuedMaxMs: 200, runningMs: 100, failureBaseMs: 100, failureMaxMs: 500 },
    firstPollDelayMs: 50,
    skipRegister: true,
  });
}

/** Callback requests for the interaction that reached the fake, accepted or refused. */
function callbackAttempts(w: World, interactionId: string): number {
  return w.discord.requests.filter((r) => r.method === 'POST' && r.path.startsWith(`/interactions/${interactionId}/`)).length;
}

async function burstIsAnsweredOnce(w: World, other: App): Promise<void> {
  // Both sessions hold shard 0 of 1: the fake hands every interaction to each.
  expect(w.discord.gatewaySessions().map((s) => s.shard)).toEqual([
    [0, 1],
    [0, 1],
  ]);
  const members = Array.from({ length: BURST }, (_, i) => w.discord.addMember(w.seed.guildId, { username: `member-${i}` }).userId);
  const interactions = members.map((userId, i) => w.video(userId, { prompt: `a paper boat, take ${i}`, duration: 3 }));
  for (const interaction of interactions) expect(await interaction.response()).toMatchObject({ kind: 'callback', type: 5 });
  const jobs = await w.passTimeUntil(async () => {
    const all = await other.store.all();
    return all.length === BURST && all.every((job) => job.deliveredAt !== null) && all;
  }, 30_000);
  // Give a late second answer the time to arrive before counting.
  await new Promise((resolve) => setTimeout(resolve, 300));
  for (const interaction of interactions) {
    expect(interaction.responses.filter((r) => r.kind === 'callback')).toHaveLength(1);
    // Discord would refuse a second answer; the process that lost the claim never tries one.
    expect(callbackAttempts(w, interaction.id)).toBe(1);
  }
  expect(jobs.map((job) => job.input.prompt).sort()).toEqual(interactions.map((_, i) => `a paper boat, take ${i}`).sort());
  expect(new Set(jobs.map((job) => job.userId)).size).toBe(BURST);
  // One job, one submit, one final message each, whichever process took which.
  const submits = w.runcomfy.requests.filter((r) => r.method === 'POST' && r.path.startsWith('/v1/models/'));
  expect(submits).toHaveLength(BURST);
  const threads = w.discord.threads().map((t) => t.id);
  const finals = threads.flatMap((id) => w.discord.messages(id)).filter((m) => typeof m.nonce === 'string' && m.nonce.startsWith('final-'));
  expect(finals).toHaveLength(BURST);
}

describe('an interaction that reaches two processes holding its shard', () => {
  it('is answered once, by one of them, on one PostgreSQL database', async () => {
    const database = await (postgres as PostgresServer).freshDatabase();
    drops.push(database.drop);
    world = await startWorld({ realTime: true, env: { DATABASE_URL: database.url } });
    second = await startSecondCopy(world);
    await burstIsAnsweredOnce(world, second);
  }, 60_000);

  it('is answered once, by one of them, on one SQLite file', async () => {
    world = await startWorld({ realTime: true });
    second = await startSecondCopy(world);
    await burstIsAnsweredOnce(world, second);
  }, 60_000);

  it('is left to the process that stays while the other drains', async () => {
    world = await startWorld({ realTime: true });
    second = await startSecondCopy(world);
    const stopping = world.app.stop();
    const interaction = world.video(world.seed.requesterId, { prompt: 'a lantern on a pier', duration: 3 });
    expect(await interaction.response()).toMatchObject({ kind: 'callback', type: 5 });
    await stopping;
    const job = await world.passTimeUntil(async () => (await second?.store.all())?.find((j) => j.deliveredAt !== null), 30_000);
    expect(job.input.prompt).toBe('a lantern on a pier');
    expect(interaction.responses.filter((r) => r.kind === 'callback')).toHaveLength(1);
    expect(callbackAttempts(world, interaction.id)).toBe(1);
  }, 60_000);
});
