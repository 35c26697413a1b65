import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { DiscordHttpError, discordErrors } from './errors.js';
import type { FaultInjector } from './faults.js';
import { tokenMatches } from './gateway.js';
import { parseRequestBody, type RecordedFile, toRecordedFiles } from './multipart.js';
import type { RestResponse, Router } from './rest.js';
import type { StoredAttachment } from './state.js';

/** One REST call as the fake received it; `Authorization` is reduced to `hasAuth`. */
export interface RecordedRequest {
  method: string;
  /** Without `/api/v10` and percent-decoded, e.g. `/webhooks/1000/<token>/messages/@original`. */
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  hasAuth: boolean;
  json?: unknown;
  files?: RecordedFile[];
  status: number;
  at: number;
  /** The route handled it, then the connection was reset instead of the answer (`loseAnswer`). */
  answerLost?: boolean;
}

export interface HttpOptions {
  router: Router;
  faults: FaultInjector;
  botToken: string;
  requests: RecordedRequest[];
  /** Routes answered for a user's `Authorization: Bearer` token (OAuth2) instead of the bot's. */
  bearerRouter?: Router;
  /** Pages outside the API (the OAuth2 consent page); true when it answered. */
  page?: (req: IncomingMessage, res: ServerResponse, url: URL, body: string) => boolean;
  findAttachment(id: string): StoredAttachment | undefined;
  /** Checks the signature and expiry of an attachment link. */
  checkLink(pathname: string, query: URLSearchParams): 'ok' | 'expired' | 'unsigned' | 'bad_signature';
}

const API_PREFIX = '/api/v10';

/** Discord's JSON errors, and anything unexpected as a 500 so discord.js sees a server error. */
function toResponse(error: unknown): RestResponse {
  if (error instanceof DiscordHttpError) return { status: error.status, body: error.body };
  console.error('fake Discord: route failed', error);
  return { status: 500, body: { code: 0, message: '500: Internal Server Error' } };
}

function send(res: ServerResponse, response: RestResponse): void {
  const headers: Record<string, string> = { ...response.headers };
  if (response.status === 204 || response.body === undefined) {
    res.writeHead(response.status, headers).end();
    return;
  }
  headers['Content-Type'] = 'application/json';
  res.writeHead(response.status, headers).end(JSON.stringify(response.body));
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function plainHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (name === 'authorization' || value === undefined) continue;
    headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

async function handleRest(options: HttpOptions, req: IncomingMessage, url: URL): Promise<RestResponse & { lost?: boolean }> {
  const method = (req.method ?? 'GET').toUpperCase();
  const rawPath = url.pathname.slice(API_PREFIX.length) || '/';
  const path = safeDecode(rawPath);
  const raw = await readBody(req);
  const record: RecordedRequest = {
    method,
    path,
    query: Object.fromEntries(url.searchParams),
    headers: plainHeaders(req),
    hasAuth: req.headers.authorization !== undefined,
    status: 0,
    at: Date.now(),
  };
  options.requests.push(record);
  const respond = (response: RestResponse) => {
    record.status = response.status;
    return response;
  };
  try {
    const { json, files } = await parseRequestBody(req.headers['content-type'], raw);
    if (json !== undefined) record.json = json;
    if (files.length) record.files = toRecordedFiles(files);
    const bearer = req.headers.authorization?.startsWith('Bearer ') ? options.bearerRouter : undefined;
    const matched = (bearer ?? options.router).match(method, rawPath);
    if (!matched) {
      console.warn(`fake Discord: no route for ${method} ${path}; answering 404 (add it to testkit/discord if discord.js needs it)`);
      return respond(toResponse(discordErrors.unknownRoute()));
    }
    if (matched.route.auth) {
      const header = req.headers.authorization;
      if (!header?.startsWith('Bot ') || !tokenMatches(header, options.botToken)) {
        return respond(toResponse(discordErrors.unauthorized()));
      }
    }
    const delayMs = options.faults.delayFor(method, path);
    if (delayMs > 0) await sleep(delayMs);
    const fault = options.faults.take(method, path);
    if (fault) return respond(fault);
    const authorization = req.headers.authorization;
    const response = respond(
      await matched.route.handle({
        method,
        path: rawPath,
        params: matched.params,
        query: url.searchParams,
        json,
        files,
        ...(authorization ? { authorization } : {}),
      }),
    );
    if (!options.faults.takeLostAnswer(method, path)) return response;
    record.answerLost = true;
    return { ...response, lost: true };
  } catch (error) {
    return respond(toResponse(error));
  }
}

function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/** HTTP on 127.0.0.1 and an ephemeral port: `/api/v10/...` for REST, `/attachments/...` for uploaded bytes. */
export async function startHttpServer(options: HttpOptions): Promise<{ server: Server; origin: string }> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname.startsWith(`${API_PREFIX}/`)) {
      handleRest(options, req, url).then(
        (response) => (response.lost ? req.socket.resetAndDestroy() : send(res, response)),
        (error: unknown) => send(res, toResponse(error)),
      );
      return;
    }
    if (options.page && url.pathname.startsWith('/oauth2/')) {
      const page = options.page;
      readBody(req).then(
        (body) => {
          if (!page(req, res, url, body.toString('utf8'))) res.writeHead(404).end();
        },
        () => res.writeHead(400).end(),
      );
      return;
    }
    const attachment = /^\/attachments\/\d+\/(\d+)\//.exec(url.pathname);
    const stored = attachment?.[1] ? options.findAttachment(attachment[1]) : undefined;
    if (stored && options.checkLink(url.pathname, url.searchParams) !== 'ok') {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('This content is no longer available.');
      return;
    }
    if (stored) {
      res.writeHead(200, { 'Content-Type': stored.content_type, 'Content-Length': stored.size }).end(stored.bytes);
      return;
    }
    if (!url.pathname.startsWith('/api/')) {
      res.writeHead(404).end();
      return;
    }
    console.warn(`fake Discord: ${req.method} ${url.pathname} uses an API version other than v10`);
    send(res, toResponse(discordErrors.unknownRoute()));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return { server, origin: `http://127.0.0.1:${port}` };
}
