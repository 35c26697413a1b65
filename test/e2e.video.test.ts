/**
 * The real bot (discord.js client, SQLite file, poller) against the loopback Discord and the
 * fake RunComfy: what members see, from /video to the video in its thread.
 */
import { readFileSync } from 'node:fs';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { startApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import type { StoredMessage } from '../testkit/discord/index.js';
import { TINY_MP4_PATH } from '../testkit/runcomfy/index.js';
import { startWorld, type World } from '../testkit/world/botWorld.js';
import { buttonsOf, fieldsOf, isCard, submitsTo as submits, textOf } from './helpers/inspect.js';

describe('/video end to end', () => {
  let world: World;
  afterEach(async () => {
    await world?.stop();
  });

  it('registers its commands when it starts', async () => {
    world = await startWorld();
    const names = world.discord.commands(world.seed.guildId).map((c) => c.name);
    expect(names).toEqual(expect.arrayContaining(['video', 'video-settings']));
    const video = world.discord.commands(world.seed.guildId).find((c) => c.name === 'video') as {
      options: {
        name: string;
        options?: { name: string; max_length?: number; min_value?: number; max_value?: number; choices?: unknown[] }[];
      }[];
    };
    const create = video.options.find((o) => o.name === 'create');
    const byName = Object.fromEntries((create?.options ?? []).map((o) => [o.name, o]));
    expect(byName.prompt?.max_length).toBe(2500);
    expect(byName.duration).toMatchObject({ min_value: 3, max_value: 15 });
    expect(byName.cfg_scale).toMatchObject({ min_value: 0, max_value: 1 });
    expect(byName.aspect_ratio?.choices).toHaveLength(3);
  });

  it('registers again on start only when the commands differ', async () => {
    world = await startWorld();
    const puts = () => world.discord.requests.filter((r) => r.method === 'PUT' && r.path.includes('/commands')).length;
    expect(puts()).toBe(1);
    await world.stopBot();
    world.app = await startApp({
      config: loadConfig(world.env),
      logger: pino({ level: 'silent' }),
      discordRest: { retries: 1, timeout: 5000 },
    });
    expect(puts()).toBe(1);
    expect(
      world.discord
        .commands(world.seed.guildId)
        .map((c) => c.name)
        .sort(),
    ).toEqual(['Animate with Kling', 'video', 'video-settings']);
  });

  it('takes a valid /video to a delivered video in its thread', async () => {
    world = await startWorld();
    const { seed, discord } = world;
    const interaction = world.video(seed.requesterId, { prompt: 'a paper boat on a rainy street', duration: 5, sound: false });
    const ack = await interaction.response();
    expect(ack).toMatchObject({ kind: 'callback', type: 5 });
    expect((ack.data as { flags?: number }).flags).toBe(64);

    const job = await world.waitForJob(() => true);
    const delivered = await world.waitDelivered(job.id);
    expect(delivered.state).toBe('succeeded');
    expect(submits(world)).toHaveLength(1);
    expect(submits(world)[0]?.body).toMatchObject({
      prompt: 'a paper boat on a rainy street',
      duration: 5,
      sound: false,
      aspect_ratio: '16:9',
    });

    // The status message, in the channel, with the prompt, the parameters, the requester and the state.
    const status = discord.message(seed.generalChannelId, delivered.statusMessageId as string);
    expect(isCard(status)).toBe(true);
    expect(textOf(status)).toContain('a paper boat on a rainy street');
    const fields = fieldsOf(status);
    expect(fields['Requested by']).toBe(`<@${seed.requesterId}>`);
    expect(fields.Settings).toContain('5s');
    expect(fields.Cost).toContain('$0.56');
    expect(fields.Status).toContain('Done');
    // Finished: Cancel is gone; Remix and Delete are offered.
    const labels = buttonsOf(status).map((b) => b.label);
    expect(labels).not.toContain('Cancel');
    expect(labels).toEqual(expect.arrayContaining(['Remix', 'Delete']));

    // The thread hangs off the status message and holds the one final message with the file.
    const thread = discord.threads(seed.generalChannelId).find((t) => t.id === delivered.statusMessageId);
    expect(thread?.name).toContain('a paper boat');
    const inThread = discord.messages(delivered.threadId as string);
    expect(inThread).toHaveLength(1);
    const final = inThread[0] as StoredMessage;
    expect(textOf(final)).toContain(`<@${seed.requesterId}>`);
    expect(final.attachments).toHaveLength(1);
    expect(final.attachments[0]?.bytes.equals(readFileSync(TINY_MP4_PATH))).toBe(true);
    expect(final.pinged.users).toEqual([seed.requesterId]);
    // The file was fetched without the bearer token.
    const fileRequests = world.runcomfy.requests.filter((r) => r.path.startsWith('/files/'));
    expect(fileRequests.length).toBeGreaterThan(0);
    expect(fileRequests.every((r) => !r.hasBearer)).toBe(true);
    // Operators see it in the metrics: one acknowledged interaction, one submit, one delivery.
    const metrics = await world.app.metrics.registry.metrics();
    expect(metrics).toMatch(/videobot_interaction_ack_seconds_count 1\b/);
    expect(metrics).toMatch(/videobot_submissions_total\{outcome="queued"\} 1\b/);
    expect(metrics).toMatch(/videobot_delivery_latency_seconds_count 1\b/);
    // The ephemeral answer points at the thread.
    const edits = await interaction.waitForResponses(2);
    expect(String(edits[1]?.data?.content)).toContain(`<#${delivered.threadId}>`);
  });

  it('refuses invalid input with an ephemeral message naming the field, and sends nothing', async () => {
    world = await startWorld();
    const cases: [Record<string, string | number | boolean>, string][] = [
      [{ prompt: 'x'.repeat(2501) }, 'prompt must be at most 2,500 characters'],
      [{ prompt: 'ok', duration: 99 }, 'duration must be at most 15 seconds'],
      [{ prompt: 'ok', duration: 2 }, 'duration must be at least 3 seconds'],
      [{ prompt: 'ok', aspect_ratio: '4:3' }, 'aspect ratio must be one of 16:9, 9:16, or 1:1'],
      [{ prompt: 'ok', cfg_scale: 1.5 }, 'cfg scale must be at most 1'],
      [{ prompt: '   ' }, 'prompt must not be empty'],
      [{ prompt: 'ok', negative_prompt: 'y'.repeat(2501) }, 'negative prompt must be at most 2,500 characters'],
    ];
    for (const [options, expected] of cases) {
      const interaction = world.video(world.seed.requesterId, options);
      const responses = await interaction.waitForResponses(2);
      expect(responses[0]).toMatchObject({ type: 5 });
      expect((responses[0]?.data as { flags?: number } | undefined)?.flags).toBe(64);
      expect(String(responses[1]?.data?.content)).toContain(expected);
    }
    expect(submits(world)).toHaveLength(0);
    expect(await world.jobs()).toHaveLength(0);
    // Only the ephemeral answers exist; nothing was posted for the channel to see.
    expect(world.discord.messages(world.seed.generalChannelId).filter((m) => (m.flags & 64) === 0)).toHaveLength(0);
  });

  it('makes a multi-shot video from the form', async () => {
    world = await startWorld();
    const { seed, discord } = world;
    const open = world.subcommand(seed.requesterId, 'video', 'multishot');
    const modal = await open.response();
    expect(modal.type).toBe(9);
    // Prompt, shots, a radio group for the frame and a checkbox for sound; the rest is named in a note.
    const components = modal.data?.components as { type: number; label?: string; content?: string; component?: Record<string, unknown> }[];
    expect(components.map((c) => c.component?.custom_id ?? c.type)).toEqual(['prompt', 'multi_prompt', 'aspect_ratio', 'sound', 10]);
    expect(components[2]?.component).toMatchObject({
      type: 21,
      options: [{ value: '16:9', default: true }, { value: '9:16' }, { value: '1:1' }],
    });
    expect(components[3]?.component).toMatchObject({ type: 23, default: true });
    expect(components[4]?.content).toBe('Not in this form (default): Negative prompt: none · CFG scale: 0.5');
    const submit = discord.submitModal({
      guildId: seed.guildId,
      channelId: seed.generalChannelId,
      userId: seed.requesterId,
      customId: String(modal.data?.custom_id),
      fields: {
        prompt: 'a day at the harbour',
        multi_prompt: '4 | boats at dawn\n3 | gulls overhead\n3s | nets drying',
      },
      choices: { aspect_ratio: '9:16', sound: false },
    });
    await submit.response();
    const job = await world.waitDelivered((await world.waitForJob(() => true)).id);
    expect(submits(world)[0]?.body).toMatchObject({
      prompt: 'a day at the harbour',
      duration: 10,
      aspect_ratio: '9:16',
      sound: false,
      multi_prompt: [
        { prompt: 'boats at dawn', duration: 4 },
        { prompt: 'gulls overhead', duration: 3 },
        { prompt: 'nets drying', duration: 3 },
      ],
    });
    expect(textOf(discord.message(seed.generalChannelId, job.statusMessageId as string))).toContain('gulls overhead');
  });

  it('refuses a malformed multi-shot form: bad lines, and shots that do not add up', async () => {
    world = await startWorld();
    const { seed, discord } = world;
    const forms: [Record<string, string>, string][] = [
      [{ prompt: 'p', multi_prompt: 'boats at dawn' }, 'shot line 1 needs the form "seconds | prompt"'],
      [{ prompt: 'p', multi_prompt: 'five | boats' }, 'is not a whole number of seconds'],
      // The form has no duration (it follows the shots); a forged one must still agree with them.
      [
        { prompt: 'p', multi_prompt: '5 | a\n5 | b', duration: '15' },
        "durations add up to 10 seconds, but the video's duration is 15 seconds",
      ],
      [{ prompt: 'p', multi_prompt: '2 | a\n3 | b' }, 'shot 1 duration must be at least 3 seconds'],
      [{ prompt: 'p', cfg_scale: 'strict' }, 'cfg scale must be a number'],
    ];
    for (const [fields, expected] of forms) {
      const submit = discord.submitModal({
        guildId: seed.guildId,
        channelId: seed.generalChannelId,
        userId: seed.requesterId,
        customId: 'form:new',
        fields,
      });
      const responses = await submit.waitForResponses(2);
      expect((responses[0]?.data as { flags?: number } | undefined)?.flags).toBe(64);
      expect(String(responses[1]?.data?.content)).toContain(expected);
    }
    expect(submits(world)).toHaveLength(0);
  });

  it('posts the provider’s reason when a video fails', async () => {
    world = await startWorld({ scenario: { outcome: 'fail', failMessage: 'The prompt was flagged by the safety filter' } });
    world.video(world.seed.requesterId, { prompt: 'something odd' });
    const job = await world.waitForJob(() => true);
    const done = await world.waitDelivered(job.id);
    expect(done.state).toBe('failed');
    const final = world.discord.messages(done.threadId as string);
    expect(final).toHaveLength(1);
    expect(textOf(final[0])).toContain('The prompt was flagged by the safety filter');
    expect(buttonsOf(world.discord.message(world.seed.generalChannelId, done.statusMessageId as string)).map((b) => b.label)).toContain(
      'Retry',
    );
  });

  it('posts a link, and says why, when the video is over what the bot downloads', async () => {
    // Over DOWNLOAD_MAX_MB the bot fetches nothing, so nothing can be fitted either.
    world = await startWorld({ scenario: { video: { kind: 'sized', bytes: 12 * 1024 * 1024 } }, env: { DOWNLOAD_MAX_MB: '11' } });
    world.video(world.seed.requesterId, { prompt: 'a long flight over mountains', duration: 15 });
    const job = await world.waitForJob(() => true);
    const done = await world.waitDelivered(job.id, 20_000);
    const final = world.discord.messages(done.threadId as string);
    expect(final).toHaveLength(1);
    expect(final[0]?.attachments).toHaveLength(0);
    expect(textOf(final[0])).toContain('too large to upload here');
    expect(textOf(final[0])).toContain('10.0 MiB');
    expect(textOf(final[0])).toContain(done.resultUrl as string);
  });

  it('still delivers through the channel after the interaction token has expired', async () => {
    world = await startWorld({ scenario: { queueMs: 1500 } });
    const interaction = world.video(world.seed.requesterId, { prompt: 'a slow sunrise' });
    await interaction.waitForResponses(2);
    world.discord.expireInteractionTokens();
    const afterExpiry = world.discord.requests.length;
    const job = await world.waitForJob(() => true);
    const done = await world.waitDelivered(job.id);
    expect(done.state).toBe('succeeded');
    const final = world.discord.messages(done.threadId as string);
    expect(final).toHaveLength(1);
    expect(final[0]?.attachments).toHaveLength(1);
    // Nothing after the expiry used the interaction's token.
    expect(world.discord.requests.slice(afterExpiry).filter((r) => r.path.includes(interaction.token))).toEqual([]);
  });

  it('edits a rendering card at most once a second, and the held-back edit still arrives', async () => {
    world = await startWorld({ scenario: { queueMs: 0, runMs: 60_000 } });
    world.video(world.seed.requesterId, { prompt: 'a long render' });
    const made = await world.waitForJob((j) => j.statusMessageId !== null);
    const job = await world.waitForState(made.id, 'running');
    const card = `/channels/${job.channelId}/messages/${job.statusMessageId}`;
    const edits = () => world.discord.requests.filter((r) => r.method === 'PATCH' && r.path === card).length;
    const clock = world.clock as NonNullable<World['clock']>;
    const from = clock.now();
    const before = edits();
    // The bot checks a rendering job ten times a second here; the card may change once a second.
    await world.passTimeUntil(() => clock.now() - from >= 5_000);
    const during = edits() - before;
    expect(during).toBeGreaterThanOrEqual(4);
    expect(during).toBeLessThanOrEqual(6);
    const text = textOf(world.discord.message(job.channelId, job.statusMessageId as string));
    expect(Number(/Rendering for (\d+)s/.exec(text)?.[1])).toBeGreaterThanOrEqual(4);
  });

  it('pings no one for a prompt containing @everyone', async () => {
    world = await startWorld();
    world.video(world.seed.requesterId, {
      prompt: `@everyone look at this <@&${world.seed.moderatorRoleId}> and <@${world.seed.otherMemberId}>`,
    });
    const job = await world.waitForJob(() => true);
    const done = await world.waitDelivered(job.id);
    const all = [...world.discord.messages(world.seed.generalChannelId), ...world.discord.messages(done.threadId as string)];
    expect(all.length).toBeGreaterThanOrEqual(2);
    for (const message of all) {
      expect(message.pinged.everyone).toBe(false);
      expect(message.pinged.roles).toEqual([]);
      expect(message.pinged.users.filter((u) => u !== world.seed.requesterId)).toEqual([]);
      expect(message.allowed_mentions).toBeDefined();
    }
    // Thread names carry no mention syntax.
    expect(world.discord.channel(done.threadId as string)?.name).not.toMatch(/[@<>]/);
  });
});
