/**
 * Real result videos for the fake provider: H.264 + AAC MP4s made with ffmpeg from a moving test
 * pattern and a tone, of the duration and frame a request asked for, at a set bitrate. Making a
 * 1080p clip takes seconds, so each shape is made once and kept on disk (under the system's temp
 * folder), and later runs and other test files reuse it.
 *
 * runcomfy-api.md: "Pro renders 1080p. Expect a few MB per 5 s: a 10 to 15 s clip can exceed
 * Discord's default upload limit"; the provider publishes no bitrate, so the default here is
 * about 10 Mbit/s at 1080p (a 15 s clip near 19 MB), scaled by the frame's area.
 */
import { existsSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FfmpegRunner, resolveFfmpegBinaries } from '../../src/media/ffmpeg.js';

export interface VideoShape {
  width: number;
  height: number;
  durationSeconds: number;
  /** @defaultValue 24 (Kling's frame rate upstream) */
  fps?: number;
  /** @defaultValue about 10 Mbit/s at 1080p, scaled by area, at least 200 kbit/s */
  bitrateKbps?: number;
  /** A tone track; Kling's sound is on by default. @defaultValue true */
  audio?: boolean;
  /**
   * A picture the clip starts from (image-to-video): its first frame is this picture, the test
   * pattern slides in over it afterwards. Its bytes make part of the cache key.
   */
  startImage?: { path: string; key: string } | undefined;
  /** A picture the clip ends on (an end frame): its last frame is this picture. */
  endImage?: { path: string; key: string } | undefined;
}

/** 1080p's pixel count: the bitrate of other frames scales from it. */
const FULL_HD = 1920 * 1080;

export function defaultBitrateKbps(width: number, height: number): number {
  return Math.max(200, Math.round((10_000 * width * height) / FULL_HD));
}

/** The frame a Kling 3.0 tier renders for an aspect ratio: `height` on the short side. */
export function frameFor(aspectRatio: string | undefined, shortSide: number): { width: number; height: number } {
  const even = (n: number) => Math.round(n / 2) * 2;
  switch (aspectRatio) {
    case '9:16':
      return { width: shortSide, height: even((shortSide * 16) / 9) };
    case '1:1':
      return { width: shortSide, height: shortSide };
    default:
      return { width: even((shortSide * 16) / 9), height: shortSide };
  }
}

let runner: FfmpegRunner | undefined;
function ffmpeg(): FfmpegRunner {
  runner ??= new FfmpegRunner({
    binaries: resolveFfmpegBinaries({ ffmpegPath: process.env.FFMPEG_PATH, ffprobePath: process.env.FFPROBE_PATH }),
  });
  return runner;
}

/** The folder the made clips are kept in; the version in its name changes whenever the recipe does. */
export const VIDEO_CACHE_DIR = join(tmpdir(), 'kling-fake-videos-v1');

type FullShape = Required<Omit<VideoShape, 'startImage' | 'endImage'>> & Pick<VideoShape, 'startImage' | 'endImage'>;

function fileName(shape: FullShape): string {
  const pictures = [shape.startImage ? `s${shape.startImage.key}` : '', shape.endImage ? `e${shape.endImage.key}` : ''].join('');
  return `${shape.width}x${shape.height}-${shape.durationSeconds}s-${shape.fps}fps-${shape.bitrateKbps}k-${shape.audio ? 'a' : 'n'}${pictures}.mp4`;
}

const making = new Map<string, Promise<string>>();

/** The path of a real MP4 of this shape, made now if no earlier run left one. */
export function realVideo(shape: VideoShape): Promise<string> {
  const full: FullShape = {
    width: shape.width,
    height: shape.height,
    durationSeconds: shape.durationSeconds,
    fps: shape.fps ?? 24,
    bitrateKbps: shape.bitrateKbps ?? defaultBitrateKbps(shape.width, shape.height),
    audio: shape.audio ?? true,
    startImage: shape.startImage,
    endImage: shape.endImage,
  };
  const path = join(VIDEO_CACHE_DIR, fileName(full));
  if (existsSync(path)) return Promise.resolve(path);
  let made = making.get(path);
  if (!made) {
    made = make(full, path).finally(() => making.delete(path));
    making.set(path, made);
  }
  return made;
}

async function make(shape: FullShape, path: string): Promise<string> {
  await mkdir(VIDEO_CACHE_DIR, { recursive: true });
  // Another process (a parallel test file) may make the same shape: each writes its own temp
  // file and the rename is atomic, so a reader never sees half a file.
  const temp = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  const { width, height, durationSeconds: d, fps, bitrateKbps } = shape;
  const size = `${width}x${height}`;
  const inputs: string[] = ['-f', 'lavfi', '-i', `testsrc2=size=${size}:rate=${fps}:duration=${d}`];
  // Light grain, changing every frame, so the pattern compresses like filmed video, not a cartoon.
  let graph = '[0:v]noise=alls=6:allf=t,format=yuv420p[pattern]';
  let last = '[pattern]';
  const frames = Math.round(d * fps);
  if (shape.startImage) {
    inputs.push('-loop', '1', '-framerate', String(fps), '-t', String(d), '-i', shape.startImage.path);
    const i = inputs.filter((a) => a === '-i').length - 1;
    // The picture fills the frame; the pattern slides in from the right after the first frame, so
    // frame 0 is the picture itself.
    graph += `;[${i}:v]scale=${size}:force_original_aspect_ratio=increase,crop=${width}:${height},setsar=1,format=yuv420p[still]`;
    graph += `;[still]${last}overlay=x='if(eq(n,0),W,W-(W/2)*n/${frames})':y=0:eval=frame[withstart]`;
    last = '[withstart]';
  }
  if (shape.endImage) {
    inputs.push('-loop', '1', '-framerate', String(fps), '-t', String(d), '-i', shape.endImage.path);
    const i = inputs.filter((a) => a === '-i').length - 1;
    graph += `;[${i}:v]scale=${size}:force_original_aspect_ratio=increase,crop=${width}:${height},setsar=1,format=yuv420p[endstill]`;
    // The last frame is the end picture alone.
    graph += `;${last}[endstill]overlay=x=0:y=0:enable='gte(n,${frames - 1})'[withend]`;
    last = '[withend]';
  }
  const audio = shape.audio ? ['-f', 'lavfi', '-i', `sine=frequency=440:sample_rate=48000:duration=${d}`] : [];
  const audioIndex = inputs.filter((a) => a === '-i').length;
  const args = [
    ...inputs,
    ...audio,
    '-filter_complex',
    graph,
    '-map',
    last,
    ...(shape.audio ? ['-map', `${audioIndex}:a`, '-c:a', 'aac', '-b:a', '128k'] : []),
    '-frames:v',
    String(frames),
    '-c:v',
    'libx264',
    '-preset',
    'ultrafast',
    '-b:v',
    `${bitrateKbps}k`,
    '-maxrate',
    `${bitrateKbps}k`,
    '-bufsize',
    `${bitrateKbps * 2}k`,
    // Constant bitrate with filler, so the file's size follows from the bitrate and the duration
    // whatever the pattern's complexity.
    '-x264-params',
    'nal-hrd=cbr',
    '-pix_fmt',
    'yuv420p',
    '-r',
    String(fps),
    '-movflags',
    '+faststart',
    '-f',
    'mp4',
    temp,
  ];
  try {
    await ffmpeg().ffmpeg(args, { timeoutMs: 5 * 60_000 });
    await rename(temp, path);
  } finally {
    await rm(temp, { force: true });
  }
  return path;
}
