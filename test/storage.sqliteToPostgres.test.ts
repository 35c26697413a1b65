/**
 * `npm run db:copy` on the release 0.1 fixture: everything comes across into an empty
 * PostgreSQL database, a database with anything in it is refused untouched, and the bot started
 * on PostgreSQL afterwards finishes the copied unfinished jobs.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Clock, systemClock } from '../src/jobs/clock.js';
import type { Job } from '../src/jobs/job.js';
import { openPostgresStorage } from '../src/storage/postgres/index.js';
import { openSqliteStorage } from '../src/storage/sqlite/index.js';
import { copySqliteToPostgres } from '../src/storage/sqliteToPostgres.js';
import { type PostgresServer, startPostgres } from '../testkit/postgres/server.js';
import { startWorld, type World } from '../testkit/world/botWorld.js';
import { makeTempDir } from '../testkit/world/tempDir.js';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
/** Settings added after release 0.1: a copied server gets their defaults. */
// Settings added by later releases: an older row reads their defaults.
const ADDED_SINCE = {
  maxConcurrentPerServer: 4,
  maxWaitingPerMember: 5,
  maxWaitMinutes: 120,
  allowedTiers: ['standard', 'pro', '4k'],
  defaultTier: 'pro',
  extendMaxSeconds: 60,
};
const expected = JSON.parse(readFileSync(fixture('release-0.1.expected.json'), 'utf8')) as {
  fixtureNow: number;
  ids: Record<'guild' | 'channel' | 'showcaseChannel' | 'requester' | 'other' | 'admin', string>;
  jobs: Record<string, Omit<Job, 'leaseOwner'>>;
  settings: Record<string, unknown>;
  showcases: Record<string, unknown>;
  spentToday: { server: number; requester: number; other: number };
  countByState: Record<string, number>;
};
const { ids, jobs: was } = expected;
const logger = pino({ level: 'silent' });
const now = expected.fixtureNow + 60_000;

let server: PostgresServer;
beforeAll(async () => {
  server = await startPostgres();
});
afterAll(async () => {
  await server?.stop();
});

describe('copying a SQLite database into PostgreSQL', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let sqlitePath: string;
  let target: { url: string; drop(): Promise<void> };

  beforeEach(async () => {
    temp = makeTempDir('kling-copy-');
    sqlitePath = temp.file('bot.db');
    copyFileSync(fixture('release-0.1.sqlite'), sqlitePath);
    target = await server.freshDatabase();
  });
  afterEach(async () => {
    await target.drop();
    temp.remove();
  });

  it('copies every job, setting and showcase record, and leaves the SQLite file as it was', async () => {
    const before = readFileSync(sqlitePath);
    expect(await copySqliteToPostgres(sqlitePath, target.url)).toEqual({
      jobs: Object.keys(was).length,
      settings: Object.keys(expected.settings).length,
      showcases: Object.keys(expected.showcases).length,
      preferences: 0,
    });
    expect(readFileSync(sqlitePath).equals(before)).toBe(true);
    expect(statSync(sqlitePath).size).toBe(before.length);

    const sqlite = await openSqliteStorage({ path: sqlitePath, logger, now: () => now });
    const postgres = await openPostgresStorage({ url: target.url, now: () => now });
    try {
      expect(await postgres.jobs.all()).toEqual(await sqlite.jobs.all());
      for (const [role, job] of Object.entries(was))
        expect(await postgres.jobs.get(job.id), role).toEqual({
          ...job,
          leaseOwner: null,
          modelId: 'kling-3.0-pro-t2v',
          images: null,
          takeGroup: null,
        });
      expect(await postgres.jobs.countByState()).toEqual(expected.countByState);
      expect((await postgres.jobs.retryOf(was.refused?.id ?? ''))?.id).toBe(was.retry?.id);
      for (const [guildId, settings] of Object.entries(expected.settings))
        expect(await postgres.settings.get(guildId)).toEqual({ ...ADDED_SINCE, ...(settings as object) });
      for (const [jobId, post] of Object.entries(expected.showcases)) expect(await postgres.showcases.get(jobId)).toEqual(post);
      expect(await postgres.showcases.get(was.unposted?.id ?? '')).toEqual(await sqlite.showcases.get(was.unposted?.id ?? ''));
      // The day's spend is read from the jobs, so it came with them.
      expect(await postgres.ledger.spentToday(ids.guild)).toBeCloseTo(expected.spentToday.server, 9);
      expect(await postgres.ledger.spentToday(ids.guild, ids.requester)).toBeCloseTo(expected.spentToday.requester, 9);
      expect(await postgres.ledger.spentToday(ids.guild, ids.other)).toBeCloseTo(expected.spentToday.other, 9);

      // The unfinished jobs are PostgreSQL's to resume and claim now.
      expect(await postgres.jobs.resume('unknown')).toEqual({ resumed: 3, undelivered: 1, stranded: [] });
      const claimed = await postgres.jobs.claimDue('after-copy', now, 120_000, 10);
      expect(claimed.map((j) => j.id).sort()).toEqual([was.failed?.id, was.retry?.id, was.queued?.id, was.running?.id].sort());
      // New jobs keep coming after the copied ones.
      const fresh = await postgres.jobs.create({
        guildId: ids.guild,
        channelId: ids.channel,
        userId: ids.requester,
        input: { ...(was.queued as Job).input },
        estimateUsd: 1,
      });
      expect((await postgres.jobs.all()).at(-1)?.id).toBe(fresh.id);
    } finally {
      await sqlite.close();
      await postgres.close();
    }
  });

  it('refuses a target that is not empty and changes nothing in it', async () => {
    const postgres = await openPostgresStorage({ url: target.url, now: () => now });
    try {
      await postgres.settings.update(ids.guild, { autoShare: true }, ids.admin);
      await expect(copySqliteToPostgres(sqlitePath, target.url)).rejects.toThrow(
        /not empty \(0 jobs, 1 server settings, 0 showcase records, 0 members' preferences\).*nothing was copied/,
      );
      expect(await postgres.jobs.all()).toEqual([]);
      // A second copy over a finished one is refused the same way.
      await postgres.pool.query('DELETE FROM guild_settings');
      await copySqliteToPostgres(sqlitePath, target.url);
      await expect(copySqliteToPostgres(sqlitePath, target.url)).rejects.toThrow(/not empty \(10 jobs/);
      expect(await postgres.jobs.all()).toHaveLength(Object.keys(was).length);
    } finally {
      await postgres.close();
    }
  });

  it('refuses a target that holds only members’ preferences, and keeps them as they were', async () => {
    const postgres = await openPostgresStorage({ url: target.url, now: () => now });
    try {
      const mine = await postgres.preferences.update(ids.guild, ids.requester, { duration: 8 });
      await expect(copySqliteToPostgres(sqlitePath, target.url)).rejects.toThrow(
        /not empty \(0 jobs, 0 server settings, 0 showcase records, 1 members' preferences\).*nothing was copied/,
      );
      expect(await postgres.jobs.all()).toEqual([]);
      expect(await postgres.settings.get(ids.guild)).toEqual(await postgres.settings.get('no-such-server'));
      expect(await postgres.preferences.get(ids.guild, ids.requester)).toEqual(mine);
    } finally {
      await postgres.close();
    }
  });

  it('copies members’ preferences, and refuses a second copy over them', async () => {
    const source = await openSqliteStorage({ path: sqlitePath, logger, now: () => now });
    let saved: Awaited<ReturnType<typeof source.preferences.get>>;
    try {
      saved = await source.preferences.update(ids.guild, ids.other, { duration: 12, sound: false });
      await source.preferences.noteDmRefused(ids.guild, ids.requester);
    } finally {
      await source.close();
    }
    expect(await copySqliteToPostgres(sqlitePath, target.url)).toMatchObject({ preferences: 2 });
    const postgres = await openPostgresStorage({ url: target.url, now: () => now });
    try {
      expect(await postgres.preferences.get(ids.guild, ids.other)).toEqual(saved);
      // The refused direct message is still owed its one notice.
      expect(await postgres.preferences.takeDmRefused(ids.guild, ids.requester)).toBe(true);
      await postgres.pool.query('DELETE FROM jobs');
      await postgres.pool.query('DELETE FROM guild_settings');
      await postgres.pool.query('DELETE FROM showcase_posts');
      await expect(copySqliteToPostgres(sqlitePath, target.url)).rejects.toThrow(/2 members' preferences\)/);
    } finally {
      await postgres.close();
    }
  });

  it('runs as npm run db:copy, naming the target without its password', async () => {
    const run = promisify(execFile);
    const env = { ...process.env, DATABASE_PATH: sqlitePath, DATABASE_URL: target.url };
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'scripts/dbCopy.ts'], {
      env,
      cwd: fileURLToPath(new URL('..', import.meta.url)),
    });
    expect(stdout).toMatch(
      new RegExp(
        `^Copied 10 jobs, 2 server settings and 3 showcase records from .*bot\\.db to postgres://postgres@127\\.0\\.0\\.1:${server.port}/`,
      ),
    );
    expect(stdout).not.toContain(server.password);
    const again = await run(process.execPath, ['--import', 'tsx', 'scripts/dbCopy.ts'], {
      env,
      cwd: fileURLToPath(new URL('..', import.meta.url)),
    }).then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );
    expect(again?.code).toBe(1);
    expect(again?.stderr).toMatch(/^db:copy failed: the PostgreSQL database is not empty/);
  });
});

describe('the bot on PostgreSQL after db:copy', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let world: World | undefined;
  let target: { url: string; drop(): Promise<void> };
  afterEach(async () => {
    await world?.stop();
    world = undefined;
    await target.drop();
    temp.remove();
  });

  it('finishes the copied unfinished jobs and posts the final message that was owed', async () => {
    temp = makeTempDir('kling-copy-run-');
    target = await server.freshDatabase();
    await copySqliteToPostgres(fixture('release-0.1.sqlite'), target.url);
    const shift = Date.now() - now;
    const clock: Clock = { now: () => Date.now() - shift, sleep: systemClock.sleep };
    world = await startWorld({
      dir: temp.dir,
      clock,
      env: { DATABASE_URL: target.url },
      beforeStart: ({ discord, runcomfy }) => {
        discord.addGuild({ id: ids.guild, name: 'Release 0.1 Server' });
        discord.addTextChannel(ids.guild, { id: ids.channel, name: 'videos' });
        discord.addTextChannel(ids.guild, { id: ids.showcaseChannel, name: 'showcase' });
        for (const id of [ids.requester, ids.other, ids.admin]) discord.addMember(ids.guild, { id });
        for (const [job, queueMs] of [
          [was.queued as Job, 300],
          [was.running as Job, 0],
        ] as const) {
          runcomfy.jobs.set(job.requestId as string, {
            requestId: job.requestId as string,
            input: { ...job.input },
            scenario: { queueMs, runMs: 400, outcome: 'succeed', video: { kind: 'small' } },
            submittedAt: Date.now(),
          });
        }
      },
    });
    expect('pool' in world.app.storage).toBe(true);
    const done = await Promise.all(
      [was.queued, was.running, was.retry, was.failed].map((job) => world?.waitDelivered(job?.id ?? '', 20_000)),
    );
    const [queued, running, retry, failed] = done as [Job, Job, Job, Job];
    expect(queued).toMatchObject({ state: 'succeeded', requestId: was.queued?.requestId });
    expect(running).toMatchObject({ state: 'succeeded', requestId: was.running?.requestId });
    expect(retry).toMatchObject({ state: 'succeeded', kind: 'retry', parentId: was.refused?.id });
    expect(failed).toMatchObject({ state: 'failed', errorKind: 'provider_failed' });
    // Only the job that was never sent went to the provider.
    const submits = world.runcomfy.requests.filter((r) => r.method === 'POST' && r.path.startsWith('/v1/models/'));
    expect(submits).toHaveLength(1);
    const finals = world.discord.messages(ids.channel).filter((m) => typeof m.nonce === 'string' && m.nonce.startsWith('final-'));
    expect(finals.map((m) => m.nonce).sort()).toEqual([queued, running, retry, failed].map((j) => `final-${j.id}`).sort());
  });
});
