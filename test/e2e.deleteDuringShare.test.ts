/** Delete racing Share: no showcase post of a deleted video may survive, and Remix refuses it. */
import { afterEach, describe, expect, it } from 'vitest';
import { startWorld, type World } from '../testkit/world/botWorld.js';
import { answerText } from './helpers/inspect.js';

const MiB = 1024 * 1024;
const fileRequests = (world: World) => world.runcomfy.requests.filter((r) => r.path.startsWith('/files/'));

describe('deleting a video while it is being shared', () => {
  let world: World;
  afterEach(async () => {
    await world?.stop();
  });

  it('leaves no showcase post behind, and refuses to remix the deleted video', async () => {
    // Larger than the cache, so Share fetches it again, from a link the fault makes slow.
    world = await startWorld({ scenario: { video: { kind: 'sized', bytes: 2 * MiB } }, env: { MEDIA_CACHE_MAX_MB: '1' } });
    const { seed, discord } = world;
    await world.app.settings.update(seed.guildId, { showcaseChannelId: seed.showcaseChannelId }, seed.adminId);
    world.video(seed.requesterId, { prompt: 'a secret prompt to take back' });
    const created = await world.waitForJob(() => true);
    const job = await world.waitDelivered(created.id);
    expect(job.state).toBe('succeeded');
    const click = (customId: string, userId = seed.requesterId) =>
      discord.clickButton({ channelId: seed.generalChannelId, messageId: job.statusMessageId as string, customId, userId });

    const fetchedBefore = fileRequests(world).length;
    world.runcomfy.fault({ route: 'file', kind: 'slow', delayMs: 2500, times: 1 });
    const share = click(`job:share:${job.id}`);
    await discord.waitFor(() => fileRequests(world).length > fetchedBefore || undefined, { timeoutMs: 10_000 });
    expect(await answerText(click(`job:delete:${job.id}`))).toContain('Deleted');

    const shareAnswer = await answerText(share);
    expect(shareAnswer).not.toMatch(/^Shared to/);
    const live = discord.messages(seed.showcaseChannelId).filter((m) => !m.deleted && (m.flags & 64) === 0);
    expect(live).toEqual([]);

    // Button ids can be forged, and a stale copy of a Remix button may still be around.
    const stale = (await world.app.bot.client.rest.post(`/channels/${seed.generalChannelId}/messages`, {
      body: {
        content: 'an old copy',
        components: [{ type: 1, components: [{ type: 2, style: 1, label: 'Remix', custom_id: `job:remix:${job.id}` }] }],
      },
    })) as { id: string };
    const remix = await discord
      .clickButton({ channelId: seed.generalChannelId, messageId: stale.id, customId: `job:remix:${job.id}`, userId: seed.otherMemberId })
      .response();
    expect(remix.type).not.toBe(9);
    expect(JSON.stringify(remix.data)).not.toContain('secret prompt');
    expect(String(remix.data?.content)).toMatch(/removed|deleted/i);
  });
});
