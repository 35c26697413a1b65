/**
 * Forms with real choices, end to end: the real bot against the loopback Discord. A remix form
 * shows the job's own values and keeps what it has no room for; `/video animate` without a
 * picture, and the help's button, open a form that takes the upload.
 */
import type { APIApplicationCommandInteractionDataOption } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { klingImageToVideo } from '../src/model/models/klingImageToVideo.js';
import type { InteractionHandle } from '../testkit/discord/index.js';
import { makePng } from '../testkit/images.js';
import { startWorld, toOptions, type World } from '../testkit/world/botWorld.js';
import { answerText, submitsTo } from './helpers/inspect.js';

interface Shown {
  type: number;
  label?: string;
  description?: string;
  content?: string;
  component?: {
    type: number;
    custom_id: string;
    value?: string;
    default?: boolean;
    options?: { value: string; default?: boolean }[];
  } & Record<string, unknown>;
}

const componentsOf = (data: Record<string, unknown> | undefined): Shown[] => (data?.components ?? []) as Shown[];
const byId = (shown: Shown[], id: string) => shown.find((c) => c.component?.custom_id === id)?.component;
const chosen = (shown: Shown[], id: string) =>
  byId(shown, id)
    ?.options?.filter((o) => o.default)
    .map((o) => o.value);

const picture = { filename: 'harbour.png', bytes: makePng(640, 360), contentType: 'image/png', width: 640, height: 360 };

function animateCommand(world: World, options: Record<string, string | number | boolean>): InteractionHandle {
  const { discord, seed } = world;
  return discord.slashCommand({
    guildId: seed.guildId,
    channelId: seed.generalChannelId,
    userId: seed.requesterId,
    name: 'video',
    options: [{ type: 1, name: 'animate', options: toOptions(options) } as APIApplicationCommandInteractionDataOption],
  });
}

describe('forms with real choices', () => {
  let world: World | undefined;
  afterEach(async () => {
    await world?.stop();
    world = undefined;
  });

  it('prefills a remix form with the job’s values and keeps the fields it has no room for', async () => {
    world = await startWorld();
    const { discord, seed } = world;
    world.video(seed.requesterId, {
      prompt: 'a lantern on a pier',
      duration: 7,
      aspect_ratio: '9:16',
      sound: false,
      cfg_scale: 0.8,
      negative_prompt: 'blurry',
    });
    const parent = await world.waitDelivered((await world.waitForJob(() => true)).id);
    const modal = await discord
      .clickButton({
        channelId: seed.generalChannelId,
        messageId: parent.statusMessageId as string,
        customId: `job:remix:${parent.id}`,
        userId: seed.otherMemberId,
      })
      .response();
    expect(modal.type).toBe(9);
    const shown = componentsOf(modal.data);
    expect(shown.map((c) => c.component?.custom_id ?? c.type)).toEqual(['prompt', 'duration', 'aspect_ratio', 'sound', 10]);
    expect(byId(shown, 'prompt')).toMatchObject({ type: 4, value: 'a lantern on a pier' });
    expect(byId(shown, 'duration')?.type).toBe(3);
    expect(chosen(shown, 'duration')).toEqual(['7']);
    expect(byId(shown, 'aspect_ratio')?.type).toBe(21);
    expect(chosen(shown, 'aspect_ratio')).toEqual(['9:16']);
    expect(byId(shown, 'sound')).toMatchObject({ type: 23 });
    expect(byId(shown, 'sound')?.default).not.toBe(true);
    expect(shown[4]?.content).toBe('Not in this form (kept from the original): Negative prompt: blurry · CFG scale: 0.8');

    await discord
      .submitModal({
        guildId: seed.guildId,
        channelId: seed.generalChannelId,
        userId: seed.otherMemberId,
        customId: String(modal.data?.custom_id),
        fields: { prompt: 'a lantern on a pier, in fog' },
      })
      .waitForResponses(2);
    const child = await world.waitForJob((j) => j.parentId === parent.id);
    await world.waitDelivered(child.id);
    expect(submitsTo(world)[1]?.body).toMatchObject({
      prompt: 'a lantern on a pier, in fog',
      duration: 7,
      aspect_ratio: '9:16',
      sound: false,
      cfg_scale: 0.8,
      negative_prompt: 'blurry',
    });
  });

  it('preselects the member’s own defaults in a new form', async () => {
    world = await startWorld();
    const { discord, seed } = world;
    await answerText(
      discord.slashCommand({
        guildId: seed.guildId,
        channelId: seed.generalChannelId,
        userId: seed.requesterId,
        name: 'video',
        options: [
          {
            type: 2,
            name: 'preferences',
            options: [{ type: 1, name: 'set', options: toOptions({ aspect_ratio: '1:1', sound: false }) }],
          } as APIApplicationCommandInteractionDataOption,
        ],
      }),
    );
    const modal = await world.subcommand(seed.requesterId, 'video', 'multishot').response();
    const shown = componentsOf(modal.data);
    expect(chosen(shown, 'aspect_ratio')).toEqual(['1:1']);
    expect(byId(shown, 'sound')?.default).not.toBe(true);
    // Untouched, the preselected values are what the member sends.
    await discord
      .submitModal({
        guildId: seed.guildId,
        channelId: seed.generalChannelId,
        userId: seed.requesterId,
        customId: String(modal.data?.custom_id),
        fields: { prompt: 'a square clip', multi_prompt: '3 | one\n3 | two' },
      })
      .waitForResponses(2);
    await world.waitForJob(() => true);
    expect(submitsTo(world)[0]?.body).toMatchObject({ aspect_ratio: '1:1', sound: false, duration: 6 });
  });

  it('opens the upload form for /video animate without a picture, and animates the uploaded one', async () => {
    world = await startWorld();
    const { discord, seed } = world;
    const modal = await animateCommand(world, { prompt: 'the boats drift out', sound: false }).response();
    // A form must be the first answer: nothing was deferred.
    expect(modal.type).toBe(9);
    expect(modal.data?.custom_id).toBe('form:picture');
    const shown = componentsOf(modal.data);
    // The option typed (sound) takes a slot before the duration, which the note names with its default.
    expect(shown.map((c) => c.component?.custom_id ?? c.type)).toEqual(['image', 'end_image', 'prompt', 'sound', 10]);
    expect(byId(shown, 'image')).toMatchObject({ type: 19, min_values: 1, max_values: 1, required: true });
    expect(byId(shown, 'end_image')).toMatchObject({ type: 19, min_values: 0, max_values: 1, required: false });
    expect(byId(shown, 'prompt')?.value).toBe('the boats drift out');
    expect(byId(shown, 'sound')).toMatchObject({ type: 23 });
    expect(byId(shown, 'sound')?.default).not.toBe(true);
    expect(shown[4]?.content).toBe('Not in this form (default): Length in seconds: 5 · Loop: off · Negative prompt: none · CFG scale: 0.5');

    const submit = discord.submitModal({
      guildId: seed.guildId,
      channelId: seed.generalChannelId,
      userId: seed.requesterId,
      customId: 'form:picture',
      uploads: { image: [picture] },
    });
    const answers = await submit.waitForResponses(2);
    expect(String(answers[1]?.data?.content)).toContain('in the queue');
    const job = await world.waitDelivered((await world.waitForJob(() => true)).id);
    expect(job).toMatchObject({ state: 'succeeded', modelId: klingImageToVideo.id });
    const body = submitsTo(world)[0]?.body as Record<string, unknown>;
    expect(body).toMatchObject({ prompt: 'the boats drift out', duration: 5, generate_audio: false });
    expect(String(body.start_image_url)).toContain('/start.png');
    expect(body.end_image_url).toBeUndefined();
  });

  it('refuses a non-picture upload ephemerally, with nothing submitted', async () => {
    world = await startWorld();
    const { discord, seed } = world;
    await animateCommand(world, {}).response();
    const submit = discord.submitModal({
      guildId: seed.guildId,
      channelId: seed.generalChannelId,
      userId: seed.requesterId,
      customId: 'form:picture',
      fields: { prompt: 'anything' },
      uploads: { image: [{ filename: 'notes.txt', bytes: Buffer.from('plain text'), contentType: 'text/plain' }] },
    });
    const answers = await submit.waitForResponses(2);
    expect((answers[0]?.data as { flags?: number } | undefined)?.flags).toBe(64);
    expect(String(answers[1]?.data?.content)).toContain('is not a picture');
    expect(submitsTo(world)).toHaveLength(0);
    expect(await world.jobs()).toHaveLength(0);
  });

  it('refuses, as Discord’s client would, an upload form sent without its picture', async () => {
    world = await startWorld();
    const { discord, seed } = world;
    await animateCommand(world, {}).response();
    expect(() =>
      discord.submitModal({
        guildId: seed.guildId,
        channelId: seed.generalChannelId,
        userId: seed.requesterId,
        customId: 'form:picture',
        fields: { prompt: 'no picture' },
      }),
    ).toThrow(/"image" needs a file/);
  });

  it('opens the same upload form from the help’s button', async () => {
    world = await startWorld();
    const { discord, seed } = world;
    const help = await world.subcommand(seed.requesterId, 'video', 'help').response();
    const rows = (help.data?.components ?? []) as { components: { custom_id: string; label: string }[] }[];
    expect(rows[0]?.components[0]).toMatchObject({ custom_id: 'open:animate', label: 'Animate a picture' });
    const modal = await discord
      .clickButton({
        channelId: seed.generalChannelId,
        messageId: help.messageId as string,
        customId: 'open:animate',
        userId: seed.requesterId,
      })
      .response();
    expect(modal).toMatchObject({ type: 9, data: { custom_id: 'form:picture', title: 'Animate a picture' } });
    expect(byId(componentsOf(modal.data), 'image')).toMatchObject({ type: 19 });
  });
});
