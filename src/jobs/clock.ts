import { setTimeout as delay } from 'node:timers/promises';

/** Time as the core sees it; tests hand in their own to avoid real waiting. */
export interface Clock {
  now(): number;
  /** Resolves after `ms`, or early (without throwing) when `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: async (ms, signal) => {
    try {
      await delay(Math.max(0, ms), undefined, signal ? { signal } : {});
    } catch {
      // aborted: the caller checks why it woke
    }
  },
};
