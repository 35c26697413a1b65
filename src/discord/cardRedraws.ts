/**
 * Status card redraws, off the poller's path. A redraw is one REST edit, and Discord can be slow
 * or rate-limited; the poll loop must never wait on it (a server's line of twenty moving would
 * otherwise hold every other server's polls for twenty edits). So a redraw is only asked for
 * here, and drawn later by a few workers:
 *
 * - one waiting redraw per card: asking again replaces it (the newest state wins);
 * - one edit per card at a time, so an older state never lands after a newer one;
 * - at most `maxInFlight` edits at once, and at most `maxPending` cards waiting (beyond it the
 *   card asked for longest ago is skipped: its next change, or its final message, draws it).
 */
import type { Logger } from 'pino';
import type { Job } from '../jobs/job.js';

export interface CardRedrawsOptions {
  /** Draws one card. A failure is logged; the card's next change draws it again. */
  draw(job: Job): Promise<void>;
  /** Edits in flight at once. @defaultValue 4 */
  maxInFlight?: number;
  /** Cards waiting for a redraw. @defaultValue 2000 */
  maxPending?: number;
  logger: Logger;
}

export class CardRedraws {
  /** Waiting redraws by job id, oldest request first (a replaced one keeps its place). */
  private readonly pending = new Map<string, Job>();
  private readonly running = new Map<string, Promise<void>>();
  private readonly maxInFlight: number;
  private readonly maxPending: number;
  private stopped = false;

  constructor(private readonly options: CardRedrawsOptions) {
    this.maxInFlight = options.maxInFlight ?? 4;
    this.maxPending = options.maxPending ?? 2000;
  }

  /** Asks for the card to show `job`; returns at once. */
  request(job: Job): void {
    if (this.stopped) return;
    if (!this.pending.has(job.id) && this.pending.size >= this.maxPending) {
      const [oldest] = this.pending.keys();
      if (oldest !== undefined) {
        this.pending.delete(oldest);
        this.options.logger.warn({ jobId: oldest, waiting: this.maxPending }, 'too many card redraws waiting; skipping the oldest');
      }
    }
    this.pending.set(job.id, job);
    this.pump();
  }

  /** Cards waiting, and edits in flight. */
  get size(): { pending: number; inFlight: number } {
    return { pending: this.pending.size, inFlight: this.running.size };
  }

  /**
   * Forgets the card's waiting redraw and resolves once its edit in flight, if any, has ended:
   * the final message draws the card itself, and no progress edit may land after it.
   */
  async settle(jobId: string): Promise<void> {
    this.pending.delete(jobId);
    await this.running.get(jobId);
  }

  /** Takes no more requests, drops the waiting ones, and resolves when the edits in flight end. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.pending.clear();
    await Promise.allSettled([...this.running.values()]);
  }

  private pump(): void {
    for (const [jobId, job] of this.pending) {
      if (this.running.size >= this.maxInFlight) return;
      if (this.running.has(jobId)) continue;
      this.pending.delete(jobId);
      const run = this.options
        .draw(job)
        .catch((error: unknown) => this.options.logger.warn({ err: error, jobId }, 'status edit failed'))
        .finally(() => {
          this.running.delete(jobId);
          if (!this.stopped) this.pump();
        });
      this.running.set(jobId, run);
    }
  }
}
