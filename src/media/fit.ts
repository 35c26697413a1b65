/**
 * Fitting a video under an upload limit: a pure plan (bitrate from the size budget and the
 * duration; a smaller frame only when the budget is too small for this one) and the encode that
 * follows it (H.264 + AAC, `+faststart` so Discord plays it inline before it has all of it).
 */
import { rename, rm, stat } from 'node:fs/promises';
import type { FfmpegRunner, MediaInfo } from './ffmpeg.js';

/**
 * The share of the limit a plan spends. Single-pass x264 lands within a few percent of its
 * target with a capped buffer; the MP4 boxes and AAC's own swing take the rest.
 */
const BUDGET_SHARE = 0.92;

/**
 * Least bits per pixel per frame for a watchable H.264 frame at a fast preset: a frame that would
 * get less is scaled down instead (1080p at 24 fps: about 2.5 Mbit/s).
 */
export const MIN_BITS_PER_PIXEL = 0.05;

/** Short sides tried from the top down; the source's own comes first. */
const LADDER = [2160, 1440, 1080, 720, 540, 480, 360, 240] as const;

/** The smallest frame offered: below this a video is not worth posting, and the link stays. */
export const SMALLEST_SHORT_SIDE = 240;

export type FitPlan =
  /** Already under the limit: upload as it is. */
  | { kind: 'fits' }
  | {
      kind: 'encode';
      videoKbps: number;
      /** 0 when the source has no sound. */
      audioKbps: number;
      width: number;
      height: number;
      /** The frame is smaller than the source's. */
      scaled: boolean;
    }
  /** Too long for the limit even at the smallest frame: `maxSeconds` is the longest that would fit there. */
  | { kind: 'cannot_fit'; maxSeconds: number };

const even = (n: number) => Math.max(2, Math.round(n / 2) * 2);

function audioKbpsFor(totalKbps: number, hasAudio: boolean): number {
  if (!hasAudio) return 0;
  if (totalKbps >= 1_500) return 128;
  if (totalKbps >= 500) return 96;
  return 64;
}

/** The frame with `shortSide` on its short side, in the source's proportions. */
function frameWithShortSide(width: number, height: number, shortSide: number): { width: number; height: number } {
  if (width >= height) return { width: even((width * shortSide) / height), height: even(shortSide) };
  return { width: even(shortSide), height: even((height * shortSide) / width) };
}

/** How to bring a video of this size, length and frame under `limitBytes`. Pure. */
export function planFit(info: MediaInfo, limitBytes: number): FitPlan {
  if (info.sizeBytes > 0 && info.sizeBytes <= limitBytes) return { kind: 'fits' };
  const video = info.video;
  const duration = info.durationSeconds;
  const fps = video && video.fps > 0 ? video.fps : 24;
  const hasAudio = info.audio !== undefined;
  const budgetKbps = (limitBytes * 8 * BUDGET_SHARE) / 1000;
  const smallest = video
    ? frameWithShortSide(video.width, video.height, Math.min(SMALLEST_SHORT_SIDE, Math.min(video.width, video.height)))
    : undefined;
  const needKbps = (frame: { width: number; height: number }) => (frame.width * frame.height * fps * MIN_BITS_PER_PIXEL) / 1000;
  const cannot = (): FitPlan => {
    const least = (smallest ? needKbps(smallest) : 0) + audioKbpsFor(0, hasAudio);
    return { kind: 'cannot_fit', maxSeconds: least > 0 ? Math.floor(budgetKbps / least) : 0 };
  };
  if (!video || duration <= 0 || !smallest) return cannot();
  const totalKbps = budgetKbps / duration;
  const audioKbps = audioKbpsFor(totalKbps, hasAudio);
  const videoKbps = Math.floor(totalKbps - audioKbps);
  const sourceShort = Math.min(video.width, video.height);
  const sides = [sourceShort, ...LADDER.filter((side) => side < sourceShort)];
  for (const side of sides) {
    const frame = side === sourceShort ? { width: video.width, height: video.height } : frameWithShortSide(video.width, video.height, side);
    if (videoKbps >= needKbps(frame)) return { kind: 'encode', videoKbps, audioKbps, ...frame, scaled: side !== sourceShort };
    if (side <= SMALLEST_SHORT_SIDE) break;
  }
  return cannot();
}

export interface FitOptions {
  /**
   * x264's speed preset. `superfast` keeps a 15 s 1080p fit near the video's own length on two
   * busy cores with SSIM above 0.98 on test material; slower presets buy little at these bitrates.
   * @defaultValue `superfast`
   */
  preset?: string;
  /** @defaultValue the runner's time limit */
  timeoutMs?: number;
  signal?: AbortSignal;
}

export type FitResult =
  | { kind: 'fits'; bytes: number }
  | { kind: 'fitted'; fromBytes: number; bytes: number; width: number; height: number; scaled: boolean; encodes: number }
  | { kind: 'cannot_fit'; maxSeconds: number };

/** x264 arguments for a target bitrate, with the buffer capped at one second so the size follows it. */
function encodeArgs(
  input: string,
  output: string,
  plan: Extract<FitPlan, { kind: 'encode' }>,
  videoKbps: number,
  preset: string,
): string[] {
  return [
    '-i',
    input,
    '-map',
    '0:v:0',
    '-map',
    '0:a:0?',
    '-c:v',
    'libx264',
    '-preset',
    preset,
    '-b:v',
    `${videoKbps}k`,
    '-maxrate',
    `${Math.round(videoKbps * 1.1)}k`,
    '-bufsize',
    `${videoKbps}k`,
    ...(plan.scaled ? ['-vf', `scale=${plan.width}:${plan.height}`] : []),
    // Browsers and phones play only 8-bit 4:2:0 H.264 inline.
    '-pix_fmt',
    'yuv420p',
    '-profile:v',
    'high',
    ...(plan.audioKbps > 0 ? ['-c:a', 'aac', '-b:a', `${plan.audioKbps}k`] : ['-an']),
    // The index goes first, so Discord's player starts before the whole file has arrived.
    '-movflags',
    '+faststart',
    '-f',
    'mp4',
    output,
  ];
}

/**
 * Encodes `input` to `output` under `limitBytes` following `planFit`. One more encode at a
 * bitrate lowered by the overshoot follows when the first lands over (x264's rate control is
 * close, not exact); past that the video is reported as not fitting. `output` is written whole
 * or not at all (through a `.part` file beside it).
 */
export async function fitVideo(
  runner: FfmpegRunner,
  input: string,
  output: string,
  limitBytes: number,
  options: FitOptions = {},
): Promise<FitResult> {
  const info = await runner.probe(input, options);
  const plan = planFit(info, limitBytes);
  if (plan.kind === 'fits') return { kind: 'fits', bytes: info.sizeBytes };
  if (plan.kind === 'cannot_fit') return plan;
  const part = `${output}.part`;
  const run = {
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    ...(options.signal ? { signal: options.signal } : {}),
  };
  let videoKbps = plan.videoKbps;
  try {
    for (let encodes = 1; encodes <= 2; encodes++) {
      await runner.ffmpeg(encodeArgs(input, part, plan, videoKbps, options.preset ?? 'superfast'), run);
      const bytes = (await stat(part)).size;
      if (bytes <= limitBytes) {
        await rename(part, output);
        return { kind: 'fitted', fromBytes: info.sizeBytes, bytes, width: plan.width, height: plan.height, scaled: plan.scaled, encodes };
      }
      videoKbps = Math.floor((videoKbps + plan.audioKbps) * (limitBytes / bytes) * BUDGET_SHARE - plan.audioKbps);
      if (videoKbps <= 0) break;
    }
    return { kind: 'cannot_fit', maxSeconds: Math.floor(info.durationSeconds * 0.9) };
  } finally {
    await rm(part, { force: true });
  }
}
