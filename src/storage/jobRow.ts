/**
 * A job as both databases store it: one row of the `jobs` table (its columns are declared in
 * jobColumns.ts), and the one mapping between that row and the core's `Job`.
 */
import type { Job, JobInput, JobKind } from '../jobs/job.js';
import { isJobState } from '../jobs/jobState.js';
import { DEFAULT_MODEL_ID, type ImageLinks } from '../model/models.js';
import type { JobRow } from './jobColumns.js';

export { columnValue, JOB_COLUMNS, type JobRow, PATCH_COLUMNS } from './jobColumns.js';

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
    takeGroup: row.take_group,
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
