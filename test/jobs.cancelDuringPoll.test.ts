/** A cancel that lands while the poller is asking the provider about the same job. */
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/jobs/database.js';
import { JobStore } from '../src/jobs/jobStore.js';
import { parseVideoInput } from '../src/model/videoInput.js';
import { startWorld, type World } from './helpers/botWorld.js';
import { answerText, finalPostsOf } from './helpers/inspect.js';
import { makeTempDir } from './helpers/tempDir.js';

const statusCalls = (world: World, requestId: string) =>
  world.runcomfy.requests.filter((r) => r.path === `/v1/requests/${requestId}/status`).length;

describe('cancelling while a status check is in flight', () => {
  let world: World;
  afterEach(async () => {
    await world?.stop();
  });

  it('posts the final message within seconds, not after the poller’s lease', async () => {
    world = await startWorld({ scenario: { queueMs: 60_000 } });
    const { seed, discord } = world;
    world.video(seed.requesterId, { prompt: 'cancel me mid-check' });
    const job = await world.waitForJob((j) => j.state === 'queued' && j.statusMessageId !== null && j.requestId !== null);
    const requestId = job.requestId as string;
    const before = statusCalls(world, requestId);
    world.runcomfy.fault({ route: 'status', kind: 'slow', delayMs: 3000, times: 1 });
    // The poller's next check is now held by the provider for 3 s: cancel during it.
    await discord.waitFor(() => statusCalls(world, requestId) > before || undefined, { timeoutMs: 5000 });
    const clickedAt = Date.now();
    const reply = await answerText(
      discord.clickButton({
        channelId: seed.generalChannelId,
        messageId: job.statusMessageId as string,
        customId: `job:cancel:${job.id}`,
        userId: seed.requesterId,
      }),
    );
    expect(reply).toContain('Cancelled');
    const done = await world.waitDelivered(job.id, 10_000);
    expect(done.state).toBe('cancelled');
    expect(Date.now() - clickedAt).toBeLessThan(8000);
    await world.app.poller.idle();
    expect(finalPostsOf(world, job.id)).toHaveLength(1);
    expect(discord.messages(done.threadId as string).at(-1)?.content).toContain('cancelled');
  });

  it('does not lease a job still in hand, so a "due now" set meanwhile stands', () => {
    const temp = makeTempDir('kling-claim-');
    const db = openDatabase(temp.file('bot.db'));
    try {
      let now = 1_000_000;
      const store = new JobStore(db, () => now);
      const origin = { guildId: '100000', channelId: '200000', userId: '300000' };
      const inHand = store.create({ ...origin, input: parseVideoInput({ prompt: 'in hand' }), estimateUsd: 0.84 });
      const other = store.create({ ...origin, input: parseVideoInput({ prompt: 'other' }), estimateUsd: 0.84 });
      store.update(inHand.id, 'created', { nextPollAt: now });
      store.update(other.id, 'created', { nextPollAt: now });
      now += 10;
      const claimed = store.claimDue(1, 120_000, new Set([inHand.id]));
      expect(claimed.map((j) => j.id)).toEqual([other.id]);
      expect(store.require(inHand.id).nextPollAt).toBe(now - 10);
      expect(store.require(other.id).nextPollAt).toBe(now + 120_000);
    } finally {
      db.close();
      temp.remove();
    }
  });
});
