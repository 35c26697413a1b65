/**
 * The columns of the `jobs` table, declared once, in the order both databases list them. The
 * row type (`JobRow`), the columns a move may write (`PATCH_COLUMNS`), PostgreSQL's column lists
 * and `db:copy`'s list are derived from this table; only the migrations (which create the columns
 * in each database's own dialect) are written per database, and a test checks that each
 * database's migrated table has exactly these columns.
 *
 * `patch` names the `JobPatch` field a column is written from, for the columns a move may set;
 * `json` marks a column holding a value as JSON text.
 */
import type { JobPatch } from '../jobs/jobStore.js';

interface ColumnSpec {
  type: 'text' | 'number';
  nullable: boolean;
  patch?: keyof JobPatch;
  json?: true;
}

export const JOB_TABLE = {
  id: { type: 'text', nullable: false },
  guild_id: { type: 'text', nullable: false },
  channel_id: { type: 'text', nullable: false },
  user_id: { type: 'text', nullable: false },
  thread_id: { type: 'text', nullable: true, patch: 'threadId' },
  status_message_id: { type: 'text', nullable: true, patch: 'statusMessageId' },
  input_json: { type: 'text', nullable: false, json: true },
  kind: { type: 'text', nullable: false },
  parent_id: { type: 'text', nullable: true },
  state: { type: 'text', nullable: false },
  request_id: { type: 'text', nullable: true, patch: 'requestId' },
  provider_status: { type: 'text', nullable: true, patch: 'providerStatus' },
  queue_position: { type: 'number', nullable: true, patch: 'queuePosition' },
  error_kind: { type: 'text', nullable: true, patch: 'errorKind' },
  error_message: { type: 'text', nullable: true, patch: 'errorMessage' },
  result_url: { type: 'text', nullable: true, patch: 'resultUrl' },
  estimate_usd: { type: 'number', nullable: false },
  cost_usd: { type: 'number', nullable: true, patch: 'costUsd' },
  cancel_refused_at: { type: 'number', nullable: true, patch: 'cancelRefusedAt' },
  created_at: { type: 'number', nullable: false },
  updated_at: { type: 'number', nullable: false },
  submitted_at: { type: 'number', nullable: true, patch: 'submittedAt' },
  started_at: { type: 'number', nullable: true, patch: 'startedAt' },
  finished_at: { type: 'number', nullable: true, patch: 'finishedAt' },
  next_poll_at: { type: 'number', nullable: true, patch: 'nextPollAt' },
  lease_owner: { type: 'text', nullable: true },
  poll_failures: { type: 'number', nullable: false, patch: 'pollFailures' },
  delivery_attempts: { type: 'number', nullable: false, patch: 'deliveryAttempts' },
  delivered_at: { type: 'number', nullable: true },
  final_channel_id: { type: 'text', nullable: true, patch: 'finalChannelId' },
  final_message_id: { type: 'text', nullable: true, patch: 'finalMessageId' },
  deleted_at: { type: 'number', nullable: true, patch: 'deletedAt' },
  /** Null in rows written before models were data: those are text-to-video. */
  model_id: { type: 'text', nullable: true },
  images_json: { type: 'text', nullable: true, patch: 'images', json: true },
  /** The takes of one request share it (the first take's id); null for a job alone. */
  take_group: { type: 'text', nullable: true },
} as const satisfies Record<string, ColumnSpec>;

type Table = typeof JOB_TABLE;
export type JobColumn = keyof Table;

type ValueOf<Spec extends ColumnSpec> = (Spec['type'] extends 'text' ? string : number) | (Spec['nullable'] extends true ? null : never);

/** One row of `jobs` as both databases return it (PostgreSQL's own `seq` aside). */
export type JobRow = { [Column in JobColumn]: ValueOf<Table[Column]> };

/** Every column, in the table's order. */
export const JOB_COLUMNS = Object.keys(JOB_TABLE) as JobColumn[];

type PatchColumnOf<Key extends keyof JobPatch> = {
  [Column in JobColumn]: Table[Column] extends { patch: Key } ? Column : never;
}[JobColumn];

/**
 * The column each patch field is written to. The type asks for every field of `JobPatch`, so a
 * field added to the patch without a column here does not compile.
 */
export const PATCH_COLUMNS = Object.fromEntries(
  Object.entries(JOB_TABLE).flatMap(([column, spec]: [string, ColumnSpec]) => (spec.patch ? [[spec.patch, column]] : [])),
) as { [Key in keyof JobPatch]-?: PatchColumnOf<Key> };

/** A patch value as its column holds it: JSON columns as text, the rest as they are. */
export function columnValue(key: keyof JobPatch, value: unknown): unknown {
  const column: ColumnSpec = JOB_TABLE[PATCH_COLUMNS[key]];
  if (!column.json) return value;
  return value === null ? null : JSON.stringify(value);
}
