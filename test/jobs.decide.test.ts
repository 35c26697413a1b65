/** What the poller does with each provider answer, as a table: job, answer, time in; decision out. */
import { describe, expect, it } from 'vitest';
import {
  type DecideContext,
  type Decision,
  decide,
  decideDeliveryFailure,
  type ProviderAnswer,
  type ResultLook,
} from '../src/jobs/decide.js';
import type { ActiveJob, Job } from '../src/jobs/job.js';
import { DEFAULT_SCHEDULE } from '../src/jobs/schedule.js';
import { parseVideoInput } from '../src/model/videoInput.js';

const T0 = 1_800_000_000_000;
const MIN = 60_000;
const ctx = (now: number): DecideContext => ({
  now,
  schedule: DEFAULT_SCHEDULE,
  maxJobAgeMs: 30 * MIN,
  runningGraceMs: 15 * MIN,
  leaseMs: 120_000,
  // 0.5 puts every jittered wait exactly on its base.
  random: () => 0.5,
});

function job(state: 'queued' | 'running', over: Partial<Job> = {}): ActiveJob {
  const base: Job = {
    id: 'j1',
    guildId: 'g',
    channelId: 'c',
    userId: 'u',
    threadId: null,
    statusMessageId: null,
    input: parseVideoInput({ prompt: 'a quiet street' }),
    kind: 'new',
    modelId: 'kling-3.0-pro-t2v',
    images: null,
    parentId: null,
    takeGroup: null,
    state,
    requestId: 'req-1',
    providerStatus: 'in_queue',
    queuePosition: 3,
    errorKind: null,
    errorMessage: null,
    resultUrl: null,
    estimateUsd: 0.84,
    costUsd: null,
    cancelRefusedAt: null,
    createdAt: T0,
    updatedAt: T0,
    submittedAt: T0,
    startedAt: state === 'running' ? T0 + MIN : null,
    finishedAt: null,
    nextPollAt: T0,
    leaseOwner: 'me',
    pollFailures: 0,
    deliveryAttempts: 0,
    deliveredAt: null,
    finalChannelId: null,
    finalMessageId: null,
    deletedAt: null,
    ...over,
  };
  return base as ActiveJob;
}

const status = (
  s: 'in_queue' | 'in_progress' | 'completed' | 'failed' | 'cancelled' | 'unknown',
  queuePosition?: number,
): ProviderAnswer => ({
  to: 'status',
  status: { status: s, rawStatus: s === 'unknown' ? 'warming_up' : s, ...(queuePosition === undefined ? {} : { queuePosition }) },
});
const result = (r: Extract<ProviderAnswer, { to: 'result' }>['result'], isVideo: ResultLook = true): ProviderAnswer => ({
  to: 'result',
  result: r,
  isVideo,
});
const error = (errorKind: string, during: 'status' | 'result' = 'status'): ProviderAnswer =>
  ({ to: 'error', during, errorKind }) as ProviderAnswer;

const soon = T0 + 2 * MIN;
const tooOld = T0 + 31 * MIN;
/** Ends are not due again before this poller's lease runs out: it delivers them itself. */
const leased = (now: number) => now + 120_000;

const CASES: [name: string, job: ActiveJob, answer: ProviderAnswer, now: number, expected: Decision][] = [
  [
    'queued, new position: stays queued, told, checked later the longer it waited',
    job('queued'),
    status('in_queue', 2),
    soon,
    { patch: { providerStatus: 'in_queue', queuePosition: 2, pollFailures: 0, nextPollAt: soon + 15_000 }, deliver: false, progress: true },
  ],
  [
    'queued, same position: not told',
    job('queued'),
    status('in_queue', 3),
    T0 + 3000,
    {
      patch: { providerStatus: 'in_queue', queuePosition: 3, pollFailures: 0, nextPollAt: T0 + 3000 + 4500 },
      deliver: false,
      progress: false,
    },
  ],
  [
    'queued, now rendering: moves to running with its start time',
    job('queued'),
    status('in_progress'),
    soon,
    {
      state: 'running',
      patch: { providerStatus: 'in_progress', queuePosition: null, startedAt: soon, pollFailures: 0, nextPollAt: soon + 4000 },
      deliver: false,
      progress: true,
    },
  ],
  [
    'running, still rendering: checked at the running pace, told (render time shown)',
    job('running'),
    status('in_progress'),
    soon,
    { patch: { pollFailures: 0, nextPollAt: soon + 4000 }, deliver: false, progress: true },
  ],
  [
    'unknown status: pending, never an end',
    job('queued'),
    status('unknown'),
    soon,
    { patch: { pollFailures: 0, nextPollAt: soon + 4000 }, deliver: false, progress: false, note: 'unknown_status' },
  ],
  ['completed: ask for the result', job('running'), status('completed'), soon, { ask: 'result' }],
  ['failed status: ask for the result (it says why)', job('running'), status('failed'), soon, { ask: 'result' }],
  ['finished past the age limit: still fetched, it was paid for', job('queued'), status('completed'), tooOld, { ask: 'result' }],
  [
    'result succeeded with a video: succeeded, delivered',
    job('running'),
    result({ status: 'succeeded', videoUrl: 'https://cdn/v.mp4', cost: 0.84 }),
    soon,
    {
      state: 'succeeded',
      patch: {
        queuePosition: null,
        providerStatus: 'succeeded',
        resultUrl: 'https://cdn/v.mp4',
        costUsd: 0.84,
        finishedAt: soon,
        nextPollAt: leased(soon),
      },
      deliver: true,
      progress: false,
    },
  ],
  [
    'result succeeded without a video: failed as no_video',
    job('running'),
    result({ status: 'succeeded' }),
    soon,
    {
      state: 'failed',
      patch: {
        queuePosition: null,
        providerStatus: 'succeeded',
        errorKind: 'no_video',
        errorMessage: null,
        costUsd: null,
        finishedAt: soon,
        nextPollAt: leased(soon),
      },
      deliver: true,
      progress: false,
    },
  ],
  [
    'result that is not a video: failed as not_a_video, cost kept',
    job('running'),
    result({ status: 'succeeded', videoUrl: 'https://cdn/page.html', cost: 0.84 }, false),
    soon,
    {
      state: 'failed',
      patch: {
        queuePosition: null,
        providerStatus: 'succeeded',
        errorKind: 'not_a_video',
        errorMessage: null,
        costUsd: 0.84,
        finishedAt: soon,
        nextPollAt: leased(soon),
      },
      deliver: true,
      progress: false,
    },
  ],
  [
    'result whose link the address rules refuse: failed as refused_address, cost kept',
    job('running'),
    result({ status: 'succeeded', videoUrl: 'http://169.254.169.254/latest', cost: 0.84 }, 'refused_address'),
    soon,
    {
      state: 'failed',
      patch: {
        queuePosition: null,
        providerStatus: 'succeeded',
        errorKind: 'refused_address',
        errorMessage: null,
        costUsd: 0.84,
        finishedAt: soon,
        nextPollAt: leased(soon),
      },
      deliver: true,
      progress: false,
    },
  ],
  [
    "result failed: provider_failed with the provider's own words",
    job('running'),
    result({ status: 'failed', error: 'content policy' }),
    soon,
    {
      state: 'failed',
      patch: {
        queuePosition: null,
        providerStatus: 'failed',
        errorKind: 'provider_failed',
        errorMessage: 'content policy',
        costUsd: null,
        finishedAt: soon,
        nextPollAt: leased(soon),
      },
      deliver: true,
      progress: false,
    },
  ],
  [
    'result cancelled at the provider: cancelled',
    job('queued'),
    result({ status: 'cancelled' }),
    soon,
    {
      state: 'cancelled',
      patch: {
        queuePosition: null,
        providerStatus: 'cancelled',
        errorKind: 'cancelled',
        errorMessage: null,
        costUsd: null,
        finishedAt: soon,
        nextPollAt: leased(soon),
      },
      deliver: true,
      progress: false,
    },
  ],
  [
    'result not caught up with the status: look again soon',
    job('running'),
    result({ status: 'in_progress' }),
    soon,
    { patch: { nextPollAt: soon + 3000 }, deliver: false, progress: false },
  ],
  [
    'request not found: failed as not_found, nothing more to learn',
    job('running'),
    error('not_found'),
    soon,
    {
      state: 'failed',
      patch: { queuePosition: null, errorKind: 'not_found', errorMessage: null, finishedAt: soon, nextPollAt: leased(soon) },
      deliver: true,
      progress: false,
      note: 'provider_lost',
    },
  ],
  [
    'not found past the age limit: still not_found, not a timeout',
    job('queued'),
    error('not_found'),
    tooOld,
    {
      state: 'failed',
      patch: { queuePosition: null, errorKind: 'not_found', errorMessage: null, finishedAt: tooOld, nextPollAt: leased(tooOld) },
      deliver: true,
      progress: false,
      note: 'provider_lost',
    },
  ],
  [
    'a failed check: same state, first backoff step',
    job('queued'),
    error('unavailable'),
    soon,
    { patch: { pollFailures: 1, nextPollAt: soon + 2000 }, deliver: false, progress: false, note: 'check_failed' },
  ],
  [
    'the fourth failed check in a row: doubled three times',
    job('running', { pollFailures: 3 }),
    error('rate_limited', 'result'),
    soon,
    { patch: { pollFailures: 4, nextPollAt: soon + 16_000 }, deliver: false, progress: false, note: 'check_failed' },
  ],
  [
    'many failed checks: capped at the maximum',
    job('running', { pollFailures: 40 }),
    error('unexpected'),
    soon,
    { patch: { pollFailures: 41, nextPollAt: soon + 60_000 }, deliver: false, progress: false, note: 'check_failed' },
  ],
  ['queued past the age limit: cancel it at the provider first', job('queued'), status('in_queue', 9), tooOld, { ask: 'cancel' }],
  ['a failed check past the age limit while queued: cancel too', job('queued'), error('unavailable'), tooOld, { ask: 'cancel' }],
  [
    'a failed result fetch past the age limit: backs off (the video may be there)',
    job('queued'),
    error('unavailable', 'result'),
    tooOld,
    { patch: { pollFailures: 1, nextPollAt: tooOld + 2000 }, deliver: false, progress: false, note: 'check_failed' },
  ],
  [
    'cancel at timeout succeeded: cancelled (unbilled) as timed_out',
    job('queued'),
    { to: 'cancel', outcome: 'cancelled' },
    tooOld,
    {
      state: 'cancelled',
      patch: {
        queuePosition: null,
        providerStatus: 'cancelled',
        errorKind: 'timed_out',
        errorMessage: null,
        finishedAt: tooOld,
        nextPollAt: leased(tooOld),
      },
      deliver: true,
      progress: false,
      note: 'cancelled_after_wait',
    },
  ],
  [
    'cancel at timeout refused (it just started): follow it as running',
    job('queued'),
    { to: 'cancel', outcome: 'not_cancellable' },
    tooOld,
    {
      state: 'running',
      patch: { providerStatus: 'in_progress', queuePosition: null, startedAt: tooOld, nextPollAt: tooOld + 4000 },
      deliver: false,
      progress: false,
    },
  ],
  [
    'cancel at timeout failed: timed out',
    job('queued'),
    { to: 'cancel', outcome: 'failed' },
    tooOld,
    {
      state: 'timed_out',
      patch: { queuePosition: null, errorKind: 'timed_out', errorMessage: null, finishedAt: tooOld, nextPollAt: leased(tooOld) },
      deliver: true,
      progress: false,
      note: 'timed_out',
    },
  ],
  [
    'rendering past the limit for too long: timed out, no cancel',
    job('running', { startedAt: T0 + MIN }),
    status('in_progress'),
    T0 + 20 * MIN + 31 * MIN,
    {
      state: 'timed_out',
      patch: {
        queuePosition: null,
        errorKind: 'timed_out',
        errorMessage: null,
        finishedAt: T0 + 51 * MIN,
        nextPollAt: leased(T0 + 51 * MIN),
      },
      deliver: true,
      progress: false,
      note: 'timed_out',
    },
  ],
  [
    'started rendering just before the limit: given the grace period',
    job('running', { startedAt: T0 + 29 * MIN }),
    status('in_progress'),
    tooOld,
    { patch: { pollFailures: 0, nextPollAt: tooOld + 4000 }, deliver: false, progress: true },
  ],
];

describe('decide', () => {
  it.each(CASES)('%s', (_name, claimed, answer, now, expected) => {
    expect(decide(claimed, answer, ctx(now))).toEqual(expected);
  });

  it('covers every answer kind and every end the poller can reach', () => {
    const answers = new Set(CASES.map(([, , a]) => a.to));
    expect([...answers].sort()).toEqual(['cancel', 'error', 'result', 'status']);
    const ends = new Set(CASES.flatMap(([, , , , d]) => (d.ask === undefined && d.state ? [d.state] : [])));
    expect([...ends].sort()).toEqual(['cancelled', 'failed', 'running', 'succeeded', 'timed_out']);
  });
});

describe('decideDeliveryFailure', () => {
  const ended = { createdAt: T0, finishedAt: T0 + MIN };
  it.each([
    [
      'first failure: retried after the first backoff step',
      0,
      T0 + 2 * MIN,
      { giveUp: false, patch: { deliveryAttempts: 1, nextPollAt: T0 + 2 * MIN + 2000 } },
    ],
    [
      'sixth failure: doubled five times',
      5,
      T0 + 2 * MIN,
      { giveUp: false, patch: { deliveryAttempts: 6, nextPollAt: T0 + 2 * MIN + 60_000 } },
    ],
    ['a day after the end: gives up', 300, T0 + MIN + 24 * 60 * MIN, { giveUp: true }],
  ] as const)('%s', (_name, deliveryAttempts, now, expected) => {
    expect(decideDeliveryFailure({ ...ended, deliveryAttempts }, ctx(now))).toEqual(expected);
  });
});
