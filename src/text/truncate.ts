/**
 * Cutting text to a length limit without breaking what a reader sees as one character. Discord
 * and the provider count length in UTF-16 code units (JavaScript's `length`), so limits are
 * measured that way, but a cut only ever falls between grapheme clusters: an emoji with its skin
 * tone, a flag, or a letter with its combining accents stays whole or goes whole.
 */

const ELLIPSIS = '…';

let segmenter: Intl.Segmenter | undefined;

function graphemes(text: string): Iterable<Intl.SegmentData> {
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  return segmenter.segment(text);
}

/** The longest prefix of `text` made of whole grapheme clusters and at most `max` code units long. */
export function prefixWithin(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = 0;
  for (const { index, segment } of graphemes(text)) {
    if (index + segment.length > max) break;
    end = index + segment.length;
  }
  return text.slice(0, end);
}

/** `text` if it fits in `max` code units, else its longest whole-grapheme prefix followed by an ellipsis. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max < ELLIPSIS.length) return '';
  return `${prefixWithin(text, max - ELLIPSIS.length)}${ELLIPSIS}`;
}
