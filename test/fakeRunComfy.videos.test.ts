import { writeFileSync } from 'node:fs';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { FfmpegRunner, resolveFfmpegBinaries } from '../src/media/ffmpeg.js';
import { defaultBitrateKbps, type FakeRunComfy, frameFor, realVideo, startFakeRunComfy } from '../testkit/runcomfy/index.js';
import { makeTempDir } from '../testkit/world/tempDir.js';

const TOKEN = 'token-for-the-video-fake';
const runner = new FfmpegRunner({ binaries: resolveFfmpegBinaries() });
const temp = makeTempDir('fake-videos-');
afterAll(() => temp.remove());

describe('the fake provider’s real videos', () => {
  let fake: FakeRunComfy | undefined;
  afterEach(async () => {
    await fake?.close();
    fake = undefined;
  });

  it('gives each Kling aspect ratio its frame', () => {
    expect(frameFor('16:9', 1080)).toEqual({ width: 1920, height: 1080 });
    expect(frameFor('9:16', 1080)).toEqual({ width: 1080, height: 1920 });
    expect(frameFor('1:1', 1080)).toEqual({ width: 1080, height: 1080 });
    expect(frameFor(undefined, 2160)).toEqual({ width: 3840, height: 2160 });
  });

  it('serves an H.264 + AAC MP4 of the requested duration and frame at a realistic bitrate', async () => {
    fake = await startFakeRunComfy({
      token: TOKEN,
      defaultScenario: { queueMs: 0, runMs: 0, outcome: 'succeed', video: { kind: 'real', shortSide: 180 } },
    });
    const submit = await fetch(`${fake.url}/v1/models/kling/kling-3.0/pro/text-to-video`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ prompt: 'a tall waterfall', duration: 3, aspect_ratio: '9:16' }),
    });
    const { request_id } = (await submit.json()) as { request_id: string };
    const file = await fetch(fake.fileUrl(request_id));
    expect(file.headers.get('content-type')).toBe('video/mp4');
    const path = temp.file('served.mp4');
    writeFileSync(path, Buffer.from(await file.arrayBuffer()));
    const info = await runner.probe(path);
    expect(info.durationSeconds).toBeCloseTo(3, 0);
    expect(info.video).toMatchObject({ codec: 'h264', width: 180, height: 320 });
    expect(info.audio?.codec).toBe('aac');
    // Constant bitrate: the size follows from the bitrate (10 Mbit/s at 1080p, by area) and the length.
    const expected = ((defaultBitrateKbps(180, 320) + 128) * 1000 * 3) / 8;
    expect(info.sizeBytes).toBeGreaterThan(expected * 0.75);
    expect(info.sizeBytes).toBeLessThan(expected * 1.25);
  });

  it('leaves the sound out when the request turns it off', async () => {
    const path = await realVideo({ width: 160, height: 90, durationSeconds: 3, audio: false });
    const info = await runner.probe(path);
    expect(info.audio).toBeUndefined();
    expect(info.video?.frames).toBe(72);
  });

  it('makes each shape once and reuses the file', async () => {
    const shape = { width: 160, height: 90, durationSeconds: 3, bitrateKbps: 300 };
    const [a, b] = await Promise.all([realVideo(shape), realVideo(shape)]);
    expect(a).toBe(b);
    expect(await realVideo(shape)).toBe(a);
  });
});
