/** The picture rules, the models as data, and the renewal of expired attachment links. */
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { linkExpiresAt, SourceImages } from '../src/discord/sourceImages.js';
import { checkImageBytes, checkImageFacts, readImageHeader } from '../src/model/imageRules.js';
import { klingImageToVideo } from '../src/model/models/klingImageToVideo.js';
import { klingTextToVideo } from '../src/model/models/klingTextToVideo.js';
import { MODELS, modelRequestBody, parseModelInput } from '../src/model/models.js';
import { jpegHead, makePng } from '../testkit/images.js';

const limits = klingImageToVideo.imageLimits;

describe('picture rules', () => {
  it('reads the size from a PNG and from a JPEG frame header', () => {
    expect(readImageHeader(makePng(640, 360))).toEqual({ type: 'image/png', width: 640, height: 360 });
    expect(readImageHeader(jpegHead(1024, 768))).toEqual({ type: 'image/jpeg', width: 1024, height: 768 });
    expect(readImageHeader(Buffer.from('GIF89a....'))).toBeUndefined();
  });

  it('names the first limit a picture breaks, and trusts only the facts it is given', () => {
    expect(checkImageFacts('start', { contentType: 'image/png', bytes: 1000, width: 640, height: 360 }, limits)).toBeUndefined();
    expect(checkImageFacts('start', {}, limits)).toBeUndefined();
    expect(checkImageFacts('end', { contentType: 'video/mp4' }, limits)).toEqual({ kind: 'not_image', role: 'end' });
    expect(checkImageFacts('start', { contentType: 'image/webp' }, limits)).toMatchObject({ kind: 'wrong_type', type: 'image/webp' });
    expect(checkImageFacts('start', { bytes: 10_000_001 }, limits)).toMatchObject({ kind: 'too_large', maxBytes: 10_000_000 });
    expect(checkImageFacts('start', { width: 299, height: 600 }, limits)).toMatchObject({ kind: 'too_small' });
    expect(checkImageFacts('start', { width: 300, height: 750 }, limits)).toBeUndefined();
    expect(checkImageFacts('start', { width: 300, height: 751 }, limits)).toMatchObject({ kind: 'too_narrow' });
    expect(checkImageFacts('start', { width: 751, height: 300 }, limits)).toMatchObject({ kind: 'too_wide' });
    expect(checkImageBytes('start', makePng(640, 200), limits)).toMatchObject({ kind: 'too_small', width: 640, height: 200 });
  });

  it('refuses a picture whose header, or Discord, says a side has 0 pixels', () => {
    expect(readImageHeader(makePng(0, 0))).toEqual({ type: 'image/png', width: 0, height: 0 });
    expect(checkImageBytes('start', makePng(0, 0), limits)).toEqual({ kind: 'no_pixels', role: 'start' });
    expect(checkImageBytes('end', makePng(640, 0), limits)).toEqual({ kind: 'no_pixels', role: 'end' });
    expect(checkImageBytes('start', jpegHead(0, 480), limits)).toEqual({ kind: 'no_pixels', role: 'start' });
    expect(checkImageFacts('start', { contentType: 'image/png', bytes: 1000, width: 0, height: 0 }, limits)).toEqual({
      kind: 'no_pixels',
      role: 'start',
    });
    expect(checkImageFacts('start', { width: 0 }, limits)).toEqual({ kind: 'no_pixels', role: 'start' });
  });
});

describe('models as data', () => {
  it('gives every model a unique id and path, and puts each picture under its model’s field', () => {
    expect(new Set(MODELS.map((m) => m.id)).size).toBe(MODELS.length);
    expect(new Set(MODELS.map((m) => m.path)).size).toBe(MODELS.length);
    const body = modelRequestBody(
      klingImageToVideo,
      { prompt: 'p', duration: 5, cfg_scale: 0.5, sound: true, shot_type: 'customize' },
      {
        start: 'https://a/start.png',
        end: 'https://a/end.png',
      },
    );
    expect(body).toMatchObject({ prompt: 'p', start_image_url: 'https://a/start.png', end_image_url: 'https://a/end.png' });
  });

  it('sends the sound switch under each endpoint’s own name, and always names the duration', () => {
    const picture = { start: 'https://a/start.png' };
    // Image-to-video's switch is `generate_audio`; a `sound` there would be ignored (sound on, billed with sound).
    const animated = modelRequestBody(klingImageToVideo, parseModelInput(klingImageToVideo, { prompt: 'p', sound: false }), picture);
    expect(animated).toMatchObject({ generate_audio: false, duration: 5 });
    expect(animated).not.toHaveProperty('sound');
    // Image-to-video would render 10 s when no duration is sent; the estimate counts the schema's.
    expect(modelRequestBody(klingImageToVideo, parseModelInput(klingImageToVideo, { prompt: 'p' }), picture)).toMatchObject({
      duration: 5,
      generate_audio: true,
    });
    const written = modelRequestBody(klingTextToVideo, parseModelInput(klingTextToVideo, { prompt: 'p', sound: false }), {});
    expect(written).toMatchObject({ sound: false, duration: 5 });
    expect(written).not.toHaveProperty('generate_audio');
  });

  it('sends a job stored with the member’s `sound` under the endpoint’s name (a retry or remix of an older job)', () => {
    const stored = { prompt: 'p', duration: 7, cfg_scale: 0.5, sound: false, shot_type: 'customize' };
    const body = modelRequestBody(klingImageToVideo, stored, { start: 'https://a/start.png' });
    expect(body).toEqual({
      prompt: 'p',
      duration: 7,
      cfg_scale: 0.5,
      generate_audio: false,
      shot_type: 'customize',
      start_image_url: 'https://a/start.png',
    });
  });

  it('reads each model’s price from its own variables', () => {
    const base = { DISCORD_TOKEN: 'x'.repeat(20), DISCORD_APPLICATION_ID: '123456789012345678', RUNCOMFY_API_TOKEN: 'rc-token' };
    const config = loadConfig({ ...base, PRICE_I2V_PER_SECOND_USD: '0.2', PRICE_I2V_PER_SECOND_WITH_SOUND_USD: '0.3' });
    expect(config.modelPrices[klingImageToVideo.id]).toEqual({ perSecond: 0.2, perSecondWithSound: 0.3 });
    expect(config.modelPrices['kling-3.0-pro-t2v']).toEqual(config.prices);
  });
});

describe('renewing attachment links', () => {
  const link = (exSeconds: number) => `https://cdn.discordapp.com/attachments/1/2/start.png?ex=${exSeconds.toString(16)}&is=0&hm=ab`;

  it('renews only links that have expired or are about to, through refresh-urls', async () => {
    const now = 1_800_000_000_000;
    const asked: unknown[] = [];
    const images = new SourceImages({
      rest: {
        post: async (route: string, options?: { body?: unknown }) => {
          asked.push([route, options?.body]);
          const urls = (options?.body as { attachment_urls?: string[] } | undefined)?.attachment_urls ?? [];
          return { refreshed_urls: urls.map((original) => ({ original, refreshed: `${original}&renewed=1` })) };
        },
      } as never,
      now: () => now,
      download: { maxBytes: 1, timeoutMs: 1 },
      logger: pino({ level: 'silent' }),
    });
    const fresh = link(now / 1000 + 86_400);
    const stale = link(now / 1000 - 60);
    expect(linkExpiresAt(stale)).toBe(now - 60_000);
    expect(await images.fresh([fresh])).toEqual([fresh]);
    expect(asked).toEqual([]);
    expect(await images.fresh([fresh, stale])).toEqual([fresh, `${stale}&renewed=1`]);
    expect(asked).toEqual([['/attachments/refresh-urls', { attachment_urls: [stale] }]]);
  });

  it('fails when Discord renews no link for a picture that is gone', async () => {
    const images = new SourceImages({
      rest: { post: async () => ({ refreshed_urls: [] }) } as never,
      now: () => Date.now(),
      download: { maxBytes: 1, timeoutMs: 1 },
      logger: pino({ level: 'silent' }),
    });
    await expect(images.fresh([link(1)])).rejects.toThrow(/renewed 0 of 1/);
  });
});
