/**
 * When the poller looks at a job next: the schedule's numbers and the maths on them, apart from
 * the loop so that `decide` and its tests share them.
 */
import { type BackoffPolicy, backoffDelay, spread } from './backoff.js';

export interface PollSchedule {
  /** Between checks while queued; grows by `queuedGrowth` each check up to `queuedMaxMs`. @defaultValue 3000 */
  queuedMs: number;
  /** @defaultValue 1.5 */
  queuedGrowth: number;
  /** @defaultValue 15000 */
  queuedMaxMs: number;
  /** Between checks while rendering. @defaultValue 4000 */
  runningMs: number;
  /** First wait after a failed check or a failed delivery; doubles per failure up to `failureMaxMs`. @defaultValue 2000 */
  failureBaseMs: number;
  /** @defaultValue 60000 */
  failureMaxMs: number;
  /**
   * How long after a job ends the bot keeps trying to post its final message (Discord down, the
   * bot locked out of a channel) before giving up. @defaultValue 24 hours
   */
  maxDeliveryAgeMs: number;
}

export const DEFAULT_SCHEDULE: PollSchedule = {
  queuedMs: 3000,
  queuedGrowth: 1.5,
  queuedMaxMs: 15_000,
  runningMs: 4000,
  failureBaseMs: 2000,
  failureMaxMs: 60_000,
  maxDeliveryAgeMs: 24 * 60 * 60_000,
};

/** Spread of every poll interval, so that jobs submitted together do not poll together forever. */
const SPREAD = 0.2;

/** The shared retry policy with the schedule's numbers: failed checks and failed deliveries. */
export function failurePolicy(schedule: PollSchedule): BackoffPolicy {
  return { baseMs: schedule.failureBaseMs, maxMs: schedule.failureMaxMs, jitter: SPREAD };
}

/** Queued jobs are checked less often the longer they have waited. */
export function queuedDelay(schedule: PollSchedule, waitedMs: number, random: () => number): number {
  const steps = Math.max(0, Math.floor(waitedMs / schedule.queuedMs));
  return spread(Math.min(schedule.queuedMaxMs, schedule.queuedMs * schedule.queuedGrowth ** Math.min(steps, 10)), random, SPREAD);
}

/** A rendering job (or one whose status the provider did not name) is checked at a steady pace. */
export function runningDelay(schedule: PollSchedule, random: () => number): number {
  return spread(schedule.runningMs, random, SPREAD);
}

/** The provider said finished but its result has not caught up: look again soon. */
export function resultPendingDelay(schedule: PollSchedule, random: () => number): number {
  return spread(schedule.queuedMs, random, SPREAD);
}

/** After `failures` failed checks (or deliveries) in a row. */
export function failureDelay(schedule: PollSchedule, failures: number, random: () => number): number {
  return backoffDelay(failurePolicy(schedule), failures, random);
}
