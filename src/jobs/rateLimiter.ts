import type { Clock } from './clock.js';

/**
 * A token bucket shared by every request the bot makes to the provider, so that however many
 * jobs are pending, the provider sees at most `perSecond` requests a second (bursts up to
 * `burst`). The provider publishes no limit; staying polite keeps us clear of 429s.
 */
export class RateLimiter {
  private tokens: number;
  private updatedAt: number;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly perSecond: number,
    private readonly clock: Clock,
    private readonly burst = Math.max(1, Math.ceil(perSecond)),
  ) {
    this.tokens = this.burst;
    this.updatedAt = clock.now();
  }

  /** Waits for a token; callers are served in order. */
  take(): Promise<void> {
    const turn = this.queue.then(() => this.acquire());
    this.queue = turn;
    return turn;
  }

  private async acquire(): Promise<void> {
    for (;;) {
      const now = this.clock.now();
      this.tokens = Math.min(this.burst, this.tokens + ((now - this.updatedAt) / 1000) * this.perSecond);
      this.updatedAt = now;
      if (this.tokens >= 1) {
        this.tokens -= 1;
        return;
      }
      await this.clock.sleep(Math.ceil(((1 - this.tokens) / this.perSecond) * 1000));
    }
  }
}

/** The one call of the coordination port the shared limiter needs. */
export interface ProviderRateSlots {
  takeProviderTokens(now: number, perSecond: number, burst?: number): Promise<number>;
}

/**
 * The provider's rate for every process on one database together: each request reserves its
 * slot in the database (`takeProviderTokens`) and waits for it, so three processes at a cap of
 * 5 a second send 5 a second between them, not 15. Slots are spaced evenly (a burst of one):
 * the provider counts per second, and a burst at the end of one second followed by the steady
 * rate in the next would look to it like more than the cap.
 *
 * When the database cannot be asked, the request waits for this process's own bucket instead,
 * so a database outage slows the bot down rather than failing its provider requests.
 */
/**
 * The share of the cap the evenly spaced slots use. At exactly the cap, cap + 1 slots span one
 * second to the millisecond, so any jitter between reserving a slot and the request reaching the
 * provider (another process's event loop, the network) could put one more into the provider's
 * second; at 85 % a request may arrive about 1.5 slots late before that can happen.
 */
const SHARED_RATE_SHARE = 0.85;

export class SharedRateLimiter extends RateLimiter {
  constructor(
    private readonly slots: ProviderRateSlots,
    private readonly ratePerSecond: number,
    private readonly sharedClock: Clock,
    private readonly onFallback: (error: unknown) => void = () => {},
  ) {
    super(ratePerSecond, sharedClock);
  }

  override async take(): Promise<void> {
    let wait: number;
    try {
      wait = await this.slots.takeProviderTokens(this.sharedClock.now(), this.ratePerSecond * SHARED_RATE_SHARE, 1);
    } catch (error) {
      this.onFallback(error);
      return super.take();
    }
    if (wait > 0) await this.sharedClock.sleep(wait);
  }
}

/**
 * The provider's rate for this process: shared through the database when several processes may
 * use one provider token (`shared` given), else this process's own bucket, which is then the whole rate.
 */
export function providerLimiter(
  perSecond: number,
  clock: Clock,
  shared?: { slots: ProviderRateSlots; onFallback: (error: unknown) => void },
): RateLimiter {
  return shared ? new SharedRateLimiter(shared.slots, perSecond, clock, shared.onFallback) : new RateLimiter(perSecond, clock);
}
