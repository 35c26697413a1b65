import Database from 'better-sqlite3';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_GUILD_SETTINGS } from '../src/community/guildSettings.js';
import { parseVideoInput } from '../src/model/videoInput.js';
import { JOB_COLUMNS, JOB_TABLE } from '../src/storage/jobColumns.js';
import { openDatabase, SCHEMA_VERSION } from '../src/storage/sqlite/database.js';
import { openSqliteStorage, type SqliteStorage } from '../src/storage/sqlite/index.js';
import { step } from '../testkit/jobSteps.js';
import { makeTempDir } from '../testkit/world/tempDir.js';
import { describeStorageContract } from './storage/contract.js';

const logger = pino({ level: 'silent' });
const GUILD = '100000';
const MOD = '900000';
const origin = { guildId: GUILD, channelId: '200000', userId: '300000' };
const input = parseVideoInput({ prompt: 'a lighthouse at dusk' });

describeStorageContract('SQLite', async () => {
  const temp = makeTempDir();
  return {
    // As the bot opens it: WAL, with checkpoints on a worker thread.
    connect: (now) => openSqliteStorage({ path: temp.file('bot.db'), logger, now }),
    dispose: async () => temp.remove(),
  };
});

describe('SQLite storage, what only SQLite shows', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let now: number;
  let storage: SqliteStorage;

  const open = () => openSqliteStorage({ path: temp.file('bot.db'), logger, now: () => now, busyTimeoutMs: 50 });

  beforeEach(async () => {
    temp = makeTempDir();
    now = 1_000_000;
    storage = await open();
  });
  afterEach(async () => {
    await storage.close();
    temp.remove();
  });

  it('opens a real file in WAL mode with migrations recorded in user_version', async () => {
    const { db } = storage;
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(Number(db.pragma('busy_timeout', { simple: true }))).toBeGreaterThan(0);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    await storage.close();
    storage = await open();
    expect(storage.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
  });

  it('migrates the jobs table to exactly the declared columns, with the declared nulls', () => {
    const columns = storage.db.prepare<[], { name: string; notnull: number; pk: number }>('PRAGMA table_info(jobs)').all();
    expect(columns.map((c) => c.name).sort()).toEqual([...JOB_COLUMNS].sort());
    // A primary key in SQLite is not marked NOT NULL, yet holds no nulls.
    const nullable = columns.filter((c) => c.notnull === 0 && c.pk === 0).map((c) => c.name);
    expect(nullable.sort()).toEqual(JOB_COLUMNS.filter((column) => JOB_TABLE[column].nullable).sort());
  });

  it('refuses a database written by a newer version', async () => {
    storage.db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    await storage.close();
    await expect(open()).rejects.toThrow(/newer version/);
    expect(() => openDatabase(temp.file('bot.db'))).toThrow(/newer version/);
    storage = await openSqliteStorage({ path: temp.file('other.db'), logger });
  });

  it('finds due jobs through the partial index, not a scan', () => {
    const plan = storage.db
      .prepare(
        'EXPLAIN QUERY PLAN SELECT * FROM jobs INDEXED BY jobs_due WHERE next_poll_at IS NOT NULL AND next_poll_at <= 1 ORDER BY next_poll_at LIMIT 5',
      )
      .all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/USING INDEX jobs_due/);
  });

  it('keeps only jobs that still need work in the due index', async () => {
    const job = await storage.jobs.create({ ...origin, input, estimateUsd: 1 });
    await storage.jobs.transition(job.id, step('created', 'cancelled'));
    const inIndex = () =>
      (storage.db.prepare('SELECT COUNT(*) AS n FROM jobs INDEXED BY jobs_due WHERE next_poll_at IS NOT NULL').get() as { n: number }).n;
    expect(inIndex()).toBe(1);
    await storage.jobs.markDelivered(job.id);
    expect(inIndex()).toBe(0);
  });

  it('reads spend through the jobs_spend index and refuses to run without it', async () => {
    storage.db.exec('DROP INDEX jobs_spend');
    await storage.close();
    await expect(open()).rejects.toThrow(/no such index: jobs_spend/);
    storage = await openSqliteStorage({ path: temp.file('other.db'), logger });
  });

  it('records who saved the settings and when', async () => {
    await storage.settings.update(GUILD, { autoShare: true }, MOD);
    expect(storage.db.prepare('SELECT updated_at, updated_by FROM guild_settings WHERE guild_id = ?').get(GUILD)).toEqual({
      updated_at: 1_000_000,
      updated_by: MOD,
    });
  });

  it('fills fields a row from an older version lacks with their defaults', async () => {
    storage.db
      .prepare('INSERT INTO guild_settings (guild_id, settings_json, updated_at) VALUES (?, ?, 0)')
      .run(GUILD, JSON.stringify({ autoShare: true, retiredSetting: 'x' }));
    expect(await storage.settings.get(GUILD)).toEqual({ ...DEFAULT_GUILD_SETTINGS, autoShare: true });
  });

  it('drops only the stored field this version no longer accepts', async () => {
    storage.db
      .prepare('INSERT INTO guild_settings (guild_id, settings_json, updated_at) VALUES (?, ?, 0)')
      .run(GUILD, JSON.stringify({ blockedPhrases: ['cat'], maxConcurrentPerMember: 500 }));
    expect(await storage.settings.get(GUILD)).toEqual({ ...DEFAULT_GUILD_SETTINGS, blockedPhrases: ['cat'] });
  });

  it('refuses to read unreadable settings rather than lifting the server’s restrictions', async () => {
    storage.db.prepare("INSERT INTO guild_settings (guild_id, settings_json, updated_at) VALUES (?, '{oops', 0)").run(GUILD);
    await expect(storage.settings.get(GUILD)).rejects.toThrow(/guild 100000.*not valid JSON/);
    await expect(storage.settings.update(GUILD, { autoShare: true }, MOD)).rejects.toThrow(/not valid JSON/);
  });

  it('sweeps picture forms past their time when the next one is saved', async () => {
    const form = {
      guildId: GUILD,
      userId: '300000',
      channelId: '200000',
      messageId: '200001',
      picture: { url: 'https://cdn.example/a.png', filename: 'a.png', contentType: 'image/png', size: 1, width: 640, height: 360 },
    };
    const rows = () => (storage.db.prepare('SELECT COUNT(*) AS n FROM picture_forms').get() as { n: number }).n;
    await storage.pictureForms.save(form);
    await storage.pictureForms.save(form);
    expect(rows()).toBe(2);
    now += 15 * 60_000;
    await storage.pictureForms.save(form);
    expect(rows()).toBe(1);
  });

  it('forgets a share when its job is deleted', async () => {
    const job = await storage.jobs.create({ ...origin, input, estimateUsd: 1 });
    await storage.showcases.claim(job.id, GUILD, '555', '300000');
    storage.db.prepare('DELETE FROM jobs WHERE id = ?').run(job.id);
    expect(await storage.showcases.get(job.id)).toBeUndefined();
    await expect(storage.showcases.claim('no-such-job', GUILD, '555', '300000')).rejects.toThrow(/FOREIGN KEY/);
  });

  it('finds the same page of a common word whether it walks the listing or starts from the index', async () => {
    // Past 2,000 matches the store walks the listing newest first; below, it starts from the
    // words. Both must give the listing's own order, page by page, under every filter.
    const insert = storage.db.prepare(`
      INSERT INTO jobs (id, guild_id, channel_id, user_id, input_json, kind, state, estimate_usd, created_at, updated_at, deleted_at)
      VALUES (@id, @guild, @channel, @user, @input, 'new', 'succeeded', 1, @at, @at, @deleted)`);
    storage.db.transaction(() => {
      for (let i = 0; i < 5_600; i++) {
        // Another server's 2,000 all hold "zebra": common overall, rare here, so that walk gives way.
        const here = i < 3_600;
        const words = [i % 3 === 0 ? 'harbour' : 'forest', i % 7 === 0 ? 'gulls' : 'boats', `number${i}`];
        if (!here || i % 600 === 1) words.push('zebra');
        insert.run({
          id: `w${String(i).padStart(5, '0')}`,
          guild: here ? GUILD : '100001',
          channel: i % 5 === 0 ? '200009' : '200000',
          user: i % 4 === 0 ? '300001' : '300000',
          input: JSON.stringify({ prompt: words.join(' '), duration: 5 }),
          // Several videos share a time: the id breaks the tie.
          at: 1_000_000 + Math.floor(i / 3),
          deleted: i % 11 === 0 ? 1 : null,
        });
      }
    })();
    // What the listing says by itself, with the words checked in plain code.
    const listing = (await storage.gallery.search({ guildId: GUILD, channelIds: ['200000'], limit: 5_000 })).map((e) => e.job);
    const expected = (words: string[], user?: string) =>
      listing
        .filter((job) => words.every((w) => job.input.prompt.split(' ').includes(w)) && (!user || job.userId === user))
        .map((job) => job.id);
    const ids = (entries: { job: { id: string } }[]) => entries.map((e) => e.job.id);
    for (const [words, user] of [
      [['harbour']],
      [['boats']],
      [['harbour', 'boats']],
      [['gulls']],
      [['boats'], '300001'],
      [['zebra']],
    ] as const) {
      const want = expected([...words], user);
      const query = { guildId: GUILD, channelIds: ['200000'], words: words.join(' '), limit: 10, ...(user ? { userId: user } : {}) };
      const first = await storage.gallery.search(query);
      expect(ids(first)).toEqual(want.slice(0, 10));
      const last = first.at(-1)?.job;
      if (last) {
        const next = await storage.gallery.search({ ...query, after: { createdAt: last.createdAt, id: last.id } });
        expect(ids(next)).toEqual(want.slice(10, 20));
      }
    }
  });

  it('pings while writable, and says why not when another connection holds the write lock or it is closed', async () => {
    await expect(storage.ping()).resolves.toBeUndefined();
    const other = new Database(temp.file('bot.db'));
    try {
      other.exec('BEGIN IMMEDIATE');
      await expect(storage.ping()).rejects.toThrow(/cannot take the write lock.*locked/i);
      other.exec('ROLLBACK');
      await expect(storage.ping()).resolves.toBeUndefined();
    } finally {
      other.close();
    }
    await storage.close();
    await expect(storage.ping()).rejects.toThrow('the database is closed');
    await storage.close();
    storage = await open();
  });
});
