/** The pure views and the copy module: data in, what a member reads out. */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { canActOn } from '../src/community/actor.js';
import { DEFAULT_GUILD_SETTINGS } from '../src/community/guildSettings.js';
import { LANGUAGES } from '../src/community/languages.js';
import { admissionRefusalText, copyFor, EN, endingReason, finalFailureText } from '../src/discord/copy.js';
import { en } from '../src/discord/i18n/en.js';
import { CATALOGUES } from '../src/discord/i18n/translate.js';
import { shareProblemText } from '../src/discord/problemText.js';
import { helpText } from '../src/discord/views/help.js';
import { jobsListText } from '../src/discord/views/jobsList.js';
import { settingsText } from '../src/discord/views/settingsText.js';
import { statusReplyText } from '../src/discord/views/statusReply.js';
import { usageText } from '../src/discord/views/usageText.js';
import { videoFormView } from '../src/discord/views/videoForm.js';
import type { Job } from '../src/jobs/job.js';
import { canCancel, canDelete, canRetry, JOB_STATES, RETRYABLE_STATES } from '../src/jobs/jobState.js';
import { defineModel } from '../src/model/modelDefinition.js';
import { klingImageToVideo } from '../src/model/models/klingImageToVideo.js';
import { klingTextToVideo } from '../src/model/models/klingTextToVideo.js';
import { parseVideoInput } from '../src/model/videoInput.js';
import { validateModal } from '../testkit/discord/modalValidation.js';

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
    takeGroup: null,
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
    expect(shareProblemText('en', { kind: 'too_large', limitBytes: 25 * 1024 * 1024 })).toContain('(25 MiB)');
  });
});

describe('the views', () => {
  it('prefills the remix form within Discord’s limits', () => {
    const form = videoFormView(
      {
        title: 'Remix this video, which has a long title indeed',
        customId: 'form:remix:abc123def',
        model: klingTextToVideo,
        shots: false,
        uploads: false,
        values: job().input,
        kept: true,
      },
      EN,
    );
    expect(form.title.length).toBeLessThanOrEqual(45);
    expect(JSON.stringify(form.components)).toContain('a paper boat');
  });

  it('lists the settings, marking a save', () => {
    const text = settingsText({ ...DEFAULT_GUILD_SETTINGS, blockedPhrases: ['x`y'] }, EN, 'en', true);
    expect(text.split('\n').slice(0, 2)).toEqual(['Saved.', '**Video bot settings**']);
    expect(text).toContain("Blocked phrases: `x'y`");
  });

  it('reports usage with what is left of a budget', () => {
    const text = usageText(
      {
        mineUsd: 1,
        serverUsd: 2,
        memberBudgetUsd: 5,
        serverBudgetUsd: null,
        byState: [['timed_out', 1]],
        inProgress: 0,
        maxConcurrent: 2,
        msUntilReset: 90 * 60_000,
      },
      EN,
    );
    expect(text).toContain('You: $1.00 of $5.00 ($4.00 left)');
    expect(text).toContain('Whole server: $2.00 (no limit)');
    expect(text).toContain('Your videos today: 1 timed out');
    expect(text).toContain('in 1 h 30 min.');
  });

  it('lists jobs and shows one job', () => {
    expect(jobsListText([job()], NOW, EN)).toContain('`abc123def` a paper boat — 🕒 In the queue');
    expect(jobsListText([job()], NOW, EN)).toContain('Kling 3.0 Pro text-to-video');
    expect(jobsListText([job({ modelId: 'kling-3.0-pro-i2v' })], NOW, EN)).toContain('Kling 3.0 Pro image-to-video');
    expect(statusReplyText(job({ modelId: 'kling-3.0-pro-i2v' }), NOW, EN)).toContain('Model: Kling 3.0 Pro image-to-video');
    expect(statusReplyText(job({ threadId: '9' }), NOW, EN).split('\n')).toEqual([
      '**Job `abc123def`** by <@3>',
      'a paper boat',
      expect.stringContaining('about $0.56'),
      '🕒 In the queue',
      'Thread: <#9>',
    ]);
    expect(helpText({ perSecond: 0.1, perSecondWithSound: 0.2 }, EN)).toContain('about $0.20 a second with sound, $0.10 without');
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

describe('the video form view', () => {
  const form = (overrides: Partial<Parameters<typeof videoFormView>[0]> = {}, copy = copyFor('en')) =>
    videoFormView(
      {
        title: 'Multi-shot video',
        customId: 'form:new',
        model: klingTextToVideo,
        shots: true,
        uploads: false,
        values: {},
        kept: false,
        ...overrides,
      },
      copy,
    );
  type Shown = { type: number; label?: string; description?: string; content?: string; component?: Record<string, unknown> };
  const shown = (modal: ReturnType<typeof videoFormView>) => modal.components as unknown as Shown[];

  it('makes each field a label holding the component of its kind, within Discord’s limits, in every language', () => {
    for (const language of LANGUAGES) {
      for (const request of [
        {},
        { shots: false, values: job().input, kept: true },
        { model: klingImageToVideo, shots: false },
        { model: klingImageToVideo, shots: false, uploads: true, customId: 'form:picture' },
      ]) {
        const modal = form(request, copyFor(language));
        expect(() => validateModal(modal)).not.toThrow();
      }
    }
    const [prompt, shots, ratio, sound, note] = shown(form());
    expect(prompt).toMatchObject({
      type: 18,
      label: 'Prompt (the whole video)',
      component: { type: 4, style: 2, required: true, max_length: 2500 },
    });
    expect(prompt?.description).toBe('Scene, motion, camera style and atmosphere of the video');
    expect(shots).toMatchObject({ type: 18, component: { type: 4, custom_id: 'multi_prompt', required: false } });
    expect(ratio).toMatchObject({ type: 18, label: 'Frame shape', description: 'Frame shape of the video (default 16:9)' });
    expect(ratio?.component).toMatchObject({ type: 21, options: [{ value: '16:9', default: true }, { value: '9:16' }, { value: '1:1' }] });
    expect(sound).toMatchObject({ label: 'Sound', component: { type: 23, custom_id: 'sound', default: true } });
    expect(note).toEqual({ type: 10, content: 'Not in this form (default): Negative prompt: none · CFG scale: 0.5' });
  });

  it('offers the duration as a list with the job’s value chosen, and words the form in the member’s language', () => {
    const modal = form({ shots: false, values: { ...job().input, duration: 8 }, kept: true }, copyFor('de'));
    const duration = shown(modal).find((c) => c.component?.custom_id === 'duration');
    expect(duration?.label).toBe('Länge in Sekunden');
    expect(duration?.description).toBe('Länge des Videos in Sekunden (Standard 5)');
    const options = duration?.component?.options as { value: string; default?: boolean }[];
    expect(duration?.component).toMatchObject({ type: 3, min_values: 1, max_values: 1 });
    expect(options.map((o) => o.value)).toEqual(['3', '4', '5', '6', '7', '8', '9', '10', '11', '12', '13', '14', '15']);
    expect(options.filter((o) => o.default).map((o) => o.value)).toEqual(['8']);
    expect(shown(modal).at(-1)?.content).toMatch(/^Nicht in diesem Formular \(vom Original übernommen\): /);
  });

  it('uses a select for more than ten choices and a text input for a range too wide to list', () => {
    const model = defineModel({
      ...klingTextToVideo,
      id: 'wide',
      schema: z.object({
        prompt: z.string().min(1),
        style: z.enum(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k']).default('c'),
        seed: z.number().int().min(0).max(1000).default(7),
      }),
      formOrder: ['prompt', 'style', 'seed'],
    });
    const [, style, seed] = shown(form({ model, shots: false }));
    expect(style?.component).toMatchObject({ type: 3, custom_id: 'style' });
    const styleOptions = (style?.component?.options ?? []) as { default?: boolean; value: string }[];
    expect(styleOptions.find((o) => o.default)?.value).toBe('c');
    expect(seed?.component).toMatchObject({ type: 4, style: 1, value: '7' });
  });

  it('takes the pictures as uploads: one required file, one optional', () => {
    const [image, end] = shown(form({ model: klingImageToVideo, shots: false, uploads: true }));
    expect(image).toMatchObject({
      label: 'Picture (the first frame)',
      component: { type: 19, custom_id: 'image', min_values: 1, max_values: 1, required: true },
    });
    expect(image?.description).toBe('The picture that becomes the first frame (JPEG or PNG)');
    expect(end?.component).toMatchObject({ type: 19, custom_id: 'end_image', min_values: 0, max_values: 1, required: false });
  });

  it('has the words of the forms in every catalogue', () => {
    const formKeys = Object.keys(en).filter((key) => key.startsWith('form.'));
    expect(formKeys).toEqual(
      expect.arrayContaining([
        'form.durationLabel',
        'form.aspectRatioLabel',
        'form.soundLabel',
        'form.notInForm',
        'form.uploadTitle',
        'form.imageMissing',
      ]),
    );
    expect(formKeys).not.toContain('form.settingsLabel');
    for (const language of LANGUAGES) {
      for (const key of [...formKeys, 'help.animateButton'])
        expect(CATALOGUES[language][key as keyof typeof en], `${language} ${key}`).toBeTruthy();
    }
  });
});
