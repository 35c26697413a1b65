/**
 * Hostile input, generated: whatever a member (or a forged interaction) sends is either accepted
 * as valid or refused with a message — never a crash, never a provider call with invalid input.
 */
import fc from 'fast-check';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { settingsCommand } from '../commands/settings.js';
import { videoCommand } from '../commands/video.js';
import { deriveCommandOptions } from '../src/discord/commandOptions.js';
import { JOB_ACTIONS, parseJobButtonId, parseVideoFormId } from '../src/discord/customIds.js';
import { problemsErrorText } from '../src/discord/problemText.js';
import { systemClock } from '../src/jobs/clock.js';
import { JobService } from '../src/jobs/jobService.js';
import type { VideoProvider } from '../src/jobs/provider.js';
import { draftFromForm, FormError } from '../src/model/formPlan.js';
import { klingTextToVideo } from '../src/model/models/klingTextToVideo.js';
import { DEFAULT_PRICES } from '../src/model/pricing.js';
import { InvalidInputError, parseVideoInput, videoInputSchema } from '../src/model/videoInput.js';
import { openSqliteStorage } from '../src/storage/sqlite/index.js';
import { makeTempDir } from '../testkit/world/tempDir.js';
import { expectFacts } from './helpers/facts.js';

const ZERO_WIDTH = ['\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u00AD'];

/** Text with unicode, zero-width characters and control characters sprinkled in. */
const hostileText = (maxLength: number) =>
  fc
    .tuple(
      fc.string({ unit: 'binary', maxLength }),
      fc.array(fc.tuple(fc.nat(), fc.constantFrom(...ZERO_WIDTH, '\n', '|', '=', '@everyone', '\u0000')), { maxLength: 8 }),
    )
    .map(([base, inserts]) => inserts.reduce((s, [at, ch]) => s.slice(0, at % (s.length + 1)) + ch + s.slice(at % (s.length + 1)), base));

const hostileNumber = fc.oneof(
  fc.integer({ min: -20, max: 40 }),
  fc.double({ noNaN: false }),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0, 2 ** 53, 3, 15, 0, 1, 2.9999999, 15.0000001),
);
const anyValue = fc.oneof(
  hostileText(3000),
  hostileNumber,
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.array(fc.anything(), { maxLength: 3 }),
);

const draft = fc.record(
  {
    prompt: fc.oneof(hostileText(3000), anyValue),
    negative_prompt: fc.oneof(hostileText(3000), anyValue),
    duration: fc.oneof(hostileNumber, anyValue),
    aspect_ratio: fc.oneof(fc.constantFrom('16:9', '9:16', '1:1', '4:3', '', '16:9 '), anyValue),
    cfg_scale: fc.oneof(hostileNumber, anyValue),
    sound: fc.oneof(fc.boolean(), anyValue),
    multi_prompt: fc.oneof(
      fc.array(fc.record({ prompt: hostileText(600), duration: hostileNumber }, { requiredKeys: [] }), { maxLength: 25 }),
      anyValue,
    ),
    shot_type: fc.oneof(fc.constantFrom('customize', 'intelligent'), anyValue),
  },
  { requiredKeys: [] },
);

/** Drafts near the valid region, so that some reach the provider and the limits on the edge are hit. */
const plausibleDraft = fc.record(
  {
    prompt: fc.string({ minLength: 0, maxLength: 2600 }),
    negative_prompt: fc.string({ maxLength: 2600 }),
    duration: fc.integer({ min: 2, max: 16 }),
    aspect_ratio: fc.constantFrom('16:9', '9:16', '1:1', '4:3'),
    cfg_scale: fc.double({ min: -0.1, max: 1.1, noNaN: true }),
    sound: fc.boolean(),
    multi_prompt: fc.array(fc.record({ prompt: fc.string({ minLength: 1, maxLength: 520 }), duration: fc.integer({ min: 2, max: 8 }) }), {
      minLength: 1,
      maxLength: 5,
    }),
  },
  { requiredKeys: ['prompt'] },
);

/** Parses, or returns the member-facing message; anything else is a bug. */
function outcome(run: () => unknown): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, value: run() };
  } catch (error) {
    if (error instanceof InvalidInputError || error instanceof FormError) {
      // The core hands over facts only; the words are the Discord layer's.
      for (const problem of error.problems) expectFacts(problem);
      return { ok: false, message: problemsErrorText('en', error) ?? '' };
    }
    throw error;
  }
}

describe('hostile input', () => {
  it('the schema accepts valid input or refuses with a message naming a field, never crashing', () => {
    fc.assert(
      fc.property(draft, (d) => {
        const result = outcome(() => parseVideoInput(d));
        if (result.ok) {
          // Whatever is accepted satisfies every limit, re-checked independently.
          const input = videoInputSchema.parse(result.value);
          expect(input.prompt.trim().length).toBeGreaterThan(0);
          expect(input.prompt.length).toBeLessThanOrEqual(2500);
          expect(Number.isInteger(input.duration) && input.duration >= 3 && input.duration <= 15).toBe(true);
          expect(input.cfg_scale >= 0 && input.cfg_scale <= 1).toBe(true);
          if (input.multi_prompt) expect(input.multi_prompt.reduce((s, x) => s + x.duration, 0)).toBe(input.duration);
        } else {
          expect(result.message).toMatch(/^Your request was not sent/);
          expect(result.message.length).toBeLessThan(4000);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('the multi-shot form parser accepts or refuses any text, never crashing', () => {
    const lines = fc.array(
      fc.oneof(
        fc.tuple(fc.oneof(fc.integer({ min: -5, max: 30 }).map(String), hostileText(5)), hostileText(600)).map(([s, p]) => `${s} | ${p}`),
        hostileText(200),
      ),
      { maxLength: 25 },
    );
    fc.assert(
      fc.property(hostileText(3000), lines, hostileText(200), hostileText(300), (prompt, shotLines, settings, negative) => {
        const result = outcome(() =>
          parseVideoInput(
            draftFromForm(klingTextToVideo, {
              prompt,
              multi_prompt: shotLines.join('\n'),
              cfg_scale: settings,
              duration: settings.slice(0, 3),
              negative_prompt: negative,
            }),
          ),
        );
        if (!result.ok) expect(result.message).toMatch(/^Your request was not sent/);
      }),
      { numRuns: 300 },
    );
  });

  it('reads shot lines through zero-width characters', () => {
    const input = parseVideoInput(draftFromForm(klingTextToVideo, { prompt: 'p', multi_prompt: '\u200B5\u200D | a\n5\uFEFF | b' }));
    expect(input.multi_prompt?.map((s) => s.duration)).toEqual([5, 5]);
  });

  it('never sends invalid input to the provider', async () => {
    const temp = makeTempDir();
    const storage = await openSqliteStorage({ path: temp.file('bot.db'), logger: pino({ level: 'silent' }) });
    const sent: Record<string, unknown>[] = [];
    const provider: VideoProvider = {
      submit: async (body) => {
        sent.push({ ...body });
        return { requestId: `r${sent.length}` };
      },
      status: async () => ({ status: 'in_queue', rawStatus: 'in_queue' }),
      result: async () => ({ status: 'in_queue' }),
      cancel: async () => ({ outcome: 'cancelled' }),
    };
    const service = new JobService({
      store: storage.jobs,
      provider,
      clock: systemClock,
      logger: pino({ level: 'silent' }),
      prices: DEFAULT_PRICES,
    });
    await fc.assert(
      fc.asyncProperty(fc.oneof(draft, plausibleDraft), async (d) => {
        const result = outcome(() => parseVideoInput(d));
        if (!result.ok) return;
        const job = await service.create({ guildId: '1', channelId: '2', userId: '3' }, result.value as ReturnType<typeof parseVideoInput>);
        await service.submit(job.id);
      }),
      { numRuns: 400 },
    );
    // Checked against the provider's documented limits written out here, not against the schema
    // that produced the bodies: a loosened schema must fail this test.
    for (const body of sent) {
      const prompt = body.prompt as string;
      expect(typeof prompt === 'string' && prompt.trim().length >= 1 && prompt.length <= 2500).toBe(true);
      expect(body.negative_prompt === undefined || (body.negative_prompt as string).length <= 2500).toBe(true);
      expect(Number.isInteger(body.duration) && (body.duration as number) >= 3 && (body.duration as number) <= 15).toBe(true);
      expect(['16:9', '9:16', '1:1']).toContain(body.aspect_ratio);
      expect((body.cfg_scale as number) >= 0 && (body.cfg_scale as number) <= 1).toBe(true);
      expect(typeof body.sound).toBe('boolean');
      const shots = body.multi_prompt as { prompt: string; duration: number }[] | undefined;
      if (shots) {
        expect(shots.length >= 1 && shots.length <= 20).toBe(true);
        for (const shot of shots) {
          expect(shot.prompt.trim().length >= 1 && shot.prompt.length <= 512).toBe(true);
          expect(Number.isInteger(shot.duration) && shot.duration >= 3 && shot.duration <= 15).toBe(true);
        }
        expect(shots.reduce((sum, shot) => sum + shot.duration, 0)).toBe(body.duration);
      }
    }
    expect(sent.length).toBeGreaterThan(0);
    await storage.close();
    temp.remove();
  });

  it('refuses forged custom ids', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          hostileText(120),
          fc
            .tuple(fc.constantFrom('job', 'form', 'x'), fc.constantFrom(...JOB_ACTIONS, 'remix', 'animate', 'drop'), hostileText(30))
            .map((p) => p.join(':')),
        ),
        (id) => {
          const parsed = parseJobButtonId(id);
          if (parsed) {
            expect(JOB_ACTIONS).toContain(parsed.action);
            expect(parsed.jobId).toMatch(/^[a-z0-9]{6,20}$/);
            expect(id).toBe(`job:${parsed.action}:${parsed.jobId}`);
          }
          const form = parseVideoFormId(id);
          if (form?.parentId) expect(form.parentId).toMatch(/^[a-z0-9]{6,20}$/);
          if (form?.animate?.pictureFormId) expect(id).toBe(`form:animate:${form.animate.pictureFormId}`);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('derives slash options within Discord’s limits', () => {
    for (const command of [videoCommand, settingsCommand]) {
      let chars = command.name.length + command.description.length;
      const walk = (
        options: readonly {
          name: string;
          description: string;
          options?: readonly unknown[];
          max_length?: number;
          choices?: readonly unknown[];
        }[],
      ) => {
        expect(options.length).toBeLessThanOrEqual(25);
        for (const option of options) {
          expect(option.name).toMatch(/^[-_a-z0-9]{1,32}$/);
          expect(option.description.length).toBeGreaterThan(0);
          expect(option.description.length).toBeLessThanOrEqual(100);
          if (option.max_length !== undefined) expect(option.max_length).toBeLessThanOrEqual(6000);
          if (option.choices) expect(option.choices.length).toBeLessThanOrEqual(25);
          chars += option.name.length + option.description.length;
          if (option.options) walk(option.options as typeof options);
        }
      };
      walk(command.options);
      expect(chars).toBeLessThanOrEqual(8000);
    }
    const options = deriveCommandOptions(videoInputSchema, { omit: ['multi_prompt'] });
    expect(options[0]?.name).toBe('prompt');
    expect(options.map((o) => o.name)).not.toContain('shot_type');
  });
});
