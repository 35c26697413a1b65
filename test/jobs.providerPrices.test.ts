/**
 * Prices from the provider when it says so: the loopback RunComfy answers `GET /v1/models/{id}`
 * (runcomfy-api.md, "The Kling 3.0 family"); a configured price wins, and a mismatch is logged once.
 */
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProviderPrices, pricesFromBase } from '../src/jobs/providerPrices.js';
import { modelFor } from '../src/model/models.js';
import type { Prices } from '../src/model/pricing.js';
import { RunComfyClient } from '../src/runcomfy/client.js';
import { type FakeRunComfy, startFakeRunComfy } from '../testkit/runcomfy/index.js';
import { logLines } from '../testkit/world/logLines.js';

const TOKEN = 'rc-fake-token-pr1c3';
let fake: FakeRunComfy;
let client: RunComfyClient;

beforeAll(async () => {
  fake = await startFakeRunComfy({ token: TOKEN });
  client = new RunComfyClient({ baseUrl: fake.url, token: TOKEN, maxRetries: 0 });
});
afterAll(async () => fake?.close());

describe('prices from the provider', () => {
  it('reads a model’s base price per second from GET /v1/models/{model_id}', async () => {
    expect(await client.modelPrice('kling/kling-3.0/standard/text-to-video')).toMatchObject({ baseUsd: 0.084 });
    expect(await client.modelPrice('kling/kling-3.0/4k/image-to-video')).toMatchObject({ baseUsd: 0.42 });
  });

  it('keeps sound’s share of the price from the definition: 1.5× on Pro, flat on 4K', () => {
    expect(pricesFromBase(modelFor('text', 'pro'), 0.2)).toEqual({ perSecond: 0.2, perSecondWithSound: 0.3 });
    expect(pricesFromBase(modelFor('text', '4k'), 0.5)).toEqual({ perSecond: 0.5, perSecondWithSound: 0.5 });
  });

  it('uses the provider’s price where none is configured, keeps a configured one, and logs a mismatch once', async () => {
    const standard = modelFor('text', 'standard');
    const pro = modelFor('text', 'pro');
    const fourK = modelFor('image', '4k');
    fake.basePrices.set(standard.path, 0.09);
    fake.basePrices.set(pro.path, 0.15);
    fake.basePrices.set(fourK.path, null);
    const prices = new Map<string, Prices>([
      [standard.id, standard.prices],
      [pro.id, { perSecond: 0.1, perSecondWithSound: 0.15 }],
      [fourK.id, fourK.prices],
    ]);
    const log = logLines();
    const refresher = new ProviderPrices({
      source: client,
      models: [standard, pro, fourK],
      configured: new Set([pro.id]),
      current: (id) => prices.get(id) as Prices,
      apply: (id, read) => prices.set(id, read),
      logger: pino({ level: 'info' }, log.sink),
    });
    await refresher.refresh();
    await refresher.refresh();
    expect(prices.get(standard.id)).toEqual({ perSecond: 0.09, perSecondWithSound: 0.135 });
    expect(prices.get(pro.id)).toEqual({ perSecond: 0.1, perSecondWithSound: 0.15 });
    // Not priced by the provider (404): the one in force stays.
    expect(prices.get(fourK.id)).toEqual(fourK.prices);
    const mismatches = log.lines
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((line) => String(line.msg).includes('differs from the provider'));
    expect(mismatches).toHaveLength(1);
    expect(mismatches[0]).toMatchObject({ modelId: pro.id, configuredUsd: 0.1, providerUsd: 0.15 });
    fake.basePrices.clear();
  });
});
