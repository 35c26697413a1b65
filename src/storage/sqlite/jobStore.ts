import type Database from 'better-sqlite3';
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
import { columnValue, type JobRow, PATCH_COLUMNS, toJob } from '../jobRow.js';
import type { Db } from './database.js';
import type { SqliteSpendLedger } from './spendLedger.js';

const TERMINAL_SQL = TERMINAL_STATES.map((s) => `'${s}'`).join(', ');
const ACTIVE_SQL = ACTIVE_STATES.map((s) => `'${s}'`).join(', ');
const SLOT_SQL = SLOT_STATES.map((s) => `'${s}'`).join(', ');

/** Where a new row starts: `created` unless admission put it in the line. */
interface Placement {
  state: 'created' | 'waiting';
  queuePosition: number | null;
  nextPollAt: number | null;
}

const CREATED: Placement = { state: 'created', queuePosition: null, nextPollAt: null };

/**
 * Jobs in SQLite. better-sqlite3 is synchronous, so each method does its work at once and hands
 * back a settled promise; what must be atomic is one SQLite transaction.
 */
export class SqliteJobStore implements JobStore {
  private readonly statements;
  /** Updates are built from the fields a caller sets; each distinct shape is prepared once. */
  private readonly updateCache = new Map<string, Database.Statement>();
  private readonly createChecked: (job: NewJob, limits: AdmissionLimits) => CreateResult;
  private readonly promoteChecked: (guildId: string, limits: LineLimits) => LineMove;

  constructor(
    private readonly db: Db,
    private readonly ledger: SqliteSpendLedger,
    private readonly now: () => number = Date.now,
    /** A submit's lease (see `transitionPatch` in jobStore.ts). */
    private readonly leaseMs = DEFAULT_LEASE_MS,
  ) {
    this.statements = {
      insert: db.prepare(`
        INSERT INTO jobs (id, guild_id, channel_id, user_id, thread_id, status_message_id, input_json,
          kind, parent_id, state, queue_position, next_poll_at, estimate_usd, created_at, updated_at, model_id, take_group)
        VALUES (@id, @guild_id, @channel_id, @user_id, @thread_id, @status_message_id, @input_json,
          @kind, @parent_id, @state, @queue_position, @next_poll_at, @estimate_usd, @now, @now, @model_id, @take_group)`),
      get: db.prepare<[string], JobRow>('SELECT * FROM jobs WHERE id = ?'),
      all: db.prepare<[], JobRow>('SELECT * FROM jobs ORDER BY created_at, rowid'),
      due: db.prepare<{ now: number; limit: number }, JobRow>(`
        SELECT * FROM jobs INDEXED BY jobs_due
        WHERE next_poll_at IS NOT NULL AND next_poll_at <= @now
        ORDER BY next_poll_at LIMIT @limit`),
      lease: db.prepare<{ id: string; until: number; seen: number; owner: string }>(`
        UPDATE jobs SET next_poll_at = @until, lease_owner = @owner WHERE id = @id AND next_poll_at = @seen`),
      renew: db.prepare<{ id: string; seen: number; until: number; owner: string }>(`
        UPDATE jobs SET next_poll_at = @until, lease_owner = @owner WHERE id = @id AND next_poll_at = @seen`),
      nextDue: db.prepare<[], { at: number | null }>(
        'SELECT MIN(next_poll_at) AS at FROM jobs INDEXED BY jobs_due WHERE next_poll_at IS NOT NULL',
      ),
      markDelivered: db.prepare<{ id: string; now: number }>(`
        UPDATE jobs SET delivered_at = @now, next_poll_at = NULL, updated_at = @now
        WHERE id = @id AND delivered_at IS NULL AND state IN (${TERMINAL_SQL})`),
      recentByUser: db.prepare<{ guild: string; user: string; limit: number }, JobRow>(`
        SELECT * FROM jobs WHERE guild_id = @guild AND user_id = @user ORDER BY created_at DESC LIMIT @limit`),
      unfinishedByUser: db.prepare<{ guild: string; user: string }, { in_progress: number | null; waiting: number | null }>(`
        SELECT SUM(state IN (${SLOT_SQL})) AS in_progress, SUM(state = 'waiting') AS waiting
        FROM jobs WHERE guild_id = @guild AND user_id = @user AND state NOT IN (${TERMINAL_SQL})`),
      retryOf: db.prepare<[string], JobRow>(`SELECT * FROM jobs WHERE parent_id = ? AND kind = 'retry'`),
      takesOf: db.prepare<[string], JobRow>('SELECT * FROM jobs WHERE take_group = ? ORDER BY created_at, rowid'),
      countByState: db.prepare<[], { state: string; n: number }>('SELECT state, COUNT(*) AS n FROM jobs GROUP BY state'),
      // A poll time still to come may be a live process's lease (two processes on one file
      // during a rolling restart): only the ones that ran out come back.
      resumeActive: db.prepare<{ now: number }>(`
        UPDATE jobs SET next_poll_at = @now WHERE state IN (${ACTIVE_SQL}, 'created')
        AND (next_poll_at IS NULL OR next_poll_at <= @now)`),
      resumeUndelivered: db.prepare<{ now: number }>(`
        UPDATE jobs SET next_poll_at = @now WHERE state IN (${TERMINAL_SQL}) AND delivered_at IS NULL
        AND (next_poll_at IS NULL OR next_poll_at <= @now)`),
      // A NULL poll time is a submit from a release that set no lease.
      strandedSubmits: db.prepare<{ now: number }, JobRow>(`
        SELECT * FROM jobs WHERE state = 'submitting' AND (next_poll_at IS NULL OR next_poll_at <= @now)`),
      // jobs_by_state (state, guild, created_at) serves the line's three queries.
      waitingOf: db.prepare<
        [string],
        { id: string; user_id: string; queue_position: number | null; status_message_id: string | null; created_at: number }
      >(`
        SELECT id, user_id, queue_position, status_message_id, created_at FROM jobs INDEXED BY jobs_by_state
        WHERE state = 'waiting' AND guild_id = ? ORDER BY created_at, rowid`),
      slotsOf: db.prepare<[string], { user_id: string; n: number }>(`
        SELECT user_id, COUNT(*) AS n FROM jobs INDEXED BY jobs_by_state
        WHERE state IN (${SLOT_SQL}) AND guild_id = ? GROUP BY user_id`),
      waitingGuilds: db.prepare<[], { guild_id: string }>(`
        SELECT DISTINCT guild_id FROM jobs INDEXED BY jobs_by_state WHERE state = 'waiting'`),
      waitingIn: db.prepare<[string], JobRow>(`
        SELECT * FROM jobs WHERE state = 'waiting' AND guild_id = ? ORDER BY queue_position, created_at, rowid`),
      history: db.prepare<
        [number],
        { input_json: string; submitted_at: number | null; started_at: number | null; finished_at: number | null }
      >(`
        SELECT input_json, submitted_at, started_at, finished_at FROM jobs INDEXED BY jobs_succeeded
        WHERE state = 'succeeded' ORDER BY finished_at DESC LIMIT ?`),
    };
    // Immediate: the write lock is taken before the counts are read, so another connection
    // cannot write a job between this one's check and its insert.
    this.createChecked = db.transaction((job: NewJob, limits: AdmissionLimits): CreateResult => {
      if (job.kind === 'retry' && job.parentId) {
        const earlier = this.retryOfSync(job.parentId);
        if (earlier) return { ok: false, refusal: { kind: 'already_retried', retryId: earlier.id } };
      }
      // Sums only the budgets that are set: an unlimited server pays for no query.
      const spent = {
        memberUsd: limits.memberDailyBudgetUsd === null ? 0 : this.ledger.spentTodaySync(job.guildId, job.userId),
        serverUsd: limits.serverDailyBudgetUsd === null ? 0 : this.ledger.spentTodaySync(job.guildId),
      };
      const placed = placeAdmission(job, limits, this.lineSync(job.guildId), spent, this.now());
      if ('refusal' in placed) return { ok: false, refusal: placed.refusal };
      return { ok: true, job: this.createSync(job, placed.state === 'created' ? CREATED : placed) };
    }).immediate;
    // Immediate for the same reason: the slots counted are the slots filled.
    this.promoteChecked = db.transaction((guildId: string, limits: LineLimits): LineMove => {
      const line = this.lineSync(guildId);
      const plan = planLine(line.waiting, line.active, line.serverActive, limits);
      const now = this.now();
      const promoted: Job[] = [];
      for (const id of plan.promote) {
        const job = this.applySync(id, promoteFromLine(now));
        if (job) promoted.push(job);
      }
      const moved: Job[] = [];
      for (const entry of line.waiting) {
        const position = plan.positions.get(entry.id);
        if (position === undefined || position === entry.position) continue;
        const job = this.applySync(entry.id, renumberInLine(position));
        if (job) moved.push(job);
      }
      return { promoted, moved };
    }).immediate;
  }

  async create(job: NewJob): Promise<Job> {
    return this.createSync(job);
  }

  async createWithinLimits(job: NewJob, limits: AdmissionLimits): Promise<CreateResult> {
    return this.createChecked(job, limits);
  }

  async promoteWaiting(guildId: string, limits: LineLimits): Promise<LineMove> {
    return this.promoteChecked(guildId, limits);
  }

  async waitingGuilds(): Promise<string[]> {
    return this.statements.waitingGuilds.all().map((row) => row.guild_id);
  }

  async waitingIn(guildId: string): Promise<Job[]> {
    return this.statements.waitingIn.all(guildId).map(toJob);
  }

  async renderHistory(limit: number): Promise<RenderSample[]> {
    const samples: RenderSample[] = [];
    for (const row of this.statements.history.all(limit)) {
      const sample = renderSampleOf(JSON.parse(row.input_json) as VideoInput, row.submitted_at, row.started_at, row.finished_at);
      if (sample) samples.push(sample);
    }
    return samples;
  }

  async get(id: string): Promise<Job | undefined> {
    return this.getSync(id);
  }

  async require(id: string): Promise<Job> {
    return this.requireSync(id);
  }

  async transition(id: string, move: JobMove): Promise<Job | undefined> {
    return this.applySync(id, move);
  }

  async claimDue(owner: string, now: number, leaseMs: number, limit: number, inHand: ReadonlySet<string> = new Set()): Promise<Job[]> {
    return this.db.transaction(() => {
      const claimed: Job[] = [];
      for (const row of this.statements.due.all({ now, limit: limit + inHand.size })) {
        if (claimed.length >= limit) break;
        if (inHand.has(row.id)) continue;
        const until = now + leaseMs;
        const won = this.statements.lease.run({ id: row.id, until, seen: row.next_poll_at as number, owner });
        if (won.changes === 1) claimed.push(toJob({ ...row, next_poll_at: until, lease_owner: owner }));
      }
      return claimed;
    })();
  }

  async renewLeases(owner: string, leases: readonly { id: string; seen: number }[], until: number): Promise<string[]> {
    return this.db.transaction(() =>
      leases.filter((lease) => this.statements.renew.run({ id: lease.id, seen: lease.seen, until, owner }).changes === 1).map((l) => l.id),
    )();
  }

  async nextDueAt(): Promise<number | undefined> {
    return this.statements.nextDue.get()?.at ?? undefined;
  }

  async markDelivered(id: string): Promise<boolean> {
    return this.statements.markDelivered.run({ id, now: this.now() }).changes === 1;
  }

  async takesOf(takeGroup: string): Promise<Job[]> {
    return this.statements.takesOf.all(takeGroup).map(toJob);
  }

  async retryOf(parentId: string): Promise<Job | undefined> {
    return this.retryOfSync(parentId);
  }

  async recentByUser(guildId: string, userId: string, limit = 10): Promise<Job[]> {
    return this.statements.recentByUser.all({ guild: guildId, user: userId, limit }).map(toJob);
  }

  async countUnfinishedByUser(guildId: string, userId: string): Promise<UnfinishedCounts> {
    const row = this.statements.unfinishedByUser.get({ guild: guildId, user: userId });
    return { inProgress: row?.in_progress ?? 0, waiting: row?.waiting ?? 0 };
  }

  async countByState(): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (const row of this.statements.countByState.all()) counts[row.state] = row.n;
    return counts;
  }

  async resume(unknownMessage: string | null): Promise<ResumeReport> {
    const now = this.now();
    return this.db.transaction(() => {
      const stranded: Job[] = [];
      for (const row of this.statements.strandedSubmits.all({ now })) {
        const job = this.applySync(row.id, strandSubmit(now, unknownMessage));
        if (job) stranded.push(job);
      }
      const resumed = this.statements.resumeActive.run({ now }).changes;
      const undelivered = this.statements.resumeUndelivered.run({ now }).changes;
      return { resumed, undelivered, stranded };
    })();
  }

  async all(): Promise<Job[]> {
    return this.statements.all.all().map(toJob);
  }

  private lineSync(guildId: string): LineState {
    const now = this.now();
    const waiting = this.statements.waitingOf.all(guildId).map((row) => ({
      id: row.id,
      userId: row.user_id,
      position: row.queue_position,
      ready: readyToSend({ statusMessageId: row.status_message_id, createdAt: row.created_at }, now),
    }));
    const active = new Map<string, number>();
    let serverActive = 0;
    for (const row of this.statements.slotsOf.all(guildId)) {
      active.set(row.user_id, row.n);
      serverActive += row.n;
    }
    return { waiting, active, serverActive };
  }

  private createSync(job: NewJob, placement: Placement = CREATED): Job {
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
      state: placement.state,
      queue_position: placement.queuePosition,
      next_poll_at: placement.nextPollAt,
      estimate_usd: job.estimateUsd,
      model_id: job.modelId ?? DEFAULT_MODEL_ID,
      take_group: job.takeGroup ?? null,
      now: this.now(),
    });
    return this.requireSync(id);
  }

  private getSync(id: string): Job | undefined {
    const row = this.statements.get.get(id);
    return row ? toJob(row) : undefined;
  }

  private requireSync(id: string): Job {
    const job = this.getSync(id);
    if (!job) throw new Error(`job ${id} does not exist`);
    return job;
  }

  private retryOfSync(parentId: string): Job | undefined {
    const row = this.statements.retryOf.get(parentId);
    return row ? toJob(row) : undefined;
  }

  private applySync(id: string, move: JobMove): Job | undefined {
    return this.write(id, move.from, move.to, movePatch(move, this.now(), this.leaseMs));
  }

  /** One UPDATE guarded by the state: the compare-and-set every change goes through. */
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
      params[key] = columnValue(key, value);
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
    return result.changes === 1 ? this.getSync(id) : undefined;
  }
}
