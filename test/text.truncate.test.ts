import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { prefixWithin, truncate } from '../src/text/truncate.js';

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const clusters = (text: string): string[] => [...segmenter.segment(text)].map((s) => s.segment);

describe('truncate', () => {
  it('leaves text that fits alone', () => {
    expect(truncate('a fox', 5)).toBe('a fox');
  });

  it('cuts with an ellipsis within the limit', () => {
    expect(truncate('a fox in the snow', 8)).toBe('a fox i…');
    expect(truncate('a fox in the snow', 8)).toHaveLength(8);
  });

  it('never splits an emoji with a skin tone, a family or a flag', () => {
    const thumbs = '👍🏽'; // 4 code units
    expect(truncate(`ab${thumbs}cd`, 5)).toBe('ab…');
    const family = '👨‍👩‍👧‍👦'; // 11 code units
    expect(truncate(`${family}${family}`, 12)).toBe(`${family}…`);
    const flag = '🇩🇪';
    expect(truncate(`x${flag}${flag}`, 4)).toBe('x…');
  });

  it('never separates a letter from its combining accents', () => {
    const e = 'e\u0301\u0301'; // e with two combining acute accents
    expect(truncate(`ab${e}z`, 4)).toBe('ab…');
    expect(prefixWithin(`ab${e}z`, 5)).toBe(`ab${e}`);
  });

  it('keeps every cut within the limit and made of whole clusters of the original', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), fc.integer({ min: 1, max: 60 }), (text, max) => {
        const cut = truncate(text, max);
        expect(cut.length).toBeLessThanOrEqual(max);
        if (cut === text) return;
        expect(cut.endsWith('…')).toBe(true);
        const kept = clusters(cut.slice(0, -1));
        expect(clusters(text).slice(0, kept.length)).toEqual(kept);
      }),
    );
  });
});
