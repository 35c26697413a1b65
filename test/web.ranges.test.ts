import { describe, expect, it } from 'vitest';
import { rangeOf } from '../src/web/ranges.js';

describe('the byte range a video player asks for', () => {
  const size = 1_000;
  it.each([
    ['no header', undefined, { kind: 'whole' }],
    ['the start only', 'bytes=0-', { kind: 'part', start: 0, end: 999 }],
    ['a slice', 'bytes=100-199', { kind: 'part', start: 100, end: 199 }],
    ['an end past the file, cut to it', 'bytes=900-5000', { kind: 'part', start: 900, end: 999 }],
    ['the last bytes', 'bytes=-100', { kind: 'part', start: 900, end: 999 }],
    ['more last bytes than the file holds', 'bytes=-5000', { kind: 'part', start: 0, end: 999 }],
    ['a start past the end', 'bytes=1000-', { kind: 'unsatisfiable' }],
    ['no last bytes', 'bytes=-0', { kind: 'unsatisfiable' }],
    ['an end before the start, ignored', 'bytes=500-100', { kind: 'whole' }],
    ['several ranges, answered whole', 'bytes=0-1,5-6', { kind: 'whole' }],
    ['another unit, ignored', 'items=0-1', { kind: 'whole' }],
    ['no numbers, ignored', 'bytes=-', { kind: 'whole' }],
    ['garbage, ignored', 'bytes=abc', { kind: 'whole' }],
  ] as const)('%s', (_name, header, answer) => {
    expect(rangeOf(header, size)).toEqual(answer);
  });

  it('finds nothing to send of an empty file but the whole of it', () => {
    expect(rangeOf('bytes=0-', 0)).toEqual({ kind: 'unsatisfiable' });
    expect(rangeOf('bytes=-10', 0)).toEqual({ kind: 'unsatisfiable' });
    expect(rangeOf(undefined, 0)).toEqual({ kind: 'whole' });
  });
});
