import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FfmpegFailed, FfmpegMissing, FfmpegRunner, FfmpegTimeout, parseProbe, resolveFfmpegBinaries } from '../src/media/ffmpeg.js';
import { makeTempDir } from '../testkit/world/tempDir.js';

const temp = makeTempDir('ffmpeg-runner-');
afterAll(() => temp.remove());

const runner = new FfmpegRunner({ binaries: resolveFfmpegBinaries() });

describe('FfmpegRunner', () => {
  it('finds the bundled ffmpeg and ffprobe and their encoders', async () => {
    const versions = await runner.check();
    expect(versions.ffmpeg).toMatch(/^ffmpeg version/);
    expect(versions.ffprobe).toMatch(/^ffprobe version/);
  });

  it('names a binary that is missing', async () => {
    const missing = new FfmpegRunner({ binaries: { ffmpeg: join(temp.dir, 'no-ffmpeg'), ffprobe: join(temp.dir, 'no-ffprobe') } });
    const error = await missing.check().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FfmpegMissing);
    expect((error as FfmpegMissing).path).toBe(join(temp.dir, 'no-ffmpeg'));
    expect((error as Error).message).toContain('no-ffmpeg');
  });

  it('refuses an ffmpeg without the encoders the studio needs', async () => {
    // A program that answers -version but lists no encoders, like a minimal build would.
    const script = temp.file('thin-ffmpeg');
    writeFileSync(script, '#!/bin/sh\nif [ "$1" = "-version" ]; then echo "ffmpeg version thin"; fi\nexit 0\n');
    chmodSync(script, 0o755);
    const thin = new FfmpegRunner({ binaries: { ffmpeg: script, ffprobe: resolveFfmpegBinaries().ffprobe } });
    const error = await thin.check().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FfmpegMissing);
    expect((error as FfmpegMissing).reason).toContain('libx264');
  });

  it('reports a failed run with its exit code and the end of its stderr', async () => {
    const error = await runner.ffmpeg(['-i', temp.file('absent.mp4'), temp.file('out.mp4')]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FfmpegFailed);
    expect((error as FfmpegFailed).code).toBe(1);
    expect((error as FfmpegFailed).stderrTail).toContain('No such file or directory');
  });

  it('stops a run past its time limit', async () => {
    const started = Date.now();
    const error = await runner
      .ffmpeg(['-re', '-f', 'lavfi', '-i', 'testsrc=size=64x64:rate=10', '-f', 'null', '-'], { timeoutMs: 300 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FfmpegTimeout);
    expect((error as FfmpegTimeout).timeoutMs).toBe(300);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('passes file names to the program as they are, never through a shell', async () => {
    const odd = temp.file('a $(touch pwned) ; b.mp4');
    await runner.ffmpeg(['-f', 'lavfi', '-i', 'testsrc=size=64x64:rate=10:duration=0.5', '-c:v', 'libx264', odd]);
    const info = await runner.probe(odd);
    expect(info.video?.width).toBe(64);
    expect(() => readFileSync(join(process.cwd(), 'pwned'))).toThrow();
  });

  it('runs no more tools at once than its concurrency', async () => {
    // A stand-in binary that notes when each run starts and ends.
    const log = temp.file('runs.log');
    const script = temp.file('slow-tool');
    writeFileSync(script, `#!/bin/sh\necho "start $$" >> '${log}'\nsleep 0.2\necho "end $$" >> '${log}'\n`);
    chmodSync(script, 0o755);
    const one = new FfmpegRunner({ binaries: { ffmpeg: script, ffprobe: script }, concurrency: 1 });
    const runs = [one.ffmpeg([]), one.ffmpeg([]), one.ffmpeg([])];
    expect(one.activity.inFlight).toBe(3);
    await Promise.all(runs);
    const lines = readFileSync(log, 'utf8').trim().split('\n');
    // One at a time: every start is followed by its own end.
    expect(lines.map((line) => line.split(' ')[0])).toEqual(['start', 'end', 'start', 'end', 'start', 'end']);
    expect(one.activity.inFlight).toBe(0);
  });

  it('reads duration, frame, rate and both streams with ffprobe', async () => {
    const path = temp.file('tone.mp4');
    await runner.ffmpeg([
      ...['-f', 'lavfi', '-i', 'testsrc2=size=160x90:rate=24:duration=2'],
      ...['-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000:duration=2'],
      ...['-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-shortest', path],
    ]);
    const info = await runner.probe(path);
    expect(info.durationSeconds).toBeCloseTo(2, 1);
    expect(info.video).toMatchObject({ codec: 'h264', width: 160, height: 90, fps: 24, pixelFormat: 'yuv420p' });
    expect(info.audio).toMatchObject({ codec: 'aac', sampleRate: 48000 });
  });
});

describe('parseProbe', () => {
  it.each([
    [
      'a rate written as a fraction',
      { format: { duration: '5.0', size: '100' }, streams: [{ codec_type: 'video', avg_frame_rate: '30000/1001', width: 2, height: 2 }] },
      29.97,
    ],
    [
      'no average rate: the nominal one',
      { format: {}, streams: [{ codec_type: 'video', avg_frame_rate: '0/0', r_frame_rate: '24/1' }] },
      24,
    ],
  ])('reads %s', (_name, json, fps) => {
    expect(parseProbe(json).video?.fps).toBeCloseTo(fps, 2);
  });

  it('leaves out a stream the file does not have', () => {
    const info = parseProbe({
      format: { duration: '1', size: '10', format_name: 'gif' },
      streams: [{ codec_type: 'video', width: 4, height: 4 }],
    });
    expect(info.audio).toBeUndefined();
    expect(info).toMatchObject({ durationSeconds: 1, sizeBytes: 10, formatName: 'gif' });
  });
});
