/**
 * Community features end to end: settings, admission, showcase, delete, remix, retry, listings.
 */
import { readFileSync } from 'node:fs';
import type { APIApplicationCommandInteractionDataOption } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import type { StoredMessage } from '../testkit/discord/index.js';
import { TINY_MP4_PATH } from '../testkit/runcomfy/index.js';
import { startWorld, type World } from '../testkit/world/botWorld.js';
import { answerText as answer, buttonsOf, finalPostsOf, submitsTo as submits, textOf } from './helpers/inspect.js';

function settings(world: World, userId: string, sub: string, options: APIApplicationCommandInteractionDataOption[] = []) {
  return world.discord.slashCommand({
    guildId: world.seed.guildId,
    channelId: world.seed.generalChannelId,
    userId,
    name: 'video-settings',
    options: [{ type: 1, name: sub, options } as APIApplicationCommandInteractionDataOption],
  });
}

async function finishedJob(world: World, userId = world.seed.requesterId, prompt = 'a lantern festival') {
  const before = new Set((await world.jobs()).map((j) => j.id));
  world.video(userId, { prompt });
  const job = await world.waitForJob((j) => !before.has(j.id));
  return world.waitDelivered(job.id);
}

function clickOn(world: World, channelId: string, messageId: string, customId: string, userId: string) {
  return world.discord.clickButton({ channelId, messageId, customId, userId });
}

describe('community features', () => {
  let world: World;
  afterEach(async () => {
    await world?.stop();
  });

  it('lets a manager change settings and refuses a member', async () => {
    world = await startWorld();
    const { seed } = world;
    const refused = await answer(settings(world, seed.requesterId, 'auto-share', [{ name: 'enabled', type: 5, value: true }]));
    expect(refused).toContain('Manage Server');
    expect((await world.app.settings.get(seed.guildId)).autoShare).toBe(false);

    const saved = await answer(settings(world, seed.adminId, 'showcase', [{ name: 'channel', type: 7, value: seed.showcaseChannelId }]));
    expect(saved).toContain('Saved.');
    expect(saved).toContain(`Showcase channel: <#${seed.showcaseChannelId}>`);
    await answer(settings(world, seed.adminId, 'budgets', [{ name: 'member', type: 10, value: 2.5 }]));
    await answer(
      settings(world, seed.adminId, 'blocked', [
        { name: 'action', type: 3, value: 'add' },
        { name: 'phrase', type: 3, value: 'Spoiler' },
      ]),
    );
    const shown = await answer(settings(world, seed.adminId, 'show'));
    expect(shown).toContain('Daily budget per member: $2.50');
    expect(shown).toContain('`Spoiler`');
    expect(await world.app.settings.get(seed.guildId)).toMatchObject({
      showcaseChannelId: seed.showcaseChannelId,
      dailyBudgetPerMemberUsd: 2.5,
      blockedPhrases: ['Spoiler'],
    });
  });

  it('keeps a long settings list within Discord’s message limit', async () => {
    world = await startWorld();
    const { seed } = world;
    const phrases = Array.from({ length: 100 }, (_, i) => `phrase number ${i} ${'x'.repeat(80)}`);
    await world.app.settings.update(seed.guildId, { blockedPhrases: phrases }, seed.adminId);
    const shown = await answer(settings(world, seed.adminId, 'show'));
    expect(shown.length).toBeLessThanOrEqual(2000);
    expect(shown).toMatch(/… and \d+ more/);
  });

  it('shares to the showcase once despite double clicks, re-uploading the file', async () => {
    world = await startWorld();
    const { seed, discord } = world;
    await world.app.settings.update(seed.guildId, { showcaseChannelId: seed.showcaseChannelId }, seed.adminId);
    const job = await finishedJob(world);
    const status = discord.message(seed.generalChannelId, job.statusMessageId as string);
    const share = buttonsOf(status).find((b) => b.label === 'Share to showcase');
    expect(share?.custom_id).toBe(`job:share:${job.id}`);
    const clicks = [1, 2, 3].map(() =>
      clickOn(world, seed.generalChannelId, job.statusMessageId as string, `job:share:${job.id}`, seed.requesterId),
    );
    const answers = await Promise.all(clicks.map(answer));
    expect(answers.filter((a) => a.startsWith('Shared to'))).toHaveLength(1);
    const posts = discord.messages(seed.showcaseChannelId);
    expect(posts).toHaveLength(1);
    const post = posts[0] as StoredMessage;
    expect(post.attachments).toHaveLength(1);
    expect(post.attachments[0]?.bytes.equals(readFileSync(TINY_MP4_PATH))).toBe(true);
    expect(textOf(post)).not.toMatch(/https?:\/\//);
    expect(textOf(post)).toContain(`<@${seed.requesterId}>`);
    expect(post.pinged.users).toEqual([]);
    expect(buttonsOf(post).map((b) => b.custom_id)).toEqual([`job:remix:${job.id}`]);
    // Another member cannot share someone else's video.
    expect(
      await answer(clickOn(world, seed.generalChannelId, job.statusMessageId as string, `job:share:${job.id}`, seed.otherMemberId)),
    ).toContain('Only the member');
  });

  it('auto-shares every finished video once', async () => {
    world = await startWorld();
    const { seed, discord } = world;
    await world.app.settings.update(seed.guildId, { showcaseChannelId: seed.showcaseChannelId, autoShare: true }, seed.adminId);
    const a = await finishedJob(world, seed.requesterId, 'first clip');
    const b = await finishedJob(world, seed.otherMemberId, 'second clip');
    await discord.waitFor(() => discord.messages(seed.showcaseChannelId).length >= 2 || undefined);
    const posts = discord.messages(seed.showcaseChannelId);
    expect(posts).toHaveLength(2);
    expect(posts.map((p) => textOf(p)).join()).toContain(a.id);
    expect(posts.map((p) => textOf(p)).join()).toContain(b.id);
    expect(posts.every((p) => p.attachments.length === 1)).toBe(true);
  });

  it('does not post the final message again when auto-share fails', async () => {
    world = await startWorld();
    const { seed, discord } = world;
    await world.app.settings.update(seed.guildId, { showcaseChannelId: seed.showcaseChannelId, autoShare: true }, seed.adminId);
    discord.failNext({ method: 'POST', path: new RegExp(`^/channels/${seed.showcaseChannelId}/messages$`), status: 500, times: 10 });
    const job = await finishedJob(world, seed.requesterId, 'showcase is down');
    await discord.waitFor(() => world.logs.some((l) => l.includes('after-delivery step failed')) || undefined);
    await world.app.poller.idle();
    expect(discord.messages(job.threadId as string)).toHaveLength(1);
    expect(finalPostsOf(world, job.id)).toHaveLength(1);
    expect((await world.app.store.require(job.id)).deliveryAttempts).toBe(0);
    expect(world.logs.some((l) => l.includes('after-delivery step failed'))).toBe(true);
  });

  it('deletes a result and its showcase post for the requester or a moderator, and refuses others', async () => {
    world = await startWorld();
    const { seed, discord } = world;
    await world.app.settings.update(seed.guildId, { showcaseChannelId: seed.showcaseChannelId, autoShare: true }, seed.adminId);
    const mine = await finishedJob(world, seed.requesterId, 'to delete myself');
    await discord.waitFor(() => discord.messages(seed.showcaseChannelId).length >= 1 || undefined);
    const del = (job: typeof mine, userId: string) =>
      clickOn(world, seed.generalChannelId, job.statusMessageId as string, `job:delete:${job.id}`, userId);

    expect(await answer(del(mine, seed.otherMemberId))).toContain('Only the member who made this video or a moderator');
    expect(discord.message(mine.threadId as string, mine.finalMessageId as string)?.deleted).toBe(false);

    expect(await answer(del(mine, seed.requesterId))).toContain('Deleted');
    expect(discord.message(mine.threadId as string, mine.finalMessageId as string)?.deleted ?? true).toBe(true);
    expect(discord.messages(seed.showcaseChannelId).filter((m) => !m.deleted)).toHaveLength(0);
    expect(textOf(discord.message(seed.generalChannelId, mine.statusMessageId as string))).toContain('Removed');

    const theirs = await finishedJob(world, seed.otherMemberId, 'moderated away');
    expect(await answer(del(theirs, seed.moderatorId))).toContain('Deleted');
    expect((await world.app.store.require(theirs.id)).deletedAt).not.toBeNull();
  });

  it('refuses a blocked phrase before any provider call, whatever its case, accents or hidden characters', async () => {
    world = await startWorld();
    const { seed } = world;
    await world.app.settings.update(seed.guildId, { blockedPhrases: ['red wedding'] }, seed.adminId);
    const handle = world.video(seed.requesterId, { prompt: 'the Réd\u200B Wedding, in detail' });
    const responses = await handle.waitForResponses(2);
    expect(String(responses[1]?.data?.content)).toContain('red wedding');
    expect(submits(world)).toHaveLength(0);
    expect(await world.jobs()).toHaveLength(0);
  });

  it('remixes a video with an edited prompt, linked to its parent', async () => {
    world = await startWorld();
    const { seed, discord } = world;
    const parent = await finishedJob(world, seed.requesterId, 'a fox in snow');
    const open = clickOn(world, seed.generalChannelId, parent.statusMessageId as string, `job:remix:${parent.id}`, seed.otherMemberId);
    const modal = await open.response();
    expect(modal.type).toBe(9);
    const components = JSON.stringify(modal.data?.components);
    expect(components).toContain('a fox in snow');
    expect(components).toContain('{"value":"5","label":"5","default":true}');
    const submit = discord.submitModal({
      guildId: seed.guildId,
      channelId: seed.generalChannelId,
      userId: seed.otherMemberId,
      customId: String(modal.data?.custom_id),
      fields: { prompt: 'a fox in snow, at night' },
      choices: { duration: '5', aspect_ratio: '1:1' },
    });
    await submit.waitForResponses(2);
    const child = await world.waitForJob((j) => j.parentId === parent.id);
    expect(child).toMatchObject({ kind: 'remix', userId: seed.otherMemberId });
    expect(child.input).toMatchObject({ prompt: 'a fox in snow, at night', aspect_ratio: '1:1' });
    expect((await world.waitDelivered(child.id)).state).toBe('succeeded');
  });

  it('retries a failed job with the same input', async () => {
    world = await startWorld({
      scenarioFor: (input) =>
        String(input.prompt).includes('flaky') && submitsSoFar++ === 0 ? { outcome: 'fail', failMessage: 'GPU fell over' } : {},
    });
    let submitsSoFar = 0;
    const { seed } = world;
    const failed = await finishedJob(world, seed.requesterId, 'a flaky render');
    expect(failed.state).toBe('failed');
    const retry = clickOn(world, seed.generalChannelId, failed.statusMessageId as string, `job:retry:${failed.id}`, seed.requesterId);
    await retry.waitForResponses(2);
    const again = await world.waitForJob((j) => j.parentId === failed.id);
    expect(again.kind).toBe('retry');
    expect(again.input).toEqual(failed.input);
    expect((await world.waitDelivered(again.id)).state).toBe('succeeded');
  });

  it('lets only the requester or a moderator retry, and only once', async () => {
    world = await startWorld({ scenario: { outcome: 'fail', failMessage: 'GPU fell over' } });
    const { seed } = world;
    const failed = await finishedJob(world, seed.requesterId, 'retry me once');
    const click = (userId: string) =>
      clickOn(world, seed.generalChannelId, failed.statusMessageId as string, `job:retry:${failed.id}`, userId);
    expect(await answer(click(seed.otherMemberId))).toContain('Only the member who asked for this video');
    const [a, b] = await Promise.all([answer(click(seed.requesterId)), answer(click(seed.requesterId))]);
    expect([a, b].filter((t) => t.includes('already retried'))).toHaveLength(1);
    expect((await world.jobs()).filter((j) => j.parentId === failed.id)).toHaveLength(1);
    const card = await world.discord.waitFor(() => {
      const m = world.discord.message(seed.generalChannelId, failed.statusMessageId as string);
      return buttonsOf(m).some((b) => b.label === 'Retried' && b.disabled) ? m : undefined;
    });
    expect(card).toBeDefined();
  });

  it('deletes a video whose thread has archived, and keeps no trace of its prompt', async () => {
    world = await startWorld();
    const { seed, discord } = world;
    const job = await finishedJob(world, seed.requesterId, 'objectionable words here');
    discord.archiveThread(job.threadId as string);
    expect(
      await answer(clickOn(world, seed.generalChannelId, job.statusMessageId as string, `job:delete:${job.id}`, seed.moderatorId)),
    ).toBe('Deleted: the video is gone.');
    expect(discord.message(job.threadId as string, job.finalMessageId as string)?.deleted ?? true).toBe(true);
    const card = discord.message(seed.generalChannelId, job.statusMessageId as string);
    expect(JSON.stringify([card?.embeds, card?.components])).not.toContain('objectionable');
    expect(discord.channel(job.threadId as string)?.name).not.toContain('objectionable');
    const status = await answer(world.subcommand(seed.otherMemberId, 'video', 'status', { job: job.id }));
    expect(status).not.toContain('objectionable');
  });

  it('makes a remix asked for from the showcase in the original channel', async () => {
    world = await startWorld();
    const { seed, discord } = world;
    await world.app.settings.update(
      seed.guildId,
      { showcaseChannelId: seed.showcaseChannelId, autoShare: true, allowedChannelIds: [seed.generalChannelId] },
      seed.adminId,
    );
    const parent = await finishedJob(world, seed.requesterId, 'a heron at dawn');
    const post = await discord.waitFor(() => discord.messages(seed.showcaseChannelId)[0]);
    const open = clickOn(world, seed.showcaseChannelId, post.id, `job:remix:${parent.id}`, seed.otherMemberId);
    const modal = await open.response();
    const submit = discord.submitModal({
      guildId: seed.guildId,
      channelId: seed.showcaseChannelId,
      userId: seed.otherMemberId,
      customId: String(modal.data?.custom_id),
      fields: { prompt: 'a heron at dusk' },
    });
    const responses = await submit.waitForResponses(2);
    expect(String(responses[1]?.data?.content)).toContain('in the queue');
    const child = await world.waitForJob((j) => j.parentId === parent.id);
    expect(child.channelId).toBe(seed.generalChannelId);
    await world.waitDelivered(child.id);
    // Only the two auto-shared videos are in the showcase: no status cards or threads.
    const showcase = discord.messages(seed.showcaseChannelId).filter((m) => (m.flags & 64) === 0);
    expect(showcase.every((m) => m.attachments.length === 1)).toBe(true);
  });

  it('says why a video over the upload limit cannot go to the showcase', async () => {
    // Over DOWNLOAD_MAX_MB nothing is fetched at delivery, so no fitted copy waits in the cache.
    world = await startWorld({ scenario: { video: { kind: 'sized', bytes: 12 * 1024 * 1024 } }, env: { DOWNLOAD_MAX_MB: '11' } });
    const { seed } = world;
    await world.app.settings.update(seed.guildId, { showcaseChannelId: seed.showcaseChannelId }, seed.adminId);
    const job = await finishedJob(world, seed.requesterId, 'too big to share');
    const text = await answer(
      clickOn(world, seed.generalChannelId, job.statusMessageId as string, `job:share:${job.id}`, seed.requesterId),
    );
    expect(text).toContain("larger than this server's upload limit");
  });

  it('lets a multi-shot remix change the shots without fighting a fixed duration', async () => {
    world = await startWorld();
    const { seed, discord } = world;
    const open = world.subcommand(seed.requesterId, 'video', 'multishot');
    const modal = await open.response();
    discord.submitModal({
      guildId: seed.guildId,
      channelId: seed.generalChannelId,
      userId: seed.requesterId,
      customId: String(modal.data?.custom_id),
      fields: { prompt: 'harbour', multi_prompt: '5 | boats\n5 | gulls' },
    });
    const parent = await world.waitDelivered((await world.waitForJob(() => true)).id);
    const remix = await clickOn(
      world,
      seed.generalChannelId,
      parent.statusMessageId as string,
      `job:remix:${parent.id}`,
      seed.requesterId,
    ).response();
    const labels = (remix.data?.components ?? []) as { component?: { custom_id: string; value?: string } }[];
    const ids = labels.map((label) => label.component?.custom_id);
    // The shots are in the form and the duration is not: it follows them.
    expect(ids).toContain('multi_prompt');
    expect(ids).not.toContain('duration');
    expect(labels.find((label) => label.component?.custom_id === 'multi_prompt')?.component?.value).toBe('5 | boats\n5 | gulls');
    discord.submitModal({
      guildId: seed.guildId,
      channelId: seed.generalChannelId,
      userId: seed.requesterId,
      customId: String(remix.data?.custom_id),
      fields: { prompt: 'harbour', multi_prompt: '5 | boats\n5 | gulls\n5 | nets' },
      choices: { aspect_ratio: '16:9', sound: true },
    });
    const child = await world.waitForJob((j) => j.parentId === parent.id);
    expect(child.input.duration).toBe(15);
  });

  describe('admission', () => {
    async function refusal(world: World, userId: string, channelId?: string, prompt = 'a calm lake'): Promise<string> {
      const handle = world.video(userId, { prompt }, channelId);
      const responses = await handle.waitForResponses(2);
      return String(responses[1]?.data?.content);
    }

    it('refuses outside the allowed channels', async () => {
      world = await startWorld();
      await world.app.settings.update(world.seed.guildId, { allowedChannelIds: [world.seed.showcaseChannelId] }, world.seed.adminId);
      expect(await refusal(world, world.seed.requesterId)).toContain(`<#${world.seed.showcaseChannelId}>`);
      expect(submits(world)).toHaveLength(0);
    });

    it('refuses members without the required role', async () => {
      world = await startWorld();
      await world.app.settings.update(world.seed.guildId, { requiredRoleId: world.seed.moderatorRoleId }, world.seed.adminId);
      expect(await refusal(world, world.seed.requesterId)).toContain(`<@&${world.seed.moderatorRoleId}>`);
      expect(submits(world)).toHaveLength(0);
    });

    it('refuses past the per-member concurrent limit in a server without a line', async () => {
      world = await startWorld({ scenario: { queueMs: 60_000 } });
      await world.app.settings.update(world.seed.guildId, { maxConcurrentPerMember: 1, maxWaitingPerMember: 0 }, world.seed.adminId);
      world.video(world.seed.requesterId, { prompt: 'first' });
      await world.waitForJob((j) => j.state === 'queued');
      expect(await refusal(world, world.seed.requesterId)).toMatch(/in progress/);
      expect(submits(world)).toHaveLength(1);
    });

    it('admits one of several /video sent at once by a member allowed one in progress, in a server without a line', async () => {
      world = await startWorld({ scenario: { queueMs: 60_000 } });
      const { seed } = world;
      await world.app.settings.update(seed.guildId, { maxConcurrentPerMember: 1, maxWaitingPerMember: 0 }, seed.adminId);
      const handles = Array.from({ length: 5 }, (_, i) => world?.video(seed.requesterId, { prompt: `at once ${i}` }));
      const answers = await Promise.all(handles.map(async (h) => String((await h?.waitForResponses(2))?.[1]?.data?.content)));
      expect(answers.filter((a) => a.includes('in the queue'))).toHaveLength(1);
      expect(answers.filter((a) => /already have 1 video in progress/.test(a))).toHaveLength(4);
      expect(await world.jobs()).toHaveLength(1);
      expect(submits(world)).toHaveLength(1);
    });

    it('lets a member past the limit wait in the line, with a card saying where, and sends it on when a slot frees', async () => {
      world = await startWorld({ scenario: { queueMs: 300, runMs: 1_500 } });
      const { seed } = world;
      await world.app.settings.update(seed.guildId, { maxConcurrentPerMember: 1 }, seed.adminId);
      world.video(seed.requesterId, { prompt: 'first in' });
      const first = await world.waitForJob((j) => j.state === 'queued' || j.state === 'running');
      const reply = await refusal(world, seed.requesterId, undefined, 'second in');
      expect(reply).toMatch(/waits in its line \(1st\)/);
      expect(reply).toContain('Cancel costs nothing');
      const waiting = await world.waitForJob((j) => j.id !== first.id && j.statusMessageId !== null);
      expect(waiting.state).toBe('waiting');
      const card = textOf(world.discord.message(waiting.channelId, waiting.statusMessageId as string));
      expect(card).toContain("Waiting: 1st in this server's line");
      expect(submits(world)).toHaveLength(1);
      const done = await world.waitDelivered(waiting.id, 20_000);
      expect(done.state).toBe('succeeded');
      expect(done.submittedAt).toBeGreaterThanOrEqual((await world.app.store.require(first.id)).finishedAt ?? 0);
      expect(submits(world)).toHaveLength(2);
      expect(finalPostsOf(world, waiting.id)).toHaveLength(1);
    });

    it('refuses past the member budget and the server budget', async () => {
      world = await startWorld({ scenario: { queueMs: 60_000 } });
      const { seed } = world;
      await world.app.settings.update(
        seed.guildId,
        { dailyBudgetPerMemberUsd: 1, dailyBudgetPerServerUsd: 1.5, maxConcurrentPerMember: 10 },
        seed.adminId,
      );
      world.video(seed.requesterId, { prompt: 'spend some' }); // 5 s with sound: $0.84
      await world.waitForJob((j) => j.state === 'queued');
      const member = await refusal(world, seed.requesterId);
      expect(member).toMatch(/\$1\.00/);
      expect(member).toMatch(/UTC/);
      const server = await refusal(world, seed.otherMemberId);
      expect(server).toMatch(/\$1\.50/);
      expect(submits(world)).toHaveLength(1);
    });

    it('gives the estimate back after a cancel in the queue', async () => {
      world = await startWorld({ scenario: { queueMs: 60_000 } });
      const { seed } = world;
      await world.app.settings.update(seed.guildId, { dailyBudgetPerMemberUsd: 1 }, seed.adminId);
      world.video(seed.requesterId, { prompt: 'will cancel' });
      const job = await world.waitForJob((j) => j.state === 'queued' && j.statusMessageId !== null);
      expect(await refusal(world, seed.requesterId)).toMatch(/budget/i);
      await answer(clickOn(world, seed.generalChannelId, job.statusMessageId as string, `job:cancel:${job.id}`, seed.requesterId));
      await world.waitDelivered(job.id);
      world.video(seed.requesterId, { prompt: 'now it fits' });
      await world.waitForJob((j) => j.input.prompt === 'now it fits' && j.state === 'queued');
      expect(submits(world)).toHaveLength(2);
    });
  });

  it('lists a member’s jobs and usage, and explains itself', async () => {
    world = await startWorld();
    const { seed } = world;
    const job = await finishedJob(world, seed.requesterId, 'listed clip');
    const jobs = await answer(world.subcommand(seed.requesterId, 'video', 'jobs'));
    expect(jobs).toContain(job.id);
    expect(jobs).toContain('listed clip');
    expect(jobs).toContain(`<#${job.threadId}>`);
    const status = await answer(world.subcommand(seed.requesterId, 'video', 'status', { job: job.id }));
    expect(status).toContain('Done');
    const help = await answer(world.subcommand(seed.requesterId, 'video', 'help'));
    expect(help).toContain('Pro: $0.112 a second, $0.168 with sound');
    expect(help).toContain('3–15 s');
    const usage = await answer(world.subcommand(seed.requesterId, 'video', 'usage'));
    expect(usage).toMatch(/You: \$0\.84 of \$5\.00/);
    expect(usage).toMatch(/Whole server: \$0\.84 of \$50\.00/);
    expect(usage).toContain('1 succeeded');
  });
});
