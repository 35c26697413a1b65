import { afterAll, describe, expect, it } from 'vitest';
import { FfmpegRunner, resolveFfmpegBinaries } from '../src/media/ffmpeg.js';
import { makeGif } from '../src/media/gif.js';
import { realVideo } from '../testkit/runcomfy/index.js';
import { makeTempDir } from '../testkit/world/tempDir.js';

const runner = new FfmpegRunner({ binaries: resolveFfmpegBinaries() });
const temp = makeTempDir('media-gif-');
afterAll(() => temp.remove());

describe('makeGif', () => {
  it('makes a looping GIF of the whole clip at up to 480 px and 12 fps when it fits', async () => {
    const source = await realVideo({ width: 480, height: 270, durationSeconds: 2, bitrateKbps: 800 });
    const out = temp.file('roomy.gif');
    const made = await makeGif(runner, source, out, 20 * 1024 * 1024);
    expect(made).toMatchObject({ kind: 'made', width: 480, fps: 12, attempts: 1 });
    const info = await runner.probe(out);
    expect(info.video).toMatchObject({ codec: 'gif', width: 480, height: 270 });
    expect(info.durationSeconds).toBeCloseTo(2, 0);
  });

  it('shrinks the frame and the rate until the GIF is under the limit', async () => {
    const source = await realVideo({ width: 480, height: 270, durationSeconds: 2, bitrateKbps: 800 });
    const roomy = await makeGif(runner, source, temp.file('first.gif'), 20 * 1024 * 1024);
    if (roomy.kind !== 'made') throw new Error('not made');
    const limit = Math.floor(roomy.bytes / 3);
    const out = temp.file('tight.gif');
    const made = await makeGif(runner, source, out, limit);
    expect(made.kind).toBe('made');
    if (made.kind !== 'made') throw new Error('not made');
    expect(made.bytes).toBeLessThanOrEqual(limit);
    expect(made.width).toBeLessThan(480);
    expect((await runner.probe(out)).video?.width).toBe(made.width);
  });

  it('says so when even the smallest GIF is over the limit, and leaves no file', async () => {
    const source = await realVideo({ width: 320, height: 180, durationSeconds: 2, bitrateKbps: 600 });
    const out = temp.file('never.gif');
    const made = await makeGif(runner, source, out, 8 * 1024);
    expect(made.kind).toBe('too_large');
    await expect(runner.probe(out)).rejects.toThrow();
  });
});
