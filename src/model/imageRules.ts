/**
 * Whether a picture can become a model's frame, decided before anything is written or sent: first
 * from what the chat platform says of the file (type, size, width, height), which may be missing
 * or wrong, then again from the bytes themselves (the PNG or JPEG header gives type and size).
 */
import type { ImageLimits, ImageRole } from './modelDefinition.js';

export interface ImageFacts {
  contentType?: string | null | undefined;
  bytes?: number | null | undefined;
  width?: number | null | undefined;
  height?: number | null | undefined;
}

/** Why a picture is refused; the chat layer words it (which image, which limit, what to do). */
export type ImageProblem =
  | { kind: 'not_image'; role: ImageRole }
  | { kind: 'wrong_type'; role: ImageRole; type: string; allowed: readonly string[] }
  | { kind: 'too_large'; role: ImageRole; bytes: number; maxBytes: number }
  /** A side of 0 pixels: a broken or empty file, whatever its size limits would say. */
  | { kind: 'no_pixels'; role: ImageRole }
  | { kind: 'too_small'; role: ImageRole; width: number; height: number; minSide: number }
  | { kind: 'too_narrow' | 'too_wide'; role: ImageRole; width: number; height: number; maxRatio: number }
  | { kind: 'end_with_shots'; role: ImageRole }
  /** A loop ends on its first picture, so an end picture of its own has no place. */
  | { kind: 'loop_with_end'; role: ImageRole }
  /** The link could not be read (gone, refused by the address policy, too slow). */
  | { kind: 'unreadable'; role: ImageRole };

function baseType(type: string): string {
  return type.split(';')[0]?.trim().toLowerCase() ?? '';
}

/** The first rule the facts break, or undefined; a fact that is absent is not held against the file. */
export function checkImageFacts(role: ImageRole, facts: ImageFacts, limits: ImageLimits): ImageProblem | undefined {
  if (facts.contentType) {
    const type = baseType(facts.contentType);
    if (!type.startsWith('image/')) return { kind: 'not_image', role };
    if (!limits.types.includes(type)) return { kind: 'wrong_type', role, type, allowed: limits.types };
  }
  if (typeof facts.bytes === 'number' && facts.bytes > limits.maxBytes) {
    return { kind: 'too_large', role, bytes: facts.bytes, maxBytes: limits.maxBytes };
  }
  const { width, height } = facts;
  // A side of 0 is a fact, not an absent one: a header (or Discord) saying so names a picture
  // with nothing in it, which no size rule below would catch (0 / 0 is no ratio at all).
  if (width === 0 || height === 0) return { kind: 'no_pixels', role };
  if (typeof width === 'number' && typeof height === 'number') {
    if (width < limits.minSide || height < limits.minSide) return { kind: 'too_small', role, width, height, minSide: limits.minSide };
    if (height / width > limits.maxRatio) return { kind: 'too_narrow', role, width, height, maxRatio: limits.maxRatio };
    if (width / height > limits.maxRatio) return { kind: 'too_wide', role, width, height, maxRatio: limits.maxRatio };
  }
  return undefined;
}

export interface ImageHeader {
  type: 'image/png' | 'image/jpeg';
  width: number;
  height: number;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Type and size from a PNG's IHDR chunk or a JPEG's first start-of-frame marker; undefined for anything else. */
export function readImageHeader(bytes: Buffer): ImageHeader | undefined {
  if (bytes.length >= 24 && bytes.subarray(0, 8).equals(PNG_SIGNATURE) && bytes.toString('latin1', 12, 16) === 'IHDR') {
    return { type: 'image/png', width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
  }
  if (bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xd8) return readJpegFrame(bytes);
  return undefined;
}

// SOF0..SOF15 carry the frame size, except DHT (C4), JPG (C8) and DAC (CC), which share the range.
const NOT_FRAME = new Set([0xc4, 0xc8, 0xcc]);

function readJpegFrame(bytes: Buffer): ImageHeader | undefined {
  let at = 2;
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) return undefined;
    const marker = bytes[at + 1] as number;
    // Fill bytes and markers without a length.
    if (marker === 0xff) {
      at += 1;
      continue;
    }
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      at += 2;
      continue;
    }
    const length = bytes.readUInt16BE(at + 2);
    if (marker >= 0xc0 && marker <= 0xcf && !NOT_FRAME.has(marker)) {
      if (at + 9 > bytes.length) return undefined;
      return { type: 'image/jpeg', height: bytes.readUInt16BE(at + 5), width: bytes.readUInt16BE(at + 7) };
    }
    if (marker === 0xd9 || marker === 0xda) return undefined;
    at += 2 + length;
  }
  return undefined;
}

/** The rules again, on the downloaded bytes: what the file really is wins over what was said of it. */
export function checkImageBytes(role: ImageRole, bytes: Buffer, limits: ImageLimits): ImageProblem | undefined {
  const header = readImageHeader(bytes);
  if (!header) return { kind: 'not_image', role };
  return checkImageFacts(role, { contentType: header.type, bytes: bytes.length, width: header.width, height: header.height }, limits);
}
