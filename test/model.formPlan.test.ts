/** The form plan derived from a model's schema, the slot cut, and a submission read back into a draft. */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { describeFormFields, draftFromForm, FormError, parseShotLines, planForm } from '../src/model/formPlan.js';
import { defineModel } from '../src/model/modelDefinition.js';
import { klingImageToVideo } from '../src/model/models/klingImageToVideo.js';
import { klingTextToVideo } from '../src/model/models/klingTextToVideo.js';
import { parseModelInput } from '../src/model/models.js';
import { DEFAULT_PRICES } from '../src/model/pricing.js';
import { parseVideoInput } from '../src/model/videoInput.js';

const keys = (plan: { fields: { field: { key: string } }[] }) => plan.fields.map(({ field }) => field.key);
const leftOf = (plan: { left: { field: { key: string }; value: unknown }[] }) => plan.left.map(({ field, value }) => [field.key, value]);

describe('the form fields of a model', () => {
  it('reads each field’s kind, limits, default and description from the schema, in the model’s order', () => {
    const fields = describeFormFields(klingTextToVideo);
    expect(fields.map((f) => f.key)).toEqual([
      'prompt',
      'multi_prompt',
      'duration',
      'aspect_ratio',
      'sound',
      'negative_prompt',
      'cfg_scale',
    ]);
    const byKey = Object.fromEntries(fields.map((f) => [f.key, f]));
    expect(byKey.prompt).toMatchObject({ kind: 'text', minLength: 1, maxLength: 2500, required: true });
    expect(byKey.prompt?.description).toBe('Scene, motion, camera style and atmosphere of the video');
    expect(byKey.multi_prompt).toMatchObject({ kind: 'shots', required: false });
    expect(byKey.duration).toMatchObject({ kind: 'whole', min: 3, max: 15, default: 5 });
    expect(byKey.aspect_ratio).toMatchObject({ kind: 'choice', options: ['16:9', '9:16', '1:1'], default: '16:9' });
    expect(byKey.sound).toMatchObject({ kind: 'toggle', default: true });
    expect(byKey.cfg_scale).toMatchObject({ kind: 'number', min: 0, max: 1, default: 0.5 });
    // A single-valued enum (shot_type) leaves nothing to choose.
    expect(byKey.shot_type).toBeUndefined();
  });

  it('puts a model’s pictures first, as uploads', () => {
    const fields = describeFormFields(klingImageToVideo);
    expect(fields.slice(0, 2)).toMatchObject([
      { key: 'image', kind: 'image', role: 'start', required: true },
      { key: 'end_image', kind: 'image', role: 'end', required: false },
    ]);
    expect(fields.map((f) => f.key)).not.toContain('aspect_ratio');
  });

  it('lists fields the order leaves out after the others, in the schema’s order', () => {
    const model = defineModel({
      ...klingTextToVideo,
      id: 'test',
      schema: z.object({ a: z.string(), b: z.boolean().default(false), c: z.number() }),
      formOrder: ['c'],
      prices: DEFAULT_PRICES,
    });
    expect(describeFormFields(model).map((f) => f.key)).toEqual(['c', 'a', 'b']);
  });
});

describe('the plan of each form', () => {
  const slots = 5;
  const defaults = {};

  it('multi-shot: prompt, shots, frame and sound; the duration follows the shots', () => {
    const plan = planForm(klingTextToVideo, { shots: true, uploads: false, slots, values: defaults });
    expect(keys(plan)).toEqual(['prompt', 'multi_prompt', 'aspect_ratio', 'sound']);
    expect(leftOf(plan)).toEqual([
      ['negative_prompt', undefined],
      ['cfg_scale', 0.5],
    ]);
  });

  it('remix of a single shot: prompt, duration, frame, sound, prefilled with the job’s values', () => {
    const job = { prompt: 'p', duration: 7, aspect_ratio: '9:16', sound: false, cfg_scale: 0.8, negative_prompt: 'blur' };
    const plan = planForm(klingTextToVideo, { shots: false, uploads: false, slots, values: job });
    expect(keys(plan)).toEqual(['prompt', 'duration', 'aspect_ratio', 'sound']);
    expect(plan.fields.map(({ value }) => value)).toEqual(['p', 7, '9:16', false]);
    expect(leftOf(plan)).toEqual([
      ['negative_prompt', 'blur'],
      ['cfg_scale', 0.8],
    ]);
  });

  it('animate from a message: every field fits, so there is no note', () => {
    const plan = planForm(klingImageToVideo, { shots: false, uploads: false, slots, values: defaults });
    expect(keys(plan)).toEqual(['prompt', 'duration', 'sound', 'negative_prompt', 'cfg_scale']);
    expect(plan.left).toEqual([]);
  });

  it('animate with an upload: the pictures, the prompt, one more field and the note', () => {
    const plan = planForm(klingImageToVideo, { shots: false, uploads: true, slots, values: defaults });
    expect(keys(plan)).toEqual(['image', 'end_image', 'prompt', 'duration']);
    expect(leftOf(plan).map(([key]) => key)).toEqual(['sound', 'negative_prompt', 'cfg_scale']);
  });

  it('gives typed options a slot first, and names what hidden fields really take', () => {
    const plan = planForm(klingImageToVideo, {
      shots: false,
      uploads: true,
      slots,
      values: { sound: false, duration: 5 },
      base: { duration: 5 },
      pinned: ['sound'],
    });
    expect(keys(plan)).toEqual(['image', 'end_image', 'prompt', 'sound']);
    expect(plan.fields.find(({ field }) => field.key === 'sound')?.value).toBe(false);
    expect(leftOf(plan)[0]).toEqual(['duration', 5]);
  });

  it('cuts to the slots it is given, one of them for the note', () => {
    expect(keys(planForm(klingTextToVideo, { shots: false, uploads: false, slots: 3, values: defaults }))).toEqual(['prompt', 'duration']);
    const all = planForm(klingTextToVideo, { shots: false, uploads: false, slots: 6, values: defaults });
    expect(all.left).toEqual([]);
    expect(keys(all)).toHaveLength(6);
  });
});

describe('a submission read back into a draft', () => {
  it('turns a select’s "10" into 10, a checkbox into a boolean, a number’s text into a number', () => {
    const draft = draftFromForm(klingTextToVideo, {
      prompt: 'a fox',
      duration: ['10'],
      aspect_ratio: '9:16',
      sound: false,
      cfg_scale: '0,7',
      negative_prompt: '',
    });
    expect(draft).toEqual({ prompt: 'a fox', duration: 10, aspect_ratio: '9:16', sound: false, cfg_scale: 0.7 });
    expect(parseVideoInput(draft)).toMatchObject({ duration: 10, cfg_scale: 0.7 });
  });

  it('reads shot lines into shots, and the video lasts as long as they do', () => {
    const draft = draftFromForm(klingTextToVideo, { prompt: 'p', multi_prompt: '4 | a\n5s | b' }, { duration: 10 });
    expect(draft).toMatchObject({
      multi_prompt: [
        { prompt: 'a', duration: 4 },
        { prompt: 'b', duration: 5 },
      ],
      duration: 9,
    });
    expect(() => draftFromForm(klingTextToVideo, { prompt: 'p', multi_prompt: 'no bar here' })).toThrow(FormError);
    expect(() => parseShotLines('5 | a fox\nno bar here\n\nfive seconds | a hare')).toThrow(
      expect.objectContaining({
        problems: [
          { code: 'shot_line_form', line: 2 },
          { code: 'shot_line_seconds', line: 4, text: 'five seconds' },
        ],
      }),
    );
  });

  it('keeps the zero-width joiners inside a shot’s prompt, and drops invisible characters only around the seconds and the bar', () => {
    const family = '\u{1F469}\u200D\u{1F469}\u200D\u{1F467}\u200D\u{1F466}';
    const rainbow = '\u{1F3F3}\uFE0F\u200D\u{1F308}';
    expect(parseShotLines(`4 | a ${family} picnic\n5 | a ${rainbow} on the pier`)).toEqual([
      { prompt: `a ${family} picnic`, duration: 4 },
      { prompt: `a ${rainbow} on the pier`, duration: 5 },
    ]);
    // A paste with invisible characters around the figures and the bar still reads.
    expect(parseShotLines('\uFEFF4\u200B s \u200B|\u200B a fox\u200B\n\u200B\u2060\n\u200B5| b')).toEqual([
      { prompt: 'a fox', duration: 4 },
      { prompt: 'b', duration: 5 },
    ]);
  });

  it('keeps the base for fields the form did not hold, and drops a cleared optional text', () => {
    const parent = {
      prompt: 'old',
      duration: 7,
      aspect_ratio: '1:1',
      sound: false,
      cfg_scale: 0.9,
      negative_prompt: 'blur',
      shot_type: 'customize',
    };
    const draft = draftFromForm(klingTextToVideo, { prompt: 'new', duration: ['7'], aspect_ratio: '1:1', sound: true }, parent);
    expect(parseModelInput(klingTextToVideo, draft)).toEqual({ ...parent, prompt: 'new', sound: true });
    const cleared = draftFromForm(klingTextToVideo, { prompt: 'new', negative_prompt: '  ' }, parent);
    expect(cleared.negative_prompt).toBeUndefined();
  });

  it('leaves text that is not a number as text, so the schema names the field', () => {
    const draft = draftFromForm(klingTextToVideo, { prompt: 'p', cfg_scale: 'strict' });
    expect(() => parseVideoInput(draft)).toThrow(
      expect.objectContaining({ problems: [{ field: 'cfg_scale', code: 'wrong_type', expected: 'number' }] }),
    );
  });

  it('ignores fields the model does not have, and pictures', () => {
    expect(draftFromForm(klingImageToVideo, { prompt: 'p', image: ['123'], aspect_ratio: '9:16', colour: 'red' })).toEqual({ prompt: 'p' });
  });
});
