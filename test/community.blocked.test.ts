import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findBlockedPhrase, normalizeForMatching } from '../src/community/blockedPhrases.js';

const INVISIBLES = [
  '\u200B',
  '\u200C',
  '\u200D',
  '\u200E',
  '\u200F',
  '\u2060',
  '\u2061',
  '\u2062',
  '\u2063',
  '\u2064',
  '\uFEFF',
  '\u00AD',
  '\u180E',
  '\u202E',
  '\u3164',
];
/** Combining accents, and precomposed letters that decompose to a base letter plus one. */
const COMBINING = ['\u0300', '\u0301', '\u0302', '\u0303', '\u0308', '\u030A', '\u0327', '\u0332'];

describe('normalising text for matching', () => {
  it.each([
    ['Cât', 'cat'],
    ['c\u200Bat', 'cat'],
    ['CAFÉ  au\tLAIT!!', 'cafe au lait'],
    ['ｆｕｌｌ－ｗｉｄｔｈ', 'full width'],
    ['𝐛𝐨𝐥𝐝 ℍ𝕚', 'bold hi'],
    ['soft\u00ADhyphen', 'softhyphen'],
    ['сat', 'cat'], // Cyrillic с
    ['ХУ ΤΑΧΙ', 'xy taxi'], // Cyrillic Х У, Greek Τ Α Χ Ι
    ['İstanbul', 'istanbul'],
    ['...hello---world...', 'hello world'],
    ['', ''],
  ])('turns %j into %j', (text, expected) => {
    expect(normalizeForMatching(text)).toBe(expected);
  });

  it('never throws on arbitrary unicode, lone surrogates included, and is idempotent', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        const once = normalizeForMatching(text);
        expect(normalizeForMatching(once)).toBe(once);
        expect(once).not.toMatch(/^ | $| {2}/);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('finding a blocked phrase', () => {
  it('matches whole words only', () => {
    expect(findBlockedPhrase(['a Cât on a mat'], ['cat'])).toBe('cat');
    expect(findBlockedPhrase(['a c\u200Bat'], ['cat'])).toBe('cat');
    expect(findBlockedPhrase(['the catalog of a bobcat'], ['cat'])).toBeUndefined();
    expect(findBlockedPhrase(['cat'], ['cat'])).toBe('cat');
    expect(findBlockedPhrase(['cat, then dog'], ['cat'])).toBe('cat');
  });

  it('matches a phrase of several words across any separators', () => {
    expect(findBlockedPhrase(['a RED—panda'], ['red panda'])).toBe('red panda');
    expect(findBlockedPhrase(['a red\n\n  panda'], ['Red Panda'])).toBe('Red Panda');
    expect(findBlockedPhrase(['a redpanda'], ['red panda'])).toBeUndefined();
    expect(findBlockedPhrase(['a red pandas'], ['red panda'])).toBeUndefined();
  });

  it('looks in every text and reports the phrase as configured', () => {
    expect(findBlockedPhrase(['fine', 'also fine', 'Ünicorn'], ['dog', 'unicorn'])).toBe('unicorn');
    expect(findBlockedPhrase(['fine'], ['dog'])).toBeUndefined();
    expect(findBlockedPhrase([], ['dog'])).toBeUndefined();
    expect(findBlockedPhrase(['dog'], [])).toBeUndefined();
  });

  it('ignores a phrase with nothing to match', () => {
    expect(findBlockedPhrase(['?! anything'], ['?!', ' '])).toBeUndefined();
  });

  it('matches inside text in scripts written without spaces', () => {
    expect(findBlockedPhrase(['我的猫很可爱'], ['猫'])).toBe('猫');
    expect(findBlockedPhrase(['猫cat'], ['cat'])).toBe('cat');
  });

  const word = fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz'), minLength: 1, maxLength: 8 });
  const words = fc.array(word, { minLength: 1, maxLength: 3 }).map((ws) => ws.join(' '));
  const filler = fc.array(word, { maxLength: 4 }).map((ws) => ws.join(' '));

  /** Rewrites a phrase the way someone dodging a filter would, keeping it the same to a reader. */
  const disguised = (phrase: string) =>
    fc
      .array(
        fc.record({
          upper: fc.boolean(),
          accent: fc.option(fc.constantFrom(...COMBINING), { nil: undefined }),
          invisible: fc.option(fc.constantFrom(...INVISIBLES), { nil: undefined }),
        }),
        { minLength: phrase.length, maxLength: phrase.length },
      )
      .map((changes) =>
        Array.from(phrase)
          .map((char, i) => {
            const change = changes[i];
            if (!change || char === ' ') return char;
            // Composing turns e + ◌́ into é, so both precomposed and combining forms get tried.
            const letter = `${change.upper ? char.toUpperCase() : char}${change.accent ?? ''}`.normalize('NFC');
            return `${letter}${change.invisible ?? ''}`;
          })
          .join(''),
      );

  it('catches a blocked phrase with changed case, accents or invisible characters inside a prompt', () => {
    fc.assert(
      fc.property(
        words.chain((phrase) => fc.tuple(fc.constant(phrase), disguised(phrase), filler, filler)),
        ([phrase, disguise, before, after]) => {
          const prompt = `${before}, ${disguise}! ${after}`;
          expect(findBlockedPhrase([prompt], [phrase])).toBe(phrase);
          expect(findBlockedPhrase(['unrelated', prompt], [disguise])).toBe(disguise);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('does not block a longer word that merely starts or ends with the phrase', () => {
    fc.assert(
      fc.property(word, word, fc.boolean(), (phrase, extra, atEnd) => {
        const prompt = atEnd ? `${extra}${phrase}` : `${phrase}${extra}`;
        expect(findBlockedPhrase([`a ${prompt} here`], [phrase])).toBe(phrase === 'a' || phrase === 'here' ? phrase : undefined);
      }),
      { numRuns: 1000 },
    );
  });

  it('never throws on arbitrary unicode in prompts or phrases', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: 'binary', maxLength: 100 }), { maxLength: 4 }),
        fc.array(fc.string({ unit: 'binary', maxLength: 20 }), { maxLength: 4 }),
        (texts, phrases) => {
          const found = findBlockedPhrase(texts, phrases);
          if (found !== undefined) expect(phrases).toContain(found);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
