/** A cancel that lands while the poller is asking the provider about the same job. */
import { afterEach, describe, expect, it } from 'vitest';
import { startWorld, type World } from '../testkit/world/botWorld.js';
import { answerText, finalPostsOf, textOf } from './helpers/inspect.js';

const statusCalls = (world: World, requestId: string) =>
  world.runcomfy.requests.filter((r) => r.path === `/v1/requests/${requestId}/status`).length;

describe('cancelling while a status check is in flight', () => {
  let world: World;
  afterEach(async () => {
    await world?.stop();
  });

  it('posts the final message within seconds, not after the poller’s lease', async () => {
    world = await startWorld({ realTime: true, scenario: { queueMs: 60_000 } });
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
    expect(textOf(discord.messages(done.threadId as string).at(-1))).toContain('cancelled');
  });
});
