import type { DiscordErrorBody } from './errors.js';

export interface FaultRule {
  /** Upper-case HTTP method; any method when absent. */
  method?: string;
  /** Tested against the path without `/api/v10`, e.g. `/channels/123/messages`. */
  path: RegExp;
  status: number;
  /** How many matching requests fail. @defaultValue 1 */
  times?: number;
  /** Replaces the default JSON body for the status. */
  body?: unknown;
  /** For 429: the wait announced in `Retry-After` and `retry_after`. @defaultValue 0.1 */
  retryAfterSeconds?: number;
}

/** Which requests a lost answer or a slow answer applies to. */
export interface RequestMatch {
  /** Upper-case HTTP method; any method when absent. */
  method?: string;
  /** Tested against the path without `/api/v10`; every path when absent. */
  path?: RegExp;
}

export interface LostAnswerRule extends RequestMatch {
  /** How many matching requests lose their answer. @defaultValue 1 */
  times?: number;
}

export interface FaultResponse {
  status: number;
  body: unknown;
  headers: Record<string, string>;
}

const DEFAULT_BODIES: Record<number, DiscordErrorBody> = {
  400: { code: 0, message: '400: Bad Request' },
  401: { code: 0, message: '401: Unauthorized' },
  403: { code: 50013, message: 'Missing Permissions' },
  404: { code: 0, message: '404: Not Found' },
  500: { code: 0, message: '500: Internal Server Error' },
  502: { code: 0, message: '502: Bad Gateway' },
};

const matches = (rule: RequestMatch, method: string, path: string) =>
  (rule.method === undefined || rule.method.toUpperCase() === method) && (rule.path === undefined || rule.path.test(path));

/**
 * Scheduled failures: the next matching requests answer with an error instead of reaching the
 * route, or reach it and lose their answer; and a delay before matching requests are handled.
 */
export class FaultInjector {
  readonly #rules: { rule: FaultRule; remaining: number }[] = [];
  readonly #lost: { rule: LostAnswerRule; remaining: number }[] = [];
  readonly #delays = new Set<RequestMatch & { delayMs: number }>();

  add(rule: FaultRule): void {
    this.#rules.push({ rule, remaining: rule.times ?? 1 });
  }

  /**
   * The request is carried out as usual, then the connection is reset (a TCP RST) instead of the
   * answer: the sender cannot tell whether it took effect. @discordjs/rest retries a request whose
   * connection was reset (ECONNRESET, its `shouldRetry`), so a message can arrive twice unless a
   * nonce is enforced (Discord docs, Create Message: `enforce_nonce`).
   */
  loseAnswer(rule: LostAnswerRule): void {
    this.#lost.push({ rule, remaining: rule.times ?? 1 });
  }

  /** True (and counted) when this request's answer is to be lost. */
  takeLostAnswer(method: string, path: string): boolean {
    const entry = this.#lost.find(({ rule, remaining }) => remaining > 0 && matches(rule, method, path));
    if (!entry) return false;
    entry.remaining -= 1;
    return true;
  }

  /** Matching requests wait `delayMs` (real time) before they are handled; returns the undo. */
  slowDown(rule: RequestMatch & { delayMs: number }): () => void {
    const entry = { ...rule };
    this.#delays.add(entry);
    return () => this.#delays.delete(entry);
  }

  /** The longest delay that applies to this request, 0 when none does. */
  delayFor(method: string, path: string): number {
    let delay = 0;
    for (const rule of this.#delays) if (matches(rule, method, path)) delay = Math.max(delay, rule.delayMs);
    return delay;
  }

  take(method: string, path: string): FaultResponse | undefined {
    const entry = this.#rules.find(
      ({ rule, remaining }) => remaining > 0 && (rule.method === undefined || rule.method.toUpperCase() === method) && rule.path.test(path),
    );
    if (!entry) return undefined;
    entry.remaining -= 1;
    return respond(entry.rule);
  }
}

function respond(rule: FaultRule): FaultResponse {
  if (rule.status === 429) {
    const retryAfter = rule.retryAfterSeconds ?? 0.1;
    // @discordjs/rest waits `Retry-After` seconds (the header, not the body), then retries the same request.
    return {
      status: 429,
      headers: {
        'Retry-After': String(retryAfter),
        'X-RateLimit-Limit': '5',
        'X-RateLimit-Remaining': '0',
        'X-RateLimit-Reset': String((Date.now() / 1000 + retryAfter).toFixed(3)),
        'X-RateLimit-Reset-After': String(retryAfter),
        'X-RateLimit-Bucket': 'fake-bucket',
        'X-RateLimit-Scope': 'user',
      },
      body: rule.body ?? { message: 'You are being rate limited.', retry_after: retryAfter, global: false },
    };
  }
  return {
    status: rule.status,
    headers: {},
    body: rule.body ?? DEFAULT_BODIES[rule.status] ?? { code: 0, message: `${rule.status}` },
  };
}
