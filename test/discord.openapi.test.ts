/**
 * What the bot sends Discord, held against Discord's own OpenAPI schemas: one world goes through
 * every kind of request the bot makes, then each recorded body must pass its route's schema.
 * The fake's rules cover the limits someone wrote down; the spec covers the rest.
 */
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMAND_DEFINITIONS } from '../src/commandList.js';
import { registerCommands } from '../src/discord/registerCommands.js';
import type { RecordedRequest } from '../testkit/discord/server.js';
import { specProblems, specRoute } from '../testkit/discord/spec/check.js';
import { makePng } from '../testkit/images.js';
import { APPLICATION_ID, startWorld, type World } from '../testkit/world/botWorld.js';
import { answerText, buttonsOf } from './helpers/inspect.js';

/** One line per refused body: the request, then what the spec says about it. */
function problemsOf(requests: RecordedRequest[]): string[] {
  return requests.flatMap((request) => {
    const { route, problems } = specProblems(request);
    return problems.map((problem) => `${request.method} ${request.path} (${route ?? 'no route'}, ${request.status}): ${problem}`);
  });
}

describe('the bot’s requests against Discord’s OpenAPI schemas', () => {
  let world: World;

  beforeAll(async () => {
    world = await startWorld({
      scenarioFor: (input) => {
        const prompt = String(input.prompt);
        if (prompt.includes('doomed')) return { outcome: 'fail', failMessage: 'The prompt was flagged by the safety filter' };
        if (prompt.includes('enormous')) return { video: { kind: 'sized', bytes: 12 * 1024 * 1024 } };
        if (prompt.includes('waiting')) return { queueMs: 600_000 };
        return {};
      },
      // The enormous video stays a link card (over what the bot downloads, so not fitted).
      env: { DOWNLOAD_MAX_MB: '11' },
    });
    const { seed, discord } = world;
    const click = (messageId: string, customId: string, userId = seed.requesterId) =>
      discord.clickButton({ channelId: seed.generalChannelId, messageId, customId, userId });
    const finished = async (prompt: string, options: Record<string, string | number | boolean> = {}) => {
      const before = new Set((await world.jobs()).map((j) => j.id));
      await answerText(world.video(seed.requesterId, { prompt, ...options }));
      const job = await world.waitForJob((j) => !before.has(j.id));
      return world.waitDelivered(job.id, 20_000);
    };
    await world.app.settings.update(seed.guildId, { showcaseChannelId: seed.showcaseChannelId }, seed.adminId);

    // Global registration, as `npm run register` does it without a server.
    await registerCommands(world.app.bot.client.rest, APPLICATION_ID, undefined, COMMAND_DEFINITIONS, pino({ level: 'silent' }), true);

    // Cancel a queued job first, before the other waits let its queue time pass.
    await answerText(world.video(seed.requesterId, { prompt: 'waiting in line' }));
    const queued = await world.waitForJob((j) => j.state === 'queued' && j.statusMessageId !== null);
    await answerText(click(queued.statusMessageId as string, `job:cancel:${queued.id}`));
    await world.waitDelivered(queued.id);

    // A video to its thread, with the member's DM copy too.
    await answerText(
      world.discord.slashCommand({
        guildId: seed.guildId,
        channelId: seed.generalChannelId,
        userId: seed.requesterId,
        name: 'video',
        options: [
          { type: 2, name: 'preferences', options: [{ type: 1, name: 'set', options: [{ name: 'delivery', type: 3, value: 'dm' }] }] },
        ],
      }),
    );
    const done = await finished('a paper boat on a rainy street', { duration: 5, sound: false });
    await world.passTimeUntil(() => discord.directMessages(seed.requesterId).length > 0 || undefined);
    await finished('a doomed render');
    await finished('an enormous flight over mountains', { duration: 15 });

    // The multi-shot form.
    const multishot = await world.subcommand(seed.requesterId, 'video', 'multishot').response();
    const multi = discord.submitModal({
      guildId: seed.guildId,
      channelId: seed.generalChannelId,
      userId: seed.requesterId,
      customId: String(multishot.data?.custom_id),
      fields: {
        prompt: 'a day at the harbour',
        multi_prompt: '4 | boats at dawn\n3 | gulls overhead\n3 | nets drying',
      },
      choices: { aspect_ratio: '9:16', sound: false },
    });
    await multi.waitForResponses(2);

    // Remix through its form.
    const remix = await click(done.statusMessageId as string, `job:remix:${done.id}`, seed.otherMemberId).response();
    const remixSubmit = discord.submitModal({
      guildId: seed.guildId,
      channelId: seed.generalChannelId,
      userId: seed.otherMemberId,
      customId: String(remix.data?.custom_id),
      fields: { prompt: 'a paper boat, at night' },
      choices: { duration: '5' },
    });
    await remixSubmit.waitForResponses(2);
    const child = await world.waitForJob((j) => j.parentId === done.id);
    await world.waitDelivered(child.id);

    // Extend through its form (this fake's 64 px clip is refused as a first frame, before anything is sent).
    const extend = await click(done.statusMessageId as string, `job:extend:${done.id}`).response();
    expect(extend.type).toBe(9);
    const extendSubmit = discord.submitModal({
      guildId: seed.guildId,
      channelId: seed.generalChannelId,
      userId: seed.requesterId,
      customId: String(extend.data?.custom_id),
      fields: { prompt: 'the boat drifts on' },
      choices: { duration: '3' },
    });
    expect(String((await extendSubmit.waitForResponses(2))[1]?.data?.content)).toContain('64×64 pixels');
    await answerText(world.subcommand(seed.adminId, 'video-settings', 'extend', { seconds: 30 }));
    const multiJob = await world.waitForJob((j) => j.input.prompt === 'a day at the harbour');
    await world.waitDelivered(multiJob.id);

    // Animate a member's picture from the Apps menu.
    const post = discord.memberPost(seed.generalChannelId, seed.otherMemberId, {
      content: 'look at this',
      files: [{ filename: 'harbour.png', bytes: makePng(500, 500), contentType: 'image/png', width: 500, height: 500 }],
    });
    const menu = await discord
      .messageCommand({ channelId: seed.generalChannelId, messageId: post.id, userId: seed.moderatorId, name: 'Animate with Kling' })
      .response();
    const animate = discord.submitModal({
      guildId: seed.guildId,
      channelId: seed.generalChannelId,
      userId: seed.moderatorId,
      customId: String(menu.data?.custom_id),
      fields: { prompt: 'the picture comes alive' },
      choices: { duration: '4' },
    });
    // Members have a daily budget: the moderator animates, so the requester's spending stays under it.
    await animate.waitForResponses(2);
    const animated = await world.waitForJob((j) => j.input.prompt === 'the picture comes alive');
    await world.waitDelivered(animated.id);

    // The help's button opens the form that takes the picture itself (a file upload field).
    const help = await world.subcommand(seed.moderatorId, 'video', 'help').response();
    const uploadForm = await discord
      .clickButton({
        channelId: seed.generalChannelId,
        messageId: help.messageId as string,
        customId: 'open:animate',
        userId: seed.moderatorId,
      })
      .response();
    const uploaded = discord.submitModal({
      guildId: seed.guildId,
      channelId: seed.generalChannelId,
      userId: seed.moderatorId,
      customId: String(uploadForm.data?.custom_id),
      fields: { prompt: 'the harbour wakes up' },
      uploads: { image: [{ filename: 'dawn.png', bytes: makePng(640, 360), contentType: 'image/png', width: 640, height: 360 }] },
    });
    await uploaded.waitForResponses(2);
    await world.waitDelivered((await world.waitForJob((j) => j.input.prompt === 'the harbour wakes up')).id);

    // Share, then delete.
    expect(buttonsOf(discord.message(seed.generalChannelId, done.statusMessageId as string)).map((b) => b.custom_id)).toContain(
      `job:share:${done.id}`,
    );
    expect(await answerText(click(done.statusMessageId as string, `job:share:${done.id}`))).toContain('Shared to');
    expect(await answerText(click(child.statusMessageId as string, `job:delete:${child.id}`, seed.otherMemberId))).toContain('Deleted');

    // The listings and explanations.
    for (const sub of ['jobs', 'usage', 'help']) await answerText(world.subcommand(seed.requesterId, 'video', sub));
    await answerText(world.subcommand(seed.requesterId, 'video', 'status', { job: done.id }));
    await answerText(world.subcommand(seed.adminId, 'video-settings', 'show'));
    await world.app.poller.idle();
  }, 30_000);

  afterAll(async () => {
    await world?.stop();
  });

  it('goes through every route it was meant to exercise', () => {
    // A route outside the subset, with a body or without: add it to scripts/discordSpec.ts and cut again.
    expect(world.discord.requests.filter((r) => specRoute(r.method, r.path) === undefined).map((r) => `${r.method} ${r.path}`)).toEqual([]);
    const routes = new Set(world.discord.requests.map((r) => specRoute(r.method, r.path)));
    expect([...routes]).toEqual(
      expect.arrayContaining([
        'PUT /applications/{application_id}/commands',
        'PUT /applications/{application_id}/guilds/{guild_id}/commands',
        'POST /interactions/{interaction_id}/{interaction_token}/callback',
        'PATCH /webhooks/{webhook_id}/{webhook_token}/messages/@original',
        'POST /channels/{channel_id}/messages',
        'PATCH /channels/{channel_id}/messages/{message_id}',
        'DELETE /channels/{channel_id}/messages/{message_id}',
        'POST /channels/{channel_id}/messages/{message_id}/threads',
        'POST /users/@me/channels',
      ]),
    );
    // Every call succeeded: the fake's own rules accepted each body too.
    expect(world.discord.requests.filter((r) => r.status >= 400).map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([]);
    // The form callbacks (type 9) and an upload (multipart, checked through payload_json) were among them.
    expect(world.discord.requests.some((r) => (r.json as { type?: number } | undefined)?.type === 9)).toBe(true);
    expect(world.discord.requests.some((r) => r.files?.length && r.json !== undefined)).toBe(true);
    // The new shapes were among what the spec checked: components-v2 cards (posts and edits) and
    // forms holding a radio group, a checkbox, a select and a file upload.
    const cards = world.discord.requests.filter((r) => ((r.json as { flags?: number } | undefined)?.flags ?? 0) & (1 << 15));
    expect(new Set(cards.map((r) => r.method))).toEqual(new Set(['POST', 'PATCH']));
    const formTypes = new Set(
      world.discord.requests
        .filter((r) => (r.json as { type?: number } | undefined)?.type === 9)
        .flatMap((r) => (r.json as { data: { components: { component?: { type: number } }[] } }).data.components ?? [])
        .map((c) => c.component?.type),
    );
    for (const type of [3, 4, 19, 21, 23]) expect(formTypes).toContain(type);
  });

  it('sends nothing the spec refuses', () => {
    const withBody = world.discord.requests.filter((r) => r.json !== undefined);
    expect(withBody.length).toBeGreaterThan(50);
    expect(problemsOf(world.discord.requests)).toEqual([]);
  });
});

describe('the spec check', () => {
  const modal = (title: string, components: unknown[]) => ({
    method: 'POST',
    path: '/interactions/1/token/callback',
    json: { type: 9, data: { custom_id: 'form:new', title, components } },
  });
  const prompt = { type: 18, label: 'Prompt', component: { type: 4, custom_id: 'prompt', style: 2 } };

  it('passes a well-formed form', () => {
    expect(specProblems(modal('New video', [prompt]))).toEqual({
      route: 'POST /interactions/{interaction_id}/{interaction_token}/callback',
      problems: [],
    });
  });

  it('refuses a form title of 46 characters', () => {
    expect(specProblems(modal('x'.repeat(46), [prompt])).problems).toEqual([
      '/data/title must NOT have more than 45 characters, got 46 [as ModalInteractionCallbackRequest]',
    ]);
  });

  it('refuses a text display of 4,001 characters and an unknown component type, both at once', () => {
    const { route, problems } = specProblems({
      method: 'POST',
      path: '/channels/1/messages',
      json: { flags: 32768, components: [{ type: 10, content: 'x'.repeat(4001) }, { type: 99 }] },
    });
    expect(route).toBe('POST /channels/{channel_id}/messages');
    expect(problems).toEqual([
      '/components/0/content must NOT have more than 4000 characters, got 4001 [as TextDisplayComponentForMessageRequest]',
      expect.stringMatching(/^\/components\/1 matches none of ActionRowComponentForMessageRequest, .*\(its type is 99\)$/),
    ]);
  });

  it('refuses a select in a form with more options than Discord allows, naming the path', () => {
    const options = Array.from({ length: 26 }, (_, i) => ({ label: `o${i}`, value: `v${i}` }));
    const select = { type: 18, label: 'Aspect', component: { type: 3, custom_id: 'aspect', options } };
    expect(specProblems(modal('New video', [select])).problems).toEqual([
      '/data/components/0/component/options must NOT have more than 25 items, got 26 [as ModalInteractionCallbackRequest › LabelComponentForModalRequest › StringSelectComponentForModalRequest]',
    ]);
  });

  it('takes a snowflake as a number and a permission set as a decimal string, and nothing else in their place', () => {
    const command = (permissions: unknown) => ({
      method: 'PUT',
      path: '/applications/1/commands',
      json: [{ name: 'video', description: 'Make a video', default_member_permissions: permissions }],
    });
    expect(specProblems(command('32')).problems).toEqual([]);
    expect(specProblems(command(32)).problems).toEqual([]);
    expect(specProblems(command('manage')).problems).toEqual(['/0/default_member_permissions must match pattern "^(0|[1-9][0-9]*)$"']);
    const upload = (id: unknown) => ({
      method: 'POST',
      path: '/channels/1/messages',
      json: { attachments: [{ id, filename: 'video.mp4' }] },
    });
    expect(specProblems(upload(0)).problems).toEqual([]);
    expect(specProblems(upload('0')).problems).toEqual([]);
    expect(specProblems(upload(-1)).problems).toEqual(['/attachments/0/id must be >= 0']);
    expect(specProblems(upload('first')).problems).toEqual(['/attachments/0/id must match pattern "^(0|[1-9][0-9]*)$"']);
  });

  it('prefers the literal route: @original over a message id', () => {
    expect(specRoute('PATCH', '/webhooks/1/token/messages/@original')).toBe(
      'PATCH /webhooks/{webhook_id}/{webhook_token}/messages/@original',
    );
    expect(specRoute('PATCH', '/webhooks/1/token/messages/2')).toBe('PATCH /webhooks/{webhook_id}/{webhook_token}/messages/{message_id}');
  });

  it('reports a route the subset does not know, and a missing body the spec requires', () => {
    expect(specProblems({ method: 'POST', path: '/guilds/1/bans', json: {} })).toEqual({
      route: undefined,
      problems: ['POST /guilds/1/bans is not a route of the spec subset'],
    });
    expect(specProblems({ method: 'POST', path: '/channels/1/messages', json: undefined }).problems).toEqual([
      '(body) is missing, and the spec requires one',
    ]);
  });
});
