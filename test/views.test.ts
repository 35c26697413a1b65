/** The pure views and the copy module: data in, what a member reads out. */
import { describe, expect, it } from 'vitest';
import { canActOn } from '../src/community/actor.js';
import { DEFAULT_GUILD_SETTINGS } from '../src/community/guildSettings.js';
import { admissionRefusalText, endingReason, finalFailureText, shareProblemText } from '../src/discord/copy.js';
import { helpText } from '../src/discord/views/help.js';
import { jobsListText } from '../src/discord/views/jobsList.js';
import { settingsText } from '../src/discord/views/settingsText.js';
import { statusReplyText } from '../src/discord/views/statusReply.js';
import { usageText } from '../src/discord/views/usageText.js';
import { videoFormView } from '../src/discord/views/videoForm.js';
import type { Job } from '../src/jobs/job.js';
import { canCancel, canDelete, canRetry, JOB_STATES, RETRYABLE_STATES } from '../src/jobs/jobState.js';
import { klingTextToVideo } from '../src/model/models/klingTextToVideo.js';
import { parseVideoInput } from '../src/model/videoInput.js';

const NOW = Date.UTC(2025, 5, 1, 12, 0, 0);

function job(overrides: Partial<Job> = {}): Job {
  return {
    id: 'abc123def',
    guildId: '1',
    channelId: '2',
    userId: '3',
    threadId: null,
    statusMessageId: null,
    input: parseVideoInput({ prompt: 'a paper boat', duration: 5 }),
    kind: 'new',
    modelId: 'kling-3.0-pro-t2v',
    images: null,
    parentId: null,
    state: 'queued',
    requestId: 'req',
    providerStatus: null,
    queuePosition: null,
    errorKind: null,
    errorMessage: null,
    resultUrl: null,
    estimateUsd: 0.56,
    costUsd: null,
    cancelRefusedAt: null,
    createdAt: NOW,
    updatedAt: NOW,
    submittedAt: NOW,
    startedAt: null,
    finishedAt: null,
    nextPollAt: null,
    leaseOwner: null,
    pollFailures: 0,
    deliveryAttempts: 0,
    deliveredAt: null,
    finalChannelId: null,
    finalMessageId: null,
    deletedAt: null,
    ...overrides,
  };
}

describe('the copy module', () => {
  it('words a job’s ending from its kind, not from the text the core stored', () => {
    expect(endingReason(job({ state: 'failed', errorKind: 'no_video', errorMessage: null }))).toBe(
      'The provider finished the job but returned no video.',
    );
    expect(endingReason(job({ state: 'cancelled', errorKind: 'cancelled', submittedAt: null }))).toContain('before it was sent');
    expect(endingReason(job({ state: 'cancelled', errorKind: 'timed_out' }))).toMatch(
      /waited more than \d+ minutes in the provider's queue/,
    );
    expect(endingReason(job({ state: 'timed_out', errorKind: 'timed_out' }))).toContain('stopped waiting');
  });

  it('shows the provider’s own reason as it wrote it, from new rows and from rows of older releases', () => {
    const reason = 'The prompt was flagged by the safety filter';
    expect(endingReason(job({ state: 'failed', errorKind: 'provider_failed', errorMessage: reason }))).toBe(
      `The provider could not make this video: ${reason}`,
    );
    expect(
      endingReason(
        job({ state: 'failed', errorKind: 'provider_failed', errorMessage: `The provider could not make this video: ${reason}` }),
      ),
    ).toBe(`The provider could not make this video: ${reason}`);
  });

  it('falls back to the stored text for a kind it does not know (an older release’s row)', () => {
    expect(endingReason(job({ state: 'failed', errorKind: 'something_old', errorMessage: 'Old words.' }))).toBe('Old words.');
  });

  it('mentions the member in a final failure message', () => {
    expect(finalFailureText(job({ state: 'outcome_unknown', errorKind: 'outcome_unknown' }))).toMatch(
      /^<@3> .*not known whether the provider accepted/,
    );
  });

  it('words admission refusals and share problems from their data', () => {
    expect(admissionRefusalText({ kind: 'blocked', place: { field: 'shot', shot: 2 }, phrase: 'a*b' })).toBe(
      'Your video was not started: the prompt of shot 2 contains "a\\*b", which is blocked on this server. Reword it and try again.',
    );
    expect(shareProblemText({ kind: 'too_large', limitBytes: 25 * 1024 * 1024 })).toContain('(25 MiB)');
  });
});

describe('the views', () => {
  it('prefills the remix form within Discord’s limits', () => {
    const form = videoFormView({
      title: 'Remix this video, which has a long title indeed',
      customId: 'form:remix:abc123def',
      model: klingTextToVideo,
      shots: false,
      uploads: false,
      values: job().input,
      kept: true,
    });
    expect(form.title.length).toBeLessThanOrEqual(45);
    expect(JSON.stringify(form.components)).toContain('a paper boat');
  });

  it('lists the settings, marking a save', () => {
    const text = settingsText({ ...DEFAULT_GUILD_SETTINGS, blockedPhrases: ['x`y'] }, true);
    expect(text.split('\n').slice(0, 2)).toEqual(['Saved.', '**Video bot settings**']);
    expect(text).toContain("Blocked phrases: `x'y`");
  });

  it('reports usage with what is left of a budget', () => {
    const text = usageText({
      mineUsd: 1,
      serverUsd: 2,
      memberBudgetUsd: 5,
      serverBudgetUsd: null,
      byState: [['timed_out', 1]],
      unfinished: 0,
      maxConcurrent: 2,
      msUntilReset: 90 * 60_000,
    });
    expect(text).toContain('You: $1.00 of $5.00 ($4.00 left)');
    expect(text).toContain('Whole server: $2.00 (no limit)');
    expect(text).toContain('Your videos today: 1 timed out');
    expect(text).toContain('in 1 h 30 min.');
  });

  it('lists jobs and shows one job', () => {
    expect(jobsListText([job()], NOW)).toContain('`abc123def` a paper boat — 🕒 In the queue');
    expect(jobsListText([job()], NOW)).toContain('Kling 3.0 Pro text-to-video');
    expect(jobsListText([job({ modelId: 'kling-3.0-pro-i2v' })], NOW)).toContain('Kling 3.0 Pro image-to-video');
    expect(statusReplyText(job({ modelId: 'kling-3.0-pro-i2v' }), NOW)).toContain('Model: Kling 3.0 Pro image-to-video');
    expect(statusReplyText(job({ threadId: '9' }), NOW).split('\n')).toEqual([
      '**Job `abc123def`** by <@3>',
      'a paper boat',
      expect.stringContaining('about $0.56'),
      '🕒 In the queue',
      'Thread: <#9>',
    ]);
    expect(helpText({ perSecond: 0.1, perSecondWithSound: 0.2 })).toContain('about $0.20 a second with sound, $0.10 without');
  });
});

describe('who may act on a job', () => {
  it('lets the maker and a moderator act, and nobody else', () => {
    const failed = job({ state: 'failed' });
    expect(canActOn(failed, { userId: '3', isModerator: false }, 'retry')).toEqual({ ok: true });
    expect(canActOn(failed, { userId: '4', isModerator: true }, 'delete')).toEqual({ ok: true });
    expect(canActOn(failed, { userId: '4', isModerator: false }, 'cancel')).toEqual({ ok: false, why: 'not_owner' });
  });

  it('takes what can be retried from the state table', () => {
    for (const state of JOB_STATES) {
      const decision = canActOn(job({ state }), { userId: '3', isModerator: false }, 'retry');
      expect(decision.ok).toBe((RETRYABLE_STATES as readonly string[]).includes(state));
    }
    expect(JOB_STATES.filter(canRetry)).toEqual(['failed', 'cancelled', 'timed_out', 'outcome_unknown']);
    expect(JOB_STATES.filter(canCancel)).toEqual(['waiting', 'created', 'submitting', 'queued', 'running']);
    expect(JOB_STATES.filter(canDelete)).toEqual(['succeeded']);
  });
});
