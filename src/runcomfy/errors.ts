/**
 * Typed failures of the RunComfy Model API.
 *
 * An error says what went wrong as a `kind` (the job pipeline's `ProviderErrorKind`, so the
 * chat layer picks the words) and, for a refused input, `providerMessage`: the provider's own
 * words about which field and what limit. `message` and the structured fields (`status`, `code`,
 * `requestId`, `method`, `path`) are for the operator's log. None ever contains the API token.
 */
import type { ProviderErrorKind } from '../jobs/provider.js';

/**
 * What went wrong, in the terms a caller acts on.
 *
 * - `auth`: the token or the bot's provider settings are wrong (401/403, 400004, 403001, and
 *   400001 "unknown model", which is also the operator's to fix). Retrying does not help.
 * - `balance`: the provider account is out of credit (402, 400002).
 * - `input_rejected`: the provider refused the input (400/422); `providerMessage` is its own words.
 * - `not_found`: the request id is unknown or has expired (404, 404001).
 * - `rate_limited`: 429; `retryAfterMs` says when to come back, when the provider said so.
 * - `unavailable`: 5xx, network failure or timeout on a call that is safe to repeat.
 * - `malformed`: a body that is not the JSON shape the contract describes.
 * - `outcome_unknown`: a submit whose request may have reached the provider but whose answer
 *   never arrived (timeout, dropped connection) or could not be read (a 2xx with an unreadable
 *   body); the job may exist and be billed, so it must not be submitted again blindly.
 */
export type RunComfyErrorKind =
  | 'auth'
  | 'balance'
  | 'input_rejected'
  | 'not_found'
  | 'rate_limited'
  | 'unavailable'
  | 'malformed'
  | 'outcome_unknown';

// The pipeline reacts to these kinds by name: the adapter's must be the port's.
true satisfies RunComfyErrorKind extends ProviderErrorKind ? (ProviderErrorKind extends RunComfyErrorKind ? true : false) : false;

export interface RunComfyErrorOptions {
  kind: RunComfyErrorKind;
  /** Operator-facing summary; goes to `Error.message`. */
  message: string;
  /** The provider's own words about a refused input, when it gave any. */
  providerMessage?: string | undefined;
  /** HTTP status of the answer, when there was one. */
  status?: number | undefined;
  /** The provider's `error_code`, when it sent one. */
  code?: number | undefined;
  /** The provider's request id the call was about, when known. */
  requestId?: string | undefined;
  method: string;
  /** Path of the API call (never the full URL, so no query secrets end up in logs). */
  path: string;
  /** For `rate_limited`: how long the provider asked us to wait. */
  retryAfterMs?: number | undefined;
  cause?: unknown;
}

export class RunComfyError extends Error {
  override readonly name = 'RunComfyError';
  readonly kind: RunComfyErrorKind;
  /** For `input_rejected`: what the provider said was wrong with the input, as it said it. */
  readonly providerMessage: string | undefined;
  readonly status: number | undefined;
  readonly code: number | undefined;
  readonly requestId: string | undefined;
  readonly method: string;
  readonly path: string;
  readonly retryAfterMs: number | undefined;

  constructor(options: RunComfyErrorOptions) {
    super(options.message, options.cause === undefined ? undefined : { cause: options.cause });
    this.kind = options.kind;
    this.providerMessage = options.providerMessage;
    this.status = options.status;
    this.code = options.code;
    this.requestId = options.requestId;
    this.method = options.method;
    this.path = options.path;
    this.retryAfterMs = options.retryAfterMs;
  }

  /** Structured fields for a log line (`logger.warn(err.toLogContext(), '...')`). */
  toLogContext(): Record<string, unknown> {
    return {
      kind: this.kind,
      status: this.status,
      code: this.code,
      requestId: this.requestId,
      method: this.method,
      path: this.path,
      retryAfterMs: this.retryAfterMs,
    };
  }
}

export function isRunComfyError(err: unknown, kind?: RunComfyErrorKind): err is RunComfyError {
  return err instanceof RunComfyError && (kind === undefined || err.kind === kind);
}

/** Provider `error_code` values from the contract, mapped to what the caller does about them. */
const KIND_BY_CODE: ReadonlyMap<number, RunComfyErrorKind> = new Map([
  [400001, 'auth'],
  [400002, 'balance'],
  [400004, 'auth'],
  [403001, 'auth'],
  [404001, 'not_found'],
]);

/**
 * Picks the kind for an error answer. A known `error_code` wins over the HTTP status, because
 * the provider sometimes wraps errors in a 200 and its codes are more specific than statuses.
 */
export function kindForError(status: number, code: number | undefined): RunComfyErrorKind {
  const byCode = code === undefined ? undefined : KIND_BY_CODE.get(code);
  if (byCode !== undefined) return byCode;
  if (status === 401 || status === 403) return 'auth';
  if (status === 402) return 'balance';
  if (status === 404 || status === 410) return 'not_found';
  if (status === 429) return 'rate_limited';
  if (status === 400 || status === 422) return 'input_rejected';
  if (status >= 500) return 'unavailable';
  if (status >= 400) return 'input_rejected';
  // A 200 carrying an error_code we do not know: treat as provider trouble rather than guess
  // that the member did something wrong.
  return 'unavailable';
}
