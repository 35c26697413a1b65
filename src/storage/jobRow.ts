/**
 * A job as both databases store it: one row of the \`jobs\` table, with the same column names and
 * types in SQLite and PostgreSQL, and the one mapping between that row and the core's \`Job\`.
 */
import type { Job, JobInput, JobKind } from '../jobs/job.js';
import { isJobState } from '../jobs/jobState.js';
import type { JobPatch } from '../jobs/jobStore.js';
import { DEFAULT_MODEL_ID, type ImageLinks } from '../model/models.js';

export interface JobRow {
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
  lease_owner: string | null;
  poll_failures: number;
  delivery_attempts: number;
  delivered_at: number | null;
  final_channel_id: string | null;
  final_message_id: string | null;
  deleted_at: number | null;
  /** Null in rows written before models were data: those are text-to-video. */
  model_id: string | null;
  images_json: string | null;
}

export const PATCH_COLUMNS: Record<keyof JobPatch, string> = {
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
  images: 'images_json',
};

/** A patch value as its column holds it: the images as JSON, the rest as they are. */
export function columnValue(key: keyof JobPatch, value: unknown): unknown {
  return key === 'images' ? (value === null ? null : JSON.stringify(value)) : value;
}

export function toJob(row: JobRow): Job {
  if (!isJobState(row.state)) throw new Error(`job ${row.id} has an unknown state ${row.state}`);
  return {
    id: row.id,
    guildId: row.guild_id,
    channelId: row.channel_id,
    userId: row.user_id,
    threadId: row.thread_id,
    statusMessageId: row.status_message_id,
    input: JSON.parse(row.input_json) as JobInput,
    modelId: row.model_id ?? DEFAULT_MODEL_ID,
    images: row.images_json ? (JSON.parse(row.images_json) as ImageLinks) : null,
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
    leaseOwner: row.lease_owner,
    pollFailures: row.poll_failures,
    deliveryAttempts: row.delivery_attempts,
    deliveredAt: row.delivered_at,
    finalChannelId: row.final_channel_id,
    finalMessageId: row.final_message_id,
    deletedAt: row.deleted_at,
  };
}
