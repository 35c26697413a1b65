import { setTimeout as sleep } from 'node:timers/promises';

export interface WaitOptions {
  /** @defaultValue 5000 */
  timeoutMs?: number;
  /** Named in the timeout error, so a failing test says what it was waiting for. */
  description?: string;
}

const POLL_INTERVAL_MS = 5;

type Probed<T> = T | undefined | false;

/** Polls `probe` (which may be async) until it returns something other than undefined/false. */
export async function waitFor<T>(probe: () => Probed<T> | Promise<Probed<T>>, options: WaitOptions = {}): Promise<T> {
  const timeoutMs = options.timeoutMs ?? 5000;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() >= deadline) {
      const what = options.description ?? probe.toString();
      throw new Error(`fake Discord: timed out after ${timeoutMs} ms waiting for ${what}`);
    }
    await sleep(POLL_INTERVAL_MS);
  }
}
