/**
 * Extend, end to end on real MP4s from the fake provider: the bot takes the finished video's last
 * frame, posts it as its own attachment, makes an image-to-video continuation from it, and
 * delivers the two joined in the same thread, a frame shorter than both, with its total length.
 */
import { writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { FfmpegRunner, resolveFfmpegBinaries } from '../src/media/ffmpeg.js';
import { lastFrame } from '../src/media/join.js';
import { klingImageToVideo } from '../src/model/models/klingImageToVideo.js';
import { realVideo } from '../testkit/runcomfy/index.js';
import { startWorld, type World } from '../testkit/world/botWorld.js';
import { makeTempDir } from '../testkit/world/tempDir.js';
import { answerText, submitsTo as submits, textOf } from './helpers/inspect.js';

const runner = new FfmpegRunner({ binaries: resolveFfmpegBinaries() });
const temp = makeTempDir('e2e-extend-');
afterAll(() => temp.remove());

/** The fake's clips at 640x360 (the provider takes pictures of 300 px a side and more). */
const REAL = { kind: 'real', shortSide: 360, bitrateKbps: 600 } as const;

/** Frame `index` of `video` as small grey pixels. */
async function frameAt(video: string, index: number): Promise<Buffer> {
  const out = temp.file(`frame-${Math.random().toString(36).slice(2)}.gray`);
  await runner.ffmpeg([
    '-i',
    video,
    '-vf',
    `select=eq(n\\,${index}),scale=80:45`,
    '-frames:v',
    '1',
    '-f',
    'rawvideo',
    '-pix_fmt',
    'gray',
    out,
  ]);
  return readFile(out);
}

function difference(a: Buffer, b: Buffer): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs((a[i] ?? 0) - (b[i] ?? 0));
  return sum / a.length;
}

/** A finished 3 s video, delivered in its thread. */
async function finishedVideo(world: World) {
  world.video(world.seed.requesterId, { prompt: 'a lighthouse at dusk', duration: 3 });
  const job = await world.waitDelivered((await world.waitForJob(() => true)).id, 30_000);
  return job;
}

/** Extend on the final card in the thread, the form sent with `duration`; the member's answer. */
async function extend(world: World, parent: { id: string; threadId: string | null; finalMessageId: string | null }, duration: number) {
  const { discord, seed } = world;
  const thread = parent.threadId as string;
  const click = discord.clickButton({
    channelId: thread,
    messageId: parent.finalMessageId as string,
    customId: `job:extend:${parent.id}`,
    userId: seed.requesterId,
  });
  const modal = await click.response();
  if (modal.type !== 9) return { modal, answer: String(modal.data?.content ?? '') };
  const responses = await discord
    .submitModal({
      guildId: seed.guildId,
      channelId: thread,
      userId: seed.requesterId,
      customId: String(modal.data?.custom_id),
      fields: { prompt: 'the light sweeps over the sea' },
      choices: { duration: String(duration) },
    })
    .waitForResponses(2);
  return { modal, answer: String(responses[1]?.data?.content ?? '') };
}

describe('extending a video', () => {
  let world: World | undefined;
  afterEach(async () => {
    await world?.stop();
    world = undefined;
  });

  it('joins a continuation from the last frame onto the video, in the same thread, a frame shorter than both', async () => {
    await realVideo({ width: 640, height: 360, durationSeconds: 3, bitrateKbps: 600 });
    world = await startWorld({ scenario: { video: REAL } });
    const { discord } = world;
    const parent = await finishedVideo(world);
    const thread = parent.threadId as string;
    const parentFile = temp.file('parent.mp4');
    writeFileSync(parentFile, discord.messages(thread)[0]?.attachments[0]?.bytes ?? Buffer.alloc(0));

    const { modal } = await extend(world, parent, 3);
    expect(modal.type).toBe(9);
    expect(JSON.stringify(modal.data)).toContain('a lighthouse at dusk');
    const child = await world.waitDelivered((await world.waitForJob((job) => job.kind === 'extend')).id, 30_000);
    expect(child).toMatchObject({ state: 'succeeded', kind: 'extend', parentId: parent.id, modelId: klingImageToVideo.id });
    // Its own job, billed and budgeted as one: 3 s of image-to-video.
    expect(child.estimateUsd).toBeGreaterThan(0);

    // The provider was sent the parent's last frame, as the bot's own attachment on the new card.
    const card = discord.message(child.channelId, child.statusMessageId as string);
    expect(card?.attachments.map((a) => a.filename)).toEqual(['start.png']);
    const sent = submits(world).at(-1)?.body as Record<string, unknown>;
    const frameSent = temp.file('sent.png');
    writeFileSync(frameSent, Buffer.from(await (await fetch(String(sent.start_image_url))).arrayBuffer()));
    const expected = temp.file('expected.png');
    await lastFrame(runner, parentFile, expected);
    expect((await readFile(frameSent)).equals(await readFile(expected))).toBe(true);

    // One final card in the parent's thread: the joined video, with its total length.
    expect(child.channelId).toBe(thread);
    const final = discord.message(child.finalChannelId as string, child.finalMessageId as string);
    expect(child.finalChannelId).toBe(thread);
    expect(textOf(final)).toContain('Extended: 6 seconds in all');
    const joined = temp.file('joined.mp4');
    writeFileSync(joined, final?.attachments[0]?.bytes ?? Buffer.alloc(0));
    const info = await runner.probe(joined);
    expect(info.video?.frames).toBe(72 + 72 - 1);
    expect(info.durationSeconds).toBeCloseTo(6 - 1 / 24, 1);
    expect(info.audio?.codec).toBe('aac');
    // The seam: the parent's last frame, then the continuation's second.
    expect(difference(await frameAt(joined, 71), await frameAt(parentFile, 71))).toBeLessThan(3);
    expect(difference(await frameAt(joined, 0), await frameAt(parentFile, 0))).toBeLessThan(3);
  });

  it('stops a chain at the server’s total, before any form, and refuses a form over it with nothing sent', async () => {
    await realVideo({ width: 640, height: 360, durationSeconds: 3, bitrateKbps: 600 });
    world = await startWorld({ scenario: { video: REAL } });
    const set = world.discord.slashCommand({
      guildId: world.seed.guildId,
      channelId: world.seed.generalChannelId,
      userId: world.seed.adminId,
      name: 'video-settings',
      options: [{ type: 1, name: 'extend', options: [{ type: 4, name: 'seconds', value: 8 }] }] as never,
    });
    expect(await answerText(set)).toContain('Extend: up to 8 seconds in all');
    expect((await world.app.settings.get(world.seed.guildId)).extendMaxSeconds).toBe(8);
    const parent = await finishedVideo(world);
    // 3 s and 6 more would be 9: over 8.
    const over = await extend(world, parent, 6);
    expect(over.answer).toContain('This video would be 9 seconds long');
    expect(await world.jobs()).toHaveLength(1);
    await extend(world, parent, 5);
    const child = await world.waitDelivered((await world.waitForJob((job) => job.kind === 'extend')).id, 30_000);
    expect(child.input.duration).toBe(5);
    // 8 s made: no room for even the shortest extension.
    const click = world.discord.clickButton({
      channelId: child.channelId,
      messageId: child.finalMessageId as string,
      customId: `job:extend:${child.id}`,
      userId: world.seed.requesterId,
    });
    expect(await answerText(click)).toContain('lets extensions run to 8 seconds in all');
  });
});
