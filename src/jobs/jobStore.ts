import { randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { VideoInput } from '../model/videoInput.js';
import type { Db } from './database.js';
import type { Job, JobKind, JobOrigin } from './job.js';
import { ACTIVE_STATES, assertTransition, isJobState, type JobState, TERMINAL_STATES } from './jobState.js';

interface JobRow {
  id: string;
  guild_id: string;
  channel_id: string;
  user_id: string;
  thread_id: string | null;
  status_message_id: string | null;
  input_json: string;
  kind: string;
  parent_id: string | null;
  state: string;
  request_id: string | null;
  provider_status: string | null;
  queue_position: number | null;
  error_kind: string | null;
  error_message: string | null;
  result_url: string | null;
  estimate_usd: number;
  cost_usd: number | null;
  cancel_refused_at: number | null;
  created_at: number;
  updated_at: number;
  submitted_at: number | null;
  started_at: number | null;
  finished_at: number | null;
  next_poll_at: number | null;
  poll_failures: number;
  delivery_attempts: number;
  delivered_at: number | null;
  final_channel_id: string | null;
  final_message_id: string | null;
  deleted_at: number | null;
}

/** Fields a transition or an update may set besides the state. */
export interface JobPatch {
  threadId?: string | null;
  statusMessageId?: string | null;
  requestId?: string | null;
  providerStatus?: string | null;
  queuePosition?: number | null;
  errorKind?: string | null;
  errorMessage?: string | null;
  resultUrl?: string | null;
  costUsd?: number | null;
  cancelRefusedAt?: number | null;
  submittedAt?: number | null;
  startedAt?: number | null;
  finishedAt?: number | null;
  nextPollAt?: number | null;
  pollFailures?: number;
  deliveryAttempts?: number;
  finalChannelId?: string | null;
  finalMessageId?: string | null;
  deletedAt?: number | null;
}

const PATCH_COLUMNS: Record<keyof JobPatch, string> = {
  threadId: 'thread_id',
  statusMessageId: 'status_message_id',
  requestId: 'request_id',
  providerStatus: 'provider_status',
  queuePosition: 'queue_position',
  errorKind: 'error_kind',
  errorMessage: 'error_message',
  resultUrl: 'result_url',
  costUsd: 'cost_usd',
  cancelRefusedAt: 'cancel_refused_at',
  submittedAt: 'submitted_at',
  startedAt: 'started_at',
  finishedAt: 'finished_at',
  nextPollAt: 'next_poll_at',
  pollFailures: 'poll_failures',
  deliveryAttempts: 'delivery_attempts',
  finalChannelId: 'final_channel_id',
  finalMessageId: 'final_message_id',
  deletedAt: 'deleted_at',
};

export interface NewJob extends JobOrigin {
  input: VideoInput;
  estimateUsd: number;
  kind?: JobKind;
  parentId?: string | null;
}

/** Short, unguessable, and safe inside a Discord custom id. */
export function newJobId(): string {
  return randomBytes(8).toString('base64url').replace(/[-_]/g, 'x').slice(0, 10).toLowerCase();
}

function toJob(row: JobRow): Job {
  if (!isJobState(row.state)) throw new Error(`job ${row.id} has an unknown state ${row.state}`);
  return {
    id: row.id,
    guildId: row.guild_id,
    channelId: row.channel_id,
    userId: row.user_id,
    threadId: row.thread_id,
    statusMessageId: row.status_message_id,
    input: JSON.parse(row.input_json) as VideoInput,
    kind: row.kind as JobKind,
    parentId: row.parent_id,
    state: row.state,
    requestId: row.request_id,
    providerStatus: row.provider_status,
    queuePosition: row.queue_position,
    errorKind: row.error_kind,
    errorMessage: row.error_message,
    resultUrl: row.result_url,
    estimateUsd: row.estimate_usd,
    costUsd: row.cost_usd,
    cancelRefusedAt: row.cancel_refused_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    submittedAt: row.submitted_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    nextPollAt: row.next_poll_at,
    pollFailures: row.poll_failures,
    deliveryAttempts: row.delivery_attempts,
    deliveredAt: row.delivered_at,
    finalChannelId: row.final_channel_id,
    finalMessageId: row.final_message_id,
    deletedAt: row.deleted_at,
  };
}

const TERMINAL_SQL = TERMINAL_STATES.map((s) => `'${s}'`).join(', ');
const ACTIVE_SQL = ACTIVE_STATES.map((s) => `'${s}'`).join(', ');

/**
 * Jobs in SQLite. Every change of state is a compare-and-set on the current state, so a cancel
 * racing a completion, or two pollers racing each other, can never both win: the loser gets
 * `undefined` and must re-read.
 */
export class JobStore {
  private readonly statements;
  /** Updates are built from the fields a caller sets; each distinct shape is prepared once. */
  private readonly updateCache = new Map<string, Database.Statement>();

  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
  ) {
    this.statements = {
      insert: db.prepare(`
        INSERT INTO jobs (id, guild_id, channel_id, user_id, thread_id, status_message_id, input_json,
          kind, parent_id, state, estimate_usd, created_at, updated_at)
        VALUES (@id, @guild_id, @channel_id, @user_id, @thread_id, @status_message_id, @input_json,
          @kind, @parent_id, 'created', @estimate_usd, @now, @now)`),
      get: db.prepare<[string], JobRow>('SELECT * FROM jobs WHERE id = ?'),
      due: db.prepare<{ now: number; limit: number }, JobRow>(`
        SELECT * FROM jobs INDEXED BY jobs_due
        WHERE next_poll_at IS NOT NULL AND next_poll_at <= @now
        ORDER BY next_poll_at LIMIT @limit`),
      lease: db.prepare<{ id: string; until: number; seen: number }>(`
        UPDATE jobs SET next_poll_at = @until WHERE id = @id AND next_poll_at = @seen`),
      nextDue: db.prepare<[], { at: number | null }>(
        'SELECT MIN(next_poll_at) AS at FROM jobs INDEXED BY jobs_due WHERE next_poll_at IS NOT NULL',
      ),
      markDelivered: db.prepare<{ id: string; now: number }>(`
        UPDATE jobs SET delivered_at = @now, next_poll_at = NULL, updated_at = @now
        WHERE id = @id AND delivered_at IS NULL AND state IN (${TERMINAL_SQL})`),
      recentByUser: db.prepare<{ guild: string; user: string; limit: number }, JobRow>(`
        SELECT * FROM jobs WHERE guild_id = @guild AND user_id = @user ORDER BY created_at DESC LIMIT @limit`),
      activeByUser: db.prepare<{ guild: string; user: string }, { n: number }>(`
        SELECT COUNT(*) AS n FROM jobs WHERE guild_id = @guild AND user_id = @user
        AND state NOT IN (${TERMINAL_SQL})`),
      retryOf: db.prepare<[string], JobRow>(`SELECT * FROM jobs WHERE parent_id = ? AND kind = 'retry'`),
      countByState: db.prepare<[], { state: string; n: number }>('SELECT state, COUNT(*) AS n FROM jobs GROUP BY state'),
      resumeActive: db.prepare<{ now: number }>(`
        UPDATE jobs SET next_poll_at = @now WHERE state IN (${ACTIVE_SQL}, 'created')`),
      resumeUndelivered: db.prepare<{ now: number }>(`
        UPDATE jobs SET next_poll_at = @now WHERE state IN (${TERMINAL_SQL}) AND delivered_at IS NULL`),
      strandedSubmits: db.prepare<[], JobRow>(`SELECT * FROM jobs WHERE state = 'submitting'`),
    };
  }

  create(job: NewJob): Job {
    const id = newJobId();
    this.statements.insert.run({
      id,
      guild_id: job.guildId,
      channel_id: job.channelId,
      user_id: job.userId,
      thread_id: job.threadId ?? null,
      status_message_id: job.statusMessageId ?? null,
      input_json: JSON.stringify(job.input),
      kind: job.kind ?? 'new',
      parent_id: job.parentId ?? null,
      estimate_usd: job.estimateUsd,
      now: this.now(),
    });
    return this.require(id);
  }

  get(id: string): Job | undefined {
    const row = this.statements.get.get(id);
    return row ? toJob(row) : undefined;
  }

  require(id: string): Job {
    const job = this.get(id);
    if (!job) throw new Error(`job ${id} does not exist`);
    return job;
  }

  /**
   * Moves a job from one of `from` to `to`, setting `patch` in the same statement. Returns the
   * updated job, or `undefined` when the job was no longer in `from` (someone else won).
   */
  transition(id: string, from: JobState | readonly JobState[], to: JobState, patch: JobPatch = {}): Job | undefined {
    const fromStates = typeof from === 'string' ? [from] : from;
    for (const state of fromStates) assertTransition(state, to);
    const terminal = (TERMINAL_STATES as readonly JobState[]).includes(to);
    // A job that just ended is due at once so its final message goes out without waiting.
    const effective: JobPatch = terminal && patch.nextPollAt === undefined ? { ...patch, nextPollAt: this.now() } : patch;
    return this.write(id, fromStates, to, effective);
  }

  /** Sets fields without changing state, only while the job is still in `state`. */
  update(id: string, state: JobState | readonly JobState[], patch: JobPatch): Job | undefined {
    return this.write(id, typeof state === 'string' ? [state] : state, undefined, patch);
  }

  private write(id: string, from: readonly JobState[], to: JobState | undefined, patch: JobPatch): Job | undefined {
    const sets = ['updated_at = @now'];
    const params: Record<string, unknown> = { id, now: this.now() };
    if (to) {
      sets.push('state = @to');
      params.to = to;
    }
    for (const [key, column] of Object.entries(PATCH_COLUMNS) as [keyof JobPatch, string][]) {
      const value = patch[key];
      if (value === undefined) continue;
      sets.push(`${column} = @${key}`);
      params[key] = value;
    }
    const placeholders = from.map((_, i) => `@from${i}`);
    from.forEach((state, i) => {
      params[`from${i}`] = state;
    });
    const sql = `UPDATE jobs SET ${sets.join(', ')} WHERE id = @id AND state IN (${placeholders.join(', ')})`;
    let statement = this.updateCache.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.updateCache.set(sql, statement);
    }
    const result = statement.run(params);
    return result.changes === 1 ? this.get(id) : undefined;
  }

  /**
   * Takes up to `limit` jobs whose next poll time has come, leasing each until `now + leaseMs`
   * so that a second poller (or the next tick) does not take the same job meanwhile. The lease
   * is a compare-and-set on the next poll time seen, inside one transaction.
   *
   * Jobs in `inHand` (still being worked on by this caller) are neither taken nor leased: a job
   * made due meanwhile (a cancel sets "due now") must stay due, or its final message would wait
   * for the whole lease once the work in hand finds the job changed and writes nothing.
   */
  claimDue(limit: number, leaseMs: number, inHand: ReadonlySet<string> = new Set()): Job[] {
    const now = this.now();
    return this.db.transaction(() => {
      const claimed: Job[] = [];
      for (const row of this.statements.due.all({ now, limit: limit + inHand.size })) {
        if (claimed.length >= limit) break;
        if (inHand.has(row.id)) continue;
        const won = this.statements.lease.run({ id: row.id, until: now + leaseMs, seen: row.next_poll_at as number });
        if (won.changes === 1) claimed.push(toJob({ ...row, next_poll_at: now + leaseMs }));
      }
      return claimed;
    })();
  }

  /** When the next job falls due, if any job needs work at all. */
  nextDueAt(): number | undefined {
    return this.statements.nextDue.get()?.at ?? undefined;
  }

  /** Records the final message as sent; true only for the one caller that recorded it. */
  markDelivered(id: string): boolean {
    return this.statements.markDelivered.run({ id, now: this.now() }).changes === 1;
  }

  /** The job that retried `parentId`, if any. */
  retryOf(parentId: string): Job | undefined {
    const row = this.statements.retryOf.get(parentId);
    return row ? toJob(row) : undefined;
  }

  recentByUser(guildId: string, userId: string, limit = 10): Job[] {
    return this.statements.recentByUser.all({ guild: guildId, user: userId, limit }).map(toJob);
  }

  countUnfinishedByUser(guildId: string, userId: string): number {
    return this.statements.activeByUser.get({ guild: guildId, user: userId })?.n ?? 0;
  }

  countByState(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const row of this.statements.countByState.all()) counts[row.state] = row.n;
    return counts;
  }

  /**
   * After a restart: every unfinished job and every finished-but-undelivered job is due now.
   * A job caught mid-submit cannot be resubmitted (it may have been accepted and billed), so it
   * ends as `outcome_unknown`; its request id, if it was recorded, would have moved it on.
   */
  resume(unknownMessage: string): { resumed: number; undelivered: number; stranded: Job[] } {
    const now = this.now();
    return this.db.transaction(() => {
      const stranded: Job[] = [];
      for (const row of this.statements.strandedSubmits.all()) {
        const job = this.transition(row.id, 'submitting', 'outcome_unknown', {
          errorKind: 'outcome_unknown',
          errorMessage: unknownMessage,
          finishedAt: now,
        });
        if (job) stranded.push(job);
      }
      const resumed = this.statements.resumeActive.run({ now }).changes;
      const undelivered = this.statements.resumeUndelivered.run({ now }).changes;
      return { resumed, undelivered, stranded };
    })();
  }
}
