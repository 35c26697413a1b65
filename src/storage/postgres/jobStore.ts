import type pg from 'pg';
import type { Job } from '../../jobs/job.js';
import { ACTIVE_STATES, type JobState, TERMINAL_STATES } from '../../jobs/jobState.js';
import {
  type CreateResult,
  DEFAULT_LEASE_MS,
  type JobMove,
  type JobPatch,
  type JobStore,
  type LineMove,
  type LineState,
  movePatch,
  type NewJob,
  newJobId,
  placeAdmission,
  type RenderSample,
  type ResumeReport,
  renderSampleOf,
  type UnfinishedCounts,
} from '../../jobs/jobStore.js';
import { type AdmissionLimits, SLOT_STATES } from '../../jobs/limits.js';
import { type LineLimits, planLine, readyToSend } from '../../jobs/line.js';
import { promoteFromLine, renumberInLine, strandSubmit } from '../../jobs/moves.js';
import { DEFAULT_MODEL_ID } from '../../model/models.js';
import type { VideoInput } from '../../model/videoInput.js';
import { columnValue, JOB_COLUMNS, type JobRow, PATCH_COLUMNS, toJob } from '../jobRow.js';
import { inTransaction, LOCK_CLASS } from './database.js';
import type { PostgresSpendLedger } from './spendLedger.js';

/** Every column but `seq`, which is the database's own. */
const COLUMNS = JOB_COLUMNS.join(', ');
/** The same, of the `jobs` row an UPDATE … FROM returns (its other table has columns of the same names). */
const JOBS_COLUMNS = JOB_COLUMNS.map((column) => `jobs.${column}`).join(', ');

const TERMINAL: readonly string[] = TERMINAL_STATES;
const RESUMABLE: readonly string[] = [...ACTIVE_STATES, 'created'];
const SLOTS: readonly string[] = SLOT_STATES;

/** Where a new row starts: `created` unless admission put it in the line. */
interface Placement {
  state: 'created' | 'waiting';
  queuePosition: number | null;
  nextPollAt: number | null;
}

const CREATED: Placement = { state: 'created', queuePosition: null, nextPollAt: null };

type Queryable = Pick<pg.ClientBase, 'query'>;

/**
 * Jobs in PostgreSQL. Every change is one UPDATE guarded by the state the caller saw
 * (`state = ANY($n)`), claims take rows with `FOR UPDATE SKIP LOCKED`, and admission holds a
 * per-server transaction lock while it counts and inserts.
 */
export class PostgresJobStore implements JobStore {
  constructor(
    private readonly pool: pg.Pool,
    private readonly ledger: PostgresSpendLedger,
    private readonly now: () => number = Date.now,
    /** A submit's lease (see `transitionPatch` in jobStore.ts). */
    private readonly leaseMs = DEFAULT_LEASE_MS,
  ) {}

  async create(job: NewJob): Promise<Job> {
    return this.insert(this.pool, job);
  }

  async createWithinLimits(job: NewJob, limits: AdmissionLimits): Promise<CreateResult> {
    return inTransaction(this.pool, async (client) => {
      // One admission per server at a time: the server budget spans its members, so a lock per
      // member would let two members together overshoot it. Read committed takes a fresh
      // snapshot per statement, so the counts below see every job admitted before the lock.
      await this.lockServer(client, job.guildId);
      if (job.kind === 'retry' && job.parentId) {
        const earlier = await this.retryOfOn(client, job.parentId);
        if (earlier) return { ok: false, refusal: { kind: 'already_retried', retryId: earlier.id } };
      }
      const spent = {
        memberUsd: limits.memberDailyBudgetUsd === null ? 0 : await this.ledger.spentTodayOn(client, job.guildId, job.userId),
        serverUsd: limits.serverDailyBudgetUsd === null ? 0 : await this.ledger.spentTodayOn(client, job.guildId),
      };
      const placed = placeAdmission(job, limits, await this.lineOn(client, job.guildId), spent, this.now());
      if ('refusal' in placed) return { ok: false, refusal: placed.refusal };
      return { ok: true, job: await this.insert(client, job, placed.state === 'created' ? CREATED : placed) };
    });
  }

  async promoteWaiting(guildId: string, limits: LineLimits): Promise<LineMove> {
    return inTransaction(this.pool, async (client) => {
      // The admission lock: a slot counted here cannot be taken by an admission (or another
      // process moving the same line) before this transaction commits.
      await this.lockServer(client, guildId);
      const line = await this.lineOn(client, guildId);
      const plan = planLine(line.waiting, line.active, line.serverActive, limits);
      const now = this.now();
      const promoted: Job[] = [];
      for (const id of plan.promote) {
        const job = await this.apply(client, id, promoteFromLine(now));
        if (job) promoted.push(job);
      }
      const moved: Job[] = [];
      for (const entry of line.waiting) {
        const position = plan.positions.get(entry.id);
        if (position === undefined || position === entry.position) continue;
        const job = await this.apply(client, entry.id, renumberInLine(position));
        if (job) moved.push(job);
      }
      return { promoted, moved };
    });
  }

  async waitingGuilds(): Promise<string[]> {
    const { rows } = await this.pool.query<{ guild_id: string }>(`SELECT DISTINCT guild_id FROM jobs WHERE state = 'waiting'`);
    return rows.map((row) => row.guild_id);
  }

  async waitingIn(guildId: string): Promise<Job[]> {
    const { rows } = await this.pool.query<JobRow>(
      `SELECT ${COLUMNS} FROM jobs WHERE state = 'waiting' AND guild_id = $1 ORDER BY queue_position, created_at, seq`,
      [guildId],
    );
    return rows.map(toJob);
  }

  async renderHistory(limit: number): Promise<RenderSample[]> {
    const { rows } = await this.pool.query<{
      input_json: string;
      submitted_at: number | null;
      started_at: number | null;
      finished_at: number | null;
    }>(
      `SELECT input_json, submitted_at, started_at, finished_at FROM jobs
       WHERE state = 'succeeded' ORDER BY finished_at DESC NULLS LAST, seq DESC LIMIT $1`,
      [limit],
    );
    const samples: RenderSample[] = [];
    for (const row of rows) {
      const sample = renderSampleOf(JSON.parse(row.input_json) as VideoInput, row.submitted_at, row.started_at, row.finished_at);
      if (sample) samples.push(sample);
    }
    return samples;
  }

  /** One admission or move of the line per server at a time, across every process. */
  private async lockServer(client: Queryable, guildId: string): Promise<void> {
    await client.query('SELECT pg_advisory_xact_lock($1::int, hashtext($2))', [LOCK_CLASS.admission, guildId]);
  }

  private async lineOn(on: Queryable, guildId: string): Promise<LineState> {
    const now = this.now();
    const waiting = await on.query<{
      id: string;
      user_id: string;
      queue_position: number | null;
      status_message_id: string | null;
      created_at: number;
    }>(
      `SELECT id, user_id, queue_position, status_message_id, created_at FROM jobs
       WHERE state = 'waiting' AND guild_id = $1 ORDER BY created_at, seq`,
      [guildId],
    );
    const slots = await on.query<{ user_id: string; n: number }>(
      'SELECT user_id, COUNT(*) AS n FROM jobs WHERE state = ANY($2::text[]) AND guild_id = $1 GROUP BY user_id',
      [guildId, SLOTS],
    );
    const active = new Map<string, number>();
    let serverActive = 0;
    for (const row of slots.rows) {
      active.set(row.user_id, row.n);
      serverActive += row.n;
    }
    return {
      waiting: waiting.rows.map((row) => ({
        id: row.id,
        userId: row.user_id,
        position: row.queue_position,
        ready: readyToSend({ statusMessageId: row.status_message_id, createdAt: Number(row.created_at) }, now),
      })),
      active,
      serverActive,
    };
  }

  async get(id: string): Promise<Job | undefined> {
    const { rows } = await this.pool.query<JobRow>(`SELECT ${COLUMNS} FROM jobs WHERE id = $1`, [id]);
    return rows[0] ? toJob(rows[0]) : undefined;
  }

  async require(id: string): Promise<Job> {
    const job = await this.get(id);
    if (!job) throw new Error(`job ${id} does not exist`);
    return job;
  }

  async transition(id: string, move: JobMove): Promise<Job | undefined> {
    return this.apply(this.pool, id, move);
  }

  async claimDue(owner: string, now: number, leaseMs: number, limit: number, inHand: ReadonlySet<string> = new Set()): Promise<Job[]> {
    if (limit <= 0) return [];
    // SKIP LOCKED: a row another claimer is leasing right now is left to it, not waited for.
    // The lease is the row's next poll time, so a claimer that dies leaves jobs that fall due
    // again when their leases run out.
    const { rows } = await this.pool.query<JobRow & { seen: number; seq: number }>(
      `WITH due AS (
         SELECT id, next_poll_at AS seen, seq FROM jobs
         WHERE next_poll_at IS NOT NULL AND next_poll_at <= $1 AND NOT (id = ANY($2::text[]))
         ORDER BY next_poll_at, seq
         LIMIT $3
         FOR UPDATE SKIP LOCKED)
       UPDATE jobs SET next_poll_at = $4, lease_owner = $5
       FROM due WHERE jobs.id = due.id
       RETURNING ${JOBS_COLUMNS}, due.seen, due.seq`,
      [now, [...inHand], limit, now + leaseMs, owner],
    );
    rows.sort((a, b) => a.seen - b.seen || a.seq - b.seq);
    return rows.map(toJob);
  }

  async renewLeases(owner: string, leases: readonly { id: string; seen: number }[], until: number): Promise<string[]> {
    if (leases.length === 0) return [];
    // One statement for every job in hand: the heartbeat costs one round trip however many.
    const { rows } = await this.pool.query<{ id: string }>(
      `UPDATE jobs SET next_poll_at = $1, lease_owner = $2
       FROM unnest($3::text[], $4::bigint[]) AS lease(id, seen)
       WHERE jobs.id = lease.id AND jobs.next_poll_at = lease.seen
       RETURNING jobs.id`,
      [until, owner, leases.map((l) => l.id), leases.map((l) => l.seen)],
    );
    return rows.map((row) => row.id);
  }

  async nextDueAt(): Promise<number | undefined> {
    const { rows } = await this.pool.query<{ at: number | null }>(
      'SELECT MIN(next_poll_at) AS at FROM jobs WHERE next_poll_at IS NOT NULL',
    );
    return rows[0]?.at ?? undefined;
  }

  async markDelivered(id: string): Promise<boolean> {
    const now = this.now();
    const result = await this.pool.query(
      `UPDATE jobs SET delivered_at = $2, next_poll_at = NULL, updated_at = $2
       WHERE id = $1 AND delivered_at IS NULL AND state = ANY($3::text[])`,
      [id, now, TERMINAL],
    );
    return result.rowCount === 1;
  }

  async takesOf(takeGroup: string): Promise<Job[]> {
    const { rows } = await this.pool.query<JobRow>(`SELECT ${COLUMNS} FROM jobs WHERE take_group = $1 ORDER BY created_at, seq`, [
      takeGroup,
    ]);
    return rows.map(toJob);
  }

  async retryOf(parentId: string): Promise<Job | undefined> {
    return this.retryOfOn(this.pool, parentId);
  }

  async recentByUser(guildId: string, userId: string, limit = 10): Promise<Job[]> {
    const { rows } = await this.pool.query<JobRow>(
      `SELECT ${COLUMNS} FROM jobs WHERE guild_id = $1 AND user_id = $2 ORDER BY created_at DESC, seq DESC LIMIT $3`,
      [guildId, userId, limit],
    );
    return rows.map(toJob);
  }

  async countUnfinishedByUser(guildId: string, userId: string): Promise<UnfinishedCounts> {
    const { rows } = await this.pool.query<UnfinishedCounts>(
      `SELECT COUNT(*) FILTER (WHERE state = ANY($3::text[]))::int AS "inProgress", COUNT(*) FILTER (WHERE state = 'waiting')::int AS waiting
       FROM jobs WHERE guild_id = $1 AND user_id = $2 AND NOT (state = ANY($4::text[]))`,
      [guildId, userId, SLOTS, TERMINAL],
    );
    return rows[0] ?? { inProgress: 0, waiting: 0 };
  }

  async countByState(): Promise<Record<string, number>> {
    const { rows } = await this.pool.query<{ state: string; n: number }>('SELECT state, COUNT(*) AS n FROM jobs GROUP BY state');
    const counts: Record<string, number> = {};
    for (const row of rows) counts[row.state] = row.n;
    return counts;
  }

  async resume(unknownMessage: string | null): Promise<ResumeReport> {
    const now = this.now();
    return inTransaction(this.pool, async (client) => {
      const stranded: Job[] = [];
      // SKIP LOCKED: a submit another process is writing right now is alive, not stranded.
      // A NULL poll time is a submit from a release that set no lease.
      const mid = await client.query<{ id: string }>(
        `SELECT id FROM jobs WHERE state = 'submitting' AND (next_poll_at IS NULL OR next_poll_at <= $1)
         ORDER BY seq FOR UPDATE SKIP LOCKED`,
        [now],
      );
      for (const { id } of mid.rows) {
        const job = await this.apply(client, id, strandSubmit(now, unknownMessage));
        if (job) stranded.push(job);
      }
      // A poll time still to come may be a live process's lease: only the ones that ran out come back.
      const due = '(next_poll_at IS NULL OR next_poll_at <= $1)';
      const resumed = await client.query(`UPDATE jobs SET next_poll_at = $1 WHERE state = ANY($2::text[]) AND ${due}`, [now, RESUMABLE]);
      const undelivered = await client.query(
        `UPDATE jobs SET next_poll_at = $1 WHERE state = ANY($2::text[]) AND delivered_at IS NULL AND ${due}`,
        [now, TERMINAL],
      );
      return { resumed: resumed.rowCount ?? 0, undelivered: undelivered.rowCount ?? 0, stranded };
    });
  }

  async all(): Promise<Job[]> {
    const { rows } = await this.pool.query<JobRow>(`SELECT ${COLUMNS} FROM jobs ORDER BY created_at, seq`);
    return rows.map(toJob);
  }

  private async insert(on: Queryable, job: NewJob, placement: Placement = CREATED): Promise<Job> {
    const now = this.now();
    const { rows } = await on.query<JobRow>(
      `INSERT INTO jobs (id, guild_id, channel_id, user_id, thread_id, status_message_id, input_json,
         kind, parent_id, estimate_usd, created_at, updated_at, state, queue_position, next_poll_at, model_id, take_group)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11, $12, $13, $14, $15, $16)
       RETURNING ${COLUMNS}`,
      [
        newJobId(),
        job.guildId,
        job.channelId,
        job.userId,
        job.threadId ?? null,
        job.statusMessageId ?? null,
        JSON.stringify(job.input),
        job.kind ?? 'new',
        job.parentId ?? null,
        job.estimateUsd,
        now,
        placement.state,
        placement.queuePosition,
        placement.nextPollAt,
        job.modelId ?? DEFAULT_MODEL_ID,
        job.takeGroup ?? null,
      ],
    );
    return toJob(rows[0] as JobRow);
  }

  private async retryOfOn(on: Queryable, parentId: string): Promise<Job | undefined> {
    const { rows } = await on.query<JobRow>(`SELECT ${COLUMNS} FROM jobs WHERE parent_id = $1 AND kind = 'retry'`, [parentId]);
    return rows[0] ? toJob(rows[0]) : undefined;
  }

  private apply(on: Queryable, id: string, move: JobMove): Promise<Job | undefined> {
    return this.write(on, id, move.from, move.to, movePatch(move, this.now(), this.leaseMs));
  }

  /** One UPDATE guarded by the state: the compare-and-set every change goes through. */
  private async write(
    on: Queryable,
    id: string,
    from: readonly JobState[],
    to: JobState | undefined,
    patch: JobPatch,
  ): Promise<Job | undefined> {
    const params: unknown[] = [id, [...from], this.now()];
    const sets = ['updated_at = $3'];
    if (to) {
      params.push(to);
      sets.push(`state = $${params.length}`);
    }
    for (const [key, column] of Object.entries(PATCH_COLUMNS) as [keyof JobPatch, string][]) {
      const value = patch[key];
      if (value === undefined) continue;
      params.push(columnValue(key, value));
      sets.push(`${column} = $${params.length}`);
    }
    const { rows } = await on.query<JobRow>(
      `UPDATE jobs SET ${sets.join(', ')} WHERE id = $1 AND state = ANY($2::text[]) RETURNING ${COLUMNS}`,
      params,
    );
    return rows[0] ? toJob(rows[0]) : undefined;
  }
}
