/**
 * The core speaks facts, the Discord layer speaks words: every problem, refusal and ending the
 * core hands over is a kind with data, never a sentence, and every one of them has words in
 * each of the six languages.
 */
import { describe, expect, it } from 'vitest';
import { decideAdmission } from '../src/community/admission.js';
import { applySettingsPatch, DEFAULT_GUILD_SETTINGS, type GuildSettings } from '../src/community/guildSettings.js';
import { LANGUAGES } from '../src/community/languages.js';
import { copyFor } from '../src/discord/copy.js';
import { imageProblemText, problemsErrorText } from '../src/discord/problemText.js';
import { decide } from '../src/jobs/decide.js';
import type { ActiveJob, Job } from '../src/jobs/job.js';
import { DEFAULT_SCHEDULE } from '../src/jobs/schedule.js';
import { draftFromForm, parseShotLines } from '../src/model/formPlan.js';
import { checkImageFacts } from '../src/model/imageRules.js';
import { klingImageToVideo } from '../src/model/models/klingImageToVideo.js';
import { klingTextToVideo } from '../src/model/models/klingTextToVideo.js';
import { parseModelInput } from '../src/model/models.js';
import { ProblemsError } from '../src/model/problemsError.js';
import { parseVideoInput } from '../src/model/videoInput.js';
import { expectFacts } from './helpers/facts.js';

function thrown(run: () => unknown): ProblemsError<{ code: string }> {
  try {
    run();
  } catch (error) {
    if (error instanceof ProblemsError) return error;
    throw error;
  }
  throw new Error('accepted');
}

/** Each source of problems, with input that breaks its rules. */
const PROBLEM_SOURCES: [string, () => unknown][] = [
  ['the input schema', () => parseVideoInput({ prompt: '', duration: 42, aspect_ratio: '4:3', cfg_scale: 'x', sound: 'yes', extra: 1 })],
  ['the shots', () => parseVideoInput({ prompt: 'a', duration: 9, multi_prompt: [{ prompt: 'x'.repeat(600), duration: 2 }] })],
  ['the shot total', () => parseVideoInput({ prompt: 'a', duration: 9, multi_prompt: [{ prompt: 'b', duration: 5 }] })],
  ['a model of pictures', () => parseModelInput(klingImageToVideo, { prompt: 'a', duration: 2.5, negative_prompt: 'y'.repeat(2600) })],
  ['shot lines', () => parseShotLines('a fox without seconds\nfive | a fox\n5 | ok')],
  ['a form', () => draftFromForm(klingTextToVideo, { prompt: 'a', multi_prompt: 'no bar here' })],
  [
    'server settings',
    () =>
      applySettingsPatch(DEFAULT_GUILD_SETTINGS, {
        maxConcurrentPerMember: 0,
        dailyBudgetPerMemberUsd: -1,
        blockedPhrases: ['ok', '?!', ''],
        showcaseChannelId: '#general',
        nope: true,
      } as Partial<GuildSettings>),
  ],
];

describe('the core speaks facts', () => {
  for (const [source, run] of PROBLEM_SOURCES) {
    it(`${source}: returns problems as facts, worded in all six languages`, () => {
      const error = thrown(run);
      expect(error.problems.length).toBeGreaterThan(0);
      for (const problem of error.problems) expectFacts(problem);
      const texts = LANGUAGES.map((language) => problemsErrorText(language, error) ?? '');
      // Six different sentences: none falls back to another language.
      expect(new Set(texts).size).toBe(LANGUAGES.length);
      for (const text of texts) expect(text).not.toMatch(/undefined|\{|\}/);
    });
  }

  it('the picture rules return a kind and numbers', () => {
    const limits = klingImageToVideo.imageLimits;
    const problems = [
      checkImageFacts('start', { contentType: 'text/plain' }, limits),
      checkImageFacts('start', { contentType: 'image/gif' }, limits),
      checkImageFacts('end', { bytes: 99_000_000 }, limits),
      checkImageFacts('start', { width: 10, height: 10 }, limits),
      checkImageFacts('start', { width: 300, height: 3000 }, limits),
    ];
    for (const problem of problems) {
      expect(problem).toBeDefined();
      expectFacts(problem);
      expect(new Set(LANGUAGES.map((language) => imageProblemText(language, problem as never))).size).toBe(LANGUAGES.length);
    }
  });

  it('admission refuses with a kind and data', () => {
    const request = {
      guildId: '1',
      channelId: '2',
      parentChannelId: null,
      userId: '3',
      roleIds: [],
      input: parseVideoInput({ prompt: 'a forbidden word' }),
      estimateUsd: 0.84,
    };
    const verdicts = [
      decideAdmission(request, { ...DEFAULT_GUILD_SETTINGS, allowedChannelIds: ['9'] }, idle(), 0),
      decideAdmission(request, { ...DEFAULT_GUILD_SETTINGS, requiredRoleId: '8' }, idle(), 0),
      decideAdmission(request, { ...DEFAULT_GUILD_SETTINGS, blockedPhrases: ['forbidden'] }, idle(), 0),
      decideAdmission(request, { ...DEFAULT_GUILD_SETTINGS, maxWaitingPerMember: 0 }, { ...idle(), unfinishedJobs: 5 }, 0),
      decideAdmission(request, DEFAULT_GUILD_SETTINGS, { ...idle(), memberSpentUsd: 4.9 }, 0),
    ];
    for (const verdict of verdicts) {
      if (verdict.ok) throw new Error('admitted');
      expectFacts(verdict.refusal);
      expect(new Set(LANGUAGES.map((language) => copyFor(language).admissionRefusalText(verdict.refusal))).size).toBe(LANGUAGES.length);
    }
  });

  it('a job ends with a kind, and keeps only the provider’s own words', () => {
    const now = 1_800_000_000_000;
    const ctx = {
      now,
      schedule: DEFAULT_SCHEDULE,
      maxJobAgeMs: 30 * 60_000,
      runningGraceMs: 15 * 60_000,
      leaseMs: 120_000,
      random: () => 0.5,
    };
    const job = runningJob(now) as ActiveJob;
    const endings = [
      decide(job, { to: 'result', result: { status: 'failed', error: 'Content policy: the prompt was refused.' }, isVideo: false }, ctx),
      decide(job, { to: 'result', result: { status: 'succeeded', videoUrl: 'https://example.com/v.mp4' }, isVideo: false }, ctx),
      decide(job, { to: 'result', result: { status: 'cancelled' }, isVideo: false }, ctx),
      decide(job, { to: 'error', during: 'result', errorKind: 'not_found' }, ctx),
    ];
    for (const decision of endings) {
      const patch = (decision as { patch: Partial<Job> }).patch;
      expect(patch.errorKind).toEqual(expect.any(String));
      // The provider's own words are quoted as they came, not the core's sentence.
      expect([null, undefined, 'Content policy: the prompt was refused.']).toContain(patch.errorMessage);
      expectFacts({ ...patch, errorMessage: null });
      const ended = { ...job, ...patch } as Job;
      expect(new Set(LANGUAGES.map((language) => copyFor(language).endingReason(ended))).size).toBe(LANGUAGES.length);
    }
  });
});

function idle() {
  return { unfinishedJobs: 0, memberSpentUsd: 0, serverSpentUsd: 0 };
}

function runningJob(now: number): Job {
  return {
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
    state: 'running',
    requestId: 'req-1',
    providerStatus: 'in_progress',
    queuePosition: null,
    errorKind: null,
    errorMessage: null,
    resultUrl: null,
    estimateUsd: 0.84,
    costUsd: null,
    cancelRefusedAt: null,
    createdAt: now,
    updatedAt: now,
    submittedAt: now,
    startedAt: now,
    finishedAt: null,
    nextPollAt: now,
    leaseOwner: 'me',
    pollFailures: 0,
    deliveryAttempts: 0,
    deliveredAt: null,
    finalChannelId: null,
    finalMessageId: null,
    deletedAt: null,
  };
}
