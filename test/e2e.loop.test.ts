/**
 * A loop: `loop` on `/video animate` and the animate forms sends the member's picture as both the
 * first and the last frame, so the video ends where it began.
 */
import type { APIApplicationCommandInteractionDataOption } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { makePng } from '../testkit/images.js';
import { startWorld, toOptions, type World } from '../testkit/world/botWorld.js';
import { submitsTo as submits } from './helpers/inspect.js';

const picture = (width = 640, height = 360) => ({
  filename: 'harbour.png',
  bytes: makePng(width, height),
  contentType: 'image/png',
  width,
  height,
});

function animate(world: World, options: Record<string, string | number | boolean>, end?: ReturnType<typeof picture>) {
  const { discord, seed } = world;
  const start = discord.uploadUserAttachment(seed.generalChannelId, picture());
  const last = end ? discord.uploadUserAttachment(seed.generalChannelId, end) : undefined;
  return discord.slashCommand({
    guildId: seed.guildId,
    channelId: seed.generalChannelId,
    userId: seed.requesterId,
    name: 'video',
    options: [
      {
        type: 1,
        name: 'animate',
        options: [
          { name: 'image', type: 11, value: start.id },
          ...(last ? [{ name: 'end_image', type: 11, value: last.id }] : []),
          ...toOptions(options),
        ],
      } as APIApplicationCommandInteractionDataOption,
    ],
  });
}

/** The bytes behind the links the provider was given for the first and the last frame. */
async function framesSent(world: World): Promise<{ start: Buffer; end: Buffer }> {
  const body = submits(world)[0]?.body as Record<string, unknown>;
  const read = async (link: unknown) => Buffer.from(await (await fetch(String(link))).arrayBuffer());
  return { start: await read(body.start_image_url), end: await read(body.end_image_url) };
}

describe('a loop', () => {
  let world: World | undefined;
  afterEach(async () => {
    await world?.stop();
    world = undefined;
  });

  it('sends the picture as both the first and the last frame from /video animate', async () => {
    world = await startWorld();
    await animate(world, { prompt: 'waves roll in and out', duration: 5, loop: true }).waitForResponses(2);
    const job = await world.waitDelivered((await world.waitForJob(() => true)).id);
    expect(job.state).toBe('succeeded');
    const body = submits(world)[0]?.body as Record<string, unknown>;
    // The switch is the bot's: the provider reads only its own fields.
    expect(body).not.toHaveProperty('loop');
    const frames = await framesSent(world);
    expect(frames.start.equals(makePng(640, 360))).toBe(true);
    expect(frames.end.equals(frames.start)).toBe(true);
    const card = world.discord.message(world.seed.generalChannelId, job.statusMessageId as string);
    expect(card?.attachments.map((a) => a.filename).sort()).toEqual(['end.png', 'start.png']);
    expect(job.images?.end).toContain('/end.png');
  });

  it('offers the loop in the "Animate with Kling" form and sends the picture twice when ticked', async () => {
    world = await startWorld();
    const { discord, seed } = world;
    const post = discord.memberPost(seed.generalChannelId, seed.otherMemberId, { content: 'look', files: [picture(500, 500)] });
    const modal = await discord
      .messageCommand({ channelId: seed.generalChannelId, messageId: post.id, userId: seed.requesterId, name: 'Animate with Kling' })
      .response();
    expect(JSON.stringify(modal.data)).toContain('"custom_id":"loop"');
    await discord
      .submitModal({
        guildId: seed.guildId,
        channelId: seed.generalChannelId,
        userId: seed.requesterId,
        customId: String(modal.data?.custom_id),
        fields: { prompt: 'the picture comes alive' },
        choices: { loop: true },
      })
      .waitForResponses(2);
    await world.waitDelivered((await world.waitForJob(() => true)).id);
    const frames = await framesSent(world);
    expect(frames.start.equals(makePng(500, 500))).toBe(true);
    expect(frames.end.equals(frames.start)).toBe(true);
  });

  it('refuses a loop with an end image of its own, with nothing written or sent', async () => {
    world = await startWorld();
    const responses = await animate(world, { prompt: 'anything', loop: true }, picture(600, 400)).waitForResponses(2);
    expect((responses[0]?.data as { flags?: number } | undefined)?.flags).toBe(64);
    expect(String(responses[1]?.data?.content)).toContain('A loop ends on its first picture');
    expect(submits(world)).toHaveLength(0);
    expect(await world.jobs()).toHaveLength(0);
  });

  it('leaves the last frame out when the loop is not asked for', async () => {
    world = await startWorld();
    await animate(world, { prompt: 'a plain animation', loop: false }).waitForResponses(2);
    await world.waitDelivered((await world.waitForJob(() => true)).id);
    expect(submits(world)[0]?.body).not.toHaveProperty('end_image_url');
  });
});
