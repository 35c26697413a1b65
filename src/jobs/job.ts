import type { VideoInput } from '../model/videoInput.js';
import type { JobState } from './jobState.js';

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

export type JobKind = 'new' | 'remix' | 'retry';

export interface Job {
  id: string;
  guildId: string;
  channelId: string;
  userId: string;
  threadId: string | null;
  statusMessageId: string | null;
  input: VideoInput;
  kind: JobKind;
  parentId: string | null;
  state: JobState;
  requestId: string | null;
  providerStatus: string | null;
  queuePosition: number | null;
  /** A machine-readable reason for a failed, cancelled, timed-out or unknown job. */
  errorKind: string | null;
  /** What a member reads about that reason. */
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
