/**
 * The studio end to end, on real MP4s from the fake provider: a video over the server's upload
 * limit arrives inline, re-encoded to fit, and the showcase posts that file; one that cannot fit
 * at any frame arrives as the provider's link; the GIF button posts a GIF under the limit.
 */
import { writeFileSync } from 'node:fs';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { FfmpegRunner, resolveFfmpegBinaries } from '../src/media/ffmpeg.js';
import { realVideo } from '../testkit/runcomfy/index.js';
import { startWorld, type World } from '../testkit/world/botWorld.js';
import { makeTempDir } from '../testkit/world/tempDir.js';
import { answerText, buttonsOf, textOf } from './helpers/inspect.js';

const MiB = 1024 * 1024;
const runner = new FfmpegRunner({ binaries: resolveFfmpegBinaries() });
const temp = makeTempDir('e2e-studio-');
afterAll(() => temp.remove());

/** A shape the fake serves for `duration: 3` at 360p: about 1.5 MB, over a 1 MiB limit. */
const OVER_LIMIT = { kind: 'real', shortSide: 360, bitrateKbps: 4000 } as const;

describe('videos over the upload limit', () => {
  let world: World;
  afterEach(async () => {
    await world?.stop();
  });

  it('arrive inline, re-encoded to fit, with the provider’s full-quality link kept', async () => {
    // Made before the clock starts, so the fake serves it at once.
    await realVideo({ width: 640, height: 360, durationSeconds: 3, bitrateKbps: 4000 });
    world = await startWorld({ uploadLimitBytes: MiB, scenario: { video: OVER_LIMIT } });
    world.video(world.seed.requesterId, { prompt: 'waves on a basalt beach', duration: 3 });
    const job = await world.waitForJob(() => true);
    const done = await world.waitDelivered(job.id, 30_000);
    const final = world.discord.messages(done.threadId as string);
    expect(final).toHaveLength(1);
    const [attachment] = final[0]?.attachments ?? [];
    expect(attachment?.size).toBeLessThanOrEqual(MiB);
    const path = temp.file('delivered.mp4');
    writeFileSync(path, attachment?.bytes ?? Buffer.alloc(0));
    const info = await runner.probe(path);
    expect(info.durationSeconds).toBeCloseTo(3, 0);
    expect(info.video).toMatchObject({ codec: 'h264', width: 640, height: 360 });
    expect(info.audio?.codec).toBe('aac');
    const text = textOf(final[0]);
    expect(text).toContain('Compressed to fit this server’s upload limit');
    // The fit lands just under the limit, which can round to 1.0.
    expect(text).toMatch(/\(1\.\d MiB → (0\.\d|1\.0) MiB\)/);
    expect(text).toContain(done.resultUrl as string);
    // The fake's links carry no expiry in their query, so the card cannot say when.
    expect(text).toContain('without notice');
  });

  it('are shared to the showcase as the fitted file', async () => {
    await realVideo({ width: 640, height: 360, durationSeconds: 3, bitrateKbps: 4000 });
    world = await startWorld({ uploadLimitBytes: MiB, scenario: { video: OVER_LIMIT } });
    const { seed, discord } = world;
    await world.app.settings.update(seed.guildId, { showcaseChannelId: seed.showcaseChannelId, autoShare: true }, seed.adminId);
    world.video(seed.requesterId, { prompt: 'a kite over dunes', duration: 3 });
    const job = await world.waitForJob(() => true);
    const done = await world.waitDelivered(job.id, 30_000);
    const post = await world.passTimeUntil(() => discord.messages(seed.showcaseChannelId)[0]);
    const fitted = discord.messages(done.threadId as string)[0]?.attachments[0];
    expect(post.attachments).toHaveLength(1);
    expect(post.attachments[0]?.bytes.equals(fitted?.bytes ?? Buffer.alloc(0))).toBe(true);
  });

  it('arrive as the provider’s link when no frame would fit', async () => {
    await realVideo({ width: 320, height: 180, durationSeconds: 15, bitrateKbps: 400 });
    world = await startWorld({
      uploadLimitBytes: 48 * 1024,
      scenario: { video: { kind: 'real', shortSide: 180, bitrateKbps: 400 } },
    });
    world.video(world.seed.requesterId, { prompt: 'a long flight over mountains', duration: 15 });
    const job = await world.waitForJob(() => true);
    const done = await world.waitDelivered(job.id, 30_000);
    const final = world.discord.messages(done.threadId as string);
    expect(final).toHaveLength(1);
    expect(final[0]?.attachments).toHaveLength(0);
    expect(textOf(final[0])).toContain('too large to upload here');
    expect(textOf(final[0])).toContain(done.resultUrl as string);
  });
});

describe('the GIF button', () => {
  let world: World;
  afterEach(async () => {
    await world?.stop();
  });

  it('posts a GIF of the video in its thread, under the upload limit, for its maker only', async () => {
    await realVideo({ width: 320, height: 180, durationSeconds: 3, bitrateKbps: 600 });
    const limit = 2 * MiB;
    world = await startWorld({ uploadLimitBytes: limit, scenario: { video: { kind: 'real', shortSide: 180, bitrateKbps: 600 } } });
    const { seed, discord } = world;
    world.video(seed.requesterId, { prompt: 'a paper plane over a city', duration: 3 });
    const job = await world.waitForJob(() => true);
    const done = await world.waitDelivered(job.id, 30_000);
    const thread = done.threadId as string;
    const final = discord.messages(thread)[0];
    const gif = buttonsOf(final).find((b) => b.label === 'GIF');
    expect(gif?.custom_id).toBe(`job:gif:${job.id}`);

    const click = (userId: string) =>
      discord.clickButton({ channelId: thread, messageId: final?.id as string, customId: `job:gif:${job.id}`, userId });
    expect(await answerText(click(seed.otherMemberId))).toContain('Only the member who made this video');
    // Answers to a click are ephemeral (flag 64): only the member who clicked sees them.
    const publicPosts = () => discord.messages(thread).filter((m) => ((m.flags ?? 0) & 64) === 0);
    expect(publicPosts()).toHaveLength(1);

    const answer = await answerText(click(seed.requesterId));
    expect(answer).toContain('The GIF is posted');
    const posts = publicPosts();
    expect(posts).toHaveLength(2);
    const file = posts[1]?.attachments[0];
    expect(file?.filename).toBe(`video-${job.id}.gif`);
    expect(file?.size).toBeLessThanOrEqual(limit);
    const path = temp.file('posted.gif');
    writeFileSync(path, file?.bytes ?? Buffer.alloc(0));
    const info = await runner.probe(path);
    expect(info.video?.codec).toBe('gif');
    expect(info.video?.width).toBe(320);
    expect(info.durationSeconds).toBeGreaterThan(2.5);
    // Named on the post, never pinged.
    expect(posts[1]?.content).toContain(`<@${seed.requesterId}>`);
  });
});
