/**
 * `claimDue` on PostgreSQL at 100,000 rows with three claimers at once, each on a pool of its
 * own as three bot processes would hold: how long a claim takes while the others contend for the
 * same rows, and that `FOR UPDATE SKIP LOCKED` with the lease never hands one job to two of them.
 */
import { openPostgresStorage, type PostgresStorage } from '../src/storage/postgres/index.js';
import { startPostgres } from '../testkit/postgres/server.js';
import type { FigureResult, Progress } from './figure.js';
import { formatMs, median, percentile } from './stats.js';

const ROWS = 100_000;
const CLAIMERS = 3;
const CLAIM_LIMIT = 8;
const LEASE_MS = 120_000;
const AIM_MS = 5;

/** Test data, not the path under test: every job pending, half of them due now, in one statement. */
async function seed(storage: PostgresStorage, now: number): Promise<void> {
  const input = JSON.stringify({ prompt: 'a benchmark video of a quiet street', duration: 5 });
  await storage.pool.query(
    `INSERT INTO jobs (id, guild_id, channel_id, user_id, input_json, kind, state, request_id, estimate_usd,
       created_at, updated_at, submitted_at, next_poll_at)
     SELECT 'bench' || i, '10000000000000' || lpad((i % 50)::text, 4, '0'), '100000000000000200',
       '1000000000000' || lpad((i % 2000)::text, 5, '0'), $1, 'new', 'queued', 'req-' || i, 0.84, $2::bigint, $2::bigint, $2::bigint,
       CASE WHEN i % 2 = 0 THEN $2::bigint - (i % 5000) ELSE $2::bigint + 60000 + (i % 5000) END
     FROM generate_series(1, $3) AS i`,
    [input, now, ROWS],
  );
  await storage.pool.query('ANALYZE jobs');
}

export async function run(progress: Progress): Promise<FigureResult[]> {
  const server = await startPostgres();
  progress(`due query on PostgreSQL: server started in ${formatMs(server.startMs)}`);
  const database = await server.freshDatabase();
  const now = Date.now();
  const claimers: PostgresStorage[] = [];
  try {
    for (let i = 0; i < CLAIMERS; i++) claimers.push(await openPostgresStorage({ url: database.url, now: () => now, max: 2 }));
    const [first] = claimers as [PostgresStorage];
    progress(`due query on PostgreSQL: inserting ${ROWS.toLocaleString('en')} jobs…`);
    await seed(first, now);
    const due = ROWS / 2;
    // Warm-up outside the figures: a few claims, then those jobs made due again.
    for (let i = 0; i < 50; i++) await first.jobs.claimDue('warm-up', now, LEASE_MS, CLAIM_LIMIT);
    await first.pool.query("UPDATE jobs SET next_poll_at = $1::bigint - 1, lease_owner = NULL WHERE lease_owner = 'warm-up'", [now]);

    const samples: number[] = [];
    const claimedBy = new Map<string, number>();
    let claimedTwice = 0;
    const started = performance.now();
    await Promise.all(
      claimers.map(async (storage, c) => {
        for (;;) {
          const t = process.hrtime.bigint();
          const jobs = await storage.jobs.claimDue(`claimer-${c}`, now, LEASE_MS, CLAIM_LIMIT);
          samples.push(Number(process.hrtime.bigint() - t) / 1e6);
          if (jobs.length === 0) return;
          for (const job of jobs) {
            if (claimedBy.has(job.id)) claimedTwice++;
            claimedBy.set(job.id, c);
          }
        }
      }),
    );
    const wallS = (performance.now() - started) / 1000;
    const perClaimer = Array.from({ length: CLAIMERS }, (_, c) => [...claimedBy.values()].filter((v) => v === c).length);
    const p50 = median(samples);
    const p99 = percentile(samples, 99);
    const line =
      `median ${formatMs(p50)}, p99 ${formatMs(p99)} (${samples.length.toLocaleString('en')} claims); ` +
      `${claimedBy.size.toLocaleString('en')} of ${due.toLocaleString('en')} due jobs claimed, ${claimedTwice} twice`;
    progress(`due query on PostgreSQL, ${CLAIMERS} claimers: ${line}`);
    return [
      {
        figure: `Due-job query \`claimDue(8)\` on PostgreSQL, ${ROWS.toLocaleString('en')} rows, all pending, ${CLAIMERS} claimers at once`,
        aim: `median and p99 < ${AIM_MS} ms; no job claimed twice`,
        result: line,
        met: p50 < AIM_MS && p99 < AIM_MS && claimedTwice === 0 && claimedBy.size === due,
        note:
          `Each claimer is a pool of its own on the same database (embedded PostgreSQL ${'on 127.0.0.1'}, fsync off as in the tests), ` +
          `claiming 8 at a time until no job is due; together they drained the ${due.toLocaleString('en')} due jobs in ${wallS.toFixed(1)} s ` +
          `(${perClaimer.join(' / ')} per claimer). A claim is one statement: the indexed select \`FOR UPDATE SKIP LOCKED\` and the lease ` +
          `update, plus the round trip over TCP, so it is slower than SQLite's in-process claim but shared by every process.`,
      },
    ];
  } finally {
    for (const storage of claimers) await storage.close();
    await database.drop();
    await server.stop();
  }
}
