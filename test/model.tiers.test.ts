/**
 * The six Kling 3.0 models as data: every body the bot builds for each is held against that
 * endpoint's fields, by submitting it to the loopback RunComfy, which refuses a field an endpoint
 * does not take (runcomfy-api.md, "The Kling 3.0 family").
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobInput } from '../src/jobs/job.js';
import type { ImageLinks } from '../src/model/models.js';
import { listedModel, MODELS, modelFor, modelRequestBody, parseModelInput, soundFieldOf, tiersTaking } from '../src/model/models.js';
import { TIERS, tierAbove } from '../src/model/tiers.js';
import { makePng } from '../testkit/images.js';
import { FAKE_ENDPOINTS, type FakeRunComfy, startFakeRunComfy } from '../testkit/runcomfy/index.js';

const TOKEN = 'rc-fake-token-5c01';
let fake: FakeRunComfy;
let pictures: Server;
let pictureUrl: string;

beforeAll(async () => {
  fake = await startFakeRunComfy({ token: TOKEN });
  const png = makePng(640, 360);
  pictures = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'image/png', 'content-length': String(png.length) });
    res.end(png);
  });
  await new Promise<void>((resolve) => pictures.listen(0, '127.0.0.1', resolve));
  pictureUrl = `http://127.0.0.1:${(pictures.address() as AddressInfo).port}/frame.png`;
});

afterAll(async () => {
  await fake?.close();
  await new Promise<void>((resolve) => (pictures ? pictures.close(() => resolve()) : resolve()));
});

/** What members can ask for: defaults, every field set, sound off, shots. */
const DRAFTS: Record<string, Record<string, unknown>> = {
  defaults: { prompt: 'a lighthouse at dusk' },
  everything: { prompt: 'a lighthouse', negative_prompt: 'fog', duration: 8, aspect_ratio: '9:16', cfg_scale: 0.7, sound: true },
  silent: { prompt: 'a lighthouse', sound: false },
  shots: {
    prompt: 'a lighthouse',
    duration: 9,
    multi_prompt: [
      { prompt: 'wide', duration: 4 },
      { prompt: 'close', duration: 5 },
    ],
  },
};

async function submit(path: string, body: Record<string, unknown>): Promise<{ status: number; detail?: unknown }> {
  const response = await fetch(`${fake.url}/v1/models/${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const answer = (await response.json()) as { detail?: unknown };
  return { status: response.status, detail: answer.detail };
}

describe('the six models', () => {
  it('are one model per mode and tier, each at its own endpoint', () => {
    expect(MODELS).toHaveLength(6);
    for (const mode of ['text', 'image'] as const) {
      for (const tier of TIERS) {
        const model = modelFor(mode, tier);
        expect(model.path).toBe(`kling/kling-3.0/${tier}/${mode}-to-video`);
        expect(FAKE_ENDPOINTS[`/v1/models/${model.path}`]).toMatchObject({ mode, tier });
      }
    }
    expect(new Set(MODELS.map((model) => model.id)).size).toBe(6);
    expect(new Set(MODELS.flatMap((model) => [model.priceEnv.perSecond, model.priceEnv.perSecondWithSound])).size).toBe(12);
  });

  it('keep the ids jobs already carry for Pro', () => {
    expect(modelFor('text', 'pro').id).toBe('kling-3.0-pro-t2v');
    expect(modelFor('image', 'pro').id).toBe('kling-3.0-pro-i2v');
    expect(listedModel('text').tier).toBe('pro');
  });

  it('price each tier as the provider does', () => {
    expect(modelFor('text', 'standard').prices).toEqual({ perSecond: 0.084, perSecondWithSound: 0.126 });
    expect(modelFor('image', 'pro').prices).toEqual({ perSecond: 0.112, perSecondWithSound: 0.168 });
    expect(modelFor('image', '4k').prices).toEqual({ perSecond: 0.42, perSecondWithSound: 0.42 });
  });

  it('offer an end frame on Pro and 4K only, and name the sound switch image-to-video reads', () => {
    expect(tiersTaking('image', 'end')).toEqual(['pro', '4k']);
    expect(tiersTaking('image', 'start')).toEqual(['standard', 'pro', '4k']);
    for (const tier of TIERS) {
      expect(soundFieldOf(modelFor('text', tier))).toBe('sound');
      expect(soundFieldOf(modelFor('image', tier))).toBe('generate_audio');
    }
  });

  it('climb Standard → Pro → 4K', () => {
    expect(tierAbove('standard')).toBe('pro');
    expect(tierAbove('pro')).toBe('4k');
    expect(tierAbove('4k')).toBeUndefined();
  });

  it('leave Standard text-to-video’s shots to the model unless told, and refuse that on Pro', () => {
    expect(parseModelInput<JobInput>(modelFor('text', 'standard'), DRAFTS.defaults).shot_type).toBe('intelligent');
    expect(parseModelInput<JobInput>(modelFor('text', 'pro'), DRAFTS.defaults).shot_type).toBe('customize');
    expect(() => parseModelInput(modelFor('text', 'pro'), { ...DRAFTS.defaults, shot_type: 'intelligent' })).toThrow(
      expect.objectContaining({ problems: [expect.objectContaining({ field: 'shot_type', code: 'not_one_of' })] }),
    );
  });

  for (const model of MODELS) {
    it(`sends ${model.name} only fields its endpoint takes, for every kind of request`, async () => {
      const endpoint = FAKE_ENDPOINTS[`/v1/models/${model.path}`];
      for (const [name, draft] of Object.entries(DRAFTS)) {
        const { aspect_ratio, ...withoutFrame } = draft;
        const input = parseModelInput<JobInput>(model, model.mode === 'image' ? withoutFrame : draft);
        const variants: ImageLinks[] = model.mode === 'text' ? [{}] : [{ start: pictureUrl }];
        // An end frame where the tier takes one (never with shots: upstream refuses that pair).
        if (model.images.end && !input.multi_prompt) variants.push({ start: pictureUrl, end: pictureUrl });
        for (const images of variants) {
          const body = modelRequestBody(model, input, images);
          for (const key of Object.keys(body)) expect(endpoint?.fields, `${model.id} ${name}: ${key}`).toContain(key);
          // Image-to-video's own default is 10 s: the bot always names the length it estimated.
          expect(body.duration).toBe(input.duration);
          expect(body[soundFieldOf(model)]).toBe(input.sound);
          const answer = await submit(model.path, body);
          expect(answer, `${model.id} ${name}`).toEqual({ status: 200, detail: undefined });
        }
      }
    });
  }
});
