/**
 * The poller's one query, at 100,000 rows: `JobStore.claimDue` through the `jobs_due` partial
 * index, awaited through the storage port as the poller calls it. It runs on every tick, on the
 * event loop, so it must stay far below a millisecond.
 */
import pino from 'pino';
import type { JobStore } from '../src/jobs/jobStore.js';
import { parseVideoInput } from '../src/model/videoInput.js';
import type { Db } from '../src/storage/sqlite/database.js';
import { openSqliteStorage } from '../src/storage/sqlite/index.js';
import { startWalCheckpointer } from '../src/storage/sqlite/walCheckpointer.js';
import { makeTempDir } from '../testkit/world/tempDir.js';
import type { FigureResult, Progress } from './figure.js';
import { formatMs, median, percentile } from './stats.js';

const ROWS = 100_000;
const RUNS = 5_000;
const WARMUP_RUNS = 200;
/** The poller claims at most `concurrency` jobs a tick; 8 by default. */
const CLAIM_LIMIT = 8;
const LEASE_MS = 120_000;
const AIM_MS = 1;
const OWNER = 'bench';

async function seedRows(store: JobStore, db: Db): Promise<void> {
  const input = parseVideoInput({ prompt: 'a benchmark video of a quiet street', duration: 5 });
  // One transaction for the lot: nothing else uses the connection meanwhile, and the SQLite
  // store does its work before each promise settles.
  db.exec('BEGIN');
  for (let i = 0; i < ROWS; i++) {
    await store.create({
      guildId: `10000000000000${String(i % 50).padStart(4, '0')}`,
      channelId: '100000000000000200',
      userId: `1000000000000${String(i % 2000).padStart(5, '0')}`,
      input,
      estimateUsd: 0.84,
    });
  }
  db.exec('COMMIT');
}

/**
 * Sets the table to a shape in one statement. This is test data, not the path under test, so it
 * bypasses the state machine: `pending` rows become queued with a next check (half of them due
 * now), the rest delivered history outside the index.
 */
function shape(db: Db, pending: number, now: number): void {
  db.prepare(
    `UPDATE jobs SET state = 'succeeded', request_id = 'req-' || rowid, finished_at = @now, delivered_at = @now, next_poll_at = NULL`,
  ).run({ now });
  db.prepare(`
    UPDATE jobs SET state = 'queued', delivered_at = NULL, finished_at = NULL,
      next_poll_at = CASE WHEN rowid % 2 = 0 THEN @now - (rowid % 5000) ELSE @now + 60000 + (rowid % 5000) END
    WHERE rowid IN (SELECT rowid FROM jobs ORDER BY random() LIMIT @pending)`).run({ now, pending });
  db.pragma('optimize');
}

function timeOnce(fn: () => void): number {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

async function timeAwaited(fn: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

interface Timings {
  claim: number[];
  select: number[];
  nextDue: number[];
}

/**
 * The same SQL as the store's private `due` statement, timed on its own to separate the indexed
 * read from the leases and the commit that `claimDue` adds.
 */
const DUE_SELECT = `
  SELECT * FROM jobs INDEXED BY jobs_due
  WHERE next_poll_at IS NOT NULL AND next_poll_at <= @now
  ORDER BY next_poll_at LIMIT @limit`;

async function measure(store: JobStore, db: Db, now: number): Promise<Timings> {
  const select = db.prepare<{ now: number; limit: number }>(DUE_SELECT);
  // Putting the claimed jobs back (as the poller's own update after a check would) keeps the due
  // set the same size on every run.
  const unlease = db.prepare<{ id: string; at: number }>('UPDATE jobs SET next_poll_at = @at WHERE id = @id');
  const putBack = db.transaction((ids: readonly string[], i: number) => {
    for (const id of ids) unlease.run({ id, at: now - 1 - (i % 1000) });
  });
  const timings: Timings = { claim: [], select: [], nextDue: [] };
  for (let i = 0; i < WARMUP_RUNS + RUNS; i++) {
    let claimed: Awaited<ReturnType<JobStore['claimDue']>> = [];
    const claimMs = await timeAwaited(async () => {
      claimed = await store.claimDue(OWNER, now, LEASE_MS, CLAIM_LIMIT);
    });
    const selectMs = timeOnce(() => select.all({ now, limit: CLAIM_LIMIT }));
    const nextMs = await timeAwaited(() => store.nextDueAt());
    putBack(
      claimed.map((job) => job.id),
      i,
    );
    if (i >= WARMUP_RUNS) {
      timings.claim.push(claimMs);
      timings.select.push(selectMs);
      timings.nextDue.push(nextMs);
    }
  }
  return timings;
}

const summary = (samples: readonly number[]): string => `median ${formatMs(median(samples))}, p99 ${formatMs(percentile(samples, 99))}`;

export async function run(progress: Progress): Promise<FigureResult[]> {
  const temp = makeTempDir('kling-bench-due-');
  const path = temp.file('bot.db');
  // A fixed "now" so the due set does not drift while the runs go on.
  const now = Date.now();
  const logger = pino({ level: 'silent' });
  // Checkpoints are started by hand below, so the runs can be made with and without them.
  const storage = await openSqliteStorage({ path, logger, now: () => now, backgroundCheckpoints: false });
  const { db, jobs: store } = storage;
  try {
    progress(`due query: inserting ${ROWS.toLocaleString('en')} jobs…`);
    await seedRows(store, db);
    const results: FigureResult[] = [];
    for (const [label, pending] of [
      ['1,000 pending', 1_000],
      ['all pending', ROWS],
    ] as const) {
      shape(db, pending, now);
      // As the bot runs it: checkpoints on a worker thread, never inside a claim's commit.
      const checkpointer = startWalCheckpointer(db, path, logger);
      const timings = await measure(store, db, now);
      await checkpointer.stop();
      // The same runs with SQLite's default inline checkpoint, for comparison: the commit that
      // crosses 1,000 WAL pages copies them back and fsyncs before it returns.
      db.pragma('wal_autocheckpoint = 1000');
      const noCheckpoint = await measure(store, db, now);
      db.pragma('wal_checkpoint(TRUNCATE)');
      const p50 = median(timings.claim);
      const p99 = percentile(timings.claim, 99);
      progress(
        `due query (${label}): claimDue ${summary(timings.claim)}; select alone ${summary(timings.select)}; ` +
          `claimDue with inline checkpoints ${summary(noCheckpoint.claim)}; nextDueAt ${summary(timings.nextDue)}`,
      );
      results.push({
        figure: `Due-job query \`claimDue(8)\`, ${ROWS.toLocaleString('en')} rows, ${label}`,
        aim: `median and p99 < ${AIM_MS} ms`,
        result: `${summary(timings.claim)} (${RUNS.toLocaleString('en')} runs)`,
        met: p50 < AIM_MS && p99 < AIM_MS,
        note:
          `The indexed select alone: ${summary(timings.select)}. ` +
          `Measured with the bot's background checkpoints (a worker thread); with SQLite's default inline checkpoint instead, ` +
          `\`claimDue\` is ${summary(noCheckpoint.claim)}: the slow runs are the commits that cross 1,000 WAL pages and checkpoint ` +
          `(an fsync) before returning. \`nextDueAt\`: ${summary(timings.nextDue)}.`,
      });
    }
    return results;
  } finally {
    await storage.close();
    temp.remove();
  }
}
