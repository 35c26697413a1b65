/** The sentences a member reads about a job that ended without a video, chosen from its kind and facts. */
import { describe, expect, it } from 'vitest';
import { endingReason } from '../src/discord/copy.js';
import type { Job } from '../src/jobs/job.js';

const MIN = 60_000;
const base = {
  createdAt: 0,
  updatedAt: 0,
  submittedAt: null,
  startedAt: null,
  finishedAt: null,
  errorMessage: null,
  state: 'failed',
} as const;
const reason = (over: Partial<Job>): string | null => endingReason({ ...base, ...over } as Job) ?? null;

describe('endingReason', () => {
  it('quotes the provider on a failed render', () => {
    expect(reason({ errorKind: 'provider_failed', errorMessage: 'content policy' })).toBe(
      'The provider could not make this video: content policy',
    );
    expect(reason({ errorKind: 'provider_failed' })).toBe('The provider could not make this video.');
  });

  it('says how long a timed-out job waited, from its own times', () => {
    const waited = { submittedAt: 0, finishedAt: 31 * MIN };
    expect(reason({ errorKind: 'timed_out', state: 'cancelled', ...waited })).toMatch(/waited more than 31 minutes .* not billed/);
    expect(reason({ errorKind: 'timed_out', state: 'timed_out', ...waited })).toMatch(/did not finish this video within 31 minutes/);
  });

  it('tells apart a cancel before sending, in the queue and at the provider', () => {
    expect(reason({ errorKind: 'cancelled', state: 'cancelled' })).toMatch(/before it was sent/);
    expect(reason({ errorKind: 'cancelled', state: 'cancelled', submittedAt: 1 })).toMatch(/in the queue; it was not billed/);
    expect(reason({ errorKind: 'cancelled', state: 'cancelled', submittedAt: 1, startedAt: 2 })).toMatch(/at the provider/);
  });

  it('has a sentence for every kind the core and the provider client record', () => {
    expect(reason({ errorKind: 'outcome_unknown', state: 'outcome_unknown' })).toMatch(/not known whether the provider accepted/);
    expect(reason({ errorKind: 'not_found' })).toMatch(/no longer knows this job/);
    expect(reason({ errorKind: 'not_a_video' })).toContain('not a video');
    expect(reason({ errorKind: 'no_video' })).toMatch(/returned no video/);
    expect(reason({ errorKind: 'auth' })).toMatch(/operator.*token/i);
    expect(reason({ errorKind: 'balance' })).toMatch(/credit/);
    expect(reason({ errorKind: 'unavailable' })).toMatch(/try again later/i);
    expect(reason({ errorKind: 'input_rejected', errorMessage: 'duration: Input should be between 3 and 15' })).toBe(
      'duration: Input should be between 3 and 15',
    );
    for (const kind of ['start_failed', 'cannot_post', 'submit_failed', 'rate_limited', 'malformed']) {
      expect(reason({ errorKind: kind }), kind).toMatch(/\w+ \w+/);
    }
  });

  it('keeps the sentence a row from an earlier release stored', () => {
    const old = 'The provider could not make this video: content policy';
    expect(reason({ errorKind: 'provider_failed', errorMessage: old })).toBe(old);
    expect(reason({ errorKind: 'something_new', errorMessage: 'As it was written.' })).toBe('As it was written.');
  });
});
