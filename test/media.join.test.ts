import { readFile } from 'node:fs/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { FfmpegRunner, resolveFfmpegBinaries } from '../src/media/ffmpeg.js';
import { joinClips, lastFrame } from '../src/media/join.js';
import { realVideo } from '../testkit/runcomfy/index.js';
import { makeTempDir } from '../testkit/world/tempDir.js';

const runner = new FfmpegRunner({ binaries: resolveFfmpegBinaries() });
const temp = makeTempDir('media-join-');
afterAll(() => temp.remove());

/**
 * Frame `index` of `video` as grey pixels, for comparing pictures; `edge` keeps only the right
 * edge, where the fake's pattern slides in over the start picture from the second frame on.
 */
async function frameAt(video: string, index: number, edge = false): Promise<Buffer> {
  const out = temp.file(`frame-${Math.random().toString(36).slice(2)}.gray`);
  const view = edge ? 'crop=8:180:312:0' : 'scale=80:45';
  await runner.ffmpeg(['-i', video, '-vf', `select=eq(n\\,${index}),${view}`, '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'gray', out]);
  return readFile(out);
}

/** Mean absolute difference of two grey frames, 0 to 255. */
function difference(a: Buffer, b: Buffer): number {
  expect(a.length).toBe(b.length);
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs((a[i] ?? 0) - (b[i] ?? 0));
  return sum / a.length;
}

/** The parent and its continuation, made by the fake provider's recipe from the parent's last frame. */
async function parentAndContinuation(audio: boolean) {
  const parent = await realVideo({ width: 320, height: 180, durationSeconds: 3, bitrateKbps: 600, audio });
  const still = temp.file(`last-${audio}.png`);
  await lastFrame(runner, parent, still);
  const continuation = await realVideo({
    width: 320,
    height: 180,
    durationSeconds: 3,
    bitrateKbps: 600,
    audio,
    startImage: { path: still, key: `join-last-${audio}` },
  });
  return { parent, still, continuation };
}

describe('extending a video', () => {
  it('takes the last frame of a video as a picture', async () => {
    const parent = await realVideo({ width: 320, height: 180, durationSeconds: 3, bitrateKbps: 600 });
    const still = temp.file('last.png');
    await lastFrame(runner, parent, still);
    const info = await runner.probe(still);
    expect(info.video).toMatchObject({ codec: 'png', width: 320, height: 180 });
    // The picture is frame 71 of 72, not the first or one in the middle.
    expect(difference(await frameAt(still, 0), await frameAt(parent, 71))).toBeLessThan(2);
    expect(difference(await frameAt(still, 0), await frameAt(parent, 60))).toBeGreaterThan(5);
  });

  it('joins two clips into one a frame shorter than both, the seam neither repeated nor dropped, sound kept', async () => {
    const { parent, continuation } = await parentAndContinuation(true);
    const out = temp.file('joined.mp4');
    const joined = await joinClips(runner, parent, continuation, out);
    const info = await runner.probe(out);
    // 3 s + 3 s less the continuation's first frame (1/24 s).
    expect(info.video?.frames).toBe(72 + 72 - 1);
    expect(joined.durationSeconds).toBeCloseTo(6 - 1 / 24, 3);
    expect(info.audio).toBeDefined();
    expect(info.durationSeconds).toBeCloseTo(6 - 1 / 24, 1);
    // Frame 71 is the parent's last, which is the continuation's first; frame 72 is the continuation's second.
    expect(difference(await frameAt(out, 71), await frameAt(parent, 71))).toBeLessThan(3);
    expect(difference(await frameAt(out, 71), await frameAt(continuation, 0))).toBeLessThan(3);
    expect(difference(await frameAt(out, 72), await frameAt(continuation, 1))).toBeLessThan(3);
    // The continuation moves from its first frame on: a repeated seam frame would show as no change.
    const moved = difference(await frameAt(continuation, 1, true), await frameAt(continuation, 0, true));
    expect(moved).toBeGreaterThan(10);
    expect(difference(await frameAt(out, 72, true), await frameAt(out, 71, true))).toBeGreaterThan(moved / 2);
    expect(difference(await frameAt(out, 72, true), await frameAt(continuation, 1, true))).toBeLessThan(moved / 4);
  });

  it('joins clips without sound into a video without sound', async () => {
    const { parent, continuation } = await parentAndContinuation(false);
    const out = temp.file('silent.mp4');
    await joinClips(runner, parent, continuation, out);
    const info = await runner.probe(out);
    expect(info.audio).toBeUndefined();
    expect(info.video?.frames).toBe(143);
  });
});
