import { closeSync, openSync, readdirSync, readSync, writeFileSync } from 'node:fs';
import { copyFile } from 'node:fs/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { MediaCache } from '../src/media/cache.js';
import { FfmpegRunner, type MediaInfo, resolveFfmpegBinaries } from '../src/media/ffmpeg.js';
import { fitVideo, planFit } from '../src/media/fit.js';
import { linkExpiry } from '../src/media/linkExpiry.js';
import { MAX_FIT_ENCODES, UploadFitter } from '../src/media/uploadFitter.js';
import { realVideo } from '../testkit/runcomfy/index.js';
import { makeTempDir } from '../testkit/world/tempDir.js';

const runner = new FfmpegRunner({ binaries: resolveFfmpegBinaries() });
const temp = makeTempDir('media-fit-');
afterAll(() => temp.remove());

const MiB = 1024 * 1024;

function info(width: number, height: number, seconds: number, sizeBytes: number, audio = true): MediaInfo {
  return {
    durationSeconds: seconds,
    sizeBytes,
    formatName: 'mp4',
    video: { codec: 'h264', width, height, fps: 24, frames: seconds * 24, pixelFormat: 'yuv420p' },
    ...(audio ? { audio: { codec: 'aac', sampleRate: 48000, channels: 2 } } : {}),
  };
}

/** The top-level MP4 boxes in order: `moov` before `mdat` is what `+faststart` promises. */
function topBoxes(path: string): string[] {
  const fd = openSync(path, 'r');
  const boxes: string[] = [];
  try {
    const header = Buffer.alloc(16);
    let at = 0;
    for (;;) {
      if (readSync(fd, header, 0, 16, at) < 8) break;
      let size = header.readUInt32BE(0);
      boxes.push(header.toString('latin1', 4, 8));
      if (size === 1) size = Number(header.readBigUInt64BE(8));
      if (size < 8) break;
      at += size;
    }
  } finally {
    closeSync(fd);
  }
  return boxes;
}

describe('planFit', () => {
  it('leaves a video under the limit as it is', () => {
    expect(planFit(info(1920, 1080, 5, 6 * MiB), 10 * MiB)).toEqual({ kind: 'fits' });
  });

  it('keeps a 15 s 1080p video at 1080p and spends the budget on the bitrate', () => {
    const plan = planFit(info(1920, 1080, 15, 19 * MiB), 10 * MiB);
    expect(plan).toMatchObject({ kind: 'encode', width: 1920, height: 1080, scaled: false, audioKbps: 128 });
    if (plan.kind !== 'encode') throw new Error('unreachable');
    // Video and sound together within the limit, with room for the container.
    expect(((plan.videoKbps + plan.audioKbps) * 1000 * 15) / 8).toBeLessThan(10 * MiB * 0.95);
    expect(plan.videoKbps).toBeGreaterThan(4_500);
  });

  it('scales a 4K video down only as far as the budget asks', () => {
    const plan = planFit(info(3840, 2160, 15, 80 * MiB), 10 * MiB);
    expect(plan).toMatchObject({ kind: 'encode', width: 2560, height: 1440, scaled: true });
    // A boosted server's 50 MiB keeps the 4K frame.
    expect(planFit(info(3840, 2160, 15, 80 * MiB), 50 * MiB)).toMatchObject({ kind: 'encode', width: 3840, height: 2160, scaled: false });
  });

  it('keeps a portrait frame portrait when it scales', () => {
    const plan = planFit(info(1080, 1920, 15, 30 * MiB), 2 * MiB);
    expect(plan).toMatchObject({ kind: 'encode', scaled: true });
    if (plan.kind !== 'encode') throw new Error('unreachable');
    expect(plan.height).toBeGreaterThan(plan.width);
    expect(plan.width % 2).toBe(0);
  });

  it('gives up when even the smallest frame would not fit, saying how long would', () => {
    const plan = planFit(info(1920, 1080, 15, 19 * MiB), 64 * 1024);
    expect(plan.kind).toBe('cannot_fit');
    if (plan.kind !== 'cannot_fit') throw new Error('unreachable');
    expect(plan.maxSeconds).toBeLessThan(15);
  });

  it('spends nothing on sound a video does not have', () => {
    expect(planFit(info(1280, 720, 10, 20 * MiB, false), 10 * MiB)).toMatchObject({ kind: 'encode', audioKbps: 0 });
  });
});

describe('fitVideo', () => {
  it('fits a real video under the limit with both streams, its duration, and the index first', async () => {
    const source = await realVideo({ width: 640, height: 360, durationSeconds: 5, bitrateKbps: 3000 });
    const before = await runner.probe(source);
    const limit = 1 * MiB;
    expect(before.sizeBytes).toBeGreaterThan(limit);
    const out = temp.file('fitted.mp4');
    const result = await fitVideo(runner, source, out, limit);
    expect(result).toMatchObject({ kind: 'fitted', width: 640, height: 360, scaled: false });
    const after = await runner.probe(out);
    expect(after.sizeBytes).toBeLessThanOrEqual(limit);
    expect(after.durationSeconds).toBeCloseTo(before.durationSeconds, 1);
    expect(after.video).toMatchObject({ codec: 'h264', width: 640, height: 360, pixelFormat: 'yuv420p' });
    expect(after.audio?.codec).toBe('aac');
    const boxes = topBoxes(out);
    expect(boxes.indexOf('moov')).toBeLessThan(boxes.indexOf('mdat'));
    // Nothing half-written is left beside it.
    expect(readdirSync(temp.dir).filter((name) => name.endsWith('.part'))).toEqual([]);
  });

  it('scales the frame down when the budget is too small for it', async () => {
    const source = await realVideo({ width: 640, height: 360, durationSeconds: 5, bitrateKbps: 1000 });
    const out = temp.file('scaled.mp4');
    const result = await fitVideo(runner, source, out, 180 * 1024);
    expect(result).toMatchObject({ kind: 'fitted', scaled: true });
    const after = await runner.probe(out);
    expect(after.video?.height).toBeLessThan(360);
    expect(after.sizeBytes).toBeLessThanOrEqual(180 * 1024);
  });

  it('reports a video too long for the limit at any frame, and writes nothing', async () => {
    const source = await realVideo({ width: 320, height: 180, durationSeconds: 15, bitrateKbps: 400 });
    const out = temp.file('never.mp4');
    const result = await fitVideo(runner, source, out, 48 * 1024);
    expect(result.kind).toBe('cannot_fit');
    expect(readdirSync(temp.dir)).not.toContain('never.mp4');
  });
});

describe('UploadFitter', () => {
  const setup = async (name: string) => {
    const cache = new MediaCache({ dir: temp.file(`cache-${name}`), maxBytes: 100 * MiB });
    const source = await realVideo({ width: 640, height: 360, durationSeconds: 3, bitrateKbps: 4000 });
    const cached = await cache.put(name, source);
    if (!cached) throw new Error('not cached');
    const counting = new FfmpegRunner({ binaries: resolveFfmpegBinaries() });
    const fitter = new UploadFitter({ runner: counting, cache });
    const file = { path: cached, bytes: (await runner.probe(cached)).sizeBytes, temporary: false };
    return { cache, fitter, file, counting };
  };

  it('replaces the cached original with the fitted file, so a later upload (the showcase) gets it', async () => {
    const { cache, fitter, file } = await setup('job-fit');
    const fit = await fitter.forUpload('job-fit', file, MiB);
    expect(fit).toMatchObject({ kind: 'fitted', fromBytes: file.bytes, temporary: false });
    const kept = await cache.get('job-fit');
    expect(kept).toBe(fit.kind === 'fitted' ? fit.path : '');
    expect((await runner.probe(kept ?? '')).sizeBytes).toBeLessThanOrEqual(MiB);
  });

  it('after a restart posts the fitted file again without encoding', async () => {
    const { cache, fitter, file } = await setup('job-again');
    const first = await fitter.forUpload('job-again', file, MiB);
    if (first.kind !== 'fitted') throw new Error('not fitted');
    const idle = new FfmpegRunner({ binaries: { ffmpeg: temp.file('no-ffmpeg-here'), ffprobe: temp.file('no-ffprobe-here') } });
    const restarted = new UploadFitter({ runner: idle, cache });
    const again = await restarted.forUpload('job-again', { path: first.path, bytes: first.bytes, temporary: false }, MiB);
    // Still told as fitted (the card keeps saying so), and no binary was needed.
    expect(again).toMatchObject({ kind: 'fitted', bytes: first.bytes, fromBytes: file.bytes });
  });

  it('resumes an encode a crash interrupted once, and not a second time', async () => {
    const { cache, fitter, file } = await setup('job-crash');
    // A crash mid-encode leaves the note of one encode started and the original in the cache.
    writeFileSync(cache.notePath('job-crash'), JSON.stringify({ started: 1 }));
    const resumed = await fitter.forUpload('job-crash', file, MiB);
    expect(resumed.kind).toBe('fitted');

    const { cache: other, fitter: second, file: original } = await setup('job-crashes');
    writeFileSync(other.notePath('job-crashes'), JSON.stringify({ started: MAX_FIT_ENCODES }));
    expect(await second.forUpload('job-crashes', original, MiB)).toEqual({ kind: 'cannot_fit', reason: 'gave_up' });
  });

  it('answers with the link when ffmpeg cannot read the file', async () => {
    const cache = new MediaCache({ dir: temp.file('cache-broken'), maxBytes: 100 * MiB });
    const broken = temp.file('broken.mp4');
    writeFileSync(broken, Buffer.alloc(2 * MiB, 7));
    const kept = await cache.put('job-broken', broken);
    const failures: string[] = [];
    const fitter = new UploadFitter({ runner, cache, onFailure: (jobId, error) => failures.push(`${jobId}: ${error.name}`) });
    const fit = await fitter.forUpload('job-broken', { path: kept ?? '', bytes: 2 * MiB, temporary: false }, MiB);
    expect(fit).toEqual({ kind: 'cannot_fit', reason: 'failed' });
    expect(failures).toEqual(['job-broken: FfmpegFailed']);
  });

  it('removes the note with the file', async () => {
    const { cache, fitter, file } = await setup('job-gone');
    await fitter.forUpload('job-gone', file, MiB);
    await cache.remove('job-gone');
    const copy = temp.file('again.mp4');
    await copyFile(await realVideo({ width: 640, height: 360, durationSeconds: 3, bitrateKbps: 4000 }), copy);
    const back = await cache.put('job-gone', copy);
    // A fresh original: nothing says it was fitted or that an encode ran.
    const fit = await new UploadFitter({ runner, cache }).forUpload(
      'job-gone',
      { path: back ?? '', bytes: file.bytes, temporary: false },
      10 * MiB,
    );
    expect(fit.kind).toBe('fits');
  });
});

describe('linkExpiry', () => {
  it.each([
    ['S3', 'https://b.s3.amazonaws.com/v.mp4?X-Amz-Date=20250101T000000Z&X-Amz-Expires=3600&X-Amz-Signature=x', Date.UTC(2025, 0, 1, 1)],
    [
      'Google Cloud Storage',
      'https://storage.googleapis.com/b/v.mp4?X-Goog-Date=20250101T000000Z&X-Goog-Expires=600',
      Date.UTC(2025, 0, 1, 0, 10),
    ],
    ['CloudFront', 'https://d.cloudfront.net/v.mp4?Expires=1735693200&Signature=x', 1735693200_000],
    ['Azure', 'https://a.blob.core.windows.net/c/v.mp4?se=2025-01-01T02%3A00%3A00Z&sig=x', Date.UTC(2025, 0, 1, 2)],
    ['Discord', 'https://cdn.discordapp.com/attachments/1/2/v.mp4?ex=67748580&is=1&hm=2', 0x67748580 * 1000],
    ['a link that says nothing', 'https://cdn.example.com/v.mp4?X-Signature=abc', undefined],
    ['not a link', 'not a url', undefined],
  ])('reads %s', (_name, url, expected) => {
    expect(linkExpiry(url)).toBe(expected);
  });
});
