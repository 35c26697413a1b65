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

describe('the loopback RunComfy’s three tiers', () => {
  const STANDARD_T2V = '/v1/models/kling/kling-3.0/standard/text-to-video';
  const STANDARD_I2V = '/v1/models/kling/kling-3.0/standard/image-to-video';
  const K4_T2V = '/v1/models/kling/kling-3.0/4k/text-to-video';
  const K4_I2V = '/v1/models/kling/kling-3.0/4k/image-to-video';

  it('serves all six endpoints, and refuses a path it does not know as the provider does (400001)', async () => {
    for (const path of [STANDARD_T2V, K4_T2V]) expect((await submit(path, { prompt: 'p' })).status).toBe(200);
    for (const path of [STANDARD_I2V, K4_I2V]) expect((await submit(path, { prompt: 'p', start_image_url: pictureUrl })).status).toBe(200);
    const unknown = await submit('/v1/models/kling/kling-3.0/ultra/text-to-video', { prompt: 'p' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error_code).toBe(400001);
  });

  it('refuses an end frame on Standard image-to-video, and takes it on 4K', async () => {
    const standard = await submit(STANDARD_I2V, { prompt: 'p', start_image_url: pictureUrl, end_image_url: pictureUrl });
    expect(standard.status).toBe(422);
    expect(standard.body.detail).toEqual([
      { loc: ['body', 'end_image_url'], msg: 'Extra inputs are not permitted', type: 'extra_forbidden' },
    ]);
    const fourK = await submit(K4_I2V, { prompt: 'p', start_image_url: pictureUrl, end_image_url: pictureUrl });
    expect(fourK.status).toBe(200);
  });

  it('takes `shot_type: intelligent` on Standard text-to-video only', async () => {
    expect((await submit(STANDARD_T2V, { prompt: 'p', shot_type: 'intelligent' })).status).toBe(200);
    const pro = await submit(FAKE_MODEL_PATH, { prompt: 'p', shot_type: 'intelligent' });
    expect(pro.status).toBe(422);
    expect((pro.body.detail as { loc: unknown[] }[])[0]?.loc).toEqual(['body', 'shot_type']);
  });

  it('bills each tier at its price: Standard 0.084 / 0.126 per second, 4K a flat 0.42', async () => {
    const standard = await submit(STANDARD_T2V, { prompt: 'p', duration: 5, sound: true });
    expect(await costOf(String(standard.body.request_id))).toBeCloseTo(5 * 0.126, 9);
    const quiet = await submit(STANDARD_I2V, { prompt: 'p', start_image_url: pictureUrl, duration: 5, generate_audio: false });
    expect(await costOf(String(quiet.body.request_id))).toBeCloseTo(5 * 0.084, 9);
    const fourK = await submit(K4_T2V, { prompt: 'p', duration: 5, sound: false });
    expect(await costOf(String(fourK.body.request_id))).toBeCloseTo(5 * 0.42, 9);
  });

  it('answers GET /v1/models/{model_id} with the price unit, the base price and a note; 404 where told to', async () => {
    const read = async (path: string) => {
      const response = await fetch(`${fake.url}/v1/models/${path}`, { headers: { authorization: `Bearer ${TOKEN}` } });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };
    const standard = await read('kling/kling-3.0/standard/text-to-video');
    expect(standard.status).toBe(200);
    expect(standard.body).toMatchObject({ price_unit: 'second', base_price_usd: 0.084 });
    expect(standard.body.pricing_note).toEqual(expect.any(String));
    expect((await read('kling/kling-3.0/4k/image-to-video')).body.base_price_usd).toBe(0.42);
    fake.basePrices.set('kling/kling-3.0/pro/text-to-video', 0.2);
    expect((await read('kling/kling-3.0/pro/text-to-video')).body.base_price_usd).toBe(0.2);
    fake.basePrices.set('kling/kling-3.0/pro/text-to-video', null);
    expect((await read('kling/kling-3.0/pro/text-to-video')).status).toBe(404);
    fake.basePrices.clear();
    expect((await read('kling/kling-3.0/ultra/text-to-video')).status).toBe(404);
  });
});
