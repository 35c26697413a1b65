/**
 * Quality tiers, end to end: the real bot against the loopback Discord and the loopback RunComfy,
 * which takes each endpoint's own fields only (runcomfy-api.md, "The Kling 3.0 family").
 */
import { type APIApplicationCommandInteractionDataOption, Locale } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { modelFor } from '../src/model/models.js';
import { makePng } from '../testkit/images.js';
import { realVideo } from '../testkit/runcomfy/index.js';
import { startWorld, toOptions, type World } from '../testkit/world/botWorld.js';
import { answerText, submitsTo as submits, textOf } from './helpers/inspect.js';

const picture = () => ({ filename: 'harbour.png', bytes: makePng(640, 360), contentType: 'image/png', width: 640, height: 360 });

function create(world: World, options: Record<string, string | number | boolean>, locale?: Locale) {
  const { discord, seed } = world;
  return discord.slashCommand({
    guildId: seed.guildId,
    channelId: seed.generalChannelId,
    userId: seed.requesterId,
    name: 'video',
    options: [{ type: 1, name: 'create', options: toOptions(options) } as APIApplicationCommandInteractionDataOption],
    ...(locale ? { locale } : {}),
  });
}

function animate(world: World, options: Record<string, string | number | boolean>, withEnd = false, locale?: Locale) {
  const { discord, seed } = world;
  const start = discord.uploadUserAttachment(seed.generalChannelId, picture());
  const end = withEnd ? discord.uploadUserAttachment(seed.generalChannelId, picture()) : undefined;
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
          ...(end ? [{ name: 'end_image', type: 11, value: end.id }] : []),
          ...toOptions(options),
        ],
      } as APIApplicationCommandInteractionDataOption,
    ],
    ...(locale ? { locale } : {}),
  });
}

describe('quality tiers', () => {
  let world: World | undefined;
  afterEach(async () => {
    await world?.stop();
    world = undefined;
  });

  it('makes a Standard draft, then renders it again in Pro with the same input and a new estimate', async () => {
    world = await startWorld();
    const { discord, seed } = world;
    const prompt = 'a paper boat on a rainy street';
    expect(await answerText(create(world, { prompt, duration: 6, sound: false, aspect_ratio: '9:16', tier: 'standard' }))).toContain(
      '$0.50',
    );
    const draft = await world.waitDelivered((await world.waitForJob(() => true)).id);
    expect(draft).toMatchObject({ state: 'succeeded', modelId: modelFor('text', 'standard').id });
    expect(draft.estimateUsd).toBeCloseTo(6 * 0.084, 5);
    const [first] = submits(world);
    expect(first?.path).toBe('/v1/models/kling/kling-3.0/standard/text-to-video');
    expect(first?.body).toMatchObject({ prompt, duration: 6, sound: false, aspect_ratio: '9:16', shot_type: 'intelligent' });

    // The draft's card names its tier and offers the next one up.
    const card = discord.message(seed.generalChannelId, draft.statusMessageId as string);
    expect(JSON.stringify(card?.components)).toContain('**Tier:** Standard');
    expect(JSON.stringify(card?.components)).toContain('Render again in Pro');

    const again = discord.clickButton({
      channelId: seed.generalChannelId,
      messageId: draft.statusMessageId as string,
      customId: `job:upgrade:${draft.id}`,
      userId: seed.requesterId,
    });
    expect(await answerText(again)).toContain('$0.67');
    const pro = await world.waitDelivered((await world.waitForJob((job) => job.id !== draft.id)).id);
    expect(pro).toMatchObject({ state: 'succeeded', kind: 'upgrade', parentId: draft.id, modelId: modelFor('text', 'pro').id });
    expect(pro.estimateUsd).toBeCloseTo(6 * 0.112, 5);
    const second = submits(world)[1];
    expect(second?.path).toBe('/v1/models/kling/kling-3.0/pro/text-to-video');
    // Same request; Standard's "intelligent" shots take Pro's own default.
    expect(second?.body).toEqual({ ...(first?.body as object), shot_type: 'customize' });
    const proCard = discord.message(pro.channelId, pro.statusMessageId as string);
    expect(JSON.stringify(proCard?.components)).toContain('Video in Pro');
    expect(JSON.stringify(proCard?.components)).toContain('Render again in 4K');
  });

  it('animates with sound off in Standard: generate_audio false, at Standard’s price', async () => {
    world = await startWorld();
    await answerText(animate(world, { prompt: 'the harbour wakes', duration: 5, sound: false, tier: 'standard' }));
    const job = await world.waitDelivered((await world.waitForJob(() => true)).id);
    expect(job).toMatchObject({ state: 'succeeded', modelId: modelFor('image', 'standard').id });
    const [submit] = submits(world);
    expect(submit?.path).toBe('/v1/models/kling/kling-3.0/standard/image-to-video');
    expect(submit?.body).toMatchObject({ duration: 5, generate_audio: false });
    expect(submit?.body).not.toHaveProperty('sound');
    expect(job.estimateUsd).toBeCloseTo(5 * 0.084, 5);
  });

  it('refuses an end frame on Standard before anything is sent, in the member’s language, naming the tiers that take one', async () => {
    world = await startWorld();
    const english = await answerText(animate(world, { prompt: 'boats', tier: 'standard' }, true));
    expect(english).toContain('The Standard tier takes no end image');
    expect(english).toContain('Pro or 4K');
    const german = await answerText(animate(world, { prompt: 'boats', tier: 'standard' }, true, Locale.German));
    expect(german).toContain('Die Stufe Standard nimmt kein Endbild');
    expect(world.runcomfy.submissions).toBe(0);
    expect(await world.jobs()).toEqual([]);
  });

  it('keeps a member to the tiers their server allows: a forged 4K is refused, and their own default is used within the list', async () => {
    world = await startWorld();
    const { seed } = world;
    await world.app.settings.update(seed.guildId, { allowedTiers: ['standard'], defaultTier: 'standard' }, seed.adminId);
    await world.app.storage.preferences.update(seed.guildId, seed.requesterId, { tier: '4k' });
    // Discord lists every tier; a value sent anyway is checked again here.
    const refused = await answerText(create(world, { prompt: 'a fox', tier: '4k' }));
    expect(refused).toContain('The 4K tier is not offered on this server');
    expect(refused).toContain('You can use Standard');
    const forged = await answerText(create(world, { prompt: 'a fox', tier: '8k' }, Locale.French));
    expect(forged).toContain('Ce n’est pas l’un des niveaux');
    expect(world.runcomfy.submissions).toBe(0);

    // The member prefers 4K, which is not allowed here: the server's default applies.
    await answerText(create(world, { prompt: 'a fox' }));
    const job = await world.waitForJob(() => true);
    expect(job.modelId).toBe(modelFor('text', 'standard').id);
  });

  it('lists the tiers this server allows, with their prices, in /video help', async () => {
    world = await startWorld();
    const { discord, seed } = world;
    await world.app.settings.update(seed.guildId, { allowedTiers: ['standard', '4k'], defaultTier: 'standard' }, seed.adminId);
    const help = discord.slashCommand({
      guildId: seed.guildId,
      channelId: seed.generalChannelId,
      userId: seed.requesterId,
      name: 'video',
      options: [{ type: 1, name: 'help' } as APIApplicationCommandInteractionDataOption],
    });
    const text = await answerText(help);
    expect(text).toContain('Standard: $0.084 a second, $0.126 with sound');
    expect(text).toContain('4K: $0.42 a second, sound included');
    expect(text).not.toContain('Pro: $0.112');
  });

  it('delivers a 4K video over the upload limit inline, fitted, with the tier on its card', async () => {
    const MiB = 1024 * 1024;
    // A real H.264 + AAC file well over the limit (small frame, high bitrate, so the test stays quick).
    await realVideo({ width: 640, height: 360, durationSeconds: 3, bitrateKbps: 4000 });
    world = await startWorld({ uploadLimitBytes: MiB, scenario: { video: { kind: 'real', shortSide: 360, bitrateKbps: 4000 } } });
    await answerText(create(world, { prompt: 'a lighthouse at dusk', tier: '4k', duration: 3 }));
    const job = await world.waitForJob(() => true);
    expect(job.modelId).toBe(modelFor('text', '4k').id);
    expect(submits(world)[0]?.path).toBe(`/v1/models/${modelFor('text', '4k').path}`);
    const done = await world.waitDelivered(job.id, 30_000);
    const [final] = world.discord.messages(done.threadId as string);
    const [attachment] = final?.attachments ?? [];
    expect(attachment?.filename).toMatch(/\.mp4$/);
    expect(attachment?.size).toBeLessThanOrEqual(MiB);
    const text = textOf(final);
    expect(text).toContain('Compressed to fit this server’s upload limit');
    expect(text).toContain('**Tier:** 4K');
    expect(text).toContain(done.resultUrl as string);
  });
});
