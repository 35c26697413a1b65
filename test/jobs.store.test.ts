import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Db, openDatabase, SCHEMA_VERSION } from '../src/jobs/database.js';
import { canTransition, JOB_STATES, TERMINAL_STATES } from '../src/jobs/jobState.js';
import { JobStore } from '../src/jobs/jobStore.js';
import { parseVideoInput } from '../src/model/videoInput.js';
import { makeTempDir } from '../testkit/world/tempDir.js';

const origin = { guildId: '100000', channelId: '200000', userId: '300000' };
const input = parseVideoInput({ prompt: 'a lighthouse at dusk' });

describe('the job store', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let db: Db;
  let now: number;
  let store: JobStore;

  beforeEach(() => {
    temp = makeTempDir();
    db = openDatabase(temp.file('bot.db'));
    now = 1_000_000;
    store = new JobStore(db, () => now);
  });
  afterEach(() => {
    db.close();
    temp.remove();
  });

  it('opens a real file in WAL mode with migrations recorded in user_version', () => {
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(Number(db.pragma('busy_timeout', { simple: true }))).toBeGreaterThan(0);
    db.close();
    db = openDatabase(temp.file('bot.db'));
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
  });

  it('refuses a database written by a newer version', () => {
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    expect(() => openDatabase(temp.file('bot.db'))).toThrow(/newer version/);
    db = openDatabase(temp.file('other.db'));
  });

  it('keeps who asked, where, and the validated input', () => {
    const job = store.create({ ...origin, input, estimateUsd: 0.84 });
    expect(job).toMatchObject({ ...origin, state: 'created', input, estimateUsd: 0.84, nextPollAt: null, deliveredAt: null });
    expect(store.get(job.id)).toEqual(job);
  });

  it('only allows transitions in the table', () => {
    for (const terminal of TERMINAL_STATES) {
      for (const to of JOB_STATES) expect(canTransition(terminal, to)).toBe(false);
    }
    const job = store.create({ ...origin, input, estimateUsd: 1 });
    expect(() => store.transition(job.id, 'created', 'succeeded')).toThrow(/illegal/);
    expect(() => store.transition(job.id, 'created', 'running')).toThrow(/illegal/);
  });

  it('lets exactly one of a cancel and a completion racing each other win', () => {
    const job = store.create({ ...origin, input, estimateUsd: 1 });
    store.transition(job.id, 'created', 'submitting');
    store.transition(job.id, 'submitting', 'queued', { requestId: 'r1' });
    // A second connection to the same file plays the other process.
    const otherDb = openDatabase(temp.file('bot.db'));
    const other = new JobStore(otherDb, () => now);
    const completed = other.transition(job.id, 'queued', 'succeeded', { resultUrl: 'https://cdn.example/v.mp4' });
    const cancelled = store.transition(job.id, 'queued', 'cancelled');
    otherDb.close();
    expect(completed?.state).toBe('succeeded');
    expect(cancelled).toBeUndefined();
    expect(store.require(job.id)).toMatchObject({ state: 'succeeded', resultUrl: 'https://cdn.example/v.mp4' });
  });

  it('gives a due job to only one of two pollers', () => {
    const ids = Array.from({ length: 20 }, () => {
      const job = store.create({ ...origin, input, estimateUsd: 1 });
      store.transition(job.id, 'created', 'submitting');
      store.transition(job.id, 'submitting', 'queued', { requestId: `r-${job.id}`, nextPollAt: now - 1 });
      return job.id;
    });
    const otherDb = openDatabase(temp.file('bot.db'));
    const other = new JobStore(otherDb, () => now);
    const first = store.claimDue(15, 60_000).map((j) => j.id);
    const second = other.claimDue(15, 60_000).map((j) => j.id);
    otherDb.close();
    expect(first).toHaveLength(15);
    expect(second).toHaveLength(5);
    expect(new Set([...first, ...second])).toEqual(new Set(ids));
    expect(store.claimDue(10, 60_000)).toEqual([]);
    now += 60_001;
    expect(store.claimDue(100, 60_000)).toHaveLength(20);
  });

  it('finds due jobs through the partial index, not a scan', () => {
    const plan = db
      .prepare(
        'EXPLAIN QUERY PLAN SELECT * FROM jobs INDEXED BY jobs_due WHERE next_poll_at IS NOT NULL AND next_poll_at <= 1 ORDER BY next_poll_at LIMIT 5',
      )
      .all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/USING INDEX jobs_due/);
  });

  it('records delivery once', () => {
    const job = store.create({ ...origin, input, estimateUsd: 1 });
    expect(store.markDelivered(job.id)).toBe(false); // not finished yet
    store.transition(job.id, 'created', 'cancelled');
    expect(store.markDelivered(job.id)).toBe(true);
    expect(store.markDelivered(job.id)).toBe(false);
    expect(store.require(job.id).nextPollAt).toBeNull();
  });

  it('makes a finished job due at once so its final message goes out', () => {
    const job = store.create({ ...origin, input, estimateUsd: 1 });
    expect(store.transition(job.id, 'created', 'failed')?.nextPollAt).toBe(now);
  });

  it('on resume, ends mid-submit jobs as outcome unknown and makes the rest due', () => {
    const mid = store.create({ ...origin, input, estimateUsd: 1 });
    store.transition(mid.id, 'created', 'submitting');
    const unsent = store.create({ ...origin, input, estimateUsd: 1 });
    const queued = store.create({ ...origin, input, estimateUsd: 1 });
    store.transition(queued.id, 'created', 'submitting');
    store.transition(queued.id, 'submitting', 'queued', { requestId: 'rq', nextPollAt: now + 50_000 });
    const done = store.create({ ...origin, input, estimateUsd: 1 });
    store.transition(done.id, 'created', 'failed', { nextPollAt: null });
    const delivered = store.create({ ...origin, input, estimateUsd: 1 });
    store.transition(delivered.id, 'created', 'failed');
    store.markDelivered(delivered.id);

    now += 10;
    const result = store.resume('unknown');
    expect(result.stranded.map((j) => j.id)).toEqual([mid.id]);
    expect(store.require(mid.id)).toMatchObject({ state: 'outcome_unknown', errorMessage: 'unknown', nextPollAt: now });
    expect(store.require(unsent.id).nextPollAt).toBe(now);
    expect(store.require(queued.id).nextPollAt).toBe(now);
    expect(store.require(done.id).nextPollAt).toBe(now);
    expect(store.require(delivered.id).nextPollAt).toBeNull();
  });

  it('counts a member’s unfinished jobs', () => {
    const a = store.create({ ...origin, input, estimateUsd: 1 });
    store.create({ ...origin, input, estimateUsd: 1 });
    store.create({ ...origin, userId: '999999', input, estimateUsd: 1 });
    store.transition(a.id, 'created', 'cancelled');
    expect(store.countUnfinishedByUser(origin.guildId, origin.userId)).toBe(1);
    expect(store.recentByUser(origin.guildId, origin.userId)).toHaveLength(2);
  });
});
