/**
 * What happens to jobs, as one map of named events. Metrics, the chat layer's status edits and
 * the showcase subscribe here; the parts that emit know nothing of them, so nothing is wired by
 * assignment after construction. The final message is not an event: it must be posted exactly
 * once and may be retried, so the poller calls (and awaits) a `JobDelivery` port for it.
 */
import type { Job } from './job.js';

export type ProviderRequestKind = 'submit' | 'status' | 'result' | 'cancel';

export interface JobEventMap {
  /** A submit ended: the job is queued, failed or outcome_unknown. */
  'job.submitted': { job: Job };
  /** A request to the provider is about to leave (after the shared rate cap). */
  'provider.request': { kind: ProviderRequestKind };
  /** A provider request failed; `kind` is the provider error's kind, or `unexpected`. */
  'provider.error': { kind: string };
  /** Queue position changed or the job started or goes on rendering. */
  'job.progress': { job: Job };
  /** The job reached a final state (its final message is still to be posted). */
  'job.ended': { job: Job };
  /** The final message was recorded as posted, `latencyMs` after the job ended. */
  'job.delivered': { job: Job; latencyMs: number };
  /** A job became due before its scheduled time (submitted, cancelled, ended): poll now. */
  'work.available': Record<string, never>;
}

export type JobEventName = keyof JobEventMap;
export type JobEventListener<K extends JobEventName> = (payload: JobEventMap[K]) => void | Promise<void>;

/** The side that listens; what the parts that observe are given. */
export interface JobEventSource {
  /** Adds a listener; returns a function that removes it. */
  on<K extends JobEventName>(name: K, listener: JobEventListener<K>): () => void;
}

/** The side that tells; what the parts that emit are given. */
export interface JobEventSink {
  /**
   * Calls every listener of `name` and resolves when all have finished. A listener that throws
   * is reported to the bus's `onListenerError` and never reaches the emitter: an observer's
   * fault must not fail the job.
   */
  emit<K extends JobEventName>(name: K, payload: JobEventMap[K]): Promise<void>;
}

export class JobEventBus implements JobEventSource, JobEventSink {
  private readonly listeners = new Map<JobEventName, Set<JobEventListener<never>>>();

  /** @param onListenerError where a listener's failure goes (the log). @defaultValue ignored */
  constructor(private readonly onListenerError: (error: unknown, name: JobEventName) => void = () => {}) {}

  on<K extends JobEventName>(name: K, listener: JobEventListener<K>): () => void {
    let set = this.listeners.get(name);
    if (!set) {
      set = new Set();
      this.listeners.set(name, set);
    }
    set.add(listener as JobEventListener<never>);
    return () => set.delete(listener as JobEventListener<never>);
  }

  /**
   * Tells the listeners without waiting for them: for a loop that must not wait on an observer
   * (the poll tick, whose line moves redraw cards on Discord). Failures go to `onListenerError`.
   */
  notify<K extends JobEventName>(name: K, payload: JobEventMap[K]): void {
    void this.emit(name, payload);
  }

  async emit<K extends JobEventName>(name: K, payload: JobEventMap[K]): Promise<void> {
    const set = this.listeners.get(name);
    if (!set || set.size === 0) return;
    const pending: Promise<void>[] = [];
    for (const listener of [...set] as JobEventListener<K>[]) {
      try {
        // A listener typed `void` may still hand back a value (an arrow around a counter's
        // `inc()`); only a promise is awaited.
        const result: unknown = listener(payload);
        if (result instanceof Promise) pending.push(result.catch((error: unknown) => this.onListenerError(error, name)));
      } catch (error) {
        this.onListenerError(error, name);
      }
    }
    if (pending.length > 0) await Promise.all(pending);
  }
}
