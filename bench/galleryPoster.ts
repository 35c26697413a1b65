/**
 * The gallery's page in a real browser: how long from asking for a server's gallery to the first
 * poster of the grid arriving, as a member sees it. The bot serves the page and the posters
 * itself; what it asks Discord first (the member's servers, roles, the server's channels) is
 * part of the wait when its short-lived copy has run out, so both are measured.
 */

import { createServer } from 'node:net';
import chromium from '@sparticuz/chromium';
import { type Page, chromium as pw } from 'playwright-core';
import { parseVideoInput } from '../src/model/videoInput.js';
import { step } from '../testkit/jobSteps.js';
import { startWorld, type World } from '../testkit/world/botWorld.js';
import type { FigureResult, Progress } from './figure.js';
import { formatMs, median, percentile } from './stats.js';

const VIDEOS = 60;
const RUNS = 40;
const WARMUP_RUNS = 5;
const AIM_MS = 500;
/** Past the gallery's 60 s trust in what Discord said, every read goes to Discord again. */
const ACCESS_TTL_MS = 60_000;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Finished videos written through the job store, one a minute, as a busy server's history. */
async function seed(world: World): Promise<void> {
  const { store } = world.app;
  for (let i = 0; i < VIDEOS; i++) {
    world.clock?.advance(60_000);
    const job = await store.create({
      guildId: world.seed.guildId,
      channelId: world.seed.generalChannelId,
      userId: i % 2 ? world.seed.requesterId : world.seed.otherMemberId,
      input: parseVideoInput({ prompt: `a benchmark video number ${i} of a harbour at dawn`, duration: 5 }),
      estimateUsd: 0.84,
    });
    await store.transition(job.id, step('created', 'submitting'));
    await store.transition(job.id, step('submitting', 'queued', { requestId: `r-${job.id}` }));
    await store.transition(job.id, step('queued', 'running'));
    await store.transition(job.id, step('running', 'succeeded'));
  }
}

/**
 * One visit: from the navigation's start to the end of the first poster's response, read from
 * the page's own Resource Timing; and to the first poster drawn, read as the harness sees it.
 */
async function visit(page: Page, url: string): Promise<{ firstPosterMs: number; shownMs: number }> {
  const started = performance.now();
  await page.goto(url, { waitUntil: 'commit' });
  // Run in the page, written as text: the bench is compiled without the DOM's types.
  await page.waitForFunction(`[...document.querySelectorAll('.card img')].some((img) => img.complete)`);
  const shownMs = performance.now() - started;
  const firstPosterMs = await page.evaluate<number>(
    `Math.min(...performance.getEntriesByType('resource').filter((e) => e.name.endsWith('/poster')).map((e) => e.responseEnd))`,
  );
  return { firstPosterMs, shownMs };
}

export async function run(progress: Progress): Promise<FigureResult[]> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const launching = chromium
    .executablePath()
    .then((executablePath) =>
      pw.launch({ executablePath, args: chromium.args.filter((arg) => arg !== '--single-process'), headless: true }),
    );
  const world = await startWorld({
    logLevel: 'warn',
    env: { WEB_PORT: String(port), WEB_PUBLIC_URL: base, DISCORD_CLIENT_SECRET: 'fake-client-secret' },
    beforeStart: ({ discord }) => {
      discord.oauth2.redirectUris.add(`${base}/auth/callback`);
    },
  });
  const browser = await launching;
  try {
    progress(`gallery poster: ${VIDEOS} videos written, signing in…`);
    await seed(world);
    const context = await browser.newContext();
    const page = await context.newPage();
    // Every visit is a first visit: nothing comes from the browser's cache.
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    const gallery = `${base}/g/${world.seed.guildId}`;
    await page.goto(`${world.discord.origin}/oauth2/test-login?user=${world.seed.requesterId}`);
    await page.goto(`${base}/login?return=${encodeURIComponent(`/g/${world.seed.guildId}`)}`);
    await page.click('#authorize');
    await page.waitForURL(gallery);
    const cards = await page.$$eval('.card img', (images) => images.length);
    const samples = { warm: { first: [] as number[], shown: [] as number[] }, cold: { first: [] as number[], shown: [] as number[] } };
    for (let i = 0; i < WARMUP_RUNS + RUNS; i++) {
      // Alternately with what the gallery knows of Discord still fresh, and run out.
      for (const kind of ['warm', 'cold'] as const) {
        if (kind === 'cold') world.clock?.advance(ACCESS_TTL_MS + 1);
        const { firstPosterMs, shownMs } = await visit(page, gallery);
        if (i < WARMUP_RUNS) continue;
        samples[kind].first.push(firstPosterMs);
        samples[kind].shown.push(shownMs);
      }
    }
    const line = (s: { first: number[]; shown: number[] }) =>
      `median ${formatMs(median(s.first))}, p95 ${formatMs(percentile(s.first, 95))}`;
    progress(`gallery poster: warm ${line(samples.warm)}; cold ${line(samples.cold)}`);
    const note = (s: { first: number[]; shown: number[] }) =>
      `As the harness sees the first poster drawn (navigation to \`img.complete\`, polled on animation frames): median ` +
      `${formatMs(median(s.shown))}, p95 ${formatMs(percentile(s.shown, 95))}. The grid holds ${cards} cards; the posters are ` +
      `the neutral placeholder until the studio's frames are wired, so the figure is the gallery's own path (session, ` +
      `access, search, page, poster route), not the size of a frame.`;
    return [
      {
        figure: `Gallery page to its first poster in Chromium, ${VIDEOS} videos, Discord's answers still fresh`,
        aim: `p95 < ${AIM_MS} ms`,
        result: `${line(samples.warm)} (${RUNS} visits)`,
        met: percentile(samples.warm.first, 95) < AIM_MS,
        note: note(samples.warm),
      },
      {
        figure: `Gallery page to its first poster in Chromium, ${VIDEOS} videos, Discord asked again`,
        aim: `p95 < ${AIM_MS} ms`,
        result: `${line(samples.cold)} (${RUNS} visits)`,
        met: percentile(samples.cold.first, 95) < AIM_MS,
        note:
          `${note(samples.cold)} Each visit follows the gallery's 60 s trust in what Discord said running out, so the page first ` +
          `reads the member's servers, the bot's servers, the member's roles and the server's channels from the loopback Discord ` +
          `(on 127.0.0.1: the real Discord adds its own round trips, about four).`,
      },
    ];
  } finally {
    await browser.close();
    await world.stop();
  }
}
