/**
 * A job's video made to fit a server's upload limit, once, across crashes and restarts.
 *
 * The fitted file replaces the original in the cache (under the job's id), so whatever reads the
 * job's video afterwards (a Share to the showcase, a direct message) gets the file that uploads.
 * A note beside it records the encodes started and the fit's result: a restart that finds the
 * fitted file posts it without encoding again, and one that finds an encode started but not
 * finished starts it once more. An encode that was under way at two crashes is not tried a
 * third time (it may be what brings the process down), and the link stays.
 */
import { randomBytes } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import type { MediaCache } from './cache.js';
import { FfmpegFailed, FfmpegMissing, type FfmpegRunner, FfmpegTimeout } from './ffmpeg.js';
import { type FitOptions, fitVideo } from './fit.js';

/** Encodes of one video that may be started; the second is the resume after a crash. */
export const MAX_FIT_ENCODES = 2;

export interface FitNote {
  /** Encodes started (a crash leaves this count behind). */
  started: number;
  fitted?: { fromBytes: number; bytes: number; width: number; height: number; scaled: boolean };
}

export type UploadFit =
  /** Under the limit as it came. */
  | { kind: 'fits'; path: string; bytes: number; temporary: boolean }
  /** Re-encoded under the limit; `fromBytes` is the original's size. */
  | { kind: 'fitted'; path: string; bytes: number; fromBytes: number; width: number; height: number; scaled: boolean; temporary: boolean }
  /**
   * No upload: `too_long` when even the smallest frame would not fit, `gave_up` after the encodes
   * allowed, `failed` when ffmpeg could not read or encode it.
   */
  | { kind: 'cannot_fit'; reason: 'too_long' | 'gave_up' | 'failed'; maxSeconds?: number };

export interface UploadFitterOptions {
  runner: FfmpegRunner;
  cache: MediaCache;
  /** Encoder settings (preset, time limit). */
  fit?: Omit<FitOptions, 'signal'>;
  /** Told of an encode that failed, with the reason (for the operator's log). */
  onFailure?: (jobId: string, error: Error) => void;
}

export class UploadFitter {
  constructor(private readonly options: UploadFitterOptions) {}

  async #readNote(jobId: string): Promise<FitNote | undefined> {
    try {
      return JSON.parse(await readFile(this.options.cache.notePath(jobId), 'utf8')) as FitNote;
    } catch {
      return undefined;
    }
  }

  async #writeNote(jobId: string, note: FitNote): Promise<void> {
    const path = this.options.cache.notePath(jobId);
    const temp = `${path}.${randomBytes(4).toString('hex')}.tmp`;
    await writeFile(temp, JSON.stringify(note));
    await rename(temp, path);
  }

  /**
   * The file to upload for `jobId` under `limitBytes`, given the video on disk (the cached copy,
   * or a temporary download the caller removes). Throws only what the disk throws.
   */
  async forUpload(jobId: string, file: { path: string; bytes: number; temporary: boolean }, limitBytes: number): Promise<UploadFit> {
    const note = await this.#readNote(jobId);
    if (file.bytes <= limitBytes) {
      // The cached file is the fitted one when its size is what the note recorded.
      const fitted = note?.fitted;
      if (fitted && fitted.bytes === file.bytes) return { kind: 'fitted', path: file.path, temporary: file.temporary, ...fitted };
      return { kind: 'fits', ...file };
    }
    const started = note?.started ?? 0;
    if (started >= MAX_FIT_ENCODES) return { kind: 'cannot_fit', reason: 'gave_up' };
    await this.#writeNote(jobId, { started: started + 1 });
    // Named as the cache's temporary files are, so one a kill leaves behind is cleared at start.
    const output = `${this.options.cache.pathFor(jobId)}.${randomBytes(4).toString('hex')}.fit.tmp`;
    try {
      const result = await fitVideo(this.options.runner, file.path, output, limitBytes, this.options.fit);
      if (result.kind === 'cannot_fit') return { kind: 'cannot_fit', reason: 'too_long', maxSeconds: result.maxSeconds };
      if (result.kind === 'fits') return { kind: 'fits', ...file };
      const fitted = {
        fromBytes: result.fromBytes,
        bytes: result.bytes,
        width: result.width,
        height: result.height,
        scaled: result.scaled,
      };
      const kept = await this.options.cache.put(jobId, output);
      await this.#writeNote(jobId, { started: started + 1, fitted });
      if (kept) {
        await rm(output, { force: true });
        return { kind: 'fitted', path: kept, temporary: false, ...fitted };
      }
      // The cache cannot keep it (a tiny cache): the caller uploads the encode and removes it.
      return { kind: 'fitted', path: output, temporary: true, ...fitted };
    } catch (error) {
      await rm(output, { force: true });
      if (error instanceof FfmpegFailed || error instanceof FfmpegTimeout || error instanceof FfmpegMissing) {
        this.options.onFailure?.(jobId, error);
        return { kind: 'cannot_fit', reason: 'failed' };
      }
      throw error;
    }
  }
}
