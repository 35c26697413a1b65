/** The Cancel button: who may press it, what the provider is told, and what members see. */
import { afterEach, describe, expect, it } from 'vitest';
import { startWorld, type World } from '../testkit/world/botWorld.js';
import { buttonsOf, answerText as ephemeralText, finalPostsOf, textOf } from './helpers/inspect.js';

const cancelCalls = (world: World) => world.runcomfy.requests.filter((r) => r.path.endsWith('/cancel'));

async function queuedJob(world: World, userId = world.seed.requesterId) {
  world.video(userId, { prompt: `a queued job by ${userId}` });
  const job = await world.waitForJob((j) => j.userId === userId && j.state === 'queued' && j.statusMessageId !== null);
  const status = world.discord.message(world.seed.generalChannelId, job.statusMessageId as string);
  const cancel = buttonsOf(status).find((b) => b.label === 'Cancel');
  expect(cancel?.custom_id).toBe(`job:cancel:${job.id}`);
  return job;
}

/** A message carrying whatever button ids a test wants: stale copies and forgeries. */
async function messageWithButtons(world: World, channelId: string, customIds: string[]): Promise<string> {
  const components = [{ type: 1, components: customIds.map((custom_id) => ({ type: 2, style: 2, label: 'x', custom_id })) }];
  const msg = (await world.app.bot.client.rest.post(`/channels/${channelId}/messages`, { body: { content: 'buttons', components } })) as {
    id: string;
  };
  return msg.id;
}

function click(world: World, job: { id: string; statusMessageId: string | null }, userId: string, action = 'cancel') {
  return world.discord.clickButton({
    channelId: world.seed.generalChannelId,
    messageId: job.statusMessageId as string,
    customId: `job:${action}:${job.id}`,
    userId,
  });
}

describe('cancelling a video', () => {
  let world: World;
  afterEach(async () => {
    await world?.stop();
  });

  it('lets the requester cancel a queued job, once, with one final message', async () => {
    world = await startWorld({ scenario: { queueMs: 60_000 } });
    const job = await queuedJob(world);
    expect(await ephemeralText(click(world, job, world.seed.requesterId))).toContain('Cancelled');
    // A late click on a stale copy of the button is answered, not acted on.
    const stale = await messageWithButtons(world, world.seed.generalChannelId, [`job:cancel:${job.id}`]);
    const late = world.discord.clickButton({
      channelId: world.seed.generalChannelId,
      messageId: stale,
      customId: `job:cancel:${job.id}`,
      userId: world.seed.requesterId,
    });
    expect(await ephemeralText(late)).toContain('already finished');
    const done = await world.waitDelivered(job.id);
    expect(done.state).toBe('cancelled');
    expect(cancelCalls(world)).toHaveLength(1);
    const final = world.discord.messages(done.threadId as string);
    expect(final).toHaveLength(1);
    expect(finalPostsOf(world, job.id)).toHaveLength(1);
    expect(textOf(final[0])).toContain('cancelled');
    const status = world.discord.message(world.seed.generalChannelId, done.statusMessageId as string);
    expect(buttonsOf(status).map((b) => b.label)).not.toContain('Cancel');
    expect(buttonsOf(status).map((b) => b.label)).toContain('Retry');
  });

  it('handles two clicks at the same moment: one cancel wins, one final message', async () => {
    world = await startWorld({ scenario: { queueMs: 60_000 } });
    const job = await queuedJob(world);
    const [a, b] = [click(world, job, world.seed.requesterId), click(world, job, world.seed.requesterId)];
    const answers = await Promise.all([ephemeralText(a), ephemeralText(b)]);
    expect(answers.filter((t) => t.startsWith('Cancelled'))).toHaveLength(1);
    const done = await world.waitDelivered(job.id);
    await world.app.poller.idle();
    expect(world.discord.messages(done.threadId as string)).toHaveLength(1);
    expect(finalPostsOf(world, job.id)).toHaveLength(1);
  });

  it('refuses a cancel from another member and leaves the job alone', async () => {
    world = await startWorld({ scenario: { queueMs: 60_000 } });
    const job = await queuedJob(world);
    const handle = click(world, job, world.seed.otherMemberId);
    const answer = await handle.response();
    expect(answer.type).toBe(4);
    expect((answer.data as { flags?: number }).flags).toBe(64);
    expect(String(answer.data?.content)).toContain('not your video');
    expect(cancelCalls(world)).toHaveLength(0);
    expect((await world.app.store.require(job.id)).state).toBe('queued');
  });

  it('lets a moderator cancel someone else’s job', async () => {
    world = await startWorld({ scenario: { queueMs: 60_000 } });
    const job = await queuedJob(world);
    expect(await ephemeralText(click(world, job, world.seed.moderatorId))).toContain('Cancelled');
    expect((await world.waitDelivered(job.id)).state).toBe('cancelled');
  });

  it('says plainly that a running job can no longer be cancelled and will be billed', async () => {
    world = await startWorld({ scenario: { queueMs: 0, runMs: 60_000 } });
    world.video(world.seed.requesterId, { prompt: 'already rendering' });
    const made = await world.waitForJob((j) => j.statusMessageId !== null);
    const job = await world.waitForState(made.id, 'running');
    const answer = await ephemeralText(click(world, job, world.seed.requesterId));
    expect(answer).toContain('Too late to cancel');
    expect(answer).toContain('billed');
    const status = await world.discord.waitFor(() => {
      const m = world.discord.message(world.seed.generalChannelId, job.statusMessageId as string);
      const text = textOf(m);
      return text.includes('can no longer be cancelled') ? m : undefined;
    });
    expect(buttonsOf(status).find((b) => b.label?.includes('can no longer cancel'))?.disabled).toBe(true);
    expect((await world.app.store.require(job.id)).state).toBe('running');
  });

  it('refuses forged button ids and ids of jobs in another server', async () => {
    world = await startWorld({ scenario: { queueMs: 60_000 } });
    const job = await queuedJob(world);
    const forged = ['job:cancel:../../etc', `job:explode:${job.id}`, 'job:cancel:zzzzzzzzzz', `job:cancel:${job.id}:extra`];
    const messageId = await messageWithButtons(world, world.seed.generalChannelId, forged);
    for (const customId of forged) {
      const handle = world.discord.clickButton({
        channelId: world.seed.generalChannelId,
        messageId,
        customId,
        userId: world.seed.requesterId,
      });
      const answer = await handle.response();
      expect(String(answer.data?.content)).toContain('does not belong to a job in this server');
    }
    // The same job id clicked from another server is refused.
    const other = world.discord.addGuild({ name: 'elsewhere' });
    const channel = world.discord.addTextChannel(other.id, { name: 'general' });
    const member = world.discord.addMember(other.id, { username: 'stranger', permissions: 0x2000n });
    const elsewhere = await messageWithButtons(world, channel.id, [`job:cancel:${job.id}`]);
    const handle = world.discord.clickButton({
      channelId: channel.id,
      messageId: elsewhere,
      customId: `job:cancel:${job.id}`,
      userId: member.userId,
    });
    expect(String((await handle.response()).data?.content)).toContain('does not belong to a job in this server');
    expect(cancelCalls(world)).toHaveLength(0);
  });
});
