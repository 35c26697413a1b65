/** A video deleted while the bot is still fetching it must never reach the thread. */
import { afterEach, describe, expect, it } from 'vitest';
import { startWorld, type World } from '../testkit/world/botWorld.js';
import { answerText, finalPostsOf, textOf } from './helpers/inspect.js';

const fileRequests = (world: World) => world.runcomfy.requests.filter((r) => r.path.startsWith('/files/'));

describe('deleting a video while it is being delivered', () => {
  let world: World;
  afterEach(async () => {
    await world?.stop();
  });

  it('posts nothing once a moderator deleted it during the download', async () => {
    world = await startWorld({ realTime: true, scenario: { queueMs: 200, runMs: 200 } });
    const { seed, discord } = world;
    // The first file request is the poller's look at the result's first bytes; the second is the download.
    world.runcomfy.fault({ route: 'file', kind: 'slow', delayMs: 2500, times: 1, skip: 1 });
    world.video(seed.requesterId, { prompt: 'a video nobody should see' });
    const job = await world.waitForJob((j) => j.statusMessageId !== null);
    // The card is redrawn (with Delete) before the download, which the fault holds for 2.5 s.
    await discord.waitFor(() => fileRequests(world).length > 1 || undefined, { timeoutMs: 10_000 });
    const started = await world.app.store.require(job.id);
    expect(started.state).toBe('succeeded');
    const reply = await answerText(
      discord.clickButton({
        channelId: seed.generalChannelId,
        messageId: job.statusMessageId as string,
        customId: `job:delete:${job.id}`,
        userId: seed.moderatorId,
      }),
    );
    expect(reply).toContain('Deleted');

    const done = await world.waitDelivered(job.id, 10_000);
    await world.app.poller.idle();
    expect(done.deletedAt).not.toBeNull();
    const thread = discord.messages(done.threadId as string);
    expect(thread.filter((m) => !m.deleted && m.attachments.length > 0)).toEqual([]);
    expect(thread.filter((m) => !m.deleted && textOf(m).includes('ready'))).toEqual([]);
    // The video was never uploaded, and no final message of any kind is left: the delete flow decided it has none.
    expect(finalPostsOf(world, job.id).filter((r) => (r.files?.length ?? 0) > 0)).toEqual([]);
    const live = [...thread, ...discord.messages(seed.generalChannelId)].filter((m) => !m.deleted && m.nonce === `final-${job.id}`);
    expect(live).toEqual([]);
    const card = discord.message(seed.generalChannelId, job.statusMessageId as string);
    expect(JSON.stringify([card?.embeds, card?.components])).not.toContain('nobody should see');
  });
  it('takes back a final message that Discord stored while the delete ran', async () => {
    world = await startWorld({ realTime: true, scenario: { queueMs: 1500, runMs: 200 } });
    const { seed, discord } = world;
    world.video(seed.requesterId, { prompt: 'posted as it was deleted' });
    const job = await world.waitForJob((j) => j.threadId !== null && j.statusMessageId !== null);
    const finalPath = new RegExp(`^/channels/${job.threadId}/messages$`);
    // Discord holds the upload back (a rate limit), so the delete lands while it is on its way.
    discord.failNext({ method: 'POST', path: finalPath, status: 429, retryAfterSeconds: 2 });
    await discord.waitFor(() => discord.requests.some((r) => finalPath.test(r.path) && r.status === 429) || undefined, {
      timeoutMs: 10_000,
    });
    const reply = await answerText(
      discord.clickButton({
        channelId: seed.generalChannelId,
        messageId: job.statusMessageId as string,
        customId: `job:delete:${job.id}`,
        userId: seed.requesterId,
      }),
    );
    expect(reply).toContain('Deleted');
    const done = await world.waitDelivered(job.id, 10_000);
    await world.app.poller.idle();
    const live = discord.messages(done.threadId as string).filter((m) => !m.deleted && m.nonce === `final-${job.id}`);
    expect(live).toEqual([]);
    expect((await world.app.store.require(job.id)).deletedAt).not.toBeNull();
  });

  it('sends no DM copy of a video deleted after its final message went out', async () => {
    world = await startWorld();
    const { seed, discord } = world;
    await world.app.storage.preferences.update(seed.guildId, seed.requesterId, { delivery: 'dm' });
    // Opening the DM takes a while, and the member deletes the video meanwhile.
    discord.slowDown({ method: 'POST', path: /^\/users\/@me\/channels$/, delayMs: 1500 });
    world.video(seed.requesterId, { prompt: 'not for my inbox' });
    const placed = await world.waitForJob(() => true);
    const delivered = world.waitDelivered(placed.id);
    await discord.waitFor(() => discord.requests.some((r) => r.path === '/users/@me/channels'), { timeoutMs: 10_000 });
    const job = await delivered;
    const reply = await answerText(
      discord.clickButton({
        channelId: seed.generalChannelId,
        messageId: job.statusMessageId as string,
        customId: `job:delete:${job.id}`,
        userId: seed.requesterId,
      }),
    );
    expect(reply).toContain('Deleted');
    // The DM copy is a listener of the delivery, which the poller awaits.
    await world.app.poller.idle();
    expect(discord.requests.find((r) => r.path === '/users/@me/channels')?.status).toBe(200);
    expect(discord.directMessages(seed.requesterId)).toEqual([]);
  });
});
