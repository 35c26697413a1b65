/**
 * What the poller does with each answer of the provider, as a pure function: the job as it was
 * claimed, the answer, and the time in; the state to move to, the fields to write and whether
 * the final message goes out now. The loop (poller.ts) does the asking and the writing.
 */
import type { ActiveJob } from './job.js';
import type { JobState } from './jobState.js';
import type { JobPatch } from './jobStore.js';
import { type LearnedOptions, learnedQueuedDelay, learnedRunningDelay, type RenderTimes } from './learnedSchedule.js';
import type { ProviderErrorKind, VideoProvider } from './provider.js';
import { failureDelay, type PollSchedule, queuedDelay, resultPendingDelay, runningDelay } from './schedule.js';

export type StatusAnswer = Awaited<ReturnType<VideoProvider['status']>>;
export type ResultAnswer = Awaited<ReturnType<VideoProvider['result']>>;

/** What a look at a finished job's result found: a video (or a fault that may pass), not a video, or a link the bot may not follow. */
export type ResultLook = boolean | 'refused_address';

/** One answer the loop got (or failed to get) for the job. */
export type ProviderAnswer =
  | { to: 'status'; status: StatusAnswer }
  /**
   * `isVideo` is false only when the result was looked at and is not a video, and
   * `refused_address` when its link points where the bot may not fetch from (the address policy).
   */
  | { to: 'result'; result: ResultAnswer; isVideo: ResultLook }
  /** The cancel of a job that waited too long; `failed` when the request itself failed. */
  | { to: 'cancel'; outcome: 'cancelled' | 'not_cancellable' | 'failed' }
  /** A status or result request failed; `unexpected` for an error without a provider kind. */
  | { to: 'error'; during: 'status' | 'result'; errorKind: ProviderErrorKind | 'unexpected' };

/** Why the loop should log a line about this decision (the decision itself is plain data). */
export type DecisionNote = 'unknown_status' | 'timed_out' | 'cancelled_after_wait' | 'provider_lost' | 'check_failed';

export type Decision =
  /** Ask the provider something more, then decide again with its answer. */
  | { ask: 'result' | 'cancel' }
  | {
      ask?: undefined;
      /** The state to move to; absent: the job stays in its state and only `patch` is written. */
      state?: JobState;
      patch: JobPatch;
      /** The job ended: hand it to delivery right away. */
      deliver: boolean;
      /** Tell the chat layer (queue position or render time changed). */
      progress: boolean;
      note?: DecisionNote;
    };

export interface DecideContext {
  now: number;
  schedule: PollSchedule;
  /** After this long since submission a job is cancelled or marked timed out. */
  maxJobAgeMs: number;
  /** How long a job that is rendering may run past the maximum age before the bot gives up. */
  runningGraceMs: number;
  /** An ending job is delivered by this poller at once, so it is not due again before its lease ends. */
  leaseMs: number;
  /** Jitter source in [0, 1). */
  random: () => number;
  /** Render times learned from finished jobs: when present, checks follow them instead of the fixed pace. */
  learned?: { times: RenderTimes; options: LearnedOptions };
}

/** When to look at a rendering job next. */
function nextRunningCheck(job: ActiveJob, ctx: DecideContext, startedAt: number): number {
  if (!ctx.learned) return ctx.now + runningDelay(ctx.schedule, ctx.random);
  const window = ctx.learned.times.window(job.input.duration, job.input.sound);
  return ctx.now + learnedRunningDelay(window, ctx.now - startedAt, ctx.learned.options, ctx.random);
}

/** @defaultValue for `runningGraceMs` */
export const RUNNING_GRACE_MS = 15 * 60_000;

/**
 * True when the job has waited longer than the bot waits. A job that started rendering within
 * the grace period is billed anyway, so it is given time to finish.
 */
export function isTooOld(job: ActiveJob, ctx: DecideContext): boolean {
  const rendering = job.state === 'running' && job.startedAt !== null && ctx.now - job.startedAt < ctx.runningGraceMs;
  return !rendering && ctx.now - (job.submittedAt ?? job.createdAt) > ctx.maxJobAgeMs;
}

export function decide(job: ActiveJob, answer: ProviderAnswer, ctx: DecideContext): Decision {
  switch (answer.to) {
    case 'status':
      return decideStatus(job, answer.status, ctx);
    case 'result':
      return decideResult(answer.result, answer.isVideo, ctx);
    case 'cancel':
      return decideCancel(job, answer.outcome, ctx);
    case 'error':
      if (answer.errorKind === 'not_found') {
        // The provider forgot the request (records expire): nothing more can be learned.
        return end(
          'failed',
          {
            errorKind: 'not_found',
            errorMessage: null,
          },
          ctx,
          'provider_lost',
        );
      }
      // A status check that fails past the age limit gives up rather than backing off forever.
      if (answer.during === 'status' && isTooOld(job, ctx)) return timeOut(job, ctx);
      return { ...failure(job, ctx), note: 'check_failed' };
  }
}

function decideStatus(job: ActiveJob, status: StatusAnswer, ctx: DecideContext): Decision {
  const finished = status.status === 'completed' || status.status === 'failed' || status.status === 'cancelled';
  // Asked before the age rule: a video that finished while the bot was down (or just before the
  // limit) is fetched and delivered, not thrown away after it was paid for.
  if (finished) return { ask: 'result' };
  if (isTooOld(job, ctx)) return timeOut(job, ctx);
  const running = nextRunningCheck(job, ctx, job.startedAt ?? ctx.now);
  switch (status.status) {
    case 'in_queue': {
      const queuePosition = status.queuePosition ?? null;
      const waited = ctx.now - (job.submittedAt ?? job.createdAt);
      const wait = ctx.learned
        ? learnedQueuedDelay(ctx.learned.options, waited, queuePosition, ctx.random)
        : queuedDelay(ctx.schedule, waited, ctx.random);
      return {
        patch: {
          providerStatus: status.rawStatus,
          queuePosition,
          pollFailures: 0,
          nextPollAt: ctx.now + wait,
        },
        deliver: false,
        progress: queuePosition !== job.queuePosition || job.providerStatus !== status.rawStatus,
      };
    }
    case 'in_progress':
      if (job.state === 'queued') {
        return {
          state: 'running',
          patch: {
            providerStatus: status.rawStatus,
            queuePosition: null,
            startedAt: ctx.now,
            pollFailures: 0,
            nextPollAt: nextRunningCheck(job, ctx, ctx.now),
          },
          deliver: false,
          progress: true,
        };
      }
      // The chat layer shows time spent rendering; it throttles these itself.
      return { patch: { pollFailures: 0, nextPollAt: running }, deliver: false, progress: true };
    default:
      // A status the contract does not name: treated as pending, never as an end.
      return { patch: { pollFailures: 0, nextPollAt: running }, deliver: false, progress: false, note: 'unknown_status' };
  }
}

function decideResult(result: ResultAnswer, isVideo: ResultLook, ctx: DecideContext): Decision {
  const cost = { costUsd: result.cost ?? null };
  switch (result.status) {
    case 'succeeded':
      if (!result.videoUrl)
        return end(
          'failed',
          {
            providerStatus: 'succeeded',
            errorKind: 'no_video',
            errorMessage: null,
            ...cost,
          },
          ctx,
        );
      // A succeeded job stays succeeded, so a result that is not a video ends failed here.
      if (isVideo !== true) {
        // Which of the two matters to the member: a refused link was never looked at.
        const errorKind = isVideo === 'refused_address' ? 'refused_address' : 'not_a_video';
        return end('failed', { providerStatus: 'succeeded', errorKind, errorMessage: null, ...cost }, ctx);
      }
      return end('succeeded', { providerStatus: 'succeeded', resultUrl: result.videoUrl, ...cost }, ctx);
    case 'failed':
      // The provider's reason, in its own words, for the chat layer to quote.
      return end(
        'failed',
        {
          providerStatus: 'failed',
          errorKind: 'provider_failed',
          errorMessage: result.error ?? null,
          ...cost,
        },
        ctx,
      );
    case 'cancelled':
      return end('cancelled', { providerStatus: 'cancelled', errorKind: 'cancelled', errorMessage: null, ...cost }, ctx);
    default:
      // Status said finished but the result has not caught up: look again soon.
      return { patch: { nextPollAt: ctx.now + resultPendingDelay(ctx.schedule, ctx.random) }, deliver: false, progress: false };
  }
}

function decideCancel(job: ActiveJob, outcome: 'cancelled' | 'not_cancellable' | 'failed', ctx: DecideContext): Decision {
  if (job.state === 'queued' && outcome === 'cancelled') {
    // Cancelled in the queue: not billed, so it ends as cancelled and its estimate is given back.
    return end(
      'cancelled',
      {
        providerStatus: 'cancelled',
        errorKind: 'timed_out',
        errorMessage: null,
      },
      ctx,
      'cancelled_after_wait',
    );
  }
  if (job.state === 'queued' && outcome === 'not_cancellable') {
    // It just started rendering and will be billed: follow it to the end instead of abandoning it.
    return {
      state: 'running',
      patch: {
        providerStatus: 'in_progress',
        queuePosition: null,
        startedAt: ctx.now,
        nextPollAt: ctx.now + runningDelay(ctx.schedule, ctx.random),
      },
      deliver: false,
      progress: false,
    };
  }
  return end(
    'timed_out',
    {
      errorKind: 'timed_out',
      errorMessage: null,
    },
    ctx,
    'timed_out',
  );
}

/** Past the age limit: a queued job is cancelled at the provider first (unbilled), anything else ends. */
function timeOut(job: ActiveJob, ctx: DecideContext): Decision {
  if (job.state === 'queued') return { ask: 'cancel' };
  return end(
    'timed_out',
    {
      errorKind: 'timed_out',
      errorMessage: null,
    },
    ctx,
    'timed_out',
  );
}

/** A failed check: the same state, asked again after the shared backoff. */
export function failure(
  job: Pick<ActiveJob, 'pollFailures'>,
  ctx: Pick<DecideContext, 'now' | 'schedule' | 'random'>,
): Decision & { ask?: undefined } {
  const failures = job.pollFailures + 1;
  return {
    patch: { pollFailures: failures, nextPollAt: ctx.now + failureDelay(ctx.schedule, failures, ctx.random) },
    deliver: false,
    progress: false,
  };
}

function end(state: JobState, patch: JobPatch, ctx: DecideContext, note?: DecisionNote): Decision {
  return {
    state,
    patch: { queuePosition: null, ...patch, finishedAt: ctx.now, nextPollAt: ctx.now + ctx.leaseMs },
    deliver: true,
    progress: false,
    ...(note ? { note } : {}),
  };
}

/** What to do after the final message could not be posted. */
export type DeliveryRetry = { giveUp: true } | { giveUp: false; patch: JobPatch };

export function decideDeliveryFailure(
  job: { deliveryAttempts: number; finishedAt: number | null; createdAt: number },
  ctx: Pick<DecideContext, 'now' | 'schedule' | 'random'>,
): DeliveryRetry {
  const attempts = job.deliveryAttempts + 1;
  if (ctx.now - (job.finishedAt ?? job.createdAt) >= ctx.schedule.maxDeliveryAgeMs) return { giveUp: true };
  return { giveUp: false, patch: { deliveryAttempts: attempts, nextPollAt: ctx.now + failureDelay(ctx.schedule, attempts, ctx.random) } };
}
