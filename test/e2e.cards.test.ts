/**
 * The status card and the final card as members see them: one components-v2 card each, the video
 * in the final card's gallery, the buttons of both in step, and an older release's embed card
 * turned into a card on its next edit.
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { StoredMessage } from '../testkit/discord/index.js';
import { setFields } from '../testkit/jobSteps.js';
import { TINY_MP4_PATH } from '../testkit/runcomfy/index.js';
import { startWorld, type World } from '../testkit/world/botWorld.js';
import { answerText, attachmentFor, buttonsOf, galleryOf, isCard, textDisplaysOf, textOf } from './helpers/inspect.js';

const V2 = 1 << 15;

async function finishedJob(world: World, prompt: string) {
  world.video(world.seed.requesterId, { prompt });
  const job = await world.waitForJob(() => true);
  return world.waitDelivered(job.id);
}

const labelsOf = (message: StoredMessage | undefined) => buttonsOf(message).map((b) => [b.label, b.disabled ?? false]);

/** One container and nothing a classic message would carry. */
function expectOneCard(message: StoredMessage | undefined) {
  expect(isCard(message)).toBe(true);
  expect(message?.content).toBe('');
  expect(message?.embeds).toEqual([]);
  expect(message?.components).toHaveLength(1);
  expect((message?.components[0] as { type?: number } | undefined)?.type).toBe(17);
}

describe('job cards', () => {
  let world: World;
  afterEach(async () => {
    await world?.stop();
  });

  it('delivers the video inside the final card, with its buttons, pinging only the requester', async () => {
    world = await startWorld();
    const { seed, discord } = world;
    await world.app.settings.update(seed.guildId, { showcaseChannelId: seed.showcaseChannelId }, seed.adminId);
    const prompt = `a heron at dawn, for <@${seed.otherMemberId}> and @everyone <@&${seed.moderatorRoleId}>`;
    const done = await finishedJob(world, prompt);
    const [final, ...others] = discord.messages(done.threadId as string);
    expect(others).toEqual([]);
    expectOneCard(final);
    expect(final?.id).toBe(done.finalMessageId);

    // The gallery's one item is the file this very message carries, with the video's bytes.
    const [item, ...more] = galleryOf(final);
    expect(more).toEqual([]);
    expect(item?.media.url).toBe(`attachment://video-${done.id}.mp4`);
    expect(item?.description).toBe(prompt);
    const file = attachmentFor(final, item);
    expect(file?.bytes.equals(readFileSync(TINY_MP4_PATH))).toBe(true);
    expect(final?.attachments).toHaveLength(1);

    const text = textOf(final);
    expect(textDisplaysOf(final)[0]).toBe(`<@${seed.requesterId}> your video is ready!`);
    expect(text).toContain(prompt);
    expect(text).toContain('**Settings:** ');
    expect(text).toContain('**Cost:**');
    expect(text).toContain(`**Requested by:** <@${seed.requesterId}>`);
    expect(labelsOf(final)).toEqual([
      ['Share to showcase', false],
      ['Remix', false],
      ['Delete', false],
      ['Render again in 4K', false],
      ['Extend', false],
      ['GIF', false],
    ]);
    // Shown, never notified: only the requester is pinged, whatever the prompt mentions.
    expect(final?.pinged).toEqual({ users: [seed.requesterId], roles: [], everyone: false });
    const status = discord.message(seed.generalChannelId, done.statusMessageId as string);
    expect(status?.pinged).toEqual({ users: [], roles: [], everyone: false });
  });

  it('puts the link and the reason in the card when the video is over what the bot downloads', async () => {
    // Over DOWNLOAD_MAX_MB nothing is fetched, so nothing can be fitted under the upload limit.
    world = await startWorld({ scenario: { video: { kind: 'sized', bytes: 12 * 1024 * 1024 } }, env: { DOWNLOAD_MAX_MB: '11' } });
    const done = await finishedJob(world, 'a long flight over mountains');
    const [final] = world.discord.messages(done.threadId as string);
    expectOneCard(final);
    expect(final?.attachments).toEqual([]);
    expect(galleryOf(final)).toEqual([]);
    const lead = textDisplaysOf(final)[0] ?? '';
    expect(lead).toContain(`<@${world.seed.requesterId}>`);
    expect(lead).toContain('too large to upload here');
    expect(lead).toContain('10.0 MiB');
    expect(lead).toContain(done.resultUrl as string);
    expect(textOf(final)).toContain('a long flight over mountains');
    expect(buttonsOf(final).map((b) => b.label)).toEqual(['Remix', 'Delete', 'Render again in 4K', 'Extend', 'GIF']);
    expect(final?.pinged.users).toEqual([world.seed.requesterId]);
  });

  it('keeps the status card one components-v2 card while the job runs and after', async () => {
    world = await startWorld({ scenario: { queueMs: 0, runMs: 10_000 } });
    world.video(world.seed.requesterId, { prompt: 'a slow pan over a city' });
    const made = await world.waitForJob((j) => j.statusMessageId !== null);
    const running = await world.waitForState(made.id, 'running');
    const card = () => world.discord.message(world.seed.generalChannelId, running.statusMessageId as string);
    await world.passTimeUntil(() => textOf(card()).includes('Rendering for'));
    const rendering = card();
    expectOneCard(rendering);
    expect(labelsOf(rendering)).toEqual([['Rendering: can no longer cancel', true]]);
    await world.passTimeUntil(async () => (await world.app.store.require(made.id)).deliveredAt !== null);
    const after = card();
    expectOneCard(after);
    expect(textOf(after)).toContain('Done');
    expect(buttonsOf(after).map((b) => b.label)).toEqual(['Remix', 'Delete', 'Render again in 4K', 'Extend', 'GIF']);
    // Every write of the card, from the first post on, carried the flag and no legacy fields.
    const path = `/channels/${world.seed.generalChannelId}/messages`;
    const writes = world.discord.requests.filter(
      (r) =>
        (r.method === 'POST' && r.path === path && r.status < 300) ||
        (r.method === 'PATCH' && r.path === `${path}/${running.statusMessageId}`),
    );
    expect(writes.length).toBeGreaterThanOrEqual(2);
    for (const write of writes) {
      const body = write.json as { flags?: number; content?: unknown; embeds?: unknown[] };
      expect((body.flags ?? 0) & V2).toBe(V2);
      expect(body.content ?? null).toBeNull();
      expect(body.embeds ?? []).toEqual([]);
    }
  });

  it('turns a card an older release posted as an embed into a components-v2 card on its next edit', async () => {
    world = await startWorld({ scenario: { queueMs: 60_000 } });
    const { seed, discord } = world;
    world.video(seed.requesterId, { prompt: 'a paper lantern' });
    const job = await world.waitForJob((j) => j.state === 'queued' && j.statusMessageId !== null);
    // What the previous release posted: an embed and a row of buttons, no flag.
    const old = (await world.app.bot.client.rest.post(`/channels/${seed.generalChannelId}/messages`, {
      body: {
        content: '',
        embeds: [{ title: 'Video', description: 'a paper lantern', fields: [{ name: 'Status', value: 'In the queue' }] }],
        components: [{ type: 1, components: [{ type: 2, style: 4, label: 'Cancel', custom_id: `job:cancel:${job.id}` }] }],
      },
    })) as { id: string };
    const moved = await world.app.store.transition(job.id, setFields(job.state, { statusMessageId: old.id }));
    expect(isCard(discord.message(seed.generalChannelId, old.id))).toBe(false);

    await world.app.messages.refreshStatus(moved ?? job);
    const upgraded = discord.message(seed.generalChannelId, old.id);
    expectOneCard(upgraded);
    expect(textOf(upgraded)).toContain('a paper lantern');
    expect(labelsOf(upgraded)).toEqual([['Cancel', false]]);
    // Discord's rule, kept by the fake: once set, the flag cannot be taken off again.
    const removal = world.app.bot.client.rest.patch(`/channels/${seed.generalChannelId}/messages/${old.id}`, {
      body: { flags: 0, content: 'back to plain' },
    });
    await expect(removal).rejects.toMatchObject({ status: 400 });
  });

  it('keeps the final card’s buttons in step with the status card’s after a share', async () => {
    world = await startWorld();
    const { seed, discord } = world;
    await world.app.settings.update(seed.guildId, { showcaseChannelId: seed.showcaseChannelId }, seed.adminId);
    const done = await finishedJob(world, 'a kite over the dunes');
    const final = () => discord.message(done.threadId as string, done.finalMessageId as string);
    const status = () => discord.message(seed.generalChannelId, done.statusMessageId as string);
    const answer = await answerText(
      discord.clickButton({
        channelId: done.threadId as string,
        messageId: done.finalMessageId as string,
        customId: `job:share:${done.id}`,
        userId: seed.requesterId,
      }),
    );
    expect(answer).toContain('Shared to');
    const shared = [
      ['Shared to showcase', true],
      ['Remix', false],
      ['Delete', false],
      ['Render again in 4K', false],
      ['Extend', false],
      ['GIF', false],
    ];
    await discord.waitFor(() => JSON.stringify(labelsOf(final())) === JSON.stringify(shared));
    expect(labelsOf(status())).toEqual(shared);
    // The redraw kept the video: the gallery still names the file the message carries.
    const [item] = galleryOf(final());
    expect(attachmentFor(final(), item)?.bytes.equals(readFileSync(TINY_MP4_PATH))).toBe(true);
    expectOneCard(final());

    // The showcase post is the same card, with Remix and without Share.
    const [post] = discord.messages(seed.showcaseChannelId);
    expectOneCard(post);
    expect(buttonsOf(post).map((b) => b.custom_id)).toEqual([`job:remix:${done.id}`]);
    expect(attachmentFor(post, galleryOf(post)[0])?.bytes.equals(readFileSync(TINY_MP4_PATH))).toBe(true);
    expect(post?.pinged.users).toEqual([]);

    // Delete, from the final card itself, still takes the final card away and empties the status card.
    await answerText(
      discord.clickButton({
        channelId: done.threadId as string,
        messageId: done.finalMessageId as string,
        customId: `job:delete:${done.id}`,
        userId: seed.requesterId,
      }),
    );
    await discord.waitFor(() => final()?.deleted);
    expectOneCard(status());
    expect(textOf(status())).toContain('Video removed');
    expect(JSON.stringify(status()?.components)).not.toContain('a kite over the dunes');
    expect(buttonsOf(status())).toEqual([]);
  });

  it('shows Retried on the failure card too once the job is retried', async () => {
    world = await startWorld({ scenario: { outcome: 'fail', failMessage: 'GPU fell over' } });
    const { seed, discord } = world;
    const failed = await finishedJob(world, 'retry me');
    const final = () => discord.message(failed.threadId as string, failed.finalMessageId as string);
    expectOneCard(final());
    expect(textDisplaysOf(final())[0]).toContain('GPU fell over');
    expect(labelsOf(final())).toEqual([
      ['Retry', false],
      ['Edit & retry', false],
    ]);
    await answerText(
      discord.clickButton({
        channelId: failed.threadId as string,
        messageId: failed.finalMessageId as string,
        customId: `job:retry:${failed.id}`,
        userId: seed.requesterId,
      }),
    );
    await discord.waitFor(() => buttonsOf(final()).some((b) => b.label === 'Retried' && b.disabled));
    expect(labelsOf(final())).toEqual(labelsOf(discord.message(seed.generalChannelId, failed.statusMessageId as string)));
  });
});
