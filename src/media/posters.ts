/**
 * Poster frames: one small JPEG per video, grabbed by the studio's ffmpeg runner from the bot's
 * own copy of the video, for grids that show many videos at once (the web gallery). A frame is
 * made once and kept beside the cache; a video the cache no longer holds has no poster.
 */
import { mkdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { FfmpegFailed, FfmpegMissing, type FfmpegRunner, FfmpegTimeout } from './ffmpeg.js';

export interface PosterFrame {
  bytes: Buffer;
  contentType: 'image/jpeg';
}

export interface PosterFramesOptions {
  runner: FfmpegRunner;
  /** Where posters are kept (a folder of their own). */
  dir: string;
  /** The bot's own copy of a job's video; undefined when it holds none. */
  videoOf: (jobId: string) => Promise<string | undefined>;
  /** Width of a poster in pixels; the height follows the video's frame. @defaultValue 480 */
  width?: number;
}

/** Job ids are the bot's own, but a path is built from one: anything else is refused. */
const JOB_ID = /^[A-Za-z0-9_-]{1,64}$/;

export class PosterFrames {
  readonly #options: PosterFramesOptions;
  /** One grab per job at a time: a grid asks for the same poster from several pages at once. */
  readonly #making = new Map<string, Promise<PosterFrame | undefined>>();

  constructor(options: PosterFramesOptions) {
    this.#options = options;
  }

  async poster(jobId: string): Promise<PosterFrame | undefined> {
    if (!JOB_ID.test(jobId)) return undefined;
    const path = join(this.#options.dir, `${jobId}.jpg`);
    try {
      return { bytes: await readFile(path), contentType: 'image/jpeg' };
    } catch {
      // Not made yet (or removed): made below.
    }
    const pending = this.#making.get(jobId);
    if (pending) return pending;
    const making = this.#make(jobId, path).finally(() => this.#making.delete(jobId));
    this.#making.set(jobId, making);
    return making;
  }

  async #make(jobId: string, path: string): Promise<PosterFrame | undefined> {
    const video = await this.#options.videoOf(jobId);
    if (!video) return undefined;
    await mkdir(this.#options.dir, { recursive: true });
    const temp = `${path}.${process.pid}.tmp.jpg`;
    const width = this.#options.width ?? 480;
    try {
      // A frame a second in shows the scene rather than a fade from black; `-ss` before `-i`
      // seeks without decoding what it skips. A clip shorter than that gives its last frame.
      await this.#options.runner.ffmpeg([
        '-y',
        '-ss',
        '1',
        '-i',
        video,
        '-frames:v',
        '1',
        '-vf',
        `scale=${width}:-2`,
        '-q:v',
        '4',
        '-update',
        '1',
        temp,
      ]);
      await rename(temp, path);
      return { bytes: await readFile(path), contentType: 'image/jpeg' };
    } catch (error) {
      await rm(temp, { force: true });
      if (error instanceof FfmpegFailed || error instanceof FfmpegTimeout || error instanceof FfmpegMissing) return undefined;
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }
}
