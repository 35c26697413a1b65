import type { ImageLinks } from '../model/models.js';
import type { FamilyInput } from '../model/videoInput.js';
import { isTerminal, type JobState, type TerminalState } from './jobState.js';
import { PROVIDER_ERROR_KINDS } from './provider.js';

/** Where a job was asked for and where its messages live; plain ids, no chat library types. */
export interface JobOrigin {
  guildId: string;
  channelId: string;
  userId: string;
  /** The thread the job's updates go to, once made (may equal the status message id). */
  threadId?: string | null;
  /** The message showing the job's status. */
  statusMessageId?: string | null;
}

/**
 * `upgrade`: the same request rendered again in the next tier up, its parent the draft.
 * `extend`: a continuation of its parent's video, from its last frame; it delivers the two joined.
 */
export type JobKind = 'new' | 'remix' | 'retry' | 'upgrade' | 'extend';

/**
 * A job's input as stored: the model's fields, without its images (those are links kept apart,
 * renewed before each submit). Image-to-video takes no frame shape: the picture sets it.
 */
export type JobInput = FamilyInput;

/**
 * Why a job ended without a video, as the core records it; the chat layer chooses the words
 * (`endingReason` in the Discord copy covers each one, so a kind added here must be worded there).
 * A failed submit records the provider error's kind (`ProviderErrorKind`), or `submit_failed`
 * for an error without one.
 */
export const ERROR_KINDS = [
  'no_video',
  'not_a_video',
  /** The result's link points where the bot may not fetch from (the address policy). */
  'refused_address',
  'provider_failed',
  'cancelled',
  'timed_out',
  /** Waited in the server's line longer than the server allows. */
  'waited_too_long',
  'start_failed',
  'cannot_post',
  'submit_failed',
  /** The job's picture could not be given to the provider (its copy is gone, or Discord would not renew the link). */
  'image_unavailable',
  ...PROVIDER_ERROR_KINDS,
] as const;

export type ErrorKind = (typeof ERROR_KINDS)[number];

/** A stored kind this release knows; rows from older releases may hold others. */
export function isErrorKind(value: string | null | undefined): value is ErrorKind {
  return typeof value === 'string' && (ERROR_KINDS as readonly string[]).includes(value);
}

export interface Job {
  id: string;
  guildId: string;
  channelId: string;
  userId: string;
  threadId: string | null;
  statusMessageId: string | null;
  input: JobInput;
  /** The model that makes it (`src/model/models.ts`); rows from before models were data are text-to-video. */
  modelId: string;
  /**
   * The bot's own copies of the job's images (attachments of its status card), by role; null for
   * a model that takes none, or before the card is posted.
   */
  images: ImageLinks | null;
  kind: JobKind;
  parentId: string | null;
  /** The takes of one request (renders of the same input, delivered together) share this id; null for a job alone. */
  takeGroup: string | null;
  state: JobState;
  requestId: string | null;
  providerStatus: string | null;
  queuePosition: number | null;
  /** A machine-readable reason for a failed, cancelled, timed-out or unknown job (an `ErrorKind`; rows from older releases may hold one this release does not know). */
  errorKind: string | null;
  /**
   * The provider's own words about that reason, as it wrote them (a failed render, a refused
   * input); null when the kind says it all. Rows from earlier releases hold a whole sentence.
   */
  errorMessage: string | null;
  resultUrl: string | null;
  estimateUsd: number;
  costUsd: number | null;
  /** Set when a cancel was asked for while the job was running (it will be billed). */
  cancelRefusedAt: number | null;
  createdAt: number;
  updatedAt: number;
  submittedAt: number | null;
  startedAt: number | null;
  finishedAt: number | null;
  /**
   * When the poller should look at the job next; while a poller holds the job, when its lease
   * runs out. Null once nothing is left to do.
   */
  nextPollAt: number | null;
  /** The poller process that claimed the job last (see `JobStore.claimDue`). */
  leaseOwner: string | null;
  pollFailures: number;
  deliveryAttempts: number;
  deliveredAt: number | null;
  /** Where the final message went, so it can be deleted or forwarded later. */
  finalChannelId: string | null;
  finalMessageId: string | null;
  /** Set when the requester or a moderator removed the result. */
  deletedAt: number | null;
}

/**
 * The job in the states where a state implies more than the record's types say. A store returns
 * `Job` (a row read back may be anything); these guards narrow it, so code that knows the state
 * never has to cast.
 */
/** Written, not yet (or not surely) at the provider: no request id can be relied on. */
export type PendingJob = Job & { state: 'created' | 'submitting' };
/** At the provider: it has a request id to ask about. */
export type QueuedJob = Job & { state: 'queued'; requestId: string };
export type RunningJob = Job & { state: 'running'; requestId: string };
/** The states the poller asks the provider about. */
export type ActiveJob = QueuedJob | RunningJob;
export type EndedJob = Job & { state: TerminalState };
/** The same record, told apart by its state. */
export type JobByState = PendingJob | ActiveJob | EndedJob;

/**
 * True for a queued or running job with its request id. A queued or running row without one was
 * not written by the state machine (a hand-edited database) and is not asked about.
 */
export function isActive(job: Job): job is ActiveJob {
  if (job.state !== 'queued' && job.state !== 'running') return false;
  return job.requestId !== null;
}

export function isEnded(job: Job): job is EndedJob {
  return isTerminal(job.state);
}

/** In the server's line: accepted, nothing sent. */
export type WaitingJob = Job & { state: 'waiting' };

export function isWaiting(job: Job): job is WaitingJob {
  return job.state === 'waiting';
}

export function isPending(job: Job): job is PendingJob {
  return job.state === 'created' || job.state === 'submitting';
}
