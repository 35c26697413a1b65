/**
 * The one retry policy of the bot: exponential backoff with jitter. The provider client spaces
 * its HTTP retries with it, the poller spaces its checks after a failed one, and the poller
 * spaces its attempts at posting a final message.
 */

export interface BackoffPolicy {
  /** Wait before the second attempt (the first retry); doubles with each further attempt. */
  baseMs: number;
  /** Largest wait, however many attempts failed. */
  maxMs: number;
  /**
   * How the wait is spread so that callers that failed together do not retry together:
   * `full` picks anywhere in [0, wait) (many callers, one server: the provider client), a number
   * spreads the wait by that fraction either side (a schedule that should keep its pace: the poller).
   */
  jitter: 'full' | number;
}

/** The wait after `failures` failed attempts in a row (1 for the first failure), before jitter. */
export function backoffCeiling(policy: Pick<BackoffPolicy, 'baseMs' | 'maxMs'>, failures: number): number {
  const exponent = Math.max(0, failures - 1);
  // 2 ** 60 is already past any sensible maximum; capping the exponent keeps the maths finite.
  return Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(exponent, 60));
}

/** The wait after `failures` failed attempts in a row, jittered; `random` is in [0, 1). */
export function backoffDelay(policy: BackoffPolicy, failures: number, random: () => number): number {
  const ceiling = backoffCeiling(policy, failures);
  return policy.jitter === 'full' ? Math.floor(random() * ceiling) : spread(ceiling, random, policy.jitter);
}

/** Spreads a wait by `fraction` either side, so that timers set together drift apart. */
export function spread(ms: number, random: () => number, fraction = 0.2): number {
  return Math.round(ms * (1 - fraction + 2 * fraction * random()));
}
