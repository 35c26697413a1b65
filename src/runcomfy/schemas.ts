/**
 * Every RunComfy response body is parsed here and nowhere else.
 *
 * The provider's model page shows no response bodies; the shapes come from its general queue
 * documentation and its own clients, so the schemas are loose: unknown fields pass, harmless
 * numbers may arrive as strings, and only the fields a caller acts on are required.
 */

import { z } from 'zod';
import { truncate } from '../text/truncate.js';

/** Queue status, as the status endpoint reports it, mapped onto the documented values. */
export type NormalizedStatus = 'in_queue' | 'in_progress' | 'completed' | 'cancelled' | 'failed' | 'unknown';

/** Outcome as the result endpoint reports it. */
export type ResultStatus = 'succeeded' | 'failed' | 'cancelled' | 'in_queue' | 'in_progress' | 'unknown';

export interface StatusResponse {
  /** `completed` means finished, not succeeded: ask `result` which. `unknown` must be treated as pending. */
  status: NormalizedStatus;
  /** The provider's own word, kept for logs and for `unknown`. */
  rawStatus: string;
  /** Present only while queued. */
  queuePosition?: number;
}

export interface ResultResponse {
  status: ResultStatus;
  rawStatus: string;
  videoUrl?: string;
  error?: string;
  /** USD, present when asked for with `include_cost=true`. */
  cost?: number;
  createdAt?: string;
  finishedAt?: string;
}

export interface CancelResponse {
  outcome: 'cancelled' | 'not_cancellable';
}

export interface ErrorBody {
  code?: number;
  message?: string;
}

// The provider's own clients accept these as "still running"; mapping them here keeps a
// provider rename from ending a job early. Status and result share them.
const STILL_RUNNING: ReadonlyArray<[string, 'in_queue' | 'in_progress']> = [
  ['in_queue', 'in_queue'],
  ['queued', 'in_queue'],
  ['pending', 'in_queue'],
  ['waiting', 'in_queue'],
  ['starting', 'in_queue'],
  ['in_progress', 'in_progress'],
  ['processing', 'in_progress'],
  ['running', 'in_progress'],
];
const ENDED_AS: ReadonlyArray<[string, 'cancelled' | 'failed']> = [
  ['cancelled', 'cancelled'],
  ['canceled', 'cancelled'],
  ['failed', 'failed'],
];

const STATUS_ALIASES: ReadonlyMap<string, NormalizedStatus> = new Map<string, NormalizedStatus>([
  ...STILL_RUNNING,
  ...ENDED_AS,
  ['completed', 'completed'],
]);

export function normalizeStatus(raw: string): NormalizedStatus {
  return STATUS_ALIASES.get(raw.trim().toLowerCase()) ?? 'unknown';
}

const RESULT_ALIASES: ReadonlyMap<string, ResultStatus> = new Map<string, ResultStatus>([
  ...STILL_RUNNING,
  ...ENDED_AS,
  ['succeeded', 'succeeded'],
  ['success', 'succeeded'],
]);

/** Longest provider text passed on to a member; Discord embeds and replies have tight limits. */
const MAX_TEXT = 1000;

function clip(text: string): string {
  return truncate(text.trim(), MAX_TEXT);
}

function toFiniteNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

function toText(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() === '' ? undefined : value;
  if (typeof value === 'number') return String(value);
  return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `['body', 'multi_prompt', 0, 'duration']` → `multi_prompt.0.duration` */
function formatLocation(loc: unknown): string | undefined {
  if (!Array.isArray(loc)) return toText(loc);
  const parts = loc.filter((p) => p !== 'body').map((p) => String(p));
  return parts.length > 0 ? parts.join('.') : undefined;
}

/**
 * Turns whatever the provider put in an error field into one readable sentence: a string as is,
 * an object by its message, a 422 `detail` list as `field: message` items joined with `; `.
 */
export function readableError(value: unknown, depth = 0): string | undefined {
  if (depth > 3 || value === null || value === undefined) return undefined;
  const text = toText(value);
  if (text !== undefined) return clip(text);
  if (Array.isArray(value)) {
    const parts = value.map((item) => readableError(item, depth + 1)).filter((p): p is string => p !== undefined);
    return parts.length > 0 ? clip(parts.join('; ')) : undefined;
  }
  if (isRecord(value)) {
    const msg =
      readableError(value.msg, depth + 1) ??
      readableError(value.error_message, depth + 1) ??
      readableError(value.message, depth + 1) ??
      readableError(value.error, depth + 1) ??
      readableError(value.detail, depth + 1);
    if (msg !== undefined) {
      const where = formatLocation(value.loc);
      return clip(where === undefined ? msg : `${where}: ${msg}`);
    }
    try {
      return clip(JSON.stringify(value));
    } catch {
      return undefined;
    }
  }
  return undefined;
}

const idField = z.union([z.string().min(1), z.number()]).transform((v) => String(v));
// `.optional()` after the transform: zod 4 treats a transformed key as required otherwise.
const looseNumber = z.unknown().transform(toFiniteNumber).optional();
const looseText = z.unknown().transform(toText).optional();

export const errorBodySchema = z
  .looseObject({
    error_code: looseNumber,
    error_message: z.unknown().optional(),
    message: z.unknown().optional(),
    error: z.unknown().optional(),
    detail: z.unknown().optional(),
  })
  .transform((b): ErrorBody => {
    const message = readableError(b.error_message) ?? readableError(b.message) ?? readableError(b.error) ?? readableError(b.detail);
    return {
      ...(b.error_code === undefined ? {} : { code: Math.trunc(b.error_code) }),
      ...(message === undefined ? {} : { message }),
    };
  });

/**
 * True when a body signals an error although the HTTP status said 200: the provider sometimes
 * answers that way, with a top-level `error_code`.
 */
export function hasTopLevelErrorCode(body: unknown): boolean {
  return isRecord(body) && body.error_code !== undefined && body.error_code !== null;
}

export const submitResponseSchema = z
  .looseObject({
    request_id: idField,
    status_url: z.string().optional(),
    result_url: z.string().optional(),
    cancel_url: z.string().optional(),
  })
  .transform((b) => ({ requestId: b.request_id }));

export const statusResponseSchema = z
  .looseObject({
    status: z.string(),
    queue_position: looseNumber,
  })
  .transform((b): StatusResponse => {
    const status = normalizeStatus(b.status);
    const position = b.queue_position;
    return {
      status,
      rawStatus: b.status,
      ...(status === 'in_queue' && position !== undefined && position >= 0 ? { queuePosition: Math.trunc(position) } : {}),
    };
  });

const videoRef = z
  .unknown()
  .transform((v): string | undefined => {
    if (typeof v === 'string' && v.trim() !== '') return v.trim();
    // Some provider clients show `{ url }` objects in place of bare links.
    if (isRecord(v) && typeof v.url === 'string' && v.url.trim() !== '') return v.url.trim();
    return undefined;
  })
  .optional();

const outputSchema = z
  .looseObject({
    video: videoRef,
    videos: z.array(videoRef).optional().catch(undefined),
  })
  .transform((o) => o.video ?? o.videos?.find((v): v is string => v !== undefined));

export const resultResponseSchema = z
  .looseObject({
    status: z.string(),
    output: outputSchema.nullish().catch(undefined),
    error: z.unknown().optional(),
    cost: looseNumber,
    created_at: looseText,
    finished_at: looseText,
  })
  .transform((b): ResultResponse => {
    const videoUrl = b.output ?? undefined;
    const error = readableError(b.error);
    let status = RESULT_ALIASES.get(b.status.trim().toLowerCase()) ?? 'unknown';
    // `completed` is a status-endpoint word that says "finished" without saying how; decide by
    // what came back rather than assume success.
    if (b.status.trim().toLowerCase() === 'completed') {
      status = error !== undefined ? 'failed' : videoUrl !== undefined ? 'succeeded' : 'unknown';
    }
    const missingVideo =
      status === 'succeeded' && videoUrl === undefined && error === undefined
        ? 'The video service reported success but returned no video.'
        : undefined;
    const message = error ?? missingVideo;
    return {
      status,
      rawStatus: b.status,
      ...(videoUrl === undefined ? {} : { videoUrl }),
      ...(message === undefined ? {} : { error: message }),
      ...(b.cost === undefined ? {} : { cost: b.cost }),
      ...(b.created_at === undefined ? {} : { createdAt: b.created_at }),
      ...(b.finished_at === undefined ? {} : { finishedAt: b.finished_at }),
    };
  });

export const cancelResponseSchema = z
  .looseObject({
    status: looseText,
    outcome: looseText,
  })
  .transform((b, ctx): CancelResponse => {
    const outcome = b.outcome?.trim().toLowerCase();
    if (outcome === 'cancelled' || outcome === 'canceled') return { outcome: 'cancelled' };
    if (outcome === 'not_cancellable' || outcome === 'not_cancelable') return { outcome: 'not_cancellable' };
    if (outcome === undefined && b.status !== undefined) {
      const status = normalizeStatus(b.status);
      if (status === 'cancelled') return { outcome: 'cancelled' };
      if (status === 'in_progress' || status === 'completed' || status === 'failed') return { outcome: 'not_cancellable' };
    }
    ctx.addIssue({
      code: 'custom',
      message: `unknown cancel outcome ${JSON.stringify(b.outcome ?? b.status ?? null)}`,
    });
    return z.NEVER;
  });
