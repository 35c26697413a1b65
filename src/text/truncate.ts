/**
 * Cutting text to a length limit without breaking what a reader sees as one character. Discord
 * and the provider count length in Unicode code points (an emoji outside the Basic Multilingual
 * Plane is one, though JavaScript's `length` counts it as two UTF-16 units), so limits are
 * measured that way, but a cut only ever falls between grapheme clusters: an emoji with its skin
 * tone, a family joined by zero-width joiners, a flag, or a letter with its combining accents
 * stays whole or goes whole.
 */

const ELLIPSIS = '…';

let segmenter: Intl.Segmenter | undefined;

function graphemes(text: string): Iterable<Intl.SegmentData> {
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  return segmenter.segment(text);
}

/** The length of `text` as Discord and the provider count it: in code points. */
export function codePointLength(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

/** The longest prefix of `text` made of whole grapheme clusters and at most `max` code points long. */
export function prefixWithin(text: string, max: number): string {
  // UTF-16 units are never fewer than code points: text this short fits without counting.
  if (text.length <= max) return text;
  let end = 0;
  let used = 0;
  for (const { segment } of graphemes(text)) {
    const size = codePointLength(segment);
    if (used + size > max) break;
    used += size;
    end += segment.length;
  }
  return text.slice(0, end);
}

/** `text` if it fits in `max` code points, else its longest whole-grapheme prefix followed by an ellipsis. */
export function truncate(text: string, max: number): string {
  if (text.length <= max || codePointLength(text) <= max) return text;
  const ellipsis = codePointLength(ELLIPSIS);
  if (max < ellipsis) return '';
  return `${prefixWithin(text, max - ellipsis)}${ELLIPSIS}`;
}
