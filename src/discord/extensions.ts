/**
 * Extend's work on files: the last frame of the video a member extends (the picture its
 * continuation starts from), and, when the continuation is done, the two joined into the one video
 * the extend job delivers. The joined file replaces the continuation in the cache under the job's
 * id, so a further Extend starts from the whole chain, and a note beside it says so: a delivery
 * that a crash cut short joins again once, never twice onto a file already joined.
 */
import { randomBytes } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import type { Logger } from 'pino';
import type { Job } from '../jobs/job.js';
import type { JobStore } from '../jobs/jobStore.js';
import type { MediaCache } from '../media/cache.js';
import type { FfmpegRunner } from '../media/ffmpeg.js';
import { joinClips, lastFrame } from '../media/join.js';

export interface ExtensionsOptions {
  runner: FfmpegRunner;
  cache: MediaCache;
  store: Pick<JobStore, 'get'>;
  download: { maxBytes: number; timeoutMs: number; allowedOrigins: readonly string[] };
  logger: Logger;
}

/** What the cache note of an extend job records. */
interface JoinNote {
  /** Joins started: a crash during one leaves 1, and the next delivery tries once more. */
  started: number;
  /** The continuation as downloaded: a file of this size in the cache is not joined yet. */
  continuationBytes?: number;
  /** Set once the joined file is in the cache. */
  joined?: { bytes: number; seconds: number };
}

/** Joins tried for one job before it is delivered as the continuation alone. */
export const MAX_JOINS = 2;

export type JoinOutcome =
  | { kind: 'joined'; path: string; bytes: number; temporary: boolean; seconds: number }
  /** The parent's video is gone, or two tries failed: the continuation goes alone. */
  | { kind: 'unjoined'; reason: 'parent_gone' | 'failed' };

export class Extensions {
  constructor(private readonly options: ExtensionsOptions) {}

  private notePath(jobId: string): string {
    return `${this.options.cache.notePath(jobId)}.join.json`;
  }

  private async readNote(jobId: string): Promise<JoinNote> {
    try {
      return JSON.parse(await readFile(this.notePath(jobId), 'utf8')) as JoinNote;
    } catch {
      return { started: 0 };
    }
  }

  private async writeNote(jobId: string, note: JoinNote): Promise<void> {
    const path = this.notePath(jobId);
    const temp = `${path}.${randomBytes(4).toString('hex')}.tmp`;
    await writeFile(temp, JSON.stringify(note));
    await rename(temp, path);
  }

  /** A finished job's video on disk: the cached file (joined, for an extend), else its link while it lasts. */
  private videoOf(job: Job): Promise<{ path: string; temporary: boolean } | undefined> {
    return this.options.cache.videoFile(job.id, job.resultUrl, this.options.download);
  }

  /** The last frame of a finished video as PNG bytes; undefined when its file is gone. */
  async lastFrame(job: Job): Promise<Buffer | undefined> {
    const video = await this.videoOf(job);
    if (!video) return undefined;
    const still = `${this.options.cache.pathFor(job.id)}.${randomBytes(4).toString('hex')}.frame.tmp`;
    try {
      await lastFrame(this.options.runner, video.path, still);
      return await readFile(still);
    } finally {
      await rm(still, { force: true });
      if (video.temporary) await rm(video.path, { force: true });
    }
  }

  /**
   * The extend job's video: its parent's joined with `file`, the continuation it downloaded (or the
   * join itself, when a delivery before a crash made it).
   */
  async join(job: Job, file: { path: string; bytes: number; temporary: boolean }): Promise<JoinOutcome> {
    const note = await this.readNote(job.id);
    if (note.joined && file.bytes !== note.continuationBytes) {
      return { kind: 'joined', ...file, seconds: note.joined.seconds };
    }
    if (note.started >= MAX_JOINS) return { kind: 'unjoined', reason: 'failed' };
    const parent = job.parentId ? await this.options.store.get(job.parentId) : undefined;
    const first = parent ? await this.videoOf(parent) : undefined;
    if (!first) return { kind: 'unjoined', reason: 'parent_gone' };
    await this.writeNote(job.id, { started: note.started + 1, continuationBytes: file.bytes });
    // Named as the cache's temporary files are, so one a kill leaves behind is cleared at start.
    const output = `${this.options.cache.pathFor(job.id)}.${randomBytes(4).toString('hex')}.join.tmp`;
    try {
      const joined = await joinClips(this.options.runner, first.path, file.path, output);
      const kept = await this.options.cache.put(job.id, output);
      await this.writeNote(job.id, {
        started: note.started + 1,
        continuationBytes: file.bytes,
        joined: { bytes: joined.bytes, seconds: joined.durationSeconds },
      });
      this.options.logger.info({ jobId: job.id, parentId: job.parentId, seconds: joined.durationSeconds }, 'extension joined');
      if (kept) {
        await rm(output, { force: true });
        if (file.temporary) await rm(file.path, { force: true });
        return { kind: 'joined', path: kept, bytes: joined.bytes, temporary: false, seconds: joined.durationSeconds };
      }
      return { kind: 'joined', path: output, bytes: joined.bytes, temporary: true, seconds: joined.durationSeconds };
    } catch (error) {
      await rm(output, { force: true });
      this.options.logger.warn({ err: error, jobId: job.id }, 'could not join the extension to its video');
      // Once more on the next delivery; after that the continuation goes alone.
      if ((await this.readNote(job.id)).started >= MAX_JOINS) return { kind: 'unjoined', reason: 'failed' };
      throw error;
    } finally {
      if (first.temporary) await rm(first.path, { force: true });
    }
  }
}

/** The seconds of a chain of extensions, from its first video to `job` (each step's asked length). */
export async function chainSeconds(store: Pick<JobStore, 'get'>, job: Job): Promise<number> {
  let total = 0;
  let step: Job | undefined = job;
  // Bounded, so a hand-edited row pointing at itself cannot loop.
  for (let depth = 0; step && depth < 100; depth++) {
    total += step.input.duration;
    if (step.kind !== 'extend' || !step.parentId) break;
    step = await store.get(step.parentId);
  }
  return total;
}
