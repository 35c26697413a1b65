/**
 * Downloads a finished video from the provider's storage to a local file.
 *
 * Result links are public, pre-signed CDN URLs on hosts other than the API: they get no
 * Authorization header (the token goes to the API host only). The body is streamed to disk and
 * cut off past `maxBytes`, so a huge or endless answer cannot fill memory or the disk.
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { type Dispatcher, request } from 'undici';

export type DownloadErrorKind = 'bad_url' | 'too_large' | 'expired' | 'http_error' | 'timeout' | 'network';

const USER_MESSAGES: Readonly<Record<DownloadErrorKind, string>> = {
  bad_url: 'The video link from the video service is not a web link the bot can fetch.',
  too_large: 'The video is too large to upload here.',
  expired: 'The video link has expired.',
  http_error: 'The video could not be fetched from the video service.',
  timeout: 'Fetching the video took too long.',
  network: 'The video could not be fetched because of a network problem.',
};

export class DownloadError extends Error {
  override readonly name = 'DownloadError';
  readonly kind: DownloadErrorKind;
  readonly userMessage: string;
  /** Origin and path of the link; the query (a pre-signed signature) is left out of logs. */
  readonly where: string;
  /** HTTP status of the failing answer, when there was one. */
  readonly status: number | undefined;
  /** For `too_large`: the declared size, or the bytes counted when the download was cut off. */
  readonly bytes: number | undefined;

  constructor(kind: DownloadErrorKind, message: string, extra: { where?: string; status?: number; bytes?: number; cause?: unknown } = {}) {
    super(message, extra.cause === undefined ? undefined : { cause: extra.cause });
    this.kind = kind;
    this.userMessage = USER_MESSAGES[kind];
    this.where = extra.where ?? '';
    this.status = extra.status;
    this.bytes = extra.bytes;
  }
}

export interface DownloadOptions {
  /** Largest file accepted, in bytes; the download stops as soon as it is exceeded. */
  maxBytes: number;
  /** Deadline for the whole download, redirects included. */
  timeoutMs: number;
  /** undici dispatcher; undici's global one when absent. */
  dispatcher?: Dispatcher;
}

export interface DownloadResult {
  path: string;
  bytes: number;
  contentType?: string;
}

const MAX_REDIRECTS = 3;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
// 404/410 are what a storage host answers for a removed object; S3- and GCS-style pre-signed
// links answer 403 once their signature has expired, which is the common case for old results.
const EXPIRED_STATUSES = new Set([403, 404, 410]);

class DownloadTimeout extends Error {
  override readonly name = 'DownloadTimeout';
}

function describe(url: URL): string {
  return `${url.origin}${url.pathname}`;
}

function parseHttpUrl(raw: string, base?: URL): URL {
  let url: URL;
  try {
    url = base === undefined ? new URL(raw) : new URL(raw, base);
  } catch (err) {
    throw new DownloadError('bad_url', 'not a valid URL', { cause: err });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new DownloadError('bad_url', `refusing ${url.protocol} URL`, { where: url.protocol });
  }
  return url;
}

function singleHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** Counts bytes on their way to disk and fails the pipeline past the limit. */
class ByteLimit extends Transform {
  bytes = 0;
  constructor(
    private readonly limit: number,
    private readonly where: string,
  ) {
    super();
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.bytes += chunk.byteLength;
    if (this.bytes > this.limit) {
      done(
        new DownloadError('too_large', `more than ${this.limit} bytes (cut off at ${this.bytes})`, {
          where: this.where,
          bytes: this.bytes,
        }),
      );
      return;
    }
    done(null, chunk);
  }
}

/**
 * Streams `url` into `destPath` (written under a temporary name and renamed on success, so a
 * reader never sees half a file; the temporary file is removed on any failure).
 *
 * @throws DownloadError `bad_url` (not http/https, including a redirect elsewhere), `too_large`
 *   (by Content-Length, else by count), `expired` (403/404/410), `http_error` (any other status or
 *   too many redirects), `timeout`, `network`
 */
export async function downloadToFile(url: string, destPath: string, opts: DownloadOptions): Promise<DownloadResult> {
  let current = parseHttpUrl(url);
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new DownloadTimeout(`download exceeded ${opts.timeoutMs} ms`)), opts.timeoutMs);
  const tempPath = `${destPath}.${randomBytes(6).toString('hex')}.part`;
  let wroteTemp = false;
  try {
    for (let redirects = 0; ; redirects++) {
      const where = describe(current);
      let response: Dispatcher.ResponseData;
      try {
        response = await request(current, {
          method: 'GET',
          // Deliberately no Authorization: this host is not the API.
          headers: { accept: 'video/*, */*' },
          signal: controller.signal,
          headersTimeout: opts.timeoutMs,
          bodyTimeout: opts.timeoutMs,
          ...(opts.dispatcher === undefined ? {} : { dispatcher: opts.dispatcher }),
        });
      } catch (err) {
        throw transportError(err, where);
      }
      const { statusCode, headers, body } = response;

      if (REDIRECT_STATUSES.has(statusCode)) {
        await body.dump().catch(() => undefined);
        const location = singleHeader(headers.location);
        if (location === undefined) {
          throw new DownloadError('http_error', `HTTP ${statusCode} without Location`, { where, status: statusCode });
        }
        if (redirects >= MAX_REDIRECTS) {
          throw new DownloadError('http_error', `more than ${MAX_REDIRECTS} redirects`, { where, status: statusCode });
        }
        current = parseHttpUrl(location, current);
        continue;
      }

      if (statusCode < 200 || statusCode >= 300) {
        await body.dump().catch(() => undefined);
        const kind = EXPIRED_STATUSES.has(statusCode) ? 'expired' : 'http_error';
        throw new DownloadError(kind, `HTTP ${statusCode}`, { where, status: statusCode });
      }

      const declared = Number(singleHeader(headers['content-length']));
      if (Number.isFinite(declared) && declared > opts.maxBytes) {
        body.destroy();
        throw new DownloadError('too_large', `Content-Length ${declared} exceeds ${opts.maxBytes}`, {
          where,
          bytes: declared,
        });
      }

      await mkdir(dirname(destPath), { recursive: true });
      const counter = new ByteLimit(opts.maxBytes, where);
      wroteTemp = true;
      try {
        await pipeline(body, counter, createWriteStream(tempPath, { flags: 'wx' }));
      } catch (err) {
        if (err instanceof DownloadError) throw err;
        // A disk problem (full, no permission) is the operator's, not the link's: pass it on as is.
        if (!controller.signal.aborted && isFileSystemError(err)) throw err;
        throw transportError(controller.signal.aborted ? controller.signal.reason : err, where);
      }
      await rename(tempPath, destPath);
      wroteTemp = false;
      const contentType = singleHeader(headers['content-type']);
      return { path: destPath, bytes: counter.bytes, ...(contentType === undefined ? {} : { contentType }) };
    }
  } finally {
    clearTimeout(timer);
    if (wroteTemp) await rm(tempPath, { force: true }).catch(() => undefined);
  }
}

function transportError(err: unknown, where: string): DownloadError {
  if (err instanceof DownloadError) return err;
  const code = typeof err === 'object' && err !== null ? (err as { code?: unknown }).code : undefined;
  if (err instanceof DownloadTimeout || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') {
    return new DownloadError('timeout', err instanceof Error ? err.message : 'timed out', { where, cause: err });
  }
  const text = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return new DownloadError('network', text, { where, cause: err });
}

function isFileSystemError(err: unknown): boolean {
  return typeof err === 'object' && err !== null && typeof (err as { path?: unknown }).path === 'string';
}
