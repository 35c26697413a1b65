/**
 * A GIF of a video, for places that do not play video: one palette made for the clip (GIF has 256
 * colours, and a palette of the clip's own colours keeps them truer than a generic one), and a
 * frame and rate chosen to stay under an upload limit.
 */
import { rename, rm, stat } from 'node:fs/promises';
import type { FfmpegRunner } from './ffmpeg.js';

export interface GifOptions {
  /** @defaultValue the runner's time limit */
  timeoutMs?: number;
  signal?: AbortSignal;
}

export type GifResult =
  | { kind: 'made'; bytes: number; width: number; fps: number; attempts: number }
  /** Even the smallest GIF offered was over the limit. */
  | { kind: 'too_large'; smallestBytes: number };

/** Widest GIF made: wider costs megabytes per second and few chats show it larger. */
const START_WIDTH = 480;
const SMALLEST_WIDTH = 160;
const MAX_ATTEMPTS = 4;

/** The first try's frame rate; later tries drop to 10 fps as they shrink. */
const START_FPS = 12;

function gifArgs(input: string, output: string, width: number, fps: number): string[] {
  // One pass: the clip is split, one copy makes the palette (from the frames' differences, so
  // moving parts get the colours), the other is drawn with it.
  const graph =
    `[0:v]fps=${fps},scale=${width}:-2:flags=lanczos,split[a][b];` +
    '[a]palettegen=stats_mode=diff[palette];[b][palette]paletteuse=dither=bayer:bayer_scale=5:diff_mode=rectangle';
  return ['-i', input, '-filter_complex', graph, '-an', '-loop', '0', '-f', 'gif', output];
}

/**
 * Writes a GIF of `input` to `output` under `limitBytes`: at most 480 px wide at 12 fps, then
 * smaller by the overshoot until it fits or reaches 160 px. `output` appears whole or not at all.
 */
export async function makeGif(
  runner: FfmpegRunner,
  input: string,
  output: string,
  limitBytes: number,
  options: GifOptions = {},
): Promise<GifResult> {
  const source = await runner.probe(input, options);
  const sourceWidth = source.video?.width ?? START_WIDTH;
  let width = Math.min(START_WIDTH, sourceWidth);
  let fps = START_FPS;
  const part = `${output}.part`;
  const run = {
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    ...(options.signal ? { signal: options.signal } : {}),
  };
  let smallest = Number.POSITIVE_INFINITY;
  try {
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      width = Math.max(2, Math.round(width / 2) * 2);
      await runner.ffmpeg(gifArgs(input, part, width, fps), run);
      const bytes = (await stat(part)).size;
      smallest = Math.min(smallest, bytes);
      if (bytes <= limitBytes) {
        await rename(part, output);
        return { kind: 'made', bytes, width, fps, attempts: attempt };
      }
      if (width <= SMALLEST_WIDTH) break;
      // Size grows with the area and the rate: shrink both sides by the root of the overshoot.
      fps = 10;
      const scale = Math.sqrt((limitBytes / bytes) * 0.85 * (START_FPS / 10));
      width = Math.max(SMALLEST_WIDTH, Math.floor(width * Math.min(scale, 0.85)));
    }
    return { kind: 'too_large', smallestBytes: smallest };
  } finally {
    await rm(part, { force: true });
  }
}
