import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EN } from '../src/discord/copy.js';
import { cannotFetchText } from '../src/discord/views/deliveryText.js';
import { DownloadError, downloadToFile } from '../src/media/download.js';
import { RunComfyClient } from '../src/runcomfy/client.js';
import { type FakeRunComfy, type Scenario, startFakeRunComfy, tinyMp4 } from '../testkit/runcomfy/index.js';

const TOKEN = 'rc-download-test-token-77aa';
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

describe('downloadToFile', () => {
  let fake: FakeRunComfy;
  let agent: Agent;
  let client: RunComfyClient;
  let dir: string;
  let redirector: Server | undefined;

  /** Submits a job that is finished at once and returns its video link, as the poller would see it. */
  const finishedVideo = async (scenario: Partial<Scenario> = {}): Promise<string> => {
    fake.setScenario({ queueMs: 0, runMs: 0, outcome: 'succeed', video: { kind: 'small' }, ...scenario });
    const { requestId } = await client.submit({ prompt: 'a lighthouse at dusk' });
    const result = await client.result(requestId);
    if (result.videoUrl === undefined) throw new Error('no video url');
    return result.videoUrl;
  };

  const leftovers = () => readdirSync(dir);

  beforeEach(async () => {
    fake = await startFakeRunComfy({ token: TOKEN });
    agent = new Agent();
    client = new RunComfyClient({ baseUrl: fake.url, token: TOKEN, dispatcher: agent });
    dir = mkdtempSync(join(tmpdir(), 'media-download-'));
  });

  afterEach(async () => {
    if (redirector !== undefined) {
      redirector.closeAllConnections();
      await new Promise((resolve) => redirector?.close(resolve));
      redirector = undefined;
    }
    await agent.close();
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('downloads the tiny MP4 byte for byte, without sending the API token', async () => {
    const url = await finishedVideo();
    const dest = join(dir, 'nested', 'video.mp4');
    const got = await downloadToFile(url, dest, { maxBytes: MiB, timeoutMs: 5_000, dispatcher: agent, allowedOrigins: [fake.url] });
    expect(got).toEqual({ path: dest, bytes: tinyMp4().length, contentType: 'video/mp4' });
    expect(readFileSync(dest).equals(tinyMp4())).toBe(true);
    const fileRequests = fake.requests.filter((r) => r.path.startsWith('/files/'));
    expect(fileRequests).toHaveLength(1);
    expect(fileRequests[0]?.hasBearer).toBe(false);
    expect(readdirSync(join(dir, 'nested'))).toEqual(['video.mp4']);
  });

  it('streams a 25 MiB video to disk', async () => {
    const url = await finishedVideo({ video: { kind: 'sized', bytes: 25 * MiB } });
    const dest = join(dir, 'big.mp4');
    const got = await downloadToFile(url, dest, { maxBytes: 30 * MiB, timeoutMs: 10_000, dispatcher: agent, allowedOrigins: [fake.url] });
    expect(got.bytes).toBe(25 * MiB);
    expect(statSync(dest).size).toBe(25 * MiB);
    const head = readFileSync(dest).subarray(0, tinyMp4().length + 8);
    expect(head.subarray(0, tinyMp4().length).equals(tinyMp4())).toBe(true);
    expect(head.subarray(tinyMp4().length + 4).toString('latin1')).toBe('free');
  });

  it('refuses a file whose Content-Length is over the limit, before reading it', async () => {
    const url = await finishedVideo({ video: { kind: 'sized', bytes: 2 * MiB } });
    const err = await downloadError(
      downloadToFile(url, join(dir, 'v.mp4'), { maxBytes: MiB, timeoutMs: 5_000, dispatcher: agent, allowedOrigins: [fake.url] }),
    );
    expect(err).toMatchObject({ kind: 'too_large', bytes: 2 * MiB });
    expect(cannotFetchText(EN, '1', err.kind)).toMatch(/too large/);
    expect(leftovers()).toEqual([]);
  });

  it('stops a file without Content-Length once it passes the limit, and removes the part written', async () => {
    const url = await finishedVideo({ video: { kind: 'sized', bytes: 8 * MiB, chunked: true } });
    const err = await downloadError(
      downloadToFile(url, join(dir, 'v.mp4'), { maxBytes: MiB, timeoutMs: 5_000, dispatcher: agent, allowedOrigins: [fake.url] }),
    );
    expect(err.kind).toBe('too_large');
    expect(err.bytes).toBeGreaterThan(MiB);
    expect(err.bytes).toBeLessThan(8 * MiB);
    expect(leftovers()).toEqual([]);
  });

  it('reports a 404 as an expired link', async () => {
    const url = await finishedVideo({ video: { kind: 'expired' } });
    const err = await downloadError(
      downloadToFile(url, join(dir, 'v.mp4'), { maxBytes: MiB, timeoutMs: 5_000, dispatcher: agent, allowedOrigins: [fake.url] }),
    );
    expect(err).toMatchObject({ kind: 'expired', status: 404 });
    // The pre-signed query is a credential of sorts: it stays out of messages and logs.
    expect(err.where).not.toContain('X-Signature');
    expect(err.message).not.toContain('X-Signature');
    expect(leftovers()).toEqual([]);
  });

  it('times out a slow file server and leaves nothing behind', async () => {
    const url = await finishedVideo();
    fake.fault({ route: 'file', kind: 'slow', delayMs: 500, times: 1 });
    const err = await downloadError(
      downloadToFile(url, join(dir, 'v.mp4'), { maxBytes: MiB, timeoutMs: 100, dispatcher: agent, allowedOrigins: [fake.url] }),
    );
    expect(err.kind).toBe('timeout');
    expect(leftovers()).toEqual([]);
  });

  it('reports another error status as http_error', async () => {
    const url = await finishedVideo();
    fake.fault({ route: 'file', kind: '5xx', times: 1, status: 500 });
    const err = await downloadError(
      downloadToFile(url, join(dir, 'v.mp4'), { maxBytes: MiB, timeoutMs: 5_000, dispatcher: agent, allowedOrigins: [fake.url] }),
    );
    expect(err).toMatchObject({ kind: 'http_error', status: 500 });
  });

  it('refuses anything but http and https', async () => {
    for (const url of ['file:///etc/passwd', 'ftp://127.0.0.1/v.mp4', 'data:video/mp4;base64,AAAA', 'not a url']) {
      const err = await downloadError(
        downloadToFile(url, join(dir, 'v.mp4'), { maxBytes: MiB, timeoutMs: 1_000, dispatcher: agent, allowedOrigins: [fake.url] }),
      );
      expect(err.kind).toBe('bad_url');
    }
    expect(fake.requests).toEqual([]);
    expect(leftovers()).toEqual([]);
  });

  it('follows up to three redirects, within http(s), without adding credentials', async () => {
    const target = await finishedVideo();
    redirector = createServer((req, res) => {
      const path = req.url ?? '/';
      const hops = Number(/^\/hop\/(\d+)/.exec(path)?.[1] ?? Number.NaN);
      if (path === '/to-file') res.writeHead(302, { location: 'file:///etc/passwd' });
      else if (path === '/forbidden') res.writeHead(403);
      else if (hops > 0) res.writeHead(302, { location: `/hop/${hops - 1}` });
      else res.writeHead(307, { location: target });
      res.end();
    });
    await new Promise<void>((resolve) => redirector?.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(redirector.address() as AddressInfo).port}`;
    const opts = { maxBytes: MiB, timeoutMs: 5_000, dispatcher: agent, allowedOrigins: [fake.url, base] };

    const got = await downloadToFile(`${base}/hop/2`, join(dir, 'ok.mp4'), opts);
    expect(got.bytes).toBe(tinyMp4().length);
    expect(fake.requests.filter((r) => r.path.startsWith('/files/')).every((r) => !r.hasBearer)).toBe(true);

    expect((await downloadError(downloadToFile(`${base}/hop/3`, join(dir, 'far.mp4'), opts))).kind).toBe('http_error');
    expect((await downloadError(downloadToFile(`${base}/to-file`, join(dir, 'f.mp4'), opts))).kind).toBe('bad_url');
    // An expired S3-style signature answers 403.
    expect((await downloadError(downloadToFile(`${base}/forbidden`, join(dir, 'x.mp4'), opts))).kind).toBe('expired');
    expect(leftovers()).toEqual(['ok.mp4']);
  });
});
