/** Discord's window for `max_concurrency`: that many IDENTIFYs per 5 seconds, one per rate-limit key. */
export const IDENTIFY_WINDOW_MS = 5000;

/** An IDENTIFY that came sooner after the previous one of its rate-limit key than Discord allows. */
export interface IdentifyLimitHit {
  shard: readonly [number, number];
  /** `shard_id % max_concurrency`: shards with the same key share one IDENTIFY per 5 s. */
  rateLimitKey: number;
  at: number;
  /** Since the key's last accepted IDENTIFY. */
  sinceLastMs: number;
  /** Answered with op 9 Invalid Session (only when the fake enforces the limit). */
  refused: boolean;
}

export interface IdentifyLimitOptions {
  maxConcurrency: number;
  /** Refuse an over-limit IDENTIFY as Discord does; otherwise only record it. */
  enforce: boolean;
  now: () => number;
}

/**
 * Discord's IDENTIFY pacing: shards are put in buckets by `shard_id % max_concurrency`, and each
 * bucket may start one session per 5 s. Every breach is recorded, so a test can show that a start
 * of many shards kept to the limit.
 */
export class IdentifyLimit {
  readonly hits: IdentifyLimitHit[] = [];
  readonly #lastAccepted = new Map<number, number>();

  constructor(private readonly options: IdentifyLimitOptions) {}

  /** True when the IDENTIFY may open a session. */
  admit(shard: readonly [number, number]): boolean {
    const rateLimitKey = shard[0] % this.options.maxConcurrency;
    const at = this.options.now();
    const last = this.#lastAccepted.get(rateLimitKey);
    if (last !== undefined && at - last < IDENTIFY_WINDOW_MS) {
      const refused = this.options.enforce;
      this.hits.push({ shard, rateLimitKey, at, sinceLastMs: at - last, refused });
      // A refused IDENTIFY opens nothing, so the bucket's window still runs from the last session.
      if (refused) return false;
    }
    this.#lastAccepted.set(rateLimitKey, at);
    return true;
  }
}
