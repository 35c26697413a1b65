import { describe, expect, it } from 'vitest';
import { problemsErrorText, problemText } from '../src/discord/problemText.js';
import { DEFAULT_PRICES, estimateCostUsd } from '../src/model/pricing.js';
import {
  type InputProblem,
  InvalidInputError,
  PROMPT_MAX_CHARS,
  parseVideoInput,
  SHOT_PROMPT_MAX_CHARS,
  toRequestBody,
} from '../src/model/videoInput.js';

function factsOf(draft: unknown): readonly InputProblem[] {
  try {
    parseVideoInput(draft);
  } catch (error) {
    if (error instanceof InvalidInputError) return error.problems;
    throw error;
  }
  return [];
}

/** The problems as the Discord layer words them in English. */
function problemsOf(draft: unknown): readonly string[] {
  return factsOf(draft).map((problem) => problemText('en', 'request', problem));
}

describe('the video input schema', () => {
  it('applies the documented defaults', () => {
    expect(parseVideoInput({ prompt: 'a red fox in snow' })).toEqual({
      prompt: 'a red fox in snow',
      duration: 5,
      aspect_ratio: '16:9',
      cfg_scale: 0.5,
      sound: true,
      shot_type: 'customize',
    });
  });

  it('requires a prompt and refuses an empty one', () => {
    expect(problemsOf({})).toEqual(['prompt is required']);
    expect(problemsOf({ prompt: '   ' })).toEqual(['prompt must not be empty']);
  });

  it('limits prompt and negative prompt to 2,500 characters', () => {
    expect(problemsOf({ prompt: 'x'.repeat(PROMPT_MAX_CHARS) })).toEqual([]);
    expect(problemsOf({ prompt: 'x'.repeat(PROMPT_MAX_CHARS + 1) })).toEqual(['prompt must be at most 2,500 characters']);
    expect(problemsOf({ prompt: 'a', negative_prompt: 'y'.repeat(2501) })).toEqual(['negative prompt must be at most 2,500 characters']);
  });

  it('counts the limits in code points, as the provider does: an emoji is one character', () => {
    const fox = '\u{1F98A}';
    expect(problemsOf({ prompt: fox.repeat(PROMPT_MAX_CHARS) })).toEqual([]);
    expect(problemsOf({ prompt: fox.repeat(PROMPT_MAX_CHARS + 1) })).toEqual(['prompt must be at most 2,500 characters']);
    expect(problemsOf({ prompt: 'a', negative_prompt: fox.repeat(PROMPT_MAX_CHARS) })).toEqual([]);
    const shot = { prompt: fox.repeat(SHOT_PROMPT_MAX_CHARS), duration: 5 };
    expect(problemsOf({ prompt: 'a', duration: 5, multi_prompt: [shot] })).toEqual([]);
    expect(problemsOf({ prompt: 'a', duration: 5, multi_prompt: [{ ...shot, prompt: `${shot.prompt}x` }] })).toEqual([
      'shot 1 prompt must be at most 512 characters',
    ]);
  });

  it('keeps duration a whole number from 3 to 15 seconds', () => {
    expect(problemsOf({ prompt: 'a', duration: 3 })).toEqual([]);
    expect(problemsOf({ prompt: 'a', duration: 15 })).toEqual([]);
    expect(problemsOf({ prompt: 'a', duration: 2 })).toEqual(['duration must be at least 3 seconds']);
    expect(problemsOf({ prompt: 'a', duration: 16 })).toEqual(['duration must be at most 15 seconds']);
    expect(problemsOf({ prompt: 'a', duration: 5.5 })).toEqual(['duration must be a whole number']);
  });

  it('accepts only the listed aspect ratios and shot types', () => {
    for (const ratio of ['16:9', '9:16', '1:1']) expect(problemsOf({ prompt: 'a', aspect_ratio: ratio })).toEqual([]);
    expect(problemsOf({ prompt: 'a', aspect_ratio: '4:3' })).toEqual(['aspect ratio must be one of 16:9, 9:16, or 1:1']);
    expect(problemsOf({ prompt: 'a', shot_type: 'intelligent' })).toEqual(['shot type must be one of customize']);
  });

  it('keeps cfg scale between 0 and 1', () => {
    expect(problemsOf({ prompt: 'a', cfg_scale: 0 })).toEqual([]);
    expect(problemsOf({ prompt: 'a', cfg_scale: 1 })).toEqual([]);
    expect(problemsOf({ prompt: 'a', cfg_scale: -0.1 })).toEqual(['cfg scale must not be negative']);
    expect(problemsOf({ prompt: 'a', cfg_scale: 1.01 })).toEqual(['cfg scale must be at most 1']);
  });

  it('requires sound to be a boolean', () => {
    expect(problemsOf({ prompt: 'a', sound: 'yes' })).toEqual(['sound must be true or false']);
  });

  it('checks each shot and its limits', () => {
    expect(
      problemsOf({
        prompt: 'a',
        duration: 6,
        multi_prompt: [
          { prompt: 'x'.repeat(SHOT_PROMPT_MAX_CHARS + 1), duration: 3 },
          { prompt: 'b', duration: 2 },
        ],
      }),
    ).toEqual(expect.arrayContaining(['shot 1 prompt must be at most 512 characters', 'shot 2 duration must be at least 3 seconds']));
    expect(problemsOf({ prompt: 'a', multi_prompt: [] })).toEqual(['shots: give at least 1']);
    const many = Array.from({ length: 21 }, () => ({ prompt: 'a', duration: 3 }));
    expect(problemsOf({ prompt: 'a', duration: 15, multi_prompt: many })).toContain('shots: at most 20 are allowed');
  });

  it("requires the shots' durations to add up to the video's duration", () => {
    expect(problemsOf({ prompt: 'a', duration: 10, multi_prompt: [{ prompt: 'a', duration: 5 }, { prompt: 'b' }] })).toEqual([]);
    expect(
      problemsOf({
        prompt: 'a',
        duration: 10,
        multi_prompt: [
          { prompt: 'a', duration: 3 },
          { prompt: 'b', duration: 3 },
        ],
      }),
    ).toEqual(["the shots' durations add up to 6 seconds, but the video's duration is 10 seconds; they must be equal"]);
  });

  it('returns each problem as facts: the field, the rule, the limit', () => {
    expect(factsOf({ prompt: 'a', duration: 99 })).toEqual([{ field: 'duration', code: 'too_large', limit: 15 }]);
    expect(factsOf({})).toEqual([{ field: 'prompt', code: 'required' }]);
    expect(factsOf({ prompt: 'a', aspect_ratio: '4:3' })).toEqual([
      { field: 'aspect_ratio', code: 'not_one_of', allowed: ['16:9', '9:16', '1:1'] },
    ]);
    expect(factsOf({ prompt: 'a', sound: 'yes' })).toEqual([{ field: 'sound', code: 'wrong_type', expected: 'boolean' }]);
    expect(factsOf({ prompt: 'a', duration: 5, multi_prompt: [{ prompt: '', duration: 5 }] })).toEqual([
      { field: 'prompt', shot: 1, code: 'empty' },
    ]);
    expect(factsOf({ prompt: 'a', duration: 10, multi_prompt: [{ prompt: 'a', duration: 3 }] })).toEqual([
      { field: 'multi_prompt', code: 'shots_total', total: 3, duration: 10 },
    ]);
  });

  it('writes a message a member can read, in their language', () => {
    try {
      parseVideoInput({ prompt: 'a', duration: 99 });
      expect.unreachable();
    } catch (error) {
      expect(problemsErrorText('en', error)).toBe('Your request was not sent: duration must be at most 15 seconds.');
      expect(problemsErrorText('de', error)).toBe('Deine Anfrage wurde nicht gesendet: Dauer: höchstens 15 Sekunden.');
      expect(problemsErrorText('ja', error)).toBe('リクエストは送信されませんでした：長さは 15 秒以下にしてください。');
    }
  });

  it('sends only the fields that are set', () => {
    const body = toRequestBody(parseVideoInput({ prompt: 'a', sound: false }));
    expect(body).not.toHaveProperty('negative_prompt');
    expect(body).not.toHaveProperty('multi_prompt');
    expect(body).toMatchObject({ prompt: 'a', sound: false, duration: 5 });
  });

  it('estimates cost per second, more with sound', () => {
    expect(estimateCostUsd({ duration: 5, sound: true }, DEFAULT_PRICES)).toBeCloseTo(0.84);
    expect(estimateCostUsd({ duration: 10, sound: false }, DEFAULT_PRICES)).toBeCloseTo(1.12);
  });
});
