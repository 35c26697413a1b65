/**
 * What the bot agrees to download: https links to public addresses (checked after DNS and on
 * every redirect), unless an origin is explicitly allowed, and only bodies that are videos.
 * Every server here listens on 127.0.0.1; a refused link must not even be connected to.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { type AddressInfo, createServer as createTcpServer, type Server as TcpServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EN } from '../src/discord/copy.js';
import { cannotFetchText } from '../src/discord/views/deliveryText.js';
import { checkVideoLink, DownloadError, downloadToFile } from '../src/media/download.js';
import { tinyMp4 } from '../testkit/runcomfy/index.js';

const MiB = 1024 * 1024;

async function downloadError(promise: Promise<unknown>): Promise<DownloadError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof DownloadError) return err;
    throw err;
  }
  throw new Error('expected the download to fail');
}

describe('what the bot downloads', () => {
  let dir: string;
  let servers: (Server | TcpServer)[];
  /** Requests (HTTP) or connections (TCP) each server received, by origin. */
  let hits: Map<string, number>;

  const listen = async (server: Server | TcpServer): Promise<number> => {
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return (server.address() as AddressInfo).port;
  };

  /** An HTTP server on 127.0.0.1 whose answers the test writes. */
  const httpServer = async (answer: (path: string) => { status: number; headers?: Record<string, string>; body?: Buffer | string }) => {
    let origin = '';
    const server = createServer((req, res) => {
      hits.set(origin, (hits.get(origin) ?? 0) + 1);
      const { status, headers = {}, body = '' } = answer(req.url ?? '/');
      res.writeHead(status, headers);
      res.end(body);
    });
    origin = `http://127.0.0.1:${await listen(server)}`;
    return origin;
  };

  /** A bare TCP port that counts connections: anything that reaches it was let through. */
  const tcpPort = async () => {
    let key = '';
    const server = createTcpServer((socket) => {
      hits.set(key, (hits.get(key) ?? 0) + 1);
      socket.destroy();
    });
    const port = await listen(server);
    key = `tcp:${port}`;
    return { port, connections: () => hits.get(key) ?? 0 };
  };

  const video = () => ({ status: 200, headers: { 'content-type': 'video/mp4' }, body: tinyMp4() });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'media-safety-'));
    servers = [];
    hits = new Map();
  });

  afterEach(async () => {
    for (const server of servers) {
      if ('closeAllConnections' in server) server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('fetches a video from an allowed origin, even over http on loopback', async () => {
    const origin = await httpServer(video);
    const got = await downloadToFile(`${origin}/v.mp4`, join(dir, 'v.mp4'), { maxBytes: MiB, timeoutMs: 5000, allowedOrigins: [origin] });
    expect(got.bytes).toBe(tinyMp4().length);
  });

  it('refuses plain http to an origin that is not allowed, without connecting', async () => {
    const origin = await httpServer(video);
    const err = await downloadError(downloadToFile(`${origin}/v.mp4`, join(dir, 'v.mp4'), { maxBytes: MiB, timeoutMs: 5000 }));
    expect(err.kind).toBe('bad_url');
    expect(hits.get(origin) ?? 0).toBe(0);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses an https link to a loopback address before connecting', async () => {
    const tcp = await tcpPort();
    for (const url of [
      `https://127.0.0.1:${tcp.port}/v.mp4`,
      `https://[::ffff:127.0.0.1]:${tcp.port}/v.mp4`,
      `https://0x7f.1:${tcp.port}/v.mp4`,
    ]) {
      const err = await downloadError(downloadToFile(url, join(dir, 'v.mp4'), { maxBytes: MiB, timeoutMs: 5000 }));
      expect(err.kind).toBe('bad_url');
    }
    expect(tcp.connections()).toBe(0);
  });

  it('checks the address a host name resolves to, not only the name', async () => {
    const tcp = await tcpPort();
    const err = await downloadError(
      downloadToFile(`https://localhost:${tcp.port}/v.mp4`, join(dir, 'v.mp4'), { maxBytes: MiB, timeoutMs: 5000 }),
    );
    expect(err.kind).toBe('bad_url');
    expect(tcp.connections()).toBe(0);
  });

  it('checks every redirect, from an allowed origin too', async () => {
    const elsewhere = await httpServer(video);
    const tcp = await tcpPort();
    const origin = await httpServer((path) =>
      path === '/to-http'
        ? { status: 302, headers: { location: `${elsewhere}/v.mp4` } }
        : { status: 302, headers: { location: `https://localhost:${tcp.port}/v.mp4` } },
    );
    const opts = { maxBytes: MiB, timeoutMs: 5000, allowedOrigins: [origin] };
    expect((await downloadError(downloadToFile(`${origin}/to-http`, join(dir, 'a.mp4'), opts))).kind).toBe('bad_url');
    expect((await downloadError(downloadToFile(`${origin}/to-name`, join(dir, 'b.mp4'), opts))).kind).toBe('bad_url');
    expect(hits.get(elsewhere) ?? 0).toBe(0);
    expect(tcp.connections()).toBe(0);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses a body that is not a video, whatever its link', async () => {
    const metadata = JSON.stringify({ Code: 'Success', AccessKeyId: 'ASIAFAKE', SecretAccessKey: 'fake', Token: 'fake' });
    const origin = await httpServer((path) => {
      if (path === '/json') return { status: 200, headers: { 'content-type': 'application/json' }, body: metadata };
      if (path === '/html-as-video') return { status: 200, headers: { 'content-type': 'video/mp4' }, body: '<html>login</html>' };
      if (path === '/short') return { status: 200, headers: { 'content-type': 'video/mp4' }, body: 'ftyp' };
      return { status: 200, headers: { 'content-type': 'text/html' }, body: tinyMp4() };
    });
    const opts = { maxBytes: MiB, timeoutMs: 5000, allowedOrigins: [origin] };
    for (const path of ['/json', '/html-as-video', '/short', '/mp4-as-html']) {
      const err = await downloadError(downloadToFile(`${origin}${path}`, join(dir, 'v.mp4'), opts));
      expect(err.kind, path).toBe('not_video');
      expect(cannotFetchText(EN, '1', err.kind)).toContain('not a video');
    }
    expect(readdirSync(dir)).toEqual([]);
  });
  it('tells a video link from its first bytes, under the same rules', async () => {
    const origin = await httpServer((path) => {
      if (path === '/video') return video();
      if (path === '/gone') return { status: 404 };
      return { status: 200, headers: { 'content-type': 'application/json' }, body: '{"AccessKeyId":"ASIAFAKE"}' };
    });
    const opts = { timeoutMs: 5000, allowedOrigins: [origin] };
    expect((await checkVideoLink(`${origin}/video`, opts)).result).toBe('video');
    expect((await checkVideoLink(`${origin}/json`, opts)).result).toBe('not_video');
    // A link that may be fixed by time (or that the download reports better) is not judged here.
    expect((await checkVideoLink(`${origin}/gone`, opts)).result).toBe('unknown');
    const other = await httpServer(video);
    expect((await checkVideoLink(`${other}/video`, opts)).result).toBe('not_video');
    expect(hits.get(other) ?? 0).toBe(0);
  });
});
