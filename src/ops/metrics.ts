/**
 * Prometheus metrics for the operator. Each call makes its own registry, so tests (and a second
 * bot in one process) never collide on prom-client's global one.
 */
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { JobEventSource } from '../jobs/events.js';
import { JOB_STATES } from '../jobs/jobState.js';
import { PROVIDER_ERROR_KINDS, type ProviderErrorKind } from '../jobs/provider.js';

/** How a submit ended, as the job service leaves the job. */
export type SubmissionOutcome = 'queued' | 'failed' | 'outcome_unknown';
/** Which provider call was made: the rate cap is shared, so an operator wants the mix. */
export type { ProviderRequestKind } from '../jobs/events.js';

import type { ProviderRequestKind } from '../jobs/events.js';

/** How an interaction's handler ended: answered, or thrown (the member got the generic apology). */
export type InteractionOutcome = 'handled' | 'failed';

export interface MetricsOptions {
  /** Jobs per state, read on every scrape; states without jobs may be left out. */
  countByState: () => Promise<Record<string, number>>;
}

export interface Metrics {
  readonly registry: Registry;
  recordSubmission(outcome: SubmissionOutcome): void;
  /** `kind` is the provider error's kind, or `unexpected` for errors without one. */
  recordProviderError(kind: string): void;
  recordProviderRequest(kind: ProviderRequestKind): void;
  /** From the provider reporting the job finished to its final Discord message being posted. */
  observeDelivery(ms: number): void;
  /** From an interaction arriving to Discord receiving its acknowledgement. */
  observeAck(ms: number): void;
  /** One interaction run by `handler` (its name in the router's table). */
  recordInteraction(handler: string, outcome: InteractionOutcome): void;
}

const SUBMISSION_OUTCOMES: readonly SubmissionOutcome[] = ['queued', 'failed', 'outcome_unknown'];
const PROVIDER_REQUEST_KINDS: readonly ProviderRequestKind[] = ['status', 'result', 'cancel', 'submit'];
const KNOWN_ERROR_KINDS: readonly (ProviderErrorKind | 'unexpected')[] = [...PROVIDER_ERROR_KINDS, 'unexpected'];

/** Delivery downloads the video (up to hundreds of MB) and uploads it again: seconds to minutes. */
const DELIVERY_BUCKETS_SECONDS = [0.5, 1, 2, 5, 10, 20, 30, 60, 120, 300, 600];
/** Discord drops an interaction not acknowledged within 3 s; the detail matters below that. */
const ACK_BUCKETS_SECONDS = [0.05, 0.1, 0.15, 0.2, 0.3, 0.5, 0.75, 1, 1.5, 2, 2.5, 3];

export function createMetrics(opts: MetricsOptions): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });

  new Gauge({
    name: 'videobot_jobs',
    help: 'Jobs in the database, by state.',
    labelNames: ['state'] as const,
    registers: [registry],
    async collect() {
      const counts = await opts.countByState();
      // Reset first so a state that no longer appears in the counts reads 0, not its last value.
      this.reset();
      for (const state of JOB_STATES) this.set({ state }, counts[state] ?? 0);
      for (const [state, n] of Object.entries(counts)) {
        if (!(JOB_STATES as readonly string[]).includes(state)) this.set({ state }, n);
      }
    },
  });

  const submissions = new Counter({
    name: 'videobot_submissions_total',
    help: 'Jobs sent to the provider, by how the submit ended.',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  const providerErrors = new Counter({
    name: 'videobot_provider_errors_total',
    help: 'Failed provider requests, by error kind.',
    labelNames: ['kind'] as const,
    registers: [registry],
  });
  const providerRequests = new Counter({
    name: 'videobot_provider_requests_total',
    help: 'Requests made to the provider, by kind.',
    labelNames: ['kind'] as const,
    registers: [registry],
  });
  const delivery = new Histogram({
    name: 'videobot_delivery_latency_seconds',
    help: 'Time from the provider finishing a job to its final Discord message.',
    buckets: DELIVERY_BUCKETS_SECONDS,
    registers: [registry],
  });
  const ack = new Histogram({
    name: 'videobot_interaction_ack_seconds',
    help: 'Time from an interaction arriving to its acknowledgement (Discord allows 3 s).',
    buckets: ACK_BUCKETS_SECONDS,
    registers: [registry],
  });

  const interactions = new Counter({
    name: 'bot_interactions_total',
    help: 'Interactions run, by handler and by whether the handler answered or threw.',
    labelNames: ['handler', 'outcome'] as const,
    registers: [registry],
  });

  // Series exist at 0 from the start, so rate() and alerts work before the first event.
  for (const outcome of SUBMISSION_OUTCOMES) submissions.inc({ outcome }, 0);
  for (const kind of PROVIDER_REQUEST_KINDS) providerRequests.inc({ kind }, 0);
  for (const kind of KNOWN_ERROR_KINDS) providerErrors.inc({ kind }, 0);

  const seconds = (ms: number): number => Math.max(0, ms) / 1000;

  // Arrow functions, so the methods can be handed over as callbacks (`onAck: metrics.observeAck`).
  return {
    registry,
    recordSubmission: (outcome) => submissions.inc({ outcome }),
    recordProviderError: (kind) => providerErrors.inc({ kind }),
    recordProviderRequest: (kind) => providerRequests.inc({ kind }),
    observeDelivery: (ms) => delivery.observe(seconds(ms)),
    observeAck: (ms) => ack.observe(seconds(ms)),
    recordInteraction: (handler, outcome) => interactions.inc({ handler, outcome }),
  };
}

/** Counts what the job events tell; returns a function that stops counting. */
export function subscribeMetrics(events: JobEventSource, metrics: Metrics): () => void {
  const off = [
    events.on('provider.request', ({ kind }) => {
      metrics.recordProviderRequest(kind);
    }),
    events.on('provider.error', ({ kind }) => metrics.recordProviderError(kind)),
    events.on('job.submitted', ({ job }) => {
      metrics.recordSubmission(job.state === 'queued' ? 'queued' : job.state === 'outcome_unknown' ? 'outcome_unknown' : 'failed');
      // A refused submit is a provider error too; a queued one has none.
      if (job.state !== 'queued' && job.errorKind) metrics.recordProviderError(job.errorKind);
    }),
    events.on('job.delivered', ({ latencyMs }) => metrics.observeDelivery(latencyMs)),
  ];
  return () => {
    for (const stop of off) stop();
  };
}
