/**
 * HTTP client for the RunComfy Model API (Kling 3.0 Pro text-to-video), on undici.
 *
 * The provider has no idempotency key: a second submit POST is a second job and a second bill.
 * So a submit is retried only when the request provably never left this machine (connection
 * refused, DNS failure) or when the provider answered 429 (nothing was accepted). Once the body
 * may have reached the provider, a timeout or dropped connection becomes `outcome_unknown` and a
 * 5xx becomes `unavailable`, and neither is retried.
 *
 * Status, result and cancel only read or settle an existing job, so they are retried with
 * exponential backoff and full jitter on network errors, timeouts, 5xx, 429 and unreadable
 * bodies.
 *
 * The token goes only into the Authorization header of calls to `baseUrl`; it never appears in an
 * error message or a log line.
 */
import { setTimeout as delay } from 'node:timers/promises';
import type { Logger } from 'pino';
import pino from 'pino';
import { type Dispatcher, request } from 'undici';
import { z } from 'zod';
import { backoffDelay } from '../jobs/backoff.js';
import { kindForError, RunComfyError, type RunComfyErrorKind } from './errors.js';
import {
  cancelResponseSchema,
  errorBodySchema,
  hasTopLevelErrorCode,
  type NormalizedStatus,
  type ResultStatus,
  resultResponseSchema,
  statusResponseSchema,
  submitResponseSchema,
} from './schemas.js';

export interface RunComfyTimeouts {
  /**
   * Whole submit call, headers and body.
   * @defaultValue 30_000
   */
  submitMs?: number;
  /**
   * @defaultValue 15_000
   */
  statusMs?: number;
  /**
   * @defaultValue 30_000
   */
  resultMs?: number;
  /**
   * @defaultValue 15_000
   */
  cancelMs?: number;
}

export interface RunComfyBackoff {
  /**
   * Ceiling of the first retry's random delay; doubles with each attempt.
   * @defaultValue 500
   */
  baseMs?: number;
  /**
   * Largest jittered delay between two attempts.
   * @defaultValue 15_000
   */
  maxMs?: number;
  /**
   * Largest wait granted to a provider's `Retry-After`, so a bogus header cannot park a call.
   * @defaultValue 60_000
   */
  maxRetryAfterMs?: number;
}

export interface RunComfyClientOptions {
  /**
   * API origin, e.g. `https://model-api.runcomfy.net`; tests point it at a loopback server.
   * No default: the caller states where the token goes.
   */
  baseUrl: string;
  /** Bearer token; sent only to `baseUrl`. */
  token: string;
  /**
   * Model path under `/v1/models/`.
   * @defaultValue `'kling/kling-3.0/pro/text-to-video'`
   */
  modelPath?: string;
  /**
   * Per-call time limits, covering connect, headers and body.
   * @defaultValue `{ submitMs: 30_000, statusMs: 15_000, resultMs: 30_000, cancelMs: 15_000 }`
   */
  timeouts?: RunComfyTimeouts;
  /**
   * Retries after the first attempt, for the calls that may be retried.
   * @defaultValue 4
   */
  maxRetries?: number;
  /**
   * Exponential backoff with full jitter.
   * @defaultValue `{ baseMs: 500, maxMs: 15_000, maxRetryAfterMs: 60_000 }`
   */
  backoff?: RunComfyBackoff;
  /**
   * Jitter source in [0, 1).
   * @defaultValue `Math.random`
   */
  random?: () => number;
  /**
   * Waits between attempts; tests pass one that records instead of waiting.
   * @defaultValue a `setTimeout` promise
   */
  sleep?: (ms: number) => Promise<void>;
  /**
   * Clock for `Retry-After` HTTP dates.
   * @defaultValue `Date.now`
   */
  now?: () => number;
  /**
   * undici dispatcher (Agent, Pool, MockAgent).
   * @defaultValue undici's global dispatcher
   */
  dispatcher?: Dispatcher;
  /**
   * @defaultValue a silent pino logger
   */
  logger?: Logger;
}

export const DEFAULT_MODEL_PATH = 'kling/kling-3.0/pro/text-to-video';

export const DEFAULT_RUNCOMFY_OPTIONS = {
  modelPath: DEFAULT_MODEL_PATH,
  timeouts: { submitMs: 30_000, statusMs: 15_000, resultMs: 30_000, cancelMs: 15_000 },
  maxRetries: 4,
  backoff: { baseMs: 500, maxMs: 15_000, maxRetryAfterMs: 60_000 },
} as const;

export interface SubmitResult {
  requestId: string;
}

export interface StatusResult {
  /** `completed` means finished, not succeeded; `unknown` must be treated as still pending. */
  status: NormalizedStatus;
  rawStatus: string;
  queuePosition?: number;
}

export interface ResultOutcome {
  status: ResultStatus;
  /** Present on success. A `succeeded` without it carries an `error` and should be handled as a failure. */
  videoUrl?: string;
  /** Provider's reason for a failure, as one readable string. */
  error?: string;
  /** USD. */
  cost?: number;
  createdAt?: string;
  finishedAt?: string;
}

export interface CancelOutcome {
  /** `not_cancellable` is a normal answer: the job is running or finished and will be billed. */
  outcome: 'cancelled' | 'not_cancellable';
}

type Operation = 'submit' | 'status' | 'result' | 'cancel' | 'model';

interface CallSpec<T> {
  op: Operation;
  method: 'GET' | 'POST';
  path: string;
  query?: string;
  body?: string;
  timeoutMs: number;
  requestId?: string;
  schema: z.ZodType<T>;
  /** Turns an error answer that is really a normal outcome into a value. */
  fromErrorAnswer?: (status: number, providerMessage: string | undefined) => T | undefined;
}

/** One attempt's verdict: a value, or an error and whether another attempt is safe. */
type Attempt<T> = { ok: true; value: T } | { ok: false; error: RunComfyError; retryable: boolean };

/** How a transport failure happened, which decides whether a submit may have been accepted. */
type TransportFailure = 'not_sent' | 'timeout' | 'dropped';

// Errors raised while opening the connection: the request cannot have reached the provider.
const NOT_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT',
]);
const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ETIMEDOUT']);

/** API answers are small JSON; anything bigger is a proxy error page or worse. */
const MAX_RESPONSE_BYTES = 1024 * 1024;

class CallTimeout extends Error {
  override readonly name = 'CallTimeout';
}

function errorCodes(err: unknown): string[] {
  const codes: string[] = [];
  const visit = (e: unknown, depth: number): void => {
    if (depth > 3 || typeof e !== 'object' || e === null) return;
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') codes.push(code);
    visit((e as { cause?: unknown }).cause, depth + 1);
    // Happy-eyeballs connects report one error per address in an AggregateError.
    const inner = (e as { errors?: unknown }).errors;
    if (Array.isArray(inner)) for (const x of inner) visit(x, depth + 1);
  };
  visit(err, 0);
  return codes;
}

function classifyTransportError(err: unknown): TransportFailure {
  if (err instanceof CallTimeout) return 'timeout';
  const codes = errorCodes(err);
  if (codes.some((c) => TIMEOUT_CODES.has(c))) return 'timeout';
  if (codes.length > 0 && codes.every((c) => NOT_SENT_CODES.has(c))) return 'not_sent';
  return 'dropped';
}

/**
 * Reads a `Retry-After` header: delta-seconds or an HTTP date.
 * @returns milliseconds to wait, or undefined when absent or unreadable
 */
export function parseRetryAfter(value: string | string[] | undefined, now: number): number | undefined {
  const raw = Array.isArray(value) ? value[0] : value;
  if (raw === undefined) return undefined;
  const text = raw.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

// Phrases the provider (or a proxy in front of it) may use when a cancel comes too late.
const NOT_CANCELLABLE_TEXT =
  /not[ _-]?cancel+able|cannot be cancel+ed|can'?t be cancel+ed|unable to cancel|already (?:completed|finished|started|running|in[ _]progress|processing|succeeded|failed)/i;

function encodeModelPath(path: string): string {
  return path
    .split('/')
    .filter((s) => s !== '')
    .map(encodeURIComponent)
    .join('/');
}

/** Tolerant, as every answer here: a field the provider leaves out is no price, not an error. */
const modelPriceSchema = z.looseObject({
  price_unit: z.string().optional(),
  base_price_usd: z.number().nonnegative().optional(),
  pricing_note: z.string().optional(),
});

export class RunComfyClient {
  readonly #base: string;
  readonly #token: string;
  readonly #modelPath: string;
  readonly #timeouts: Required<RunComfyTimeouts>;
  readonly #maxRetries: number;
  readonly #backoff: Required<RunComfyBackoff>;
  readonly #random: () => number;
  readonly #sleep: (ms: number) => Promise<void>;
  readonly #now: () => number;
  readonly #dispatcher: Dispatcher | undefined;
  readonly #logger: Logger;

  constructor(options: RunComfyClientOptions) {
    const base = new URL(options.baseUrl);
    if (base.protocol !== 'https:' && base.protocol !== 'http:') {
      throw new TypeError(`RunComfy baseUrl must be http(s), got ${base.protocol}`);
    }
    if (options.token.trim() === '') throw new TypeError('RunComfy token is empty');
    this.#base = `${base.origin}${base.pathname.replace(/\/+$/, '')}`;
    this.#token = options.token;
    this.#modelPath = encodeModelPath(options.modelPath ?? DEFAULT_RUNCOMFY_OPTIONS.modelPath);
    this.#timeouts = { ...DEFAULT_RUNCOMFY_OPTIONS.timeouts, ...options.timeouts };
    this.#maxRetries = Math.max(0, options.maxRetries ?? DEFAULT_RUNCOMFY_OPTIONS.maxRetries);
    this.#backoff = { ...DEFAULT_RUNCOMFY_OPTIONS.backoff, ...options.backoff };
    this.#random = options.random ?? Math.random;
    this.#sleep = options.sleep ?? ((ms) => delay(ms).then(() => undefined));
    this.#now = options.now ?? Date.now;
    this.#dispatcher = options.dispatcher;
    this.#logger = options.logger ?? pino({ level: 'silent' });
  }

  /**
   * Submits a job. Resolves with the provider's request id. See the module comment for why this
   * call is retried only when nothing can have been accepted.
   */
  async submit(input: Readonly<Record<string, unknown>>, modelPath?: string): Promise<SubmitResult> {
    return this.#call({
      op: 'submit',
      method: 'POST',
      path: `/v1/models/${modelPath === undefined ? this.#modelPath : encodeModelPath(modelPath)}`,
      body: JSON.stringify(input),
      timeoutMs: this.#timeouts.submitMs,
      schema: submitResponseSchema,
    });
  }

  async status(requestId: string): Promise<StatusResult> {
    const answer = await this.#call({
      op: 'status',
      method: 'GET',
      path: `/v1/requests/${encodeURIComponent(requestId)}/status`,
      timeoutMs: this.#timeouts.statusMs,
      requestId,
      schema: statusResponseSchema,
    });
    if (answer.status === 'unknown') {
      this.#logger.warn({ requestId, rawStatus: answer.rawStatus }, 'runcomfy: unknown status, treating as pending');
    }
    return answer;
  }

  async result(requestId: string): Promise<ResultOutcome> {
    const answer = await this.#call({
      op: 'result',
      method: 'GET',
      path: `/v1/requests/${encodeURIComponent(requestId)}/result`,
      query: 'include_cost=true',
      timeoutMs: this.#timeouts.resultMs,
      requestId,
      schema: resultResponseSchema,
    });
    if (answer.status === 'unknown') {
      this.#logger.warn({ requestId, rawStatus: answer.rawStatus }, 'runcomfy: unknown result status, treating as pending');
    }
    const { rawStatus: _raw, ...outcome } = answer;
    return outcome;
  }

  async cancel(requestId: string): Promise<CancelOutcome> {
    return this.#call({
      op: 'cancel',
      method: 'POST',
      path: `/v1/requests/${encodeURIComponent(requestId)}/cancel`,
      timeoutMs: this.#timeouts.cancelMs,
      requestId,
      schema: cancelResponseSchema,
      // A late cancel is a normal outcome, whichever way the provider or a proxy phrases it.
      fromErrorAnswer: (status, message) =>
        status === 409 || (status >= 400 && status < 500 && message !== undefined && NOT_CANCELLABLE_TEXT.test(message))
          ? { outcome: 'not_cancellable' }
          : undefined,
    });
  }

  /**
   * A model's live base price (runcomfy-api.md, "The Kling 3.0 family": `GET /v1/models/{model_id}`
   * answers `price_unit`, `base_price_usd` and `pricing_note`). Undefined when the answer holds no
   * price per second.
   */
  async modelPrice(modelPath: string): Promise<{ baseUsd: number; note?: string } | undefined> {
    const answer = await this.#call({
      op: 'model',
      method: 'GET',
      path: `/v1/models/${encodeModelPath(modelPath)}`,
      timeoutMs: this.#timeouts.statusMs,
      schema: modelPriceSchema,
    });
    if (answer.base_price_usd === undefined || (answer.price_unit !== undefined && answer.price_unit !== 'second')) return undefined;
    return { baseUsd: answer.base_price_usd, ...(answer.pricing_note ? { note: answer.pricing_note } : {}) };
  }

  async #call<T>(spec: CallSpec<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const verdict = await this.#attempt(spec);
      if (verdict.ok) return verdict.value;
      const { error } = verdict;
      if (!verdict.retryable || attempt >= this.#maxRetries) throw error;
      const waitMs = this.#delayFor(error, attempt);
      this.#logger.info({ op: spec.op, ...error.toLogContext(), attempt: attempt + 1, of: this.#maxRetries, waitMs }, 'runcomfy: retrying');
      await this.#sleep(waitMs);
    }
  }

  #delayFor(error: RunComfyError, attempt: number): number {
    if (error.retryAfterMs !== undefined) return Math.min(error.retryAfterMs, this.#backoff.maxRetryAfterMs);
    // Many bots, one API: full jitter spreads a burst of retries the most.
    return backoffDelay({ baseMs: this.#backoff.baseMs, maxMs: this.#backoff.maxMs, jitter: 'full' }, attempt + 1, this.#random);
  }

  async #attempt<T>(spec: CallSpec<T>): Promise<Attempt<T>> {
    const url = `${this.#base}${spec.path}${spec.query === undefined ? '' : `?${spec.query}`}`;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new CallTimeout(`timed out after ${spec.timeoutMs} ms`)), spec.timeoutMs);
    let statusCode: number;
    let headers: Record<string, string | string[] | undefined>;
    let text: string | undefined;
    try {
      const response = await request(url, {
        method: spec.method,
        headers: {
          authorization: `Bearer ${this.#token}`,
          accept: 'application/json',
          ...(spec.body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(spec.body === undefined ? {} : { body: spec.body }),
        ...(this.#dispatcher === undefined ? {} : { dispatcher: this.#dispatcher }),
        signal: controller.signal,
        // Backstops in case the abort signal is not observed; the signal is the real limit.
        headersTimeout: spec.timeoutMs,
        bodyTimeout: spec.timeoutMs,
      });
      statusCode = response.statusCode;
      headers = response.headers;
      text = await readCapped(response.body, MAX_RESPONSE_BYTES);
    } catch (err) {
      return this.#transportFailure(spec, err);
    } finally {
      clearTimeout(timer);
    }
    return this.#interpret(spec, statusCode, headers, text);
  }

  #transportFailure<T>(spec: CallSpec<T>, err: unknown): Attempt<T> {
    const failure = classifyTransportError(err);
    const cause = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    if (spec.op === 'submit' && failure !== 'not_sent') {
      return {
        ok: false,
        retryable: false,
        error: this.#error(
          {
            kind: 'outcome_unknown',
            detail: `${failure === 'timeout' ? 'timed out' : 'connection dropped'} after sending (${cause})`,
            cause: err,
          },
          spec.op,
          spec.method,
          spec.path,
          spec.requestId,
        ),
      };
    }
    return {
      ok: false,
      retryable: true,
      error: this.#error(
        {
          kind: 'unavailable',
          detail: `${failure === 'timeout' ? 'timed out' : 'network error'} (${cause})`,
          cause: err,
        },
        spec.op,
        spec.method,
        spec.path,
        spec.requestId,
      ),
    };
  }

  #interpret<T>(
    spec: CallSpec<T>,
    statusCode: number,
    headers: Record<string, string | string[] | undefined>,
    text: string | undefined,
  ): Attempt<T> {
    const fail = (
      kind: RunComfyErrorKind,
      detail: string,
      extra: { status?: number; code?: number; providerMessage?: string; retryAfterMs?: number } = {},
    ): Attempt<T> => ({
      ok: false,
      retryable: this.#isRetryable(spec.op, kind),
      error: this.#error({ kind, detail, ...extra }, spec.op, spec.method, spec.path, spec.requestId),
    });

    if (text === undefined) return fail('malformed', `answer larger than ${MAX_RESPONSE_BYTES} bytes`, { status: statusCode });
    let body: unknown;
    let parsed = true;
    try {
      body = text.trim() === '' ? undefined : JSON.parse(text);
    } catch {
      parsed = false;
    }

    const isError = statusCode >= 400 || (statusCode < 300 && statusCode >= 200 && parsed && hasTopLevelErrorCode(body));
    if (isError) {
      const info = parsed ? errorBodySchema.safeParse(body ?? {}) : undefined;
      const code = info?.success === true ? info.data.code : undefined;
      const providerMessage = info?.success === true && info.data.message !== undefined ? this.#redact(info.data.message) : undefined;

      if (spec.fromErrorAnswer !== undefined && statusCode !== 401 && statusCode !== 403 && statusCode !== 429) {
        const value = spec.fromErrorAnswer(statusCode, providerMessage);
        if (value !== undefined) return { ok: true, value };
      }

      const kind = kindForError(statusCode, code);
      // 503 may carry Retry-After too; honouring it is cheaper than guessing.
      const retryAfterMs =
        kind === 'rate_limited' || kind === 'unavailable' ? parseRetryAfter(headers['retry-after'], this.#now()) : undefined;
      const detail = `HTTP ${statusCode}${code === undefined ? '' : ` error_code ${code}`}${providerMessage === undefined ? '' : `: ${providerMessage}`}`;
      return fail(kind, detail, {
        status: statusCode,
        ...(code === undefined ? {} : { code }),
        ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
        // Only input rejections are the member's to fix, so only they carry the provider's words.
        ...(kind === 'input_rejected' && providerMessage !== undefined ? { providerMessage: providerMessage } : {}),
      });
    }

    if (statusCode < 200 || statusCode >= 300) {
      return fail('unavailable', `unexpected HTTP ${statusCode}`, { status: statusCode });
    }
    // A 2xx to a submit means the job was accepted (and will be billed) even when the answer
    // cannot be read, so the caller must not submit again: that is `outcome_unknown`.
    const unreadable: RunComfyErrorKind = spec.op === 'submit' ? 'outcome_unknown' : 'malformed';
    if (!parsed) return fail(unreadable, `HTTP ${statusCode} with a body that is not JSON`, { status: statusCode });

    const result = spec.schema.safeParse(body);
    if (!result.success) {
      const why = result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
      return fail(unreadable, `HTTP ${statusCode} with an unexpected shape (${why})`, { status: statusCode });
    }
    return { ok: true, value: result.data };
  }

  #isRetryable(op: Operation, kind: RunComfyErrorKind): boolean {
    // A submit 429 means nothing was accepted. A submit 5xx may follow an accepted job (the
    // provider or its proxy can fail after queueing it), so it is not repeated: `unavailable`
    // keeps the status-code meaning, and the caller must not resubmit it automatically either.
    if (op === 'submit') return kind === 'rate_limited';
    return kind === 'unavailable' || kind === 'rate_limited' || kind === 'malformed';
  }

  #error(
    info: {
      kind: RunComfyErrorKind;
      detail: string;
      status?: number;
      code?: number;
      providerMessage?: string;
      retryAfterMs?: number;
      cause?: unknown;
    },
    op: Operation,
    method: string,
    path: string,
    requestId: string | undefined,
  ): RunComfyError {
    return new RunComfyError({
      kind: info.kind,
      message: this.#redact(`RunComfy ${op} (${method} ${path}) failed: ${info.kind}: ${info.detail}`),
      providerMessage: info.providerMessage,
      status: info.status,
      code: info.code,
      requestId,
      method,
      path,
      retryAfterMs: info.retryAfterMs,
      cause: info.cause,
    });
  }

  /** A provider or proxy could echo the Authorization header back in an error text. */
  #redact(text: string): string {
    return text.split(this.#token).join('[redacted]');
  }
}

/** Reads a response body as text, or returns undefined (after discarding it) past `limit` bytes. */
async function readCapped(
  body: AsyncIterable<Buffer | Uint8Array | string> & { destroy(err?: Error): unknown },
  limit: number,
): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    size += buf.byteLength;
    if (size > limit) {
      body.destroy();
      return undefined;
    }
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString('utf8');
}
