/**
 * Blocked-phrase matching that survives the usual tricks: accents, case, zero-width characters,
 * full-width or "fancy" letters, punctuation between words, and Cyrillic or Greek letters that
 * look Latin. Both the phrase and the text go through the same normalisation, so a phrase
 * written with any of these tricks still matches its plain form and the other way round.
 */

/**
 * Characters that render as nothing (or as blank) and so can be slipped inside a word unseen.
 * `\p{Cf}` covers the zero-width space, joiners and marks (U+200B–U+200F), the word joiner and
 * invisible operators (U+2060–U+2064), bidi controls, the BOM (U+FEFF), the soft hyphen (U+00AD)
 * and tag characters; the rest are letters or symbols Unicode does not class as format
 * characters but that still draw as blank: Hangul fillers and the blank braille pattern.
 */
const INVISIBLE = /[\p{Cf}\u115F\u1160\u3164\uFFA0\u2800]/gu;
const COMBINING_MARKS = /\p{M}/gu;
/** Any run of characters that are neither letters nor digits is a word break. */
const SEPARATORS = /[^\p{L}\p{N}]+/gu;

/**
 * Cyrillic and Greek letters whose upper or lower case looks like a Latin letter, so "сat" (with a
 * Cyrillic с) cannot slip past "cat". Both sides are folded, so a phrase typed in Cyrillic still
 * matches itself; the price is that a Cyrillic or Greek word made only of these letters matches
 * the Latin word it looks like. Each pair is the look-alike, then the Latin letter it folds to.
 */
const LOOKALIKE_PAIRS = 'аa вb еe кk мm нh оo рp сc тt уy хx іi јj ѕs һh ӏl ԁd ԛq ԝw αa βb εe ηh ιi κk μm νn οo ρp τt υy χx ζz ϲc';
const LOOKALIKES = new Map(LOOKALIKE_PAIRS.split(' ').map((pair) => [pair.slice(0, 1), pair.slice(1)]));
const LOOKALIKE_CHARS = new RegExp(`[${[...LOOKALIKES.keys()].join('')}]`, 'gu');

/**
 * Scripts written without spaces between words: there a phrase is matched anywhere, since
 * requiring spaces around it would mean it never matches.
 */
const UNSPACED_SCRIPT =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;

function decomposeAndStrip(text: string): string {
  return text.normalize('NFKD').replace(INVISIBLE, '').replace(COMBINING_MARKS, '');
}

/**
 * Text reduced to lowercase letters and digits separated by single spaces, with accents,
 * invisible characters and compatibility forms (full-width, mathematical, circled letters)
 * folded away.
 */
export function normalizeForMatching(text: string): string {
  // Lowercasing can decompose (İ → i + dot) and NFKD can produce capitals (ℍ → H), so each
  // runs on the other's output.
  const folded = decomposeAndStrip(decomposeAndStrip(text).toLowerCase()).toLowerCase();
  return folded
    .replace(LOOKALIKE_CHARS, (char) => LOOKALIKES.get(char) ?? char)
    .replace(SEPARATORS, ' ')
    .trim();
}

function isUnspaced(char: string | undefined): boolean {
  return char !== undefined && UNSPACED_SCRIPT.test(char);
}

/** The code point ending just before `index` (a string index, not a code point index). */
function charBefore(text: string, index: number): string | undefined {
  if (index <= 0) return undefined;
  return Array.from(text.slice(Math.max(0, index - 2), index)).at(-1);
}

function charAt(text: string, index: number): string | undefined {
  const code = text.codePointAt(index);
  return code === undefined ? undefined : String.fromCodePoint(code);
}

/** Whether `phrase` occurs in `text` as whole words (both already normalised). */
function containsWords(text: string, phrase: string): boolean {
  const first = charAt(phrase, 0);
  const last = Array.from(phrase).at(-1);
  for (let at = text.indexOf(phrase); at !== -1; at = text.indexOf(phrase, at + 1)) {
    const end = at + phrase.length;
    const before = charBefore(text, at);
    const after = charAt(text, end);
    const startsWord = before === undefined || before === ' ' || isUnspaced(before) || isUnspaced(first);
    const endsWord = after === undefined || after === ' ' || isUnspaced(after) || isUnspaced(last);
    if (startsWord && endsWord) return true;
  }
  return false;
}

/**
 * The first of `phrases` (as configured, for naming it to the member) found as whole words in
 * any of `texts`. "cat" matches "Cât" and "c\u200Bat" but not "catalog". A phrase with no
 * letters or digits never matches.
 */
export function findBlockedPhrase(texts: readonly string[], phrases: readonly string[]): string | undefined {
  if (phrases.length === 0) return undefined;
  const normalizedTexts = texts.map(normalizeForMatching).filter((text) => text.length > 0);
  if (normalizedTexts.length === 0) return undefined;
  for (const phrase of phrases) {
    const normalized = normalizeForMatching(phrase);
    if (normalized.length === 0) continue;
    if (normalizedTexts.some((text) => containsWords(text, normalized))) return phrase;
  }
  return undefined;
}
