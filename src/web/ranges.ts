/**
 * The one `Range` header a video player sends (RFC 9110 §14.1.2): a single range of bytes. A
 * player seeks by asking for the bytes from a point on, and Safari will not play at all from a
 * server that ignores ranges. Several ranges at once would need a multipart answer that no
 * player asks for; they are answered with the whole file, which the RFC allows.
 */

/** What to send: the whole file, one slice of it (inclusive ends), or 416 Range Not Satisfiable. */
export type RangeAnswer = { kind: 'whole' } | { kind: 'part'; start: number; end: number } | { kind: 'unsatisfiable' };

export function rangeOf(header: string | undefined, size: number): RangeAnswer {
  if (header === undefined) return { kind: 'whole' };
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  // Another unit, a list of ranges or a malformed header: ignoring it is what the RFC asks.
  if (!match) return { kind: 'whole' };
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return { kind: 'whole' };
  if (first === '') {
    // `bytes=-500`: the last 500 bytes.
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return { kind: 'unsatisfiable' };
    return { kind: 'part', start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  if (start >= size) return { kind: 'unsatisfiable' };
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  // `bytes=500-100` is invalid: the header is ignored.
  if (end < start) return { kind: 'whole' };
  return { kind: 'part', start, end };
}
