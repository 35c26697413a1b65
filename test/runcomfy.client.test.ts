import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { Agent } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RunComfyClient, type RunComfyClientOptions } from '../src/runcomfy/client.js';
import { isRunComfyError, RunComfyError } from '../src/runcomfy/errors.js';
import { FAKE_MODEL_PATH, type FakeRunComfy, startFakeRunComfy } from '../testkit/runcomfy/index.js';

const TOKEN = 'rc-test-token-5f2a9c81d7e4';
const START = Date.UTC(2025, 0, 1, 12, 0, 0);

async function rejection(promise: Promise<unknown>): Promise<RunComfyError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof RunComfyError) return err;
    throw err;
  }
  throw new Error('expected the call to fail');
}

/** A one-route loopback server for answers the fake does not give. */
async function startStub(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<{ url: string; server: Server }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

async function stopStub(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

describe('RunComfyClient against the fake provider', () => {
  let clock: number;
  let fake: FakeRunComfy;
  let agent: Agent;
  let sleeps: number[];
  let logLines: Record<string, unknown>[];

  const makeClient = (overrides: Partial<RunComfyClientOptions> = {}): RunComfyClient =>
    new RunComfyClient({
      baseUrl: fake.url,
      token: TOKEN,
      dispatcher: agent,
      random: () => 0.5,
      now: () => clock,
      sleep: async (ms) => {
        sleeps.push(ms);
      },
      logger: pino({ level: 'debug' }, { write: (line: string) => void logLines.push(JSON.parse(line)) }),
      ...overrides,
    });

  const callsTo = (suffix: string) => fake.requests.filter((r) => r.path.endsWith(suffix));

  beforeEach(async () => {
    clock = START;
    sleeps = [];
    logLines = [];
    fake = await startFakeRunComfy({
      token: TOKEN,
      now: () => clock,
      defaultScenario: {
        queueMs: 10_000,
        runMs: 20_000,
        queuePositions: 4,
        outcome: 'succeed',
        video: { kind: 'small' },
      },
    });
    agent = new Agent();
  });

  afterEach(async () => {
    await agent.close();
    await fake.close();
  });

  it('sends the bearer token on every API call', async () => {
    const client = makeClient();
    const { requestId } = await client.submit({ prompt: 'a lighthouse at dusk' });
    await client.status(requestId);
    await client.result(requestId);
    await client.cancel(requestId);
    expect(fake.requests).toHaveLength(4);
    for (const r of fake.requests) {
      expect(r).toMatchObject({ hasBearer: true, authorizationValid: true });
    }
    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      `POST ${FAKE_MODEL_PATH}`,
      `GET /v1/requests/${requestId}/status`,
      `GET /v1/requests/${requestId}/result`,
      `POST /v1/requests/${requestId}/cancel`,
    ]);
    expect(fake.requests[0]?.body).toEqual({ prompt: 'a lighthouse at dusk' });
  });

  it('reports a bad token as an operator problem without revealing the token', async () => {
    const wrong = 'rc-wrong-token-0000aaaa';
    const client = makeClient({ token: wrong });
    const err = await rejection(client.submit({ prompt: 'x' }));
    expect(err).toBeInstanceOf(RunComfyError);
    expect(err).toMatchObject({ kind: 'auth', status: 401, code: 400004, method: 'POST', path: FAKE_MODEL_PATH });
    // The member's sentence comes from the kind (test/discord.failureReason.test.ts); the error carries no words of its own.
    expect(err.providerMessage).toBeUndefined();
    for (const text of [err.message, JSON.stringify(err.toLogContext())]) {
      expect(text).not.toContain(wrong);
      expect(text).not.toContain(TOKEN);
    }
    expect(fake.requests[0]).toMatchObject({ hasBearer: true, authorizationValid: false });
    expect(fake.submissions).toBe(0);
    expect(sleeps).toEqual([]);

    const statusErr = await rejection(client.status('req-0001'));
    expect(statusErr.kind).toBe('auth');
    expect(sleeps).toEqual([]);
  });

  it('follows a job from the queue to a succeeded result with its cost and video link', async () => {
    const client = makeClient();
    const { requestId } = await client.submit({ prompt: 'a lighthouse at dusk', duration: 5 });
    expect(fake.submissions).toBe(1);

    expect(await client.status(requestId)).toEqual({ status: 'in_queue', rawStatus: 'in_queue', queuePosition: 4 });
    clock += 5_000;
    expect(await client.status(requestId)).toEqual({ status: 'in_queue', rawStatus: 'in_queue', queuePosition: 2 });
    clock += 10_000;
    expect(await client.status(requestId)).toEqual({ status: 'in_progress', rawStatus: 'in_progress' });
    expect((await client.result(requestId)).status).toBe('in_progress');
    clock += 20_000;
    expect(await client.status(requestId)).toEqual({ status: 'completed', rawStatus: 'completed' });

    const result = await client.result(requestId);
    expect(result).toEqual({
      status: 'succeeded',
      videoUrl: fake.fileUrl(requestId),
      cost: 0.84,
      createdAt: new Date(START).toISOString(),
      finishedAt: new Date(START + 30_000).toISOString(),
    });
    expect(callsTo('/result').every((r) => r.query.include_cost === 'true')).toBe(true);
  });

  it("passes on the provider's own reason for a failed generation", async () => {
    fake.setScenario({ queueMs: 0, runMs: 0, outcome: 'fail', failMessage: 'Prompt flagged by content moderation' });
    const client = makeClient();
    const { requestId } = await client.submit({ prompt: 'something' });
    expect(await client.status(requestId)).toMatchObject({ status: 'completed' });
    const result = await client.result(requestId);
    expect(result).toMatchObject({ status: 'failed', error: 'Prompt flagged by content moderation', cost: 0 });
    expect(result.videoUrl).toBeUndefined();
  });

  it('treats a success without a video as something to report, with a reason', async () => {
    fake.setScenario({ queueMs: 0, runMs: 0, outcome: 'no_video' });
    const client = makeClient();
    const { requestId } = await client.submit({ prompt: 'something' });
    const result = await client.result(requestId);
    expect(result.status).toBe('succeeded');
    expect(result.videoUrl).toBeUndefined();
    expect(result.error).toMatch(/no video/i);
  });

  it('retries a burst of 5xx on status with jittered backoff, then succeeds', async () => {
    const client = makeClient();
    const { requestId } = await client.submit({ prompt: 'x' });
    fake.fault({ route: 'status', kind: '5xx', times: 3 });
    expect((await client.status(requestId)).status).toBe('in_queue');
    expect(callsTo('/status')).toHaveLength(4);
    // Full jitter with random() = 0.5 and base 500 ms: half of 500, 1000, 2000.
    expect(sleeps).toEqual([250, 500, 1000]);
    expect(logLines.filter((l) => l.msg === 'runcomfy: retrying')).toHaveLength(3);
  });

  it('gives up after maxRetries and throws the typed error', async () => {
    const client = makeClient({ maxRetries: 2 });
    const { requestId } = await client.submit({ prompt: 'x' });
    fake.fault({ route: 'result', kind: '5xx', status: 502 });
    const err = await rejection(client.result(requestId));
    expect(err).toMatchObject({ kind: 'unavailable', status: 502, requestId });
    expect(err.providerMessage).toBeUndefined();
    expect(callsTo('/result')).toHaveLength(3);
  });

  it('honours Retry-After on 429 instead of its own backoff', async () => {
    const client = makeClient();
    const { requestId } = await client.submit({ prompt: 'x' });
    fake.fault({ route: 'status', kind: '429', times: 2, retryAfterSeconds: 7 });
    expect((await client.status(requestId)).status).toBe('in_queue');
    expect(sleeps).toEqual([7_000, 7_000]);
  });

  it('caps a huge Retry-After', async () => {
    const client = makeClient({ backoff: { maxRetryAfterMs: 30_000 } });
    const { requestId } = await client.submit({ prompt: 'x' });
    fake.fault({ route: 'cancel', kind: '429', times: 1, retryAfterSeconds: 3600 });
    expect(await client.cancel(requestId)).toEqual({ outcome: 'cancelled' });
    expect(sleeps).toEqual([30_000]);
  });

  it('retries a submit refused with 429, since nothing was accepted, and reports it when it persists', async () => {
    const client = makeClient({ maxRetries: 2 });
    fake.fault({ route: 'submit', kind: '429', times: 1, retryAfterSeconds: 2 });
    const { requestId } = await client.submit({ prompt: 'x' });
    expect(requestId).toMatch(/^req-/);
    expect(sleeps).toEqual([2_000]);
    expect(fake.submissions).toBe(1);

    fake.fault({ route: 'submit', kind: '429', retryAfterSeconds: 5 });
    const err = await rejection(client.submit({ prompt: 'y' }));
    expect(err).toMatchObject({ kind: 'rate_limited', status: 429, retryAfterMs: 5_000 });
    expect(fake.submissions).toBe(1);
  });

  it('reports malformed JSON as malformed after the retries', async () => {
    const client = makeClient();
    const { requestId } = await client.submit({ prompt: 'x' });
    fake.fault({ route: 'status', kind: 'malformed' });
    const err = await rejection(client.status(requestId));
    expect(err).toMatchObject({ kind: 'malformed', status: 200 });
    expect(callsTo('/status')).toHaveLength(5);
    expect(sleeps).toHaveLength(4);
  });

  it('reports a status it does not know as unknown, logs it, and never as success', async () => {
    const client = makeClient();
    const { requestId } = await client.submit({ prompt: 'x' });
    fake.fault({ route: 'status', kind: 'unknown_status', times: 1 });
    expect(await client.status(requestId)).toEqual({ status: 'unknown', rawStatus: 'teleporting' });
    expect(logLines).toContainEqual(expect.objectContaining({ level: 40, requestId, rawStatus: 'teleporting' }));

    fake.fault({ route: 'result', kind: 'unknown_status', times: 1 });
    const result = await client.result(requestId);
    expect(result.status).toBe('unknown');
    expect(result.videoUrl).toBeUndefined();
  });

  it('treats an HTTP 200 that carries an error_code as an error', async () => {
    const client = makeClient();
    const { requestId } = await client.submit({ prompt: 'x' });
    fake.fault({ route: 'status', kind: '200_error', times: 1 });
    const err = await rejection(client.status(requestId));
    expect(err).toMatchObject({ kind: 'not_found', status: 200, code: 404001 });
    expect(callsTo('/status')).toHaveLength(1);

    fake.fault({ route: 'submit', kind: '200_error', times: 1 });
    const balance = await rejection(client.submit({ prompt: 'x' }));
    expect(balance).toMatchObject({ kind: 'balance', code: 400002 });
    expect(balance.providerMessage).toBeUndefined();
  });

  it('does not retry a submit answered with a 5xx: the job may have been accepted', async () => {
    const client = makeClient();
    fake.fault({ route: 'submit', kind: '5xx' });
    const err = await rejection(client.submit({ prompt: 'x' }));
    expect(err).toMatchObject({ kind: 'unavailable', status: 503 });
    expect(callsTo(FAKE_MODEL_PATH)).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('reports a submit whose answer was dropped as outcome_unknown and never resends it', async () => {
    const client = makeClient();
    fake.fault({ route: 'submit', kind: 'drop_after_accept', times: 1 });
    const err = await rejection(client.submit({ prompt: 'x' }));
    expect(err.kind).toBe('outcome_unknown');
    expect(err.providerMessage).toBeUndefined();
    expect(fake.submissions).toBe(1);
    expect(callsTo(FAKE_MODEL_PATH)).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('reports a submit accepted with an unreadable answer as outcome_unknown, not resent', async () => {
    const client = makeClient();
    fake.fault({ route: 'submit', kind: 'malformed', times: 1 });
    const err = await rejection(client.submit({ prompt: 'x' }));
    expect(err).toMatchObject({ kind: 'outcome_unknown', status: 200 });
    expect(callsTo(FAKE_MODEL_PATH)).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('reports a submit that timed out after sending as outcome_unknown', async () => {
    const client = makeClient({ timeouts: { submitMs: 100 } });
    fake.fault({ route: 'submit', kind: 'slow', delayMs: 300, times: 1 });
    const err = await rejection(client.submit({ prompt: 'x' }));
    expect(err.kind).toBe('outcome_unknown');
    expect(callsTo(FAKE_MODEL_PATH)).toHaveLength(1);
    // The provider went on to accept it: exactly the case that must not be resent.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(fake.submissions).toBe(1);
  });

  it('retries a submit when the connection is refused, since nothing was sent', async () => {
    const stub = await startStub((_req, res) => res.end());
    const closedUrl = stub.url;
    await stopStub(stub.server);
    const client = makeClient({ baseUrl: closedUrl, maxRetries: 2 });
    const err = await rejection(client.submit({ prompt: 'x' }));
    expect(err.kind).toBe('unavailable');
    expect(sleeps).toHaveLength(2);
  });

  it('retries status after a timeout and after a reset connection', async () => {
    const client = makeClient({ timeouts: { statusMs: 100 } });
    const { requestId } = await client.submit({ prompt: 'x' });
    fake.fault({ route: 'status', kind: 'slow', delayMs: 300, times: 1 });
    fake.fault({ route: 'status', kind: 'reset', times: 1 });
    expect((await client.status(requestId)).status).toBe('in_queue');
    expect(sleeps).toHaveLength(2);
  });

  it('cancels a queued job and reports a running one as not cancellable', async () => {
    const client = makeClient();
    const queued = await client.submit({ prompt: 'x' });
    expect(await client.cancel(queued.requestId)).toEqual({ outcome: 'cancelled' });
    expect((await client.status(queued.requestId)).status).toBe('cancelled');
    expect((await client.result(queued.requestId)).status).toBe('cancelled');

    const running = await client.submit({ prompt: 'y' });
    clock += 15_000;
    expect(await client.cancel(running.requestId)).toEqual({ outcome: 'not_cancellable' });
    expect((await client.status(running.requestId)).status).toBe('in_progress');
  });

  it("surfaces the provider's words when it rejects the input", async () => {
    const client = makeClient();
    const err = await rejection(client.submit({ prompt: 'x', duration: 20 }));
    expect(err).toMatchObject({ kind: 'input_rejected', status: 422 });
    expect(err.providerMessage).toBe('duration: Input should be between 3 and 15');

    const shots = await rejection(
      client.submit({
        prompt: 'x',
        duration: 10,
        multi_prompt: [
          { prompt: 'a', duration: 3 },
          { prompt: 'b', duration: 4 },
        ],
      }),
    );
    expect(shots.providerMessage).toBe('multi_prompt: The shot durations add up to 7 s but duration is 10 s; they must be equal');

    const several = await rejection(client.submit({ duration: 2, aspect_ratio: '4:3' }));
    expect(several.providerMessage).toBe(
      "prompt: Field required; duration: Input should be between 3 and 15; aspect_ratio: Input should be '16:9', '9:16' or '1:1'",
    );
    expect(fake.submissions).toBe(0);
    expect(sleeps).toEqual([]);
  });

  it('reports an unknown or expired request id as not_found, without retrying', async () => {
    const client = makeClient();
    const err = await rejection(client.result('req-9999'));
    expect(err).toMatchObject({ kind: 'not_found', status: 404, code: 404001, requestId: 'req-9999' });
    expect(sleeps).toEqual([]);
  });

  it('URL-encodes request ids in paths', async () => {
    const client = makeClient();
    await rejection(client.status('a/b c?d'));
    expect(fake.requests[0]?.path).toBe('/v1/requests/a%2Fb%20c%3Fd/status');
  });
});

describe('RunComfyClient against odd answers', () => {
  let stub: { url: string; server: Server } | undefined;
  afterEach(async () => {
    if (stub !== undefined) await stopStub(stub.server);
    stub = undefined;
  });

  const stubClient = (url: string) =>
    new RunComfyClient({ baseUrl: url, token: TOKEN, maxRetries: 1, sleep: async () => undefined, random: () => 0 });

  it('reads a late cancel phrased as a 4xx as not cancellable', async () => {
    let answer: [number, unknown] = [409, { error_message: 'conflict' }];
    stub = await startStub((_req, res) => {
      res.writeHead(answer[0], { 'content-type': 'application/json' });
      res.end(JSON.stringify(answer[1]));
    });
    const client = stubClient(stub.url);
    expect(await client.cancel('r1')).toEqual({ outcome: 'not_cancellable' });
    answer = [400, { error_message: 'Request is already in progress and cannot be cancelled' }];
    expect(await client.cancel('r1')).toEqual({ outcome: 'not_cancellable' });
    answer = [400, { error_message: 'Bad request' }];
    expect((await rejection(client.cancel('r1'))).kind).toBe('input_rejected');
  });

  it('redacts the token if the provider echoes it back', async () => {
    stub = await startStub((req, res) => {
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: `bad header: ${req.headers.authorization ?? ''}` }));
    });
    const err = await rejection(stubClient(stub.url).submit({ prompt: 'x' }));
    expect(err.providerMessage).toBe('bad header: Bearer [redacted]');
    expect(err.message).not.toContain(TOKEN);
  });

  it('reads a result whose video is in output.videos and whose cost is a string', async () => {
    stub = await startStub((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          status: 'succeeded',
          output: { videos: ['https://cdn.example/v.mp4'] },
          cost: '1.68',
          extra: true,
        }),
      );
    });
    expect(await stubClient(stub.url).result('r1')).toEqual({
      status: 'succeeded',
      videoUrl: 'https://cdn.example/v.mp4',
      cost: 1.68,
    });
  });

  it('is an instance of RunComfyError with a kind guard', async () => {
    stub = await startStub((_req, res) => {
      res.writeHead(402, { 'content-type': 'application/json' });
      res.end('{"error_message":"Payment required"}');
    });
    const err = await rejection(stubClient(stub.url).submit({ prompt: 'x' }));
    expect(isRunComfyError(err)).toBe(true);
    expect(isRunComfyError(err, 'balance')).toBe(true);
    expect(isRunComfyError(err, 'auth')).toBe(false);
    expect(err instanceof Error).toBe(true);
  });
});
