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

/** Scheduled failures: the next matching requests answer with an error instead of reaching the route. */
export class FaultInjector {
  readonly #rules: { rule: FaultRule; remaining: number }[] = [];

  add(rule: FaultRule): void {
    this.#rules.push({ rule, remaining: rule.times ?? 1 });
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
