/**
 * Downloads a finished video from the provider's storage to a local file.
 *
 * Result links are public, pre-signed CDN URLs on hosts other than the API: they get no
 * Authorization header (the token goes to the API host only). The body is streamed to disk and
 * cut off past `maxBytes`, so a huge or endless answer cannot fill memory or the disk.
 *
 * The provider names the link, so it is not trusted: only `https` to public addresses (checked
 * as resolved, on every redirect; see addressPolicy.ts), and only a body that is a video (its
 * content type and the MP4 `ftyp` box). Origins listed in `allowedOrigins` skip the address
 * rules (a loopback test server, a self-hosted mirror) but not the content check.
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { isIP } from 'node:net';
import { dirname } from 'node:path';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Logger } from 'pino';
import { Agent, type Dispatcher, request } from 'undici';
import { FORBIDDEN_ADDRESS, forbiddenAddressError, isPublicAddress, publicOnlyLookup } from './addressPolicy.js';

export type DownloadErrorKind = 'bad_url' | 'not_video' | 'not_image' | 'too_large' | 'expired' | 'http_error' | 'timeout' | 'network';

export class DownloadError extends Error {
  override readonly name = 'DownloadError';
  readonly kind: DownloadErrorKind;
  /** Origin and path of the link; the query (a pre-signed signature) is left out of logs. */
  readonly where: string;
  /** HTTP status of the failing answer, when there was one. */
  readonly status: number | undefined;
  /** For `too_large`: the declared size, or the bytes counted when the download was cut off. */
  readonly bytes: number | undefined;

  constructor(kind: DownloadErrorKind, message: string, extra: { where?: string; status?: number; bytes?: number; cause?: unknown } = {}) {
    super(message, extra.cause === undefined ? undefined : { cause: extra.cause });
    this.kind = kind;
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
  /**
   * Origins (`scheme://host:port`) fetched even over http or at a loopback or private address:
   * a test's loopback server or a self-hosted mirror. @defaultValue none
   */
  allowedOrigins?: readonly string[];
  /**
   * undici dispatcher for allowed origins; undici's global one when absent. Every other host goes
   * through an agent of this module that connects to public addresses only.
   */
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

/**
 * Refuses a link outside the allowed origins unless it is https; an address written in the link
 * is checked here (a socket does no lookup for it), a name when the socket resolves it.
 */
function checkTarget(url: URL, allowed: ReadonlySet<string>): 'allowed' | 'public' {
  if (allowed.has(url.origin)) return 'allowed';
  if (url.protocol !== 'https:') {
    throw new DownloadError('bad_url', `refusing ${url.protocol} URL outside the allowed origins`, { where: describe(url) });
  }
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (isIP(host) !== 0 && !isPublicAddress(host)) {
    throw new DownloadError('bad_url', forbiddenAddressError(host, host).message, { where: describe(url) });
  }
  return 'public';
}

/** Storage hosts label videos `video/*`, or as generic bytes when the uploader set no type. */
function isVideoType(header: string | undefined): boolean {
  const type = header?.split(';')[0]?.trim().toLowerCase();
  return type !== undefined && (type.startsWith('video/') || type === 'application/octet-stream' || type === 'binary/octet-stream');
}

/** Holds the body back until its first 8 bytes show an ISO-BMFF `ftyp` box (MP4, MOV), then passes it on. */
class Mp4Signature extends Transform {
  private head: Buffer | undefined = Buffer.alloc(0);
  constructor(private readonly where: string) {
    super();
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    if (this.head === undefined) {
      done(null, chunk);
      return;
    }
    this.head = Buffer.concat([this.head, chunk]);
    if (this.head.length < 8) {
      done();
      return;
    }
    const held = this.head;
    this.head = undefined;
    if (held.toString('latin1', 4, 8) !== 'ftyp') {
      done(new DownloadError('not_video', 'the body does not start with an MP4 ftyp box', { where: this.where }));
      return;
    }
    done(null, held);
  }
  override _flush(done: TransformCallback): void {
    if (this.head !== undefined) done(new DownloadError('not_video', 'the body is too short to be a video', { where: this.where }));
    else done();
  }
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

/** What a download expects: the Accept header and the content types taken. */
interface Wanted {
  accept: string;
  isWanted(contentType: string | undefined): boolean;
  refusal: 'not_video' | 'not_image';
}

const VIDEO: Wanted = { accept: 'video/*, */*', isWanted: isVideoType, refusal: 'not_video' };

/** Discord labels uploads by their type; generic bytes are let through to the header check. */
function isImageType(header: string | undefined): boolean {
  const type = header?.split(';')[0]?.trim().toLowerCase();
  return type !== undefined && (type.startsWith('image/') || type === 'application/octet-stream' || type === 'binary/octet-stream');
}

const IMAGE: Wanted = { accept: 'image/png, image/jpeg, image/*;q=0.8', isWanted: isImageType, refusal: 'not_image' };

interface OpenedVideo {
  body: Dispatcher.ResponseData['body'];
  headers: Dispatcher.ResponseData['headers'];
  where: string;
  contentType: string | undefined;
}

/**
 * Follows `url` through its redirects, each hop checked (scheme, address), and returns the answer
 * once its status and content type say it is a video. `agents` collects the agents made on the
 * way, for the caller to destroy when it is done with the body.
 */
async function openVideo(
  url: string,
  opts: { timeoutMs: number; allowedOrigins?: readonly string[]; dispatcher?: Dispatcher },
  signal: AbortSignal,
  agents: Agent[],
  extraHeaders: Record<string, string> = {},
  wanted: Wanted = VIDEO,
): Promise<OpenedVideo> {
  const allowed = new Set((opts.allowedOrigins ?? []).map((origin) => new URL(origin).origin));
  let current = parseHttpUrl(url);
  for (let redirects = 0; ; redirects++) {
    const where = describe(current);
    let dispatcher = opts.dispatcher;
    if (checkTarget(current, allowed) === 'public') {
      if (agents.length === 0) agents.push(new Agent({ connect: { lookup: publicOnlyLookup } }));
      dispatcher = agents[0];
    }
    let response: Dispatcher.ResponseData;
    try {
      response = await request(current, {
        method: 'GET',
        // Deliberately no Authorization: this host is not the API.
        headers: { accept: wanted.accept, ...extraHeaders },
        signal,
        headersTimeout: opts.timeoutMs,
        bodyTimeout: opts.timeoutMs,
        ...(dispatcher === undefined ? {} : { dispatcher }),
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

    const contentType = singleHeader(headers['content-type']);
    if (!wanted.isWanted(contentType)) {
      await body.dump().catch(() => undefined);
      throw new DownloadError(wanted.refusal, `content type ${contentType ?? '(none)'}`, { where, status: statusCode });
    }
    return { body, headers, where, contentType };
  }
}

async function destroyAll(agents: readonly Agent[]): Promise<void> {
  await Promise.all(agents.map((agent) => agent.destroy().catch(() => undefined)));
}

/**
 * Streams `url` into `destPath` (written under a temporary name and renamed on success, so a
 * reader never sees half a file; the temporary file is removed on any failure).
 *
 * @throws DownloadError `bad_url` (not a URL; not https, or not a public address, outside the
 *   allowed origins; also on a redirect), `not_video` (content type or MP4 signature), `too_large`
 *   (by Content-Length, else by count), `expired` (403/404/410), `http_error` (any other status or
 *   too many redirects), `timeout`, `network`
 */
export async function downloadToFile(url: string, destPath: string, opts: DownloadOptions): Promise<DownloadResult> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new DownloadTimeout(`download exceeded ${opts.timeoutMs} ms`)), opts.timeoutMs);
  const tempPath = `${destPath}.${randomBytes(6).toString('hex')}.part`;
  const agents: Agent[] = [];
  let wroteTemp = false;
  try {
    const { body, headers, where, contentType } = await openVideo(url, opts, controller.signal, agents);
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
      await pipeline(body, new Mp4Signature(where), counter, createWriteStream(tempPath, { flags: 'wx' }));
    } catch (err) {
      if (err instanceof DownloadError) throw err;
      // A disk problem (full, no permission) is the operator's, not the link's: pass it on as is.
      if (!controller.signal.aborted && isFileSystemError(err)) throw err;
      throw transportError(controller.signal.aborted ? controller.signal.reason : err, where);
    }
    await rename(tempPath, destPath);
    wroteTemp = false;
    return { path: destPath, bytes: counter.bytes, ...(contentType === undefined ? {} : { contentType }) };
  } finally {
    clearTimeout(timer);
    if (wroteTemp) await rm(tempPath, { force: true }).catch(() => undefined);
    await destroyAll(agents);
  }
}

export type VideoLinkCheck = 'video' | 'not_video' | 'unknown';

/**
 * Whether the link leads to a video the bot may fetch, read from its first bytes only, through
 * the same checks as `downloadToFile`. `not_video` is final (a refused address or scheme, a body
 * that is not a video); `unknown` is a fault that may pass (a timeout, an expired link), left to
 * the download to report.
 */
export async function checkVideoLink(
  url: string,
  opts: { timeoutMs: number; allowedOrigins?: readonly string[]; dispatcher?: Dispatcher },
): Promise<{ result: VideoLinkCheck; error?: DownloadError }> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new DownloadTimeout(`check exceeded ${opts.timeoutMs} ms`)), opts.timeoutMs);
  const agents: Agent[] = [];
  try {
    const { body, where } = await openVideo(url, opts, controller.signal, agents, { range: 'bytes=0-1023' });
    let head = Buffer.alloc(0);
    try {
      for await (const chunk of body) {
        head = Buffer.concat([head, chunk as Buffer]);
        if (head.length >= 8) break;
      }
    } catch (err) {
      throw transportError(controller.signal.aborted ? controller.signal.reason : err, where);
    } finally {
      body.destroy();
    }
    if (head.length < 8 || head.toString('latin1', 4, 8) !== 'ftyp') {
      throw new DownloadError('not_video', 'the body does not start with an MP4 ftyp box', { where });
    }
    return { result: 'video' };
  } catch (err) {
    if (!(err instanceof DownloadError)) throw err;
    return { result: err.kind === 'not_video' || err.kind === 'bad_url' ? 'not_video' : 'unknown', error: err };
  } finally {
    clearTimeout(timer);
    await destroyAll(agents);
  }
}

/**
 * A picture into memory (they are small: a model takes at most a few MB), through the same
 * address rules as videos; the bytes are returned for the caller to check their header.
 *
 * @throws DownloadError as `downloadToFile`, with `not_image` for a body labelled as something else
 */
export async function downloadImage(url: string, opts: DownloadOptions): Promise<{ bytes: Buffer; contentType: string | undefined }> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new DownloadTimeout(`download exceeded ${opts.timeoutMs} ms`)), opts.timeoutMs);
  const agents: Agent[] = [];
  try {
    const { body, headers, where, contentType } = await openVideo(url, opts, controller.signal, agents, {}, IMAGE);
    const declared = Number(singleHeader(headers['content-length']));
    if (Number.isFinite(declared) && declared > opts.maxBytes) {
      body.destroy();
      throw new DownloadError('too_large', `Content-Length ${declared} exceeds ${opts.maxBytes}`, { where, bytes: declared });
    }
    const chunks: Buffer[] = [];
    let bytes = 0;
    try {
      for await (const chunk of body) {
        bytes += (chunk as Buffer).byteLength;
        if (bytes > opts.maxBytes) {
          body.destroy();
          throw new DownloadError('too_large', `more than ${opts.maxBytes} bytes`, { where, bytes });
        }
        chunks.push(chunk as Buffer);
      }
    } catch (err) {
      throw transportError(controller.signal.aborted ? controller.signal.reason : err, where);
    }
    return { bytes: Buffer.concat(chunks), contentType };
  } finally {
    clearTimeout(timer);
    await destroyAll(agents);
  }
}

function errorCode(err: unknown): unknown {
  return typeof err === 'object' && err !== null ? (err as { code?: unknown }).code : undefined;
}

function transportError(err: unknown, where: string): DownloadError {
  if (err instanceof DownloadError) return err;
  for (let cause: unknown = err, depth = 0; cause !== undefined && depth < 5; depth++) {
    if (errorCode(cause) === FORBIDDEN_ADDRESS) {
      return new DownloadError('bad_url', cause instanceof Error ? cause.message : 'not a public address', { where, cause: err });
    }
    cause = cause instanceof Error ? cause.cause : undefined;
  }
  const code = errorCode(err);
  if (err instanceof DownloadTimeout || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') {
    return new DownloadError('timeout', err instanceof Error ? err.message : 'timed out', { where, cause: err });
  }
  const text = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return new DownloadError('network', text, { where, cause: err });
}

function isFileSystemError(err: unknown): boolean {
  return typeof err === 'object' && err !== null && typeof (err as { path?: unknown }).path === 'string';
}

/**
 * The poller's look at a finished result before it is recorded as succeeded: false only for a
 * link that is surely not a video the bot may fetch (logged, with where and why).
 */
export function makeVideoCheck(
  opts: { timeoutMs: number; allowedOrigins: readonly string[] },
  logger: Logger,
): (job: { id: string }, url: string) => Promise<boolean | 'refused_address'> {
  return async (job, url) => {
    const { result, error } = await checkVideoLink(url, opts);
    // A link the address rules refuse was never fetched: the member is told that, not that it is no video.
    if (result === 'not_video' && error?.kind === 'bad_url') {
      logger.warn({ jobId: job.id, where: error.where, reason: error.message }, 'the provider returned a link the bot may not follow');
      return 'refused_address';
    }
    if (result === 'not_video') {
      logger.warn({ jobId: job.id, where: error?.where, reason: error?.message }, 'the provider returned something that is not a video');
    }
    return result !== 'not_video';
  };
}
