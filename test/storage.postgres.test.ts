import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';
import { parseVideoInput } from '../src/model/videoInput.js';
import { JOB_COLUMNS, JOB_TABLE } from '../src/storage/jobColumns.js';
import { openStorage } from '../src/storage/open.js';
import { migrate, SCHEMA_VERSION } from '../src/storage/postgres/database.js';
import { openPostgresStorage, type PostgresStorage } from '../src/storage/postgres/index.js';
import { type PostgresServer, startPostgres } from '../testkit/postgres/server.js';
import { makeTempDir } from '../testkit/world/tempDir.js';
import { describeStorageContract } from './storage/contract.js';

let server: PostgresServer;

beforeAll(async () => {
  server = await startPostgres();
});
afterAll(async () => {
  await server?.stop();
});

describeStorageContract('PostgreSQL', async () => {
  const database = await server.freshDatabase();
  return {
    connect: (now) => openPostgresStorage({ url: database.url, now, max: 4 }),
    dispose: () => database.drop(),
  };
});

const origin = { guildId: '100000', channelId: '200000', userId: '300000' };
const input = parseVideoInput({ prompt: 'a lighthouse at dusk' });

describe('PostgreSQL storage, what only PostgreSQL shows', () => {
  it('starts a real server for the tests in well under the time a test may take', () => {
    expect(server.startMs).toBeLessThan(20_000);
  });

  it('migrates the jobs table to exactly the declared columns and the database’s own seq, with the declared nulls', async () => {
    const database = await server.freshDatabase();
    const storage = await openPostgresStorage({ url: database.url });
    try {
      const { rows } = await storage.pool.query<{ name: string; nullable: 'YES' | 'NO' }>(
        `SELECT column_name AS name, is_nullable AS nullable FROM information_schema.columns WHERE table_name = 'jobs'`,
      );
      expect(rows.map((r) => r.name).sort()).toEqual([...JOB_COLUMNS, 'seq'].sort());
      const nullable = rows.filter((r) => r.nullable === 'YES').map((r) => r.name);
      expect(nullable.sort()).toEqual(JOB_COLUMNS.filter((column) => JOB_TABLE[column].nullable).sort());
    } finally {
      await storage.close();
      await database.drop();
    }
  });

  it('migrates once when two processes open an empty database at the same moment', async () => {
    const database = await server.freshDatabase();
    const opened: PostgresStorage[] = await Promise.all(
      Array.from({ length: 4 }, () => openPostgresStorage({ url: database.url, max: 2 })),
    );
    try {
      const [first] = opened as [PostgresStorage];
      const { rows } = await first.pool.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
      expect(rows.map((r) => r.version)).toEqual(Array.from({ length: SCHEMA_VERSION }, (_, i) => i + 1));
      const job = await first.jobs.create({ ...origin, input, estimateUsd: 1 });
      for (const other of opened) expect((await other.jobs.require(job.id)).state).toBe('created');
    } finally {
      for (const storage of opened) await storage.close();
      await database.drop();
    }
  });

  it('would race without the lock: the same migrations run bare at once collide', async () => {
    // Shows the lock is what keeps the test above green, not luck in timing.
    const database = await server.freshDatabase();
    const storage = await openPostgresStorage({ url: database.url });
    try {
      const clients = await Promise.all([storage.pool.connect(), storage.pool.connect()]);
      const bare = ['CREATE TABLE raced (id INTEGER PRIMARY KEY)'];
      const runs = await Promise.allSettled(
        clients.map(async (client) => {
          await client.query('BEGIN');
          await client.query(bare[0] as string);
          await new Promise((resolve) => setTimeout(resolve, 50));
          await client.query('COMMIT');
        }),
      );
      expect(runs.filter((r) => r.status === 'rejected')).toHaveLength(1);
      for (const client of clients) {
        await client.query('ROLLBACK').catch(() => {});
        client.release();
      }
      // Under the lock the same change, asked for twice at once, runs once.
      const locked = await Promise.all([storage.pool.connect(), storage.pool.connect()]);
      const more = [...Array.from({ length: SCHEMA_VERSION }, () => 'SELECT 1'), 'CREATE TABLE locked (id INTEGER PRIMARY KEY)'];
      await Promise.all(locked.map((client) => migrate(client, more)));
      for (const client of locked) client.release();
      const { rows } = await storage.pool.query<{ n: number }>('SELECT COUNT(*) AS n FROM schema_migrations');
      expect(rows[0]?.n).toBe(SCHEMA_VERSION + 1);
    } finally {
      await storage.close();
      await database.drop();
    }
  });

  it('refuses a database written by a newer version', async () => {
    const database = await server.freshDatabase();
    const storage = await openPostgresStorage({ url: database.url });
    await storage.pool.query('INSERT INTO schema_migrations (version, applied_at) VALUES ($1, 0)', [SCHEMA_VERSION + 1]);
    await storage.close();
    try {
      await expect(openPostgresStorage({ url: database.url })).rejects.toThrow(/newer version of the bot/);
    } finally {
      await database.drop();
    }
  });

  it('stops the start naming the host and the cause when the login is refused, never the password', async () => {
    const wrong = 'not-the-Secret-9f3a';
    const url = `postgres://postgres:${wrong}@127.0.0.1:${server.port}/postgres`;
    const error = await openPostgresStorage({ url }).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(error?.message).toMatch(
      new RegExp(`^cannot connect to PostgreSQL at postgres@127\\.0\\.0\\.1:${server.port}/postgres: .*password authentication failed`),
    );
    expect(error?.message).not.toContain(wrong);
    expect(error?.message).not.toContain(server.password);
  });

  it('stops the start naming the host and the cause when nothing listens there', async () => {
    const url = 'postgres://bot:hunter2-Secret@127.0.0.1:1/bot';
    const error = await openPostgresStorage({ url, connectTimeoutMs: 2000 }).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(error?.message).toMatch(/^cannot connect to PostgreSQL at bot@127\.0\.0\.1:1\/bot: .*ECONNREFUSED/);
    expect(error?.message).not.toContain('hunter2');
  });

  it('pings while the server takes writes, and says why not once closed', async () => {
    const database = await server.freshDatabase();
    const storage = await openPostgresStorage({ url: database.url });
    await expect(storage.ping()).resolves.toBeUndefined();
    await storage.close();
    await expect(storage.ping()).rejects.toThrow('the database is closed');
    await database.drop();
  });

  it('finds the same pages of words whether the newest videos hold them or only the index finds them', async () => {
    // The store checks the newest 500 videos word by word, then asks the index: both must give
    // the listing's own order, page by page, under every filter.
    const database = await server.freshDatabase();
    const storage = await openPostgresStorage({ url: database.url });
    try {
      const guild = '100000';
      const made = Array.from({ length: 2_000 }, (_, i) => {
        // Another server's 800 all hold "zebra"; here it is rare, so only the index finds enough.
        const here = i < 1_200;
        const words = [i % 3 === 0 ? 'harbour' : 'forest', i % 7 === 0 ? 'gulls' : 'boats', `number${i}`];
        if (!here || i % 200 === 1) words.push('zebra');
        return {
          id: `w${String(i).padStart(5, '0')}`,
          guild: here ? guild : '100001',
          channel: i % 5 === 0 ? '200009' : '200000',
          user: i % 4 === 0 ? '300001' : '300000',
          input: JSON.stringify({ prompt: words.join(' '), duration: 5 }),
          // Several videos share a time: the id breaks the tie.
          at: 1_000_000 + Math.floor(i / 3),
          deleted: i % 11 === 0 ? 1 : null,
        };
      });
      await storage.pool.query(
        `INSERT INTO jobs (id, guild_id, channel_id, user_id, input_json, kind, state, estimate_usd, created_at, updated_at, deleted_at)
         SELECT r.id, r.guild, r.channel, r.usr, r.input, 'new', 'succeeded', 1, r.at, r.at, r.deleted
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::bigint[])
           AS r(id, guild, channel, usr, input, at, deleted)`,
        [
          made.map((r) => r.id),
          made.map((r) => r.guild),
          made.map((r) => r.channel),
          made.map((r) => r.user),
          made.map((r) => r.input),
          made.map((r) => r.at),
          made.map((r) => r.deleted),
        ],
      );
      const listing = (await storage.gallery.search({ guildId: guild, channelIds: ['200000'], limit: 5_000 })).map((e) => e.job);
      const expected = (words: readonly string[], user?: string) =>
        listing
          .filter((job) => words.every((w) => job.input.prompt.split(' ').includes(w)) && (!user || job.userId === user))
          .map((job) => job.id);
      const ids = (entries: { job: { id: string } }[]) => entries.map((e) => e.job.id);
      const cases: [readonly string[], string?][] = [
        [['harbour']],
        [['boats']],
        [['harbour', 'boats']],
        [['gulls']],
        [['boats'], '300001'],
        [['zebra']],
      ];
      for (const [words, user] of cases) {
        const want = expected(words, user);
        expect([words, want.length > 0]).toEqual([words, true]);
        const query = { guildId: guild, channelIds: ['200000'], words: words.join(' '), limit: 10, ...(user ? { userId: user } : {}) };
        const first = await storage.gallery.search(query);
        expect(ids(first)).toEqual(want.slice(0, 10));
        const last = first.at(-1)?.job;
        if (last) {
          const next = await storage.gallery.search({ ...query, after: { createdAt: last.createdAt, id: last.id } });
          expect(ids(next)).toEqual(want.slice(10, 20));
        }
      }
    } finally {
      await storage.close();
      await database.drop();
    }
  });

  it('finds due jobs through the partial index', async () => {
    const database = await server.freshDatabase();
    const storage = await openPostgresStorage({ url: database.url });
    try {
      await storage.pool.query('SET enable_seqscan = off');
      const { rows } = await storage.pool.query<{ 'QUERY PLAN': string }>(
        'EXPLAIN SELECT id FROM jobs WHERE next_poll_at IS NOT NULL AND next_poll_at <= 1 ORDER BY next_poll_at LIMIT 5',
      );
      expect(rows.map((r) => r['QUERY PLAN']).join('\n')).toMatch(/jobs_due/);
    } finally {
      await storage.close();
      await database.drop();
    }
  });
});

describe('choosing the database', () => {
  const required = { DISCORD_TOKEN: 'x'.repeat(20), DISCORD_APPLICATION_ID: '123456789012345678', RUNCOMFY_API_TOKEN: 'rc-token' };

  it('takes PostgreSQL when DATABASE_URL is set and the SQLite file otherwise', async () => {
    const temp = makeTempDir();
    const database = await server.freshDatabase();
    const lines: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(line) });
    try {
      const onPostgres = loadConfig({ ...required, DATABASE_URL: database.url, DATABASE_PATH: temp.file('unused.db') });
      const postgres = await openStorage(onPostgres, logger);
      expect('pool' in postgres).toBe(true);
      await postgres.jobs.create({ ...origin, input, estimateUsd: 1 });
      await postgres.close();
      const onSqlite = loadConfig({ ...required, DATABASE_PATH: temp.file('bot.db') });
      expect(onSqlite.databaseUrl).toBeUndefined();
      const sqlite = await openStorage(onSqlite, logger);
      expect('db' in sqlite).toBe(true);
      expect(await sqlite.jobs.all()).toEqual([]);
      await sqlite.close();
      expect(lines.join('')).toContain(`postgres://postgres@127.0.0.1:${server.port}/`);
      expect(lines.join('')).not.toContain(server.password);
    } finally {
      await database.drop();
      temp.remove();
    }
  });

  it('refuses a DATABASE_URL that is not a postgres URL, without repeating it', () => {
    for (const bad of ['mysql://bot:pa55word-x@db/bot', 'pa55word-x', 'postgres://']) {
      let problems: readonly string[] = [];
      try {
        loadConfig({ ...required, DATABASE_URL: bad });
      } catch (error) {
        if (error instanceof ConfigError) problems = error.problems;
      }
      expect(problems).toEqual([expect.stringMatching(/^DATABASE_URL must be a postgres:\/\/ \(or postgresql:\/\/\) URL/)]);
      expect(problems.join('')).not.toContain('pa55word');
    }
    expect(loadConfig({ ...required, DATABASE_URL: '' }).databaseUrl).toBeUndefined();
    expect(loadConfig({ ...required, DATABASE_URL: 'postgresql://bot@db.internal/bot' }).databaseUrl).toBe(
      'postgresql://bot@db.internal/bot',
    );
  });
});
