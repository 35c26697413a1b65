/**
 * Every change of a job, as a named move: a pure function that says from which states the move
 * applies, to which state it goes (or that the job stays where it is) and what it writes. The
 * store applies a move as one compare-and-set on the state (`JobStore.transition`) and takes
 * nothing else, so each rule (what a stranded submit records, what a cancel writes) is written
 * once, here, and read by name where it is used.
 */
import type { ImageLinks } from '../model/models.js';
import type { ErrorKind } from './job.js';
import { assertTransition, type JobState } from './jobState.js';

/** Fields a move may set besides the state. */
export interface JobPatch {
  threadId?: string | null;
  statusMessageId?: string | null;
  requestId?: string | null;
  providerStatus?: string | null;
  queuePosition?: number | null;
  errorKind?: ErrorKind | null;
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

export interface JobMove {
  /** What the move is (`start_submit`, `strand_submit`), for logs and tests. */
  readonly name: string;
  /** The states the job must still be in: anything else means someone else moved it first. */
  readonly from: readonly JobState[];
  /** The state the job goes to; absent, it stays where it is and only `patch` is written. */
  readonly to?: JobState;
  readonly patch: JobPatch;
}

/** Not sent to the provider: in the line, or written and not yet submitted. */
export const UNSENT = ['waiting', 'created'] as const satisfies readonly JobState[];
/** Where a status card can still be recorded: any state before the end. */
export const PLACEABLE = ['waiting', 'created', 'submitting', 'queued', 'running'] as const satisfies readonly JobState[];

/**
 * A move, checked against the state table when it is made, so an illegal one fails where it is
 * written rather than at the database.
 */
function move(name: string, from: JobState | readonly JobState[], to: JobState | undefined, patch: JobPatch): JobMove {
  const states: readonly JobState[] = typeof from === 'string' ? [from] : from;
  if (to === undefined) return { name, from: states, patch };
  for (const state of states) assertTransition(state, to);
  return { name, from: states, to, patch };
}

// ── Before the provider ──────────────────────────────────────────────────────────────────────

/** The line has a free slot for a waiting job: it is due now so a poller submits it. */
export function promoteFromLine(now: number): JobMove {
  return move('promote_from_line', 'waiting', 'created', { queuePosition: null, nextPollAt: now });
}

/** A waiting job's place in the line changed (its card says where it stands). */
export function renumberInLine(queuePosition: number): JobMove {
  return move('renumber_in_line', 'waiting', undefined, { queuePosition });
}

/** Waited in the line past the server's limit: nothing was sent, so nothing is billed. */
export function expireWait(now: number): JobMove {
  return move('expire_wait', 'waiting', 'cancelled', {
    errorKind: 'waited_too_long',
    errorMessage: null,
    queuePosition: null,
    finishedAt: now,
  });
}

/**
 * Cancelled before anything was sent. From either unsent state: the line may move the job on
 * while the cancel is on its way.
 */
export function cancelUnsent(now: number): JobMove {
  return move('cancel_unsent', UNSENT, 'cancelled', { errorKind: 'cancelled', errorMessage: null, finishedAt: now });
}

/** Ended before anything was sent (`start_failed`, `image_unavailable`): nothing is billed. */
export function failUnsent(errorKind: ErrorKind, now: number): JobMove {
  return move('fail_unsent', UNSENT, 'failed', { errorKind, errorMessage: null, finishedAt: now });
}

/**
 * The channel refuses the bot's messages: there is nowhere to report a result, so nothing is due
 * afterwards either (the caller records it delivered).
 */
export function refuseUnpostable(now: number): JobMove {
  return move('refuse_unpostable', UNSENT, 'failed', { errorKind: 'cannot_post', finishedAt: now, nextPollAt: null });
}

/** Where the job's status card, thread and image copies are, recorded as soon as they exist. */
export function recordPlacement(placement: { statusMessageId?: string; threadId?: string; images?: ImageLinks }): JobMove {
  return move('record_placement', PLACEABLE, undefined, placement);
}

// ── The submit ────────────────────────────────────────────────────────────────────────────────

/**
 * Marked before the request leaves: if the process dies mid-call, the job is known to be maybe at
 * the provider, and is never sent (and billed) a second time. The store gives it a lease.
 */
export function startSubmit(): JobMove {
  return move('start_submit', 'created', 'submitting', {});
}

/** The provider accepted the submit: its request id, and when to ask about it first. */
export function recordRequest(requestId: string, now: number, firstPollDelayMs: number): JobMove {
  return move('record_request', 'submitting', 'queued', {
    requestId,
    providerStatus: 'in_queue',
    submittedAt: now,
    nextPollAt: now + firstPollDelayMs,
  });
}

/** The provider refused the submit; only a refused input carries words meant for the member. */
export function refuseSubmit(errorKind: ErrorKind, providerMessage: string | null, now: number): JobMove {
  return move('refuse_submit', 'submitting', 'failed', { errorKind, errorMessage: providerMessage, finishedAt: now });
}

/**
 * A submit whose outcome cannot be known: its answer was lost, or its process died and its lease
 * ran out. The provider may have it and bill it, so it is never sent again; it ends here.
 * `message` is null from the core (the kind says it all).
 */
export function strandSubmit(now: number, message: string | null = null): JobMove {
  return move('strand_submit', 'submitting', 'outcome_unknown', {
    errorKind: 'outcome_unknown',
    errorMessage: message,
    finishedAt: now,
  });
}

// ── At the provider ───────────────────────────────────────────────────────────────────────────

/** A cancel found the job already rendering: it will finish and be billed. */
export function seeRendering(now: number): JobMove {
  return move('see_rendering', 'queued', 'running', { startedAt: now, providerStatus: 'in_progress' });
}

/** Cancelled at the provider while still queued: not billed. */
export function cancelQueued(now: number): JobMove {
  return move('cancel_queued', 'queued', 'cancelled', {
    providerStatus: 'cancelled',
    errorKind: 'cancelled',
    errorMessage: null,
    finishedAt: now,
  });
}

/**
 * What the poll loop decided from the provider's answer (`decide`), for the state it claimed the
 * job in: a new state, or the same one with its next check.
 */
export function recordAnswer(from: JobState, decision: { state?: JobState; patch: JobPatch }): JobMove {
  const to = decision.state === from ? undefined : decision.state;
  return move('record_answer', from, to, decision.patch);
}

/** A check or a delivery failed: the same state, tried again later with the shared backoff. */
export function reschedule(from: JobState, patch: Pick<JobPatch, 'pollFailures' | 'deliveryAttempts' | 'nextPollAt'>): JobMove {
  return move('reschedule', from, undefined, patch);
}

/** A cancel was refused while the job rendered: the card says it will be billed. */
export function noteCancelRefused(from: JobState, now: number): JobMove {
  return move('note_cancel_refused', from, undefined, { cancelRefusedAt: now });
}

// ── After the end ─────────────────────────────────────────────────────────────────────────────

/** Where the one final message went, so it can be deleted or forwarded later. */
export function recordFinal(from: JobState, where: { channelId: string; messageId: string }): JobMove {
  return move('record_final', from, undefined, { finalChannelId: where.channelId, finalMessageId: where.messageId });
}

/** Its maker or a moderator removed the result. */
export function markDeleted(from: JobState, now: number): JobMove {
  return move('mark_deleted', from, undefined, { deletedAt: now });
}
