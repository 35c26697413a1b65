/**
 * A bounded local cache of delivered videos, one file per job.
 *
 * Provider result links expire, so a later "share to showcase" re-uploads the cached file rather
 * than linking a dead CDN URL. The cache keeps the most recently used files within `maxBytes`.
 * The last access time is stored as each file's atime, so the order survives a restart without
 * an index file that could drift from the folder's content. The mtime is never moved after the
 * file is written: a file-backed Blob (an upload in flight, which discord.js may send again after
 * a lost answer) refuses to be read once its file's mtime changed.
 *
 * Files being written (a download's `.part`, a fetched `.download`, a copy's `.tmp`) live in the
 * same folder and count against `maxBytes` while they exist; a process killed mid-download leaves
 * them behind, so `removeStrayFiles` clears them before anything is written at start.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readdir, rename, rm, stat, utimes } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Logger } from 'pino';
import { DownloadError, type DownloadOptions, downloadToFile } from './download.js';

export interface MediaCacheOptions {
  /** Folder owned by the cache; files in it other than its videos and their temporary files are left alone. */
  dir: string;
  /** Total size the cached files may occupy. */
  maxBytes: number;
  /**
   * Clock for access times; tests pass a counter so order does not hinge on timer resolution.
   * @defaultValue `Date.now`
   */
  now?: () => number;
}

const EXTENSION = '.mp4';

/** A file the cache (or a download into it) is writing: `<job>.mp4.<random>[.download][.<random>.part]` or `.tmp`. */
function isTemporary(name: string): boolean {
  return name.includes(`${EXTENSION}.`) && /\.(part|download|tmp)$/.test(name);
}

function isMissing(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 'ENOENT';
}

export class MediaCache {
  readonly #dir: string;
  readonly #maxBytes: number;
  readonly #now: () => number;
  // put, get and evict run one at a time so an eviction never removes a file between a get
  // returning its path and the caller seeing it touched, and two puts never undercount.
  #tail: Promise<unknown> = Promise.resolve();

  constructor(options: MediaCacheOptions) {
    this.#dir = resolve(options.dir);
    this.#maxBytes = options.maxBytes;
    this.#now = options.now ?? Date.now;
  }

  /** Where the file for `jobId` lives (whether or not it is cached yet). */
  pathFor(jobId: string): string {
    // Job ids come from our own store, but a file name must never be able to climb out of dir.
    const safe = /^[A-Za-z0-9_-]{1,100}$/.test(jobId) ? jobId : `h-${createHash('sha256').update(jobId).digest('hex').slice(0, 32)}`;
    return join(this.#dir, `${safe}${EXTENSION}`);
  }

  /**
   * A small note kept beside the job's file (what the studio did to it); removed with the file,
   * whether by `remove` or by eviction.
   */
  notePath(jobId: string): string {
    return `${this.pathFor(jobId)}.note.json`;
  }

  has(jobId: string): boolean {
    return existsSync(this.pathFor(jobId));
  }

  /**
   * Copies `fromPath` into the cache (a no-op copy when it is already `pathFor(jobId)`, so a
   * caller may download straight into the cache), marks it used, and evicts older files.
   * @returns the cached path, or undefined when the file alone exceeds `maxBytes`
   */
  async put(jobId: string, fromPath: string): Promise<string | undefined> {
    return this.#exclusive(async () => {
      const target = this.pathFor(jobId);
      await mkdir(this.#dir, { recursive: true });
      if (resolve(fromPath) !== target) {
        const temp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
        try {
          await copyFile(fromPath, temp);
          await rename(temp, target);
        } finally {
          await rm(temp, { force: true });
        }
      }
      // A file that cannot fit even alone would otherwise flush everything else first.
      if ((await stat(target)).size > this.#maxBytes) {
        await rm(target, { force: true });
        return undefined;
      }
      await this.#touch(target);
      await this.#evict(target);
      return existsSync(target) ? target : undefined;
    });
  }

  /** The cached file's path, marked as just used; undefined when not cached. */
  async get(jobId: string): Promise<string | undefined> {
    return this.#exclusive(async () => {
      const path = this.pathFor(jobId);
      try {
        await this.#touch(path);
        return path;
      } catch (err) {
        if (isMissing(err)) return undefined;
        throw err;
      }
    });
  }

  /** A job's video on disk: the cached copy, else fetched while its link lasts; undefined when it is neither. */
  async videoFile(jobId: string, url: string | null, opts: DownloadOptions): Promise<{ path: string; temporary: boolean } | undefined> {
    if (!url) {
      const cached = await this.get(jobId);
      return cached ? { path: cached, temporary: false } : undefined;
    }
    try {
      return await this.obtain(jobId, url, opts);
    } catch (error) {
      if (error instanceof DownloadError) return undefined;
      throw error;
    }
  }

  /**
   * The job's video on local disk: the cached copy, or a fresh download kept in the cache when it
   * fits. A file the cache cannot keep comes back `temporary`, for the caller to remove after use.
   */
  async obtain(jobId: string, url: string, opts: DownloadOptions): Promise<{ path: string; bytes: number; temporary: boolean }> {
    const cached = await this.get(jobId);
    if (cached) return { path: cached, bytes: (await stat(cached)).size, temporary: false };
    const temp = `${this.pathFor(jobId)}.${randomBytes(4).toString('hex')}.download`;
    try {
      const downloaded = await downloadToFile(url, temp, opts);
      const kept = await this.put(jobId, downloaded.path);
      if (!kept) return { path: downloaded.path, bytes: downloaded.bytes, temporary: true };
      await rm(temp, { force: true });
      return { path: kept, bytes: downloaded.bytes, temporary: false };
    } catch (error) {
      // A full disk fails the store after the download succeeded: the file must not stay behind.
      await rm(temp, { force: true }).catch(() => undefined);
      throw error;
    }
  }

  /**
   * Removes the temporary files a killed process left (half-written downloads). Call at start,
   * before anything downloads into the folder. @returns how many were removed
   */
  async removeStrayFiles(): Promise<number> {
    return this.#exclusive(async () => {
      let names: string[];
      try {
        names = await readdir(this.#dir);
      } catch (err) {
        if (isMissing(err)) return 0;
        throw err;
      }
      const stray = names.filter(isTemporary);
      for (const name of stray) await rm(join(this.#dir, name), { force: true });
      return stray.length;
    });
  }

  /** Forgets a job's file (its result was deleted). */
  async remove(jobId: string): Promise<void> {
    await this.#exclusive(async () => {
      await rm(this.pathFor(jobId), { force: true });
      await rm(this.notePath(jobId), { force: true });
    });
  }

  /** Removes least recently used files until the total is within `maxBytes`. */
  async evict(): Promise<void> {
    await this.#exclusive(() => this.#evict(undefined));
  }

  async #touch(path: string): Promise<void> {
    const { mtime } = await stat(path);
    await utimes(path, this.#now() / 1000, mtime);
  }

  async #evict(keepLast: string | undefined): Promise<void> {
    let names: string[];
    try {
      names = await readdir(this.#dir);
    } catch (err) {
      if (isMissing(err)) return;
      throw err;
    }
    const entries: { path: string; size: number; usedAt: number }[] = [];
    // Files being written take disk space too, but are in use: they count, and are not evicted.
    let writing = 0;
    for (const name of names) {
      const temporary = isTemporary(name);
      if (!name.endsWith(EXTENSION) && !temporary) continue;
      const path = join(this.#dir, name);
      try {
        const info = await stat(path);
        if (!info.isFile()) continue;
        if (temporary) writing += info.size;
        else entries.push({ path, size: info.size, usedAt: info.atimeMs });
      } catch (err) {
        if (!isMissing(err)) throw err;
      }
    }
    // Oldest first; the file just put goes last so older files make room for it first.
    entries.sort((a, b) => {
      if (a.path === keepLast) return 1;
      if (b.path === keepLast) return -1;
      return a.usedAt - b.usedAt || a.path.localeCompare(b.path);
    });
    let total = entries.reduce((sum, e) => sum + e.size, writing);
    for (const entry of entries) {
      if (total <= this.#maxBytes) break;
      await rm(entry.path, { force: true });
      await rm(`${entry.path}.note.json`, { force: true });
      total -= entry.size;
    }
  }

  #exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#tail.then(task, task);
    this.#tail = run.catch(() => undefined);
    return run;
  }
}

/** At start: half-written downloads of a process that was killed go; a failure is only logged. */
export async function clearStrayFiles(cache: MediaCache, logger: Logger): Promise<void> {
  try {
    const removed = await cache.removeStrayFiles();
    if (removed > 0) logger.info({ removed }, 'removed stray temporary files from the media cache');
  } catch (error) {
    logger.warn({ err: error }, 'could not clear stray temporary files from the media cache');
  }
}
