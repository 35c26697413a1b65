/**
 * Test videos: the committed tiny MP4, and the same file padded to any size with a trailing
 * ISO-BMFF `free` box (players skip it), produced as a stream so a 25 MiB body is never built in
 * memory at once.
 */
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';

/** A valid 1 s, 64x64 H.264 MP4 (ffmpeg testsrc), a couple of KB. */
export const TINY_MP4_PATH = fileURLToPath(new URL('./tiny.mp4', import.meta.url));

let tiny: Buffer | undefined;

export function tinyMp4(): Buffer {
  tiny ??= readFileSync(TINY_MP4_PATH);
  return tiny;
}

const CHUNK = 64 * 1024;

/** Smallest size `paddedMp4` can produce: the tiny file plus an empty `free` box header. */
export function minPaddedMp4Size(): number {
  return tinyMp4().length + 8;
}

function* paddedChunks(base: Buffer, totalBytes: number): Generator<Buffer> {
  yield base;
  const boxSize = totalBytes - base.length;
  let header: Buffer;
  if (boxSize <= 0xffff_ffff) {
    header = Buffer.alloc(8);
    header.writeUInt32BE(boxSize, 0);
    header.write('free', 4, 'latin1');
  } else {
    // A box past 4 GiB stores size 1 and a 64-bit "largesize" after the type.
    header = Buffer.alloc(16);
    header.writeUInt32BE(1, 0);
    header.write('free', 4, 'latin1');
    header.writeBigUInt64BE(BigInt(boxSize), 8);
  }
  yield header;
  let remaining = boxSize - header.length;
  const zeros = Buffer.alloc(CHUNK);
  while (remaining > 0) {
    const n = Math.min(CHUNK, remaining);
    yield n === CHUNK ? zeros : zeros.subarray(0, n);
    remaining -= n;
  }
}

/** The tiny MP4 padded to exactly `totalBytes`, as a stream. */
export function paddedMp4(totalBytes: number): Readable {
  if (!Number.isSafeInteger(totalBytes) || totalBytes < minPaddedMp4Size()) {
    throw new RangeError(`padded MP4 needs at least ${minPaddedMp4Size()} bytes, got ${totalBytes}`);
  }
  return Readable.from(paddedChunks(tinyMp4(), totalBytes), { objectMode: false });
}
