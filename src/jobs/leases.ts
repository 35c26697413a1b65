/**
 * The heartbeat of the jobs a process has in hand. A lease (a job's `nextPollAt` in the future,
 * see `JobStore.claimDue`) is kept short, so that a killed process's jobs come back to the others
 * soon; while this process works on a job (a submit on the wire, a long download, an upload to
 * Discord) the keeper renews the lease, so nobody takes the job from a process that is alive.
 */
import type { Logger } from 'pino';
import type { Clock } from './clock.js';
import type { JobStore } from './jobStore.js';

export interface LeaseKeeperOptions {
  store: Pick<JobStore, 'renewLeases'>;
  /** Whose leases these are (the poller's owner). */
  owner: string;
  clock: Clock;
  logger: Logger;
  /** How long each renewal holds a job. */
  leaseMs: number;
  /**
   * Between two renewals. A third of the lease: a renewal may fail twice (a database that
   * hiccups) before the lease runs out. @defaultValue `leaseMs / 3`
   */
  renewEveryMs?: number;
}

interface Held {
  /** The lease as this process last wrote it: the value a renewal compares with. */
  until: number;
  /** Parts of this process holding the job (the poller, and the submit it runs). */
  holds: number;
}

export class LeaseKeeper {
  private readonly held = new Map<string, Held>();
  private beat: { stop: AbortController; done: Promise<void> } | undefined;

  constructor(private readonly options: LeaseKeeperOptions) {}

  get owner(): string {
    return this.options.owner;
  }

  /**
   * Keeps `jobId`'s lease, which runs until `until` as this process wrote it, alive until
   * `release`. Calls nest: each `hold` needs its `release`. A null `until` holds nothing.
   */
  hold(jobId: string, until: number | null): void {
    if (until === null) return;
    const held = this.held.get(jobId);
    this.held.set(jobId, { until, holds: (held?.holds ?? 0) + 1 });
    this.ensureBeat();
  }

  /** A write of this process gave a held job a new lease (an end it delivers at once). */
  adopt(jobId: string, until: number | null): void {
    const held = this.held.get(jobId);
    if (held && until !== null) held.until = until;
  }

  release(jobId: string): void {
    const held = this.held.get(jobId);
    if (!held) return;
    if (held.holds > 1) held.holds -= 1;
    else this.held.delete(jobId);
    // Nothing left to renew: no timer outlives the work (a stopping process exits at once).
    if (this.held.size === 0) this.beat?.stop.abort();
  }

  /** The jobs whose leases are kept, for tests and health. */
  heldIds(): string[] {
    return [...this.held.keys()];
  }

  /** Waits for the heartbeat to end once nothing is held (shutdown, tests). */
  async idle(): Promise<void> {
    while (this.beat) await this.beat.done;
  }

  /**
   * Renews every held lease once: a compare-and-set on the lease last written, so a job whose
   * poll time changed meanwhile (this process wrote its next poll, a cancel made it due, another
   * process took it after the lease ran out) is left as it is and no longer renewed.
   */
  async renew(): Promise<void> {
    const { store, owner, clock, logger, leaseMs } = this.options;
    const leases = [...this.held].map(([id, held]) => ({ id, seen: held.until }));
    if (leases.length === 0) return;
    const until = clock.now() + leaseMs;
    let renewed: Set<string>;
    try {
      renewed = new Set(await store.renewLeases(owner, leases, until));
    } catch (error) {
      // The next beat tries again; two may fail before a lease runs out.
      logger.warn({ err: error, jobs: leases.length }, 'could not renew the leases of the jobs in hand');
      return;
    }
    for (const { id, seen } of leases) {
      const held = this.held.get(id);
      // Released, or given a new lease by this process while the renewal was on its way.
      if (!held || held.until !== seen) continue;
      if (renewed.has(id)) held.until = until;
      else this.held.delete(id);
    }
    if (this.held.size === 0) this.beat?.stop.abort();
  }

  private ensureBeat(): void {
    if (this.beat) return;
    const stop = new AbortController();
    const every = this.options.renewEveryMs ?? Math.max(1, Math.floor(this.options.leaseMs / 3));
    const done = (async () => {
      while (!stop.signal.aborted && this.held.size > 0) {
        await this.options.clock.sleep(every, stop.signal);
        if (stop.signal.aborted) break;
        await this.renew();
      }
    })().finally(() => {
      if (this.beat?.stop === stop) this.beat = undefined;
      // Held again while this beat was ending.
      if (this.held.size > 0) this.ensureBeat();
    });
    this.beat = { stop, done };
  }
}
