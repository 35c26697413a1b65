/**
 * The loopback RunComfy takes each endpoint's own fields, as the provider's catalogue lists them
 * (runcomfy-api.md, "The Kling 3.0 family"), and refuses any other with the provider's 422.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePng } from '../testkit/images.js';
import { FAKE_I2V_MODEL_PATH, FAKE_MODEL_PATH, type FakeRunComfy, startFakeRunComfy } from '../testkit/runcomfy/index.js';

const TOKEN = 'rc-fake-token-9d41b7';
let clock = Date.UTC(2026, 0, 1);
let fake: FakeRunComfy;
let pictures: Server;
let pictureUrl: string;

beforeAll(async () => {
  fake = await startFakeRunComfy({
    token: TOKEN,
    now: () => clock,
    defaultScenario: { queueMs: 1_000, runMs: 1_000, outcome: 'succeed', video: { kind: 'small' } },
  });
  const png = makePng(640, 360);
  pictures = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'image/png', 'content-length': String(png.length) });
    res.end(png);
  });
  await new Promise<void>((resolve) => pictures.listen(0, '127.0.0.1', resolve));
  pictureUrl = `http://127.0.0.1:${(pictures.address() as AddressInfo).port}/start.png`;
});

afterAll(async () => {
  await fake?.close();
  await new Promise<void>((resolve) => (pictures ? pictures.close(() => resolve()) : resolve()));
});

async function submit(path: string, body: Record<string, unknown>): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${fake.url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function costOf(requestId: string): Promise<unknown> {
  clock += 10_000;
  const response = await fetch(`${fake.url}/v1/requests/${requestId}/result?include_cost=true`, {
    headers: { authorization: `Bearer ${TOKEN}` },
  });
  return ((await response.json()) as { cost?: unknown }).cost;
}

describe('the loopback RunComfy’s input fields', () => {
  it('refuses `sound` and `aspect_ratio` on image-to-video, naming each field', async () => {
    const answer = await submit(FAKE_I2V_MODEL_PATH, { prompt: 'p', start_image_url: pictureUrl, sound: false, aspect_ratio: '16:9' });
    expect(answer.status).toBe(422);
    expect(answer.body.detail).toEqual([
      { loc: ['body', 'sound'], msg: 'Extra inputs are not permitted', type: 'extra_forbidden' },
      { loc: ['body', 'aspect_ratio'], msg: 'Extra inputs are not permitted', type: 'extra_forbidden' },
    ]);
  });

  it('refuses image-to-video’s `generate_audio` and image fields on text-to-video', async () => {
    const answer = await submit(FAKE_MODEL_PATH, { prompt: 'p', generate_audio: false, start_image_url: pictureUrl });
    expect(answer.status).toBe(422);
    expect((answer.body.detail as { loc: unknown[] }[]).map((item) => item.loc)).toEqual([
      ['body', 'generate_audio'],
      ['body', 'start_image_url'],
    ]);
  });

  it('checks `generate_audio` as the image-to-video sound switch', async () => {
    const answer = await submit(FAKE_I2V_MODEL_PATH, { prompt: 'p', start_image_url: pictureUrl, generate_audio: 'no' });
    expect(answer.status).toBe(422);
    expect(answer.body.detail).toEqual([{ loc: ['body', 'generate_audio'], msg: 'Input should be a valid boolean', type: 'bool_type' }]);
  });

  it('bills image-to-video without sound when `generate_audio` is off, and for 10 s when no duration is named', async () => {
    const silent = await submit(FAKE_I2V_MODEL_PATH, { prompt: 'p', start_image_url: pictureUrl, duration: 5, generate_audio: false });
    expect(silent.status).toBe(200);
    expect(await costOf(String(silent.body.request_id))).toBeCloseTo(5 * 0.112, 9);
    const unnamed = await submit(FAKE_I2V_MODEL_PATH, { prompt: 'p', start_image_url: pictureUrl });
    expect(unnamed.status).toBe(200);
    expect(await costOf(String(unnamed.body.request_id))).toBeCloseTo(10 * 0.168, 9);
  });

  it('takes text-to-video’s own fields, `sound` among them', async () => {
    const answer = await submit(FAKE_MODEL_PATH, {
      prompt: 'p',
      negative_prompt: 'n',
      duration: 4,
      aspect_ratio: '9:16',
      cfg_scale: 0.5,
      sound: false,
      multi_prompt: [{ prompt: 'a', duration: 4 }],
      shot_type: 'customize',
    });
    expect(answer.status).toBe(200);
    expect(await costOf(String(answer.body.request_id))).toBeCloseTo(4 * 0.112, 9);
  });
});
