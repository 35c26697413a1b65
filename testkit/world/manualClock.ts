import type { Clock } from '../../src/jobs/clock.js';

interface Sleeper {
  until: number;
  resolve: () => void;
}

/** A clock that moves only when told, so time-based rules are tested without waiting. */
export class ManualClock implements Clock {
  private sleepers: Sleeper[] = [];
  constructor(private current = Date.UTC(2026, 10, 25, 12)) {}

  now(): number {
    return this.current;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      // A sleep that is already over does not wait for the clock to move, as with a real timer.
      if (ms <= 0 || signal?.aborted) {
        setTimeout(resolve, 0);
        return;
      }
      const entry: Sleeper = { until: this.current + ms, resolve };
      this.sleepers.push(entry);
      // Forgotten on abort, so an early wake leaves no deadline behind for `nextWakeAt`.
      signal?.addEventListener(
        'abort',
        () => {
          this.sleepers = this.sleepers.filter((s) => s !== entry);
          resolve();
        },
        { once: true },
      );
    });
  }

  advance(ms: number): void {
    this.current += ms;
    const due = this.sleepers.filter((s) => s.until <= this.current);
    this.sleepers = this.sleepers.filter((s) => s.until > this.current);
    for (const s of due) s.resolve();
  }

  /** The earliest time a sleeper is waiting for, if any. */
  nextWakeAt(): number | undefined {
    return this.sleepers.length === 0 ? undefined : Math.min(...this.sleepers.map((s) => s.until));
  }

  /** Moves straight to the earliest sleeper's time and wakes it; false when nobody sleeps. */
  advanceToNextWake(): boolean {
    const next = this.nextWakeAt();
    if (next === undefined) return false;
    this.advance(Math.max(0, next - this.current));
    return true;
  }
}
