/**
 * Takes end to end, on real MP4s from the fake provider: `takes:3` makes three jobs of one
 * request, and the thread gets one final card holding their videos, each fitted under its share
 * of the upload; a failed take is named on the card; a refused take leaves the accepted ones going.
 */
import { writeFileSync } from 'node:fs';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { messageNonce } from '../src/discord/nonces.js';
import { takesOf } from '../src/discord/takes.js';
import { FfmpegRunner, resolveFfmpegBinaries } from '../src/media/ffmpeg.js';
import { realVideo } from '../testkit/runcomfy/index.js';
import { startWorld, type World } from '../testkit/world/botWorld.js';
import { makeTempDir } from '../testkit/world/tempDir.js';
import { answerText, attachmentFor, buttonsOf, galleryOf, textOf } from './helpers/inspect.js';

const MiB = 1024 * 1024;
const runner = new FfmpegRunner({ binaries: resolveFfmpegBinaries() });
const temp = makeTempDir('e2e-takes-');
afterAll(() => temp.remove());

/** Each take ends at its own time, so the card must wait for the last. */
function staggered(extra: (take: number) => object = () => ({})) {
  let submitted = 0;
  return () => {
    submitted++;
    return { queueMs: 1_000, runMs: 5_000 * submitted, ...extra(submitted) };
  };
}

describe('takes', () => {
  let world: World;
  afterEach(async () => {
    await world?.stop();
  });

  it('arrive together: three takes in one final card, each fitted under its share', async () => {
    // About 1.5 MB each at 360p for 3 s: over the 1 MiB limit, so each is re-encoded to fit.
    await realVideo({ width: 640, height: 360, durationSeconds: 3, bitrateKbps: 4000 });
    world = await startWorld({
      uploadLimitBytes: MiB,
      scenario: { video: { kind: 'real', shortSide: 360, bitrateKbps: 4000 } },
      scenarioFor: staggered(),
    });
    const { seed, discord } = world;
    const answer = await answerText(world.video(seed.requesterId, { prompt: 'a lighthouse in fog', duration: 3, takes: 3 }));
    expect(answer).toContain('<#');
    const jobs = await world.jobs();
    expect(jobs).toHaveLength(3);
    const group = jobs[0]?.takeGroup;
    expect(group).toEqual(expect.any(String));
    expect(jobs.every((job) => job.takeGroup === group && job.input.prompt === 'a lighthouse in fog')).toBe(true);
    const thread = jobs[0]?.threadId as string;
    // The other takes post their status cards in the first take's thread, not threads of their own.
    expect(jobs.slice(1).every((job) => job.channelId === thread && job.threadId === null)).toBe(true);

    for (const job of jobs) await world.waitDelivered(job.id, 60_000);
    // Read after the last take's delivery: the earlier takes learn of the card only then.
    const done = await world.jobs();
    const cards = discord.messages(thread).filter((m) => galleryOf(m).length > 0);
    expect(cards).toHaveLength(1);
    const card = cards[0];
    expect(done.every((job) => job.finalMessageId === card?.id && job.finalChannelId === thread)).toBe(true);
    const items = galleryOf(card);
    expect(items).toHaveLength(3);
    expect(items.map((item) => item.description)).toEqual(['Take 1', 'Take 2', 'Take 3']);
    expect(card?.attachments).toHaveLength(3);
    for (const [index, item] of items.entries()) {
      const file = attachmentFor(card, item);
      expect(file?.filename).toBe(`video-${done[index]?.id}.mp4`);
      expect(file?.size).toBeLessThanOrEqual(MiB);
      const path = temp.file(`take-${index}.mp4`);
      writeFileSync(path, file?.bytes ?? Buffer.alloc(0));
      const info = await runner.probe(path);
      expect(info.durationSeconds).toBeCloseTo(3, 0);
      expect(info.video).toMatchObject({ codec: 'h264', width: 640, height: 360 });
    }
    expect(textOf(card)).toContain('your 3 takes are ready');
    // Each take keeps its own buttons on the card: share, extend, remix, delete act on that take.
    const ids = buttonsOf(card).map((button) => button.custom_id);
    for (const job of done) {
      expect(ids).toContain(`job:delete:${job.id}`);
      expect(ids).toContain(`job:remix:${job.id}`);
      expect(ids).toContain(`job:extend:${job.id}`);
    }
    // Nothing else was posted as a final message: the thread holds the card and the other takes' status cards.
    expect(discord.messages(thread)).toHaveLength(3);

    // Deleting one take takes only that take off the card: its video, its file and its buttons.
    const second = done[1]?.id as string;
    const click = discord.clickButton({
      channelId: thread,
      messageId: card?.id as string,
      customId: `job:delete:${second}`,
      userId: seed.requesterId,
    });
    expect(await answerText(click)).toBe('Deleted: the video is gone.');
    const after = await world.passTimeUntil(() => {
      const now = discord.messages(thread).find((m) => m.id === card?.id);
      return now && galleryOf(now).length === 2 ? now : undefined;
    });
    expect(galleryOf(after).map((item) => item.description)).toEqual(['Take 1', 'Take 3']);
    expect(after.attachments.map((a) => a.filename)).toEqual([`video-${done[0]?.id}.mp4`, `video-${done[2]?.id}.mp4`]);
    const left = buttonsOf(after).map((button) => button.custom_id);
    expect(left.some((id) => id?.endsWith(second))).toBe(false);
    expect(left).toContain(`job:delete:${done[2]?.id}`);
  }, 90_000);

  it('name a failed take on the card, beside the videos of the others', async () => {
    await realVideo({ width: 640, height: 360, durationSeconds: 3, bitrateKbps: 300 });
    world = await startWorld({
      scenario: { video: { kind: 'real', shortSide: 360, bitrateKbps: 300 } },
      scenarioFor: staggered((take) => (take === 2 ? { outcome: 'fail', failMessage: 'the render broke' } : {})),
    });
    const { seed, discord } = world;
    await answerText(world.video(seed.requesterId, { prompt: 'a heron taking off', duration: 3, takes: 3 }));
    const jobs = await world.jobs();
    for (const job of jobs) await world.waitDelivered(job.id, 60_000);
    const thread = jobs[0]?.threadId as string;
    const cards = discord.messages(thread).filter((m) => galleryOf(m).length > 0);
    expect(cards).toHaveLength(1);
    expect(galleryOf(cards[0]).map((item) => item.description)).toEqual(['Take 1', 'Take 3']);
    expect(cards[0]?.attachments).toHaveLength(2);
    expect(textOf(cards[0])).toMatch(/Take 2: .*the render broke/);
    // The failed take offers Retry on the card, as a failed job's final card does.
    expect(buttonsOf(cards[0]).map((b) => b.custom_id)).toContain(`job:retry:${jobs[1]?.id}`);
  }, 90_000);

  it('keep the accepted takes when a later one is refused, and say why', async () => {
    world = await startWorld({ scenario: { video: { kind: 'small' } } });
    const { seed } = world;
    await world.app.settings.update(seed.guildId, { maxConcurrentPerMember: 1, maxWaitingPerMember: 0 }, seed.adminId);
    const answer = await answerText(world.video(seed.requesterId, { prompt: 'a red kite', duration: 3, takes: 3 }));
    expect(answer).toContain('1 of 3 takes started');
    const jobs = await world.jobs();
    expect(jobs).toHaveLength(1);
    const done = await world.waitDelivered(jobs[0]?.id as string, 30_000);
    // The one take still ends in the group's card, posted once, under the group's nonce.
    const final = world.discord.messages(done.threadId as string);
    expect(final).toHaveLength(1);
    expect(galleryOf(final[0])).toHaveLength(1);
    expect(messageNonce('takes', done.takeGroup as string)).toMatch(/^takes-/);
  }, 60_000);
});

describe('takes ending together', () => {
  let world: World;
  afterEach(async () => {
    await world?.stop();
  });

  it('still make one card, each take recorded to it, when they end at the same moment', async () => {
    await realVideo({ width: 640, height: 360, durationSeconds: 3, bitrateKbps: 300 });
    world = await startWorld({ scenario: { queueMs: 1_000, runMs: 5_000, video: { kind: 'real', shortSide: 360, bitrateKbps: 300 } } });
    const { seed, discord } = world;
    const video = discord.commands(seed.guildId).find((c) => c.name === 'video') as {
      options: { name: string; options?: { name: string; min_value?: number; max_value?: number }[] }[];
    };
    for (const sub of ['create', 'animate']) {
      const takes = video.options.find((o) => o.name === sub)?.options?.find((o) => o.name === 'takes');
      expect(takes).toMatchObject({ min_value: 1, max_value: 4 });
    }
    await answerText(world.video(seed.requesterId, { prompt: 'two swans', duration: 3, takes: 2 }));
    const jobs = await world.jobs();
    for (const job of jobs) await world.waitDelivered(job.id, 60_000);
    const thread = jobs[0]?.threadId as string;
    const cards = discord.messages(thread).filter((m) => galleryOf(m).length > 0);
    expect(cards).toHaveLength(1);
    expect(galleryOf(cards[0])).toHaveLength(2);
    expect((await world.jobs()).every((job) => job.finalMessageId === cards[0]?.id)).toBe(true);
  }, 60_000);
});

describe('the takes option', () => {
  it('reads a whole number from 1 to 4, else one take', () => {
    expect([1, 2, 3, 4].map(takesOf)).toEqual([1, 2, 3, 4]);
    expect([0, 5, 2.5, '3', undefined, null].map(takesOf)).toEqual([1, 1, 1, 1, 1, 1]);
  });
});
