/**
 * The storage the job pipeline needs, as a port: plain data in and out, every method async so
 * that a database across a network fits behind it. Whatever must be atomic is one method here;
 * a caller never relies on two calls happening together.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Job, JobInput, JobKind, JobOrigin } from './job.js';
import { assertTransition, isTerminal, type JobState } from './jobState.js';
import { type AdmissionLimits, checkLimits, DEFAULT_MAX_WAIT_MS, type LimitRefusal, placeNewJob } from './limits.js';
import { type LineLimits, lineOrder, promotableCount, type WaitingEntry } from './line.js';
import type { JobMove, JobPatch } from './moves.js';

export type { JobMove, JobPatch } from './moves.js';

export interface NewJob extends JobOrigin {
  input: JobInput;
  /** @defaultValue the text-to-video model */
  modelId?: string;
  estimateUsd: number;
  kind?: JobKind;
  parentId?: string | null;
  /** @defaultValue null: a job alone */
  takeGroup?: string | null;
}

/** Why a job was not written; each carries what the member is told. */
export type CreateRefusal = LimitRefusal | { kind: 'already_retried'; retryId: string };

export type CreateResult = { ok: true; job: Job } | { ok: false; refusal: CreateRefusal };

/** What `resume` found after a restart. */
export interface ResumeReport {
  /** Unfinished jobs made due now. */
  resumed: number;
  /** Finished jobs whose final message was never recorded, made due now. */
  undelivered: number;
  /** Jobs caught mid-submit, now `outcome_unknown`. */
  stranded: Job[];
}

/** What one move of a server's line did. */
export interface LineMove {
  /** Jobs moved out of the line into `created`, due now so a poller submits them. */
  promoted: Job[];
  /** Jobs still waiting whose place in the line changed (their status card says where they stand). */
  moved: Job[];
}

/** How long a finished job took at the provider, by what decides it: the input's length and sound. */
export interface RenderSample {
  duration: number;
  sound: boolean;
  /** From the submit to the first sight of it rendering. */
  queueMs: number;
  /** From the first sight of it rendering to the first sight of it finished. */
  renderMs: number;
}

export interface JobStore {
  /** Writes a job in `created`, with no admission check (tools, tests, jobs a member did not ask for). */
  create(job: NewJob): Promise<Job>;
  /**
   * Admission and the job's row as one step: counts the member's unfinished jobs and today's
   * spend, applies `checkLimits` (limits.ts) to them, and writes the job only if nothing refuses it,
   * all in one transaction, so concurrent requests cannot overshoot a limit. A retry of a job
   * that already has one is refused too. Today is the UTC day of the store's clock.
   *
   * A job over a slot limit (the member's, the server's) is written in `waiting` when the
   * server keeps a line (`maxWaitingPerMember` > 0), with its place in the line as its
   * `queuePosition` and due at `now + maxWaitMs` (when it has waited too long); its estimate
   * counts against the budgets from then on. Otherwise it is written in `created`, not due.
   */
  createWithinLimits(job: NewJob, limits: AdmissionLimits): Promise<CreateResult>;
  /**
   * Moves the server's line: fills the free slots from it in round-robin order (line.ts) and
   * renumbers the jobs left, in one transaction that excludes the server's admissions and other
   * moves of its line, so processes sharing one database never put more jobs at the provider
   * than the limits allow.
   */
  promoteWaiting(guildId: string, limits: LineLimits): Promise<LineMove>;
  /** Servers with at least one job in their line. */
  waitingGuilds(): Promise<string[]>;
  /** The server's line, next first. */
  waitingIn(guildId: string): Promise<Job[]>;
  /** The timings of the last `limit` jobs that succeeded, most recently finished first. */
  renderHistory(limit: number): Promise<RenderSample[]>;
  get(id: string): Promise<Job | undefined>;
  /** Like `get`, but a missing job is an error. */
  require(id: string): Promise<Job>;
  /**
   * Applies a move (moves.ts) as a compare-and-set on the state: returns the updated job, or
   * `undefined` when the job was no longer in one of the move's `from` states (someone else won)
   * and must be re-read. Throws for a move the state table forbids. A job that ends becomes due at
   * once (unless the move says when) so its final message goes out; a submit gets its lease.
   */
  transition(id: string, move: JobMove): Promise<Job | undefined>;
  /**
   * Takes up to `limit` jobs whose next poll time is at or before `now`, earliest first, and
   * leases each to `owner` until `now + leaseMs` (its `nextPollAt`), so that no other claim takes
   * it meanwhile, in this process or another. Each lease is a compare-and-set on the poll time
   * seen, so two claimers never get the same job.
   *
   * Jobs in `inHand` (still being worked on by this caller) are neither taken nor leased: a job
   * made due meanwhile (a cancel sets "due now") must stay due, or its final message would wait
   * for the whole lease once the work in hand finds the job changed and writes nothing.
   */
  claimDue(owner: string, now: number, leaseMs: number, limit: number, inHand?: ReadonlySet<string>): Promise<Job[]>;
  /**
   * Extends the leases of jobs still in hand to `until`, recording `owner` as their holder, each
   * only while its poll time is still the lease `seen` (a compare-and-set): a job whose time
   * changed meanwhile (its next poll written, made due by a cancel, taken by another process
   * after its lease ran out) is left as it is. Returns the ids renewed.
   */
  renewLeases(owner: string, leases: readonly { id: string; seen: number }[], until: number): Promise<string[]>;
  /** When the next job falls due, if any job needs work at all. */
  nextDueAt(): Promise<number | undefined>;
  /** Records a finished job's final message as sent; true only for the one caller that recorded it. */
  markDelivered(id: string): Promise<boolean>;
  /** The job that retried `parentId`, if any (there is at most one). */
  retryOf(parentId: string): Promise<Job | undefined>;
  /** The takes sharing `takeGroup`, oldest first. */
  takesOf(takeGroup: string): Promise<Job[]>;
  /** The member's jobs in the server, newest first. @defaultValue limit 10 */
  recentByUser(guildId: string, userId: string, limit?: number): Promise<Job[]>;
  /**
   * The member's unfinished jobs in the server, in two counts: those holding one of the member's
   * slots (`SLOT_STATES`, what the per-member limit counts) and those waiting in the line.
   */
  countUnfinishedByUser(guildId: string, userId: string): Promise<UnfinishedCounts>;
  /** Jobs per state; states without jobs may be left out. */
  countByState(): Promise<Record<string, number>>;
  /**
   * After a restart, in one transaction: every unfinished job and every finished-but-undelivered
   * one whose poll time has come (or was never set) is due now, except jobs in the line, which
   * keep their place and their deadline. A job with a poll time still to
   * come is left alone: it may be leased by another process that is alive and working on it, and
   * a dead process's lease brings its job back when it runs out. A job caught mid-submit whose
   * submit lease has run out cannot be resubmitted (it may have been accepted and billed), so it
   * ends as `outcome_unknown`, with `unknownMessage` as its `errorMessage` (the core passes null:
   * the kind says it all); one still within its lease is another process's submit in flight.
   */
  resume(unknownMessage: string | null): Promise<ResumeReport>;
  /** Every job, oldest first (tests and tools). */
  all(): Promise<Job[]>;
}

/** A member's unfinished jobs: at the provider or about to be (holding a slot), and in the line. */
export interface UnfinishedCounts {
  inProgress: number;
  waiting: number;
}

/** Short, unguessable, and safe inside a Discord custom id. */
export function newJobId(): string {
  return randomBytes(8).toString('base64url').replace(/[-_]/g, 'x').slice(0, 10).toLowerCase();
}

/** A name for this process's leases: the host, the process id, and a few random characters. */
export function newLeaseOwner(): string {
  return `${hostname()}/${process.pid}/${randomBytes(3).toString('hex')}`;
}

/**
 * How long a claim or a submit is held before another process may take the job. Short, so a
 * killed process's jobs come back soon; the holder renews it while it works (`LeaseKeeper`).
 */
export const DEFAULT_LEASE_MS = 30_000;

/**
 * What a move writes, for implementations of {@link JobStore}: the move's patch, and when it
 * changes state, what {@link transitionPatch} adds.
 */
export function movePatch(move: JobMove, now: number, leaseMs = DEFAULT_LEASE_MS): JobPatch {
  return move.to === undefined ? move.patch : transitionPatch(move.from, move.to, move.patch, now, leaseMs);
}

/**
 * What a transition writes besides the state: checks the move against the state table, makes an
 * ending job due at `now`, and gives a submit a lease of `leaseMs`: until it runs out no restart
 * (of any process) takes the submit for a stranded one, and after it the job is due so that
 * whoever claims it ends it as `outcome_unknown`.
 */
export function transitionPatch(
  from: readonly JobState[],
  to: JobState,
  patch: JobPatch,
  now: number,
  leaseMs = DEFAULT_LEASE_MS,
): JobPatch {
  for (const state of from) assertTransition(state, to);
  if (patch.nextPollAt !== undefined) return patch;
  if (isTerminal(to)) return { ...patch, nextPollAt: now };
  return to === 'submitting' ? { ...patch, nextPollAt: now + leaseMs } : patch;
}

/** A server's line and slots as a store reads them inside its admission or line transaction. */
export interface LineState {
  /** In arrival order. */
  waiting: WaitingEntry[];
  /** Slots held per member. */
  active: Map<string, number>;
  /** Slots held in the server. */
  serverActive: number;
}

/** Where admission puts a job, for implementations of {@link JobStore.createWithinLimits}. */
export type AdmissionPlacement =
  | { refusal: LimitRefusal }
  | { state: 'created' }
  | { state: 'waiting'; queuePosition: number; nextPollAt: number };

/** The rule of `createWithinLimits` over what the store read in its transaction. */
export function placeAdmission(
  job: Pick<NewJob, 'userId' | 'estimateUsd'>,
  limits: AdmissionLimits,
  line: LineState,
  spent: { memberUsd: number; serverUsd: number },
  now: number,
): AdmissionPlacement {
  const lineLimits = lineLimitsOf(limits);
  const usage = {
    unfinishedJobs: line.active.get(job.userId) ?? 0,
    waitingJobs: line.waiting.filter((entry) => entry.userId === job.userId).length,
    serverActiveJobs: line.serverActive,
    promotableWaiting: promotableCount(line.waiting, line.active, lineLimits),
    memberSpentUsd: spent.memberUsd,
    serverSpentUsd: spent.serverUsd,
  };
  const refusal = checkLimits(usage, limits, job.estimateUsd);
  if (refusal) return { refusal };
  if (placeNewJob(usage, limits) === 'now' || (limits.maxWaitingPerMember ?? 0) === 0) return { state: 'created' };
  const newcomer = { id: '', userId: job.userId, position: null };
  const queuePosition = lineOrder([...line.waiting, newcomer], line.active).indexOf(newcomer) + 1;
  return { state: 'waiting', queuePosition, nextPollAt: now + (limits.maxWaitMs ?? DEFAULT_MAX_WAIT_MS) };
}

export function lineLimitsOf(limits: AdmissionLimits): LineLimits {
  return { perMember: limits.maxUnfinishedPerMember, perServer: limits.maxActivePerServer ?? null };
}

/** A finished job's timings from its row, or undefined for a row that lacks them. */
export function renderSampleOf(
  input: { duration?: unknown; sound?: unknown },
  submittedAt: number | null,
  startedAt: number | null,
  finishedAt: number | null,
): RenderSample | undefined {
  if (submittedAt === null || startedAt === null || finishedAt === null) return undefined;
  if (typeof input.duration !== 'number') return undefined;
  return {
    duration: input.duration,
    sound: input.sound !== false,
    queueMs: Math.max(0, startedAt - submittedAt),
    renderMs: Math.max(0, finishedAt - startedAt),
  };
}
