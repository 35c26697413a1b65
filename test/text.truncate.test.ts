import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { codePointLength, prefixWithin, truncate } from '../src/text/truncate.js';

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

  it('counts code points, as Discord and the provider do, not UTF-16 units', () => {
    const fox = '\u{1F98A}'; // one code point, two UTF-16 units
    expect(codePointLength(fox.repeat(3))).toBe(3);
    expect(fox.repeat(3)).toHaveLength(6);
    expect(truncate(fox.repeat(3), 3)).toBe(fox.repeat(3));
    expect(truncate(fox.repeat(5), 4)).toBe(`${fox.repeat(3)}…`);
    expect(prefixWithin(fox.repeat(5), 2)).toBe(fox.repeat(2));
  });

  it('never splits an emoji with a skin tone, a family or a flag', () => {
    const thumbs = '👍🏽'; // 2 code points
    expect(truncate(`ab${thumbs}cd`, 4)).toBe('ab…');
    expect(truncate(`ab${thumbs}cd`, 5)).toBe(`ab${thumbs}…`);
    const family = '👨‍👩‍👧‍👦'; // 7 code points
    expect(truncate(`${family}${family}`, 12)).toBe(`${family}…`);
    expect(truncate(`${family}${family}`, 7)).toBe('…');
    const flag = '🇩🇪'; // 2 code points
    expect(truncate(`x${flag}${flag}`, 4)).toBe(`x${flag}…`);
    expect(truncate(`x${flag}${flag}`, 3)).toBe('x…');
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
        expect(codePointLength(cut)).toBeLessThanOrEqual(max);
        if (cut === text) return;
        expect(cut.endsWith('…')).toBe(true);
        const kept = clusters(cut.slice(0, -1));
        expect(clusters(text).slice(0, kept.length)).toEqual(kept);
      }),
    );
  });
});
