/**
 * Memory while the bot relays a 25 MiB video from the provider to Discord. The bot streams the
 * download to disk, then uploads the file; the figure is how far the resident set grows over a
 * settled baseline, as a multiple of the file's size. The fakes run in a child process so their
 * copies of the file are not counted.
 */
import type { Job } from '../src/jobs/job.js';
import { startBotAgainst } from './botUnderTest.js';
import { startFakes } from './fakesClient.js';
import type { FigureResult, Progress } from './figure.js';
import { formatMiB, MIB, pause, until } from './stats.js';

const VIDEO_BYTES = 25 * MIB;
const UPLOAD_LIMIT = 50 * MIB;
const AIM_MULTIPLE = 2;

/** Collects until the heap stops shrinking, so the baseline is not inflated by start-up garbage. */
async function settle(): Promise<void> {
  for (let i = 0; i < 3; i++) {
    gc?.();
    await pause(200);
  }
}

export async function run(progress: Progress): Promise<FigureResult[]> {
  const fakes = await startFakes({
    scenario: { queueMs: 500, runMs: 500, queuePositions: 1, video: { kind: 'sized', bytes: VIDEO_BYTES } },
    uploadLimitBytes: UPLOAD_LIMIT,
    members: 0,
  });
  const bot = await startBotAgainst(fakes.ready);
  const delivered = (prompt: string) => async (): Promise<Job | undefined> => {
    const recent = await bot.app.store.recentByUser(fakes.ready.guildId, fakes.ready.requesterId, 5);
    const job = recent.find((j) => j.input.prompt === prompt);
    return job?.deliveredAt ? job : undefined;
  };
  try {
    // The warm-up loads the download, cache and upload paths (and their buffers) once.
    await fakes.request({ type: 'video', userId: fakes.ready.requesterId, prompt: 'warmup: a small video' });
    await until('the warm-up video', delivered('warmup: a small video'), 30_000, 20);
    if (gc === undefined) progress('relay memory: run with --expose-gc for a settled baseline (run.ts does)');
    await settle();
    const baseline = process.memoryUsage();

    progress(`relay memory: relaying a ${formatMiB(VIDEO_BYTES)} video…`);
    let peakRss = baseline.rss;
    let peakBuffers = baseline.arrayBuffers;
    const sampler = setInterval(() => {
      const now = process.memoryUsage();
      peakRss = Math.max(peakRss, now.rss);
      peakBuffers = Math.max(peakBuffers, now.arrayBuffers);
    }, 5);
    const prompt = 'a 25 MiB video of a long flight over mountains';
    await fakes.request({ type: 'video', userId: fakes.ready.requesterId, prompt });
    const job = await until('the 25 MiB video', delivered(prompt), 60_000, 5);
    clearInterval(sampler);

    const growth = peakRss - baseline.rss;
    const multiple = growth / VIDEO_BYTES;
    const uploaded = job.finalMessageId !== null && !bot.logs.some((line) => line.includes('too large'));
    progress(
      `relay memory: RSS ${formatMiB(baseline.rss)} → peak ${formatMiB(peakRss)} (+${formatMiB(growth)}, ${multiple.toFixed(2)}× the file); ` +
        `array buffers peak +${formatMiB(peakBuffers - baseline.arrayBuffers)}`,
    );
    return [
      {
        figure: `Peak RSS growth relaying a ${formatMiB(VIDEO_BYTES)} video`,
        aim: `< ${AIM_MULTIPLE}× the file size`,
        result: `+${formatMiB(growth)}, ${multiple.toFixed(2)}× the file (baseline ${formatMiB(baseline.rss)}, peak ${formatMiB(peakRss)})${uploaded ? '' : '; the video was not uploaded'}`,
        met: uploaded && multiple < AIM_MULTIPLE,
        note:
          `Buffers outside the V8 heap (\`arrayBuffers\`) peaked ${formatMiB(peakBuffers - baseline.arrayBuffers)} over the baseline.` +
          (multiple >= AIM_MULTIPLE
            ? ' The download itself streams to disk; the copies are made on the way out: the bot reads the whole file into a ' +
              'Buffer for the upload, discord.js copies that into a Blob for its form data, and undici copies again while ' +
              'sending. Posting a file-backed Blob (`fs.openAsBlob`) as the form body avoids all three.'
            : ''),
      },
    ];
  } finally {
    await bot.stop();
    await fakes.stop();
  }
}
