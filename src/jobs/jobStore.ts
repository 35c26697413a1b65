/**
 * The storage the job pipeline needs, as a port: plain data in and out, every method async so
 * that a database across a network fits behind it. Whatever must be atomic is one method here;
 * a caller never relies on two calls happening together.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { ImageLinks } from '../model/models.js';
import type { Job, JobInput, JobKind, JobOrigin } from './job.js';
import { assertTransition, isTerminal, type JobState } from './jobState.js';
import type { AdmissionLimits, LimitRefusal } from './limits.js';

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
  images?: ImageLinks | null;
}

export interface NewJob extends JobOrigin {
  input: JobInput;
  /** @defaultValue the text-to-video model */
  modelId?: string;
  estimateUsd: number;
  kind?: JobKind;
  parentId?: string | null;
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

export interface JobStore {
  /** Writes a job in `created`, with no admission check (tools, tests, jobs a member did not ask for). */
  create(job: NewJob): Promise<Job>;
  /**
   * Admission and the job's row as one step: counts the member's unfinished jobs and today's
   * spend, applies `checkLimits` (limits.ts) to them, and writes the job only if nothing refuses it,
   * all in one transaction, so concurrent requests cannot overshoot a limit. A retry of a job
   * that already has one is refused too. Today is the UTC day of the store's clock.
   */
  createWithinLimits(job: NewJob, limits: AdmissionLimits): Promise<CreateResult>;
  get(id: string): Promise<Job | undefined>;
  /** Like `get`, but a missing job is an error. */
  require(id: string): Promise<Job>;
  /**
   * Moves a job from one of `from` to `to`, setting `patch` with it, as a compare-and-set on the
   * state: returns the updated job, or `undefined` when the job was no longer in `from` (someone
   * else won) and must be re-read. Throws for a move the state table forbids. A job that ends
   * becomes due at once (unless the patch says when) so its final message goes out.
   */
  transition(id: string, from: JobState | readonly JobState[], to: JobState, patch?: JobPatch): Promise<Job | undefined>;
  /** Sets fields without changing state, only while the job is still in `state`. */
  update(id: string, state: JobState | readonly JobState[], patch: JobPatch): Promise<Job | undefined>;
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
  /** When the next job falls due, if any job needs work at all. */
  nextDueAt(): Promise<number | undefined>;
  /** Records a finished job's final message as sent; true only for the one caller that recorded it. */
  markDelivered(id: string): Promise<boolean>;
  /** The job that retried `parentId`, if any (there is at most one). */
  retryOf(parentId: string): Promise<Job | undefined>;
  /** The member's jobs in the server, newest first. @defaultValue limit 10 */
  recentByUser(guildId: string, userId: string, limit?: number): Promise<Job[]>;
  countUnfinishedByUser(guildId: string, userId: string): Promise<number>;
  /** Jobs per state; states without jobs may be left out. */
  countByState(): Promise<Record<string, number>>;
  /**
   * After a restart, in one transaction: every unfinished job and every finished-but-undelivered
   * one whose poll time has come (or was never set) is due now. A job with a poll time still to
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

/** Short, unguessable, and safe inside a Discord custom id. */
export function newJobId(): string {
  return randomBytes(8).toString('base64url').replace(/[-_]/g, 'x').slice(0, 10).toLowerCase();
}

/** A name for this process's leases: the host, the process id, and a few random characters. */
export function newLeaseOwner(): string {
  return `${hostname()}/${process.pid}/${randomBytes(3).toString('hex')}`;
}

/** How long a claim or a submit is held before another process may take the job. */
export const DEFAULT_LEASE_MS = 120_000;

/**
 * What a transition writes besides the state, for implementations of {@link JobStore}: checks
 * the move against the state table, makes an ending job due at `now`, and gives a submit a lease
 * of `leaseMs`: until it runs out no restart (of any process) takes the submit for a stranded one,
 * and after it the job is due so that whoever claims it ends it as `outcome_unknown`.
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
