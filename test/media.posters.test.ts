import { existsSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { FfmpegRunner, resolveFfmpegBinaries } from '../src/media/ffmpeg.js';
import { PosterFrames } from '../src/media/posters.js';
import { realVideo } from '../testkit/runcomfy/index.js';
import { makeTempDir } from '../testkit/world/tempDir.js';

const runner = new FfmpegRunner({ binaries: resolveFfmpegBinaries() });
const temp = makeTempDir('media-posters-');
afterAll(() => temp.remove());

describe('poster frames', () => {
  it('grabs one JPEG frame of the video at the poster width, once, and serves it again from disk', async () => {
    const video = await realVideo({ width: 640, height: 360, durationSeconds: 3, bitrateKbps: 600 });
    const asked: string[] = [];
    const frames = new PosterFrames({
      runner,
      dir: temp.file('posters'),
      width: 320,
      videoOf: async (jobId) => {
        asked.push(jobId);
        return video;
      },
    });
    const [first, again] = await Promise.all([frames.poster('job1'), frames.poster('job1')]);
    expect(first?.contentType).toBe('image/jpeg');
    // JPEG's start-of-image marker.
    expect(first?.bytes.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
    expect(again?.bytes.equals(first?.bytes ?? Buffer.alloc(0))).toBe(true);
    const info = await runner.probe(temp.file('posters/job1.jpg'));
    expect(info.video).toMatchObject({ width: 320, height: 180 });
    expect(asked).toEqual(['job1']);
    // Kept: a later page reads the file without asking for the video again.
    expect((await frames.poster('job1'))?.bytes.equals(first?.bytes ?? Buffer.alloc(0))).toBe(true);
    expect(asked).toEqual(['job1']);
  });

  it('has no poster for a video the bot holds no copy of, or for an id that is not a job id', async () => {
    const frames = new PosterFrames({ runner, dir: temp.file('none'), videoOf: async () => undefined });
    expect(await frames.poster('gone')).toBeUndefined();
    expect(await frames.poster('../escape')).toBeUndefined();
    expect(existsSync(temp.file('none/gone.jpg'))).toBe(false);
  });

  it('has no poster when the file is not a video ffmpeg can read', async () => {
    const frames = new PosterFrames({ runner, dir: temp.file('broken'), videoOf: async () => import.meta.filename });
    expect(await frames.poster('text')).toBeUndefined();
  });
});
