/**
 * Animating a picture, end to end: the real bot against the loopback Discord (whose CDN signs
 * attachment links that expire) and the fake RunComfy (which downloads the pictures at submit).
 */
import { type APIApplicationCommandInteractionDataOption, Locale } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { klingImageToVideo } from '../src/model/models/klingImageToVideo.js';
import { jpegHead, makePng } from '../testkit/images.js';
import { FAKE_I2V_MODEL_PATH } from '../testkit/runcomfy/server.js';
import { DISCORD_TOKEN, startWorld, toOptions, type World } from '../testkit/world/botWorld.js';
import { answerText, galleryOf, submitsTo as submits, thumbnailOf } from './helpers/inspect.js';

const DAY_MS = 24 * 60 * 60 * 1000;

interface Upload {
  filename: string;
  bytes: Buffer;
  contentType?: string;
  width?: number;
  height?: number;
}

const picture = (width = 640, height = 360): Upload => ({
  filename: 'harbour.png',
  bytes: makePng(width, height),
  contentType: 'image/png',
  width,
  height,
});

/** `/video animate` with an uploaded picture (and an end picture) and the given options. */
function animate(world: World, options: Record<string, string | number | boolean>, image: Upload, end?: Upload) {
  const { discord, seed } = world;
  const start = discord.uploadUserAttachment(seed.generalChannelId, image);
  const last = end ? discord.uploadUserAttachment(seed.generalChannelId, end) : undefined;
  const attachmentOptions = [
    { name: 'image', type: 11, value: start.id },
    ...(last ? [{ name: 'end_image', type: 11, value: last.id }] : []),
  ];
  return discord.slashCommand({
    guildId: seed.guildId,
    channelId: seed.generalChannelId,
    userId: seed.requesterId,
    name: 'video',
    options: [
      { type: 1, name: 'animate', options: [...attachmentOptions, ...toOptions(options)] } as APIApplicationCommandInteractionDataOption,
    ],
  });
}

/** "Animate with Kling" on a message, and a way to send the form it opened as any member. */
async function openAnimateForm(world: World, messageId: string, userId: string, locale?: Locale) {
  const { discord, seed } = world;
  const modal = await discord
    .messageCommand({
      channelId: seed.generalChannelId,
      messageId,
      userId,
      name: 'Animate with Kling',
      ...(locale ? { locale } : {}),
    })
    .response();
  const submit = (by: string, language?: Locale) =>
    discord.submitModal({
      guildId: seed.guildId,
      channelId: seed.generalChannelId,
      userId: by,
      customId: String(modal.data?.custom_id),
      fields: { prompt: 'the picture comes alive' },
      ...(language ? { locale: language } : {}),
    });
  return { modal, submit };
}

describe('animating a picture', () => {
  let world: World | undefined;
  afterEach(async () => {
    await world?.stop();
    world = undefined;
  });

  it('registers /video animate with attachment options derived from the model', async () => {
    world = await startWorld();
    const video = world.discord.commands(world.seed.guildId).find((c) => c.name === 'video') as {
      options: { name: string; options?: { name: string; type: number; required?: boolean }[] }[];
    };
    const options = video.options.find((o) => o.name === 'animate')?.options ?? [];
    // Without a picture the command opens a form that takes the upload, so the option is not required.
    expect(options.find((o) => o.name === 'image')).toMatchObject({ type: 11, required: false });
    expect(options.find((o) => o.name === 'end_image')).toMatchObject({ type: 11, required: false });
    expect(options.map((o) => o.name)).toContain('prompt');
    // The picture sets the frame: image-to-video takes no aspect ratio.
    expect(options.map((o) => o.name)).not.toContain('aspect_ratio');
    expect(world.discord.commands(world.seed.guildId).find((c) => c.name === 'Animate with Kling')).toMatchObject({ type: 3 });
  });

  it('animates an attached picture: the provider fetches the bot’s own copy from the status card', async () => {
    world = await startWorld();
    const { discord, seed } = world;
    await world.app.settings.update(seed.guildId, { showcaseChannelId: seed.showcaseChannelId }, seed.adminId);
    const ask = animate(world, { prompt: 'the boats drift out to sea', duration: 5, sound: false }, picture(), picture(600, 400));
    expect(await ask.response()).toMatchObject({ type: 5 });
    const job = await world.waitDelivered((await world.waitForJob(() => true)).id);
    expect(job).toMatchObject({ state: 'succeeded', modelId: klingImageToVideo.id });

    const [submit] = submits(world);
    expect(submit?.path).toBe(FAKE_I2V_MODEL_PATH);
    const body = submit?.body as Record<string, unknown>;
    // Image-to-video's sound switch is `generate_audio`: a `sound` there would leave sound on.
    expect(body).toMatchObject({ prompt: 'the boats drift out to sea', duration: 5, generate_audio: false });
    expect(body).not.toHaveProperty('sound');
    expect(body).not.toHaveProperty('aspect_ratio');
    expect(world.runcomfy.imageFailures).toEqual([]);

    // The card carries the copies and shows the first as its thumbnail.
    const card = discord.message(seed.generalChannelId, job.statusMessageId as string);
    expect(card?.attachments.map((a) => a.filename).sort()).toEqual(['end.png', 'start.png']);
    expect(thumbnailOf(card)).toBe('attachment://start.png');
    const startCopy = card?.attachments.find((a) => a.filename === 'start.png');
    expect(String(body.start_image_url)).toContain(`/attachments/${seed.generalChannelId}/${startCopy?.id}/start.png`);
    expect(String(body.end_image_url)).toContain('/end.png');
    // A signed link that needs no token.
    expect(new URL(String(body.start_image_url)).searchParams.get('hm')).toBeTruthy();
    expect(job.images?.start).toContain(`/${startCopy?.id}/start.png`);
    expect(job.estimateUsd).toBeCloseTo(5 * 0.112, 5);

    // The final message shows the picture too, and so does the showcase post, days later.
    const final = discord.message(job.finalChannelId as string, job.finalMessageId as string);
    expect(String(thumbnailOf(final))).toContain(`/${startCopy?.id}/start.png`);
    world.clock?.advance(2 * DAY_MS);
    const shared = await discord
      .clickButton({
        channelId: seed.generalChannelId,
        messageId: job.statusMessageId as string,
        customId: `job:share:${job.id}`,
        userId: seed.requesterId,
      })
      .waitForResponses(2);
    expect(String(shared[1]?.data?.content)).toContain('Shared to');
    const post = discord.messages(seed.showcaseChannelId)[0];
    const thumbnail = String(thumbnailOf(post));
    expect(thumbnail).toContain(`/${startCopy?.id}/start.png`);
    expect((await fetch(thumbnail)).status).toBe(200);
  });

  it('animates a picture in two takes: each its own job with the picture, both in one final card', async () => {
    world = await startWorld();
    const { discord } = world;
    await answerText(animate(world, { prompt: 'the lanterns sway', duration: 5, takes: 2 }, picture()));
    const jobs = await world.jobs();
    expect(jobs).toHaveLength(2);
    expect(jobs.every((job) => job.modelId === klingImageToVideo.id && job.takeGroup === jobs[0]?.takeGroup)).toBe(true);
    expect(submits(world)).toHaveLength(2);
    // Each take's status card carries its own copy of the picture, which the provider fetched.
    for (const job of jobs) {
      expect(discord.message(job.channelId, job.statusMessageId as string)?.attachments.map((a) => a.filename)).toEqual(['start.png']);
    }
    for (const job of jobs) await world.waitDelivered(job.id, 30_000);
    const thread = jobs[0]?.threadId as string;
    const cards = discord.messages(thread).filter((m) => galleryOf(m).length > 0);
    expect(cards).toHaveLength(1);
    expect(galleryOf(cards[0]).map((item) => item.description)).toEqual(['Take 1', 'Take 2']);
  });

  it('animates a message’s first picture from the Apps menu, through the form', async () => {
    world = await startWorld();
    const { discord, seed } = world;
    const post = discord.memberPost(seed.generalChannelId, seed.otherMemberId, {
      content: 'look at this',
      files: [{ filename: 'notes.txt', bytes: Buffer.from('hello'), contentType: 'text/plain' }, picture(500, 500)],
    });
    const menu = discord.messageCommand({
      channelId: seed.generalChannelId,
      messageId: post.id,
      userId: seed.requesterId,
      name: 'Animate with Kling',
    });
    const modal = await menu.response();
    expect(modal.type).toBe(9);
    const submit = discord.submitModal({
      guildId: seed.guildId,
      channelId: seed.generalChannelId,
      userId: seed.requesterId,
      customId: String(modal.data?.custom_id),
      fields: { prompt: 'the picture comes alive' },
      choices: { duration: '4', sound: false },
    });
    await submit.waitForResponses(2);
    const job = await world.waitDelivered((await world.waitForJob(() => true)).id);
    expect(job).toMatchObject({ state: 'succeeded', modelId: klingImageToVideo.id });
    expect(submits(world)[0]?.body).toMatchObject({ prompt: 'the picture comes alive', duration: 4, generate_audio: false });
    const card = discord.message(seed.generalChannelId, job.statusMessageId as string);
    expect(card?.attachments.map((a) => a.filename)).toEqual(['start.png']);
    // The form carries a short id of the bot's own, not the message it came from.
    const customId = String(modal.data?.custom_id);
    expect(customId).toMatch(/^form:animate:[a-z0-9]{16}$/);
    expect(customId).not.toContain(post.id);
  });

  it('finds the picture although a read of the member’s message comes back without it', async () => {
    world = await startWorld();
    const { discord, seed } = world;
    const post = discord.memberPost(seed.generalChannelId, seed.otherMemberId, { content: 'my drawing', files: [picture(640, 480)] });
    // As Discord hands it to a bot without the Message Content intent.
    const read = await fetch(`${discord.apiBase}/v10/channels/${seed.generalChannelId}/messages/${post.id}`, {
      headers: { authorization: `Bot ${DISCORD_TOKEN}` },
    });
    expect(((await read.json()) as { attachments: unknown[] }).attachments).toEqual([]);
    const readsBefore = discord.requests.length;
    const { modal, submit } = await openAnimateForm(world, post.id, seed.requesterId);
    expect(modal.type).toBe(9);
    const responses = await submit(seed.requesterId).waitForResponses(2);
    expect(String(responses[1]?.data?.content)).not.toContain('no picture');
    const job = await world.waitForJob(() => true);
    expect(job.modelId).toBe(klingImageToVideo.id);
    expect(discord.requests.slice(readsBefore).filter((r) => r.method === 'GET' && r.path.includes(`/messages/${post.id}`))).toHaveLength(
      0,
    );
  });

  it('refuses the form when another member sends it, with nothing sent, and leaves it to the member who opened it', async () => {
    world = await startWorld();
    const { discord, seed } = world;
    const post = discord.memberPost(seed.generalChannelId, seed.otherMemberId, { files: [picture()] });
    const { submit } = await openAnimateForm(world, post.id, seed.requesterId);
    const forged = await submit(seed.moderatorId, Locale.French).waitForResponses(2);
    expect(forged[0]).toMatchObject({ type: 5, data: { flags: 64 } });
    expect(String(forged[1]?.data?.content)).toContain('ouvert par un autre membre');
    expect(submits(world)).toHaveLength(0);
    expect(await world.jobs()).toHaveLength(0);
    expect(discord.messages(seed.generalChannelId).filter((m) => (m.flags & 64) === 0 && m.id !== post.id)).toHaveLength(0);
    // The member who opened it still can.
    await submit(seed.requesterId).waitForResponses(2);
    expect((await world.waitForJob(() => true)).userId).toBe(seed.requesterId);
  });

  it('refuses a form opened in another server, with nothing sent', async () => {
    world = await startWorld();
    const { discord, seed } = world;
    const post = discord.memberPost(seed.generalChannelId, seed.otherMemberId, { files: [picture()] });
    const { modal } = await openAnimateForm(world, post.id, seed.requesterId);
    // The same member, in a server of their own, sends the id the first server's form carried.
    const elsewhere = discord.addGuild({ name: 'Elsewhere' });
    const channel = discord.addTextChannel(elsewhere.id, { name: 'general' });
    discord.addMember(elsewhere.id, { id: seed.requesterId });
    await discord.waitFor(() => world?.app.bot.client.guilds.cache.has(elsewhere.id));
    const forged = await discord
      .submitModal({
        guildId: elsewhere.id,
        channelId: channel.id,
        userId: seed.requesterId,
        customId: String(modal.data?.custom_id),
        fields: { prompt: 'the picture comes alive' },
      })
      .waitForResponses(2);
    expect(String(forged[1]?.data?.content)).toContain('another member or in another server');
    expect(submits(world)).toHaveLength(0);
    expect(await world.jobs()).toHaveLength(0);
    expect(discord.messages(channel.id).filter((m) => (m.flags & 64) === 0)).toHaveLength(0);
  });

  it('answers a form sent after fifteen minutes, or a second time, as run out, with nothing sent', async () => {
    world = await startWorld();
    const { discord, seed } = world;
    const post = discord.memberPost(seed.generalChannelId, seed.otherMemberId, { files: [picture()] });
    const late = await openAnimateForm(world, post.id, seed.requesterId, Locale.German);
    world.clock?.advance(15 * 60 * 1000);
    const answer = await late.submit(seed.requesterId, Locale.German).waitForResponses(2);
    expect(String(answer[1]?.data?.content)).toContain('Dieses Formular ist abgelaufen');
    expect(submits(world)).toHaveLength(0);

    const once = await openAnimateForm(world, post.id, seed.requesterId);
    await once.submit(seed.requesterId).waitForResponses(2);
    await world.waitForJob(() => true);
    const again = await once.submit(seed.requesterId).waitForResponses(2);
    expect(String(again[1]?.data?.content)).toContain('That form has run out');
    expect(await world.jobs()).toHaveLength(1);
  });

  it('answers a form id from before the picture was kept (channel and message) as run out', async () => {
    world = await startWorld();
    const { discord, seed } = world;
    const post = discord.memberPost(seed.generalChannelId, seed.otherMemberId, { files: [picture()] });
    const answer = await discord
      .submitModal({
        guildId: seed.guildId,
        channelId: seed.generalChannelId,
        userId: seed.requesterId,
        customId: `form:animate:${seed.generalChannelId}:${post.id}`,
        fields: { prompt: 'the picture comes alive' },
      })
      .waitForResponses(2);
    expect(String(answer[1]?.data?.content)).toContain('That form has run out');
    expect(submits(world)).toHaveLength(0);
    expect(await world.jobs()).toHaveLength(0);
  });

  it('says so when the message has no picture, and opens no form', async () => {
    world = await startWorld();
    const { discord, seed } = world;
    const post = discord.memberPost(seed.generalChannelId, seed.otherMemberId, { content: 'just words' });
    const menu = discord.messageCommand({
      channelId: seed.generalChannelId,
      messageId: post.id,
      userId: seed.requesterId,
      name: 'Animate with Kling',
    });
    const answer = await menu.response();
    expect(answer).toMatchObject({ type: 4 });
    expect(answer.data?.flags).toBe(64);
    expect(String(answer.data?.content)).toContain('no picture');
  });

  it.each([
    ['not a picture', { filename: 'a.txt', bytes: Buffer.from('plain text'), contentType: 'text/plain' }, 'is not a picture'],
    ['a type the model does not take', { filename: 'a.gif', bytes: Buffer.from('GIF89a'), contentType: 'image/gif' }, 'JPEG or PNG'],
    ['too large', { ...picture(), bytes: Buffer.concat([makePng(640, 360), Buffer.alloc(10_100_000)]) }, 'the limit is 10.0 MB'],
    ['too small', picture(200, 200), 'at least 300 pixels'],
    ['too narrow', picture(300, 800), 'too tall for its width'],
    ['too wide', picture(1000, 300), 'too wide for its height'],
    ['small, though Discord said otherwise', { ...picture(200, 200), width: 640, height: 360 }, '200×200'],
    ['of no pixels, though Discord said otherwise', { ...picture(0, 0), width: 640, height: 360 }, 'has no pixels'],
    [
      'not what its type says',
      { filename: 'a.png', bytes: jpegHead(640, 360).subarray(0, 3), contentType: 'image/png' },
      'is not a picture',
    ],
  ])('refuses a picture that is %s, with nothing written or sent', async (_what, upload, expected) => {
    world = await startWorld();
    const ask = animate(world, { prompt: 'anything' }, upload as Upload);
    const responses = await ask.waitForResponses(2);
    expect(responses[0]?.type).toBe(5);
    expect((responses[0]?.data as { flags?: number } | undefined)?.flags).toBe(64);
    expect(String(responses[1]?.data?.content)).toContain(expected);
    expect(String(responses[1]?.data?.content)).toMatch(/^Your image /);
    expect(submits(world)).toHaveLength(0);
    expect(await world.jobs()).toHaveLength(0);
    expect(world.discord.messages(world.seed.generalChannelId).filter((m) => (m.flags & 64) === 0)).toHaveLength(0);
  });

  it('names the end image when it is the one refused', async () => {
    world = await startWorld();
    const ask = animate(world, { prompt: 'anything' }, picture(), picture(100, 100));
    const responses = await ask.waitForResponses(2);
    expect(String(responses[1]?.data?.content)).toMatch(/^Your end image is 100×100 pixels/);
    expect(submits(world)).toHaveLength(0);
    expect(await world.jobs()).toHaveLength(0);
  });

  it('refuses an end image with shots when a remix adds them, with nothing sent', async () => {
    world = await startWorld();
    const { discord, seed } = world;
    await animate(world, { prompt: 'from dawn to dusk', duration: 6 }, picture(), picture()).response();
    const parent = await world.waitDelivered((await world.waitForJob(() => true)).id);
    const card = discord.message(seed.generalChannelId, parent.statusMessageId as string);
    const modal = await discord
      .clickButton({
        channelId: seed.generalChannelId,
        messageId: card?.id as string,
        customId: `job:remix:${parent.id}`,
        userId: seed.requesterId,
      })
      .response();
    // A single-shot remix's form has no shots; a submission that adds them anyway (forged, by a
    // member who never opened the form) is still refused.
    expect(JSON.stringify(modal.data?.components)).not.toContain('multi_prompt');
    const submit = discord.submitModal({
      guildId: seed.guildId,
      channelId: seed.generalChannelId,
      userId: seed.otherMemberId,
      customId: String(modal.data?.custom_id),
      fields: { prompt: 'from dawn to dusk', multi_prompt: '3 | dawn\n3 | dusk' },
    });
    const responses = await submit.waitForResponses(2);
    expect(String(responses[1]?.data?.content)).toContain('An end image cannot be combined with shots');
    expect(submits(world)).toHaveLength(1);
    expect(await world.jobs()).toHaveLength(1);
  });

  it('remixes days after the original links expired: the copy is renewed and carried to the new card', async () => {
    world = await startWorld();
    const { discord, seed } = world;
    await animate(world, { prompt: 'a lighthouse at night', sound: false }, picture()).response();
    const parent = await world.waitDelivered((await world.waitForJob(() => true)).id);
    const original = parent.images?.start as string;

    world.clock?.advance(3 * DAY_MS);
    // The link the job recorded no longer works at Discord's CDN.
    expect((await fetch(original)).status).toBe(404);

    const card = discord.message(seed.generalChannelId, parent.statusMessageId as string);
    const modal = await discord
      .clickButton({
        channelId: seed.generalChannelId,
        messageId: card?.id as string,
        customId: `job:remix:${parent.id}`,
        userId: seed.requesterId,
      })
      .response();
    expect(modal.type).toBe(9);
    const submit = discord.submitModal({
      guildId: seed.guildId,
      channelId: seed.generalChannelId,
      userId: seed.requesterId,
      customId: String(modal.data?.custom_id),
      fields: { prompt: 'a lighthouse in a storm' },
      choices: { sound: false },
    });
    await submit.waitForResponses(2);
    const remix = await world.waitDelivered((await world.waitForJob((j) => j.kind === 'remix')).id);
    expect(remix).toMatchObject({ state: 'succeeded', modelId: klingImageToVideo.id, parentId: parent.id });
    expect(discord.requests.some((r) => r.method === 'POST' && r.path === '/attachments/refresh-urls')).toBe(true);
    expect(world.runcomfy.imageFailures).toEqual([]);
    const second = submits(world)[1]?.body as Record<string, unknown>;
    const remixCard = discord.message(seed.generalChannelId, remix.statusMessageId as string);
    const copy = remixCard?.attachments.find((a) => a.filename === 'start.png');
    expect(String(second.start_image_url)).toContain(`/${copy?.id}/start.png`);
    expect(second).toMatchObject({ generate_audio: false });
    expect(second).not.toHaveProperty('sound');
    expect(thumbnailOf(remixCard)).toBe('attachment://start.png');
  });

  it('retries a failed animation with the same picture', async () => {
    world = await startWorld({ scenario: { outcome: 'fail', failMessage: 'render failed' } });
    const { discord, seed } = world;
    await animate(world, { prompt: 'waves', sound: false }, picture()).response();
    const failed = await world.waitDelivered((await world.waitForJob(() => true)).id);
    expect(failed.state).toBe('failed');
    // The job keeps the member's name for the switch; only the body uses the endpoint's.
    expect(failed.input).toMatchObject({ sound: false });
    world.runcomfy.setScenario({ outcome: 'succeed' });
    await discord
      .clickButton({
        channelId: seed.generalChannelId,
        messageId: failed.statusMessageId as string,
        customId: `job:retry:${failed.id}`,
        userId: seed.requesterId,
      })
      .waitForResponses(2);
    const retry = await world.waitDelivered((await world.waitForJob((j) => j.kind === 'retry')).id);
    expect(retry).toMatchObject({ state: 'succeeded', modelId: klingImageToVideo.id });
    expect(submits(world)[1]?.path).toBe(FAKE_I2V_MODEL_PATH);
    expect(submits(world)[1]?.body).toMatchObject({ prompt: 'waves', generate_audio: false });
    expect(submits(world)[1]?.body).not.toHaveProperty('sound');
  });

  it('leaves text-to-video as it was', async () => {
    world = await startWorld();
    await world.video(world.seed.requesterId, { prompt: 'a paper boat', duration: 5 }).response();
    const job = await world.waitDelivered((await world.waitForJob(() => true)).id);
    expect(job).toMatchObject({ state: 'succeeded', modelId: 'kling-3.0-pro-t2v', images: null });
    expect(submits(world)[0]?.path).toBe('/v1/models/kling/kling-3.0/pro/text-to-video');
    expect(discord(world).requests.some((r) => r.path === '/attachments/refresh-urls')).toBe(false);
  });
});

function discord(world: World) {
  return world.discord;
}
