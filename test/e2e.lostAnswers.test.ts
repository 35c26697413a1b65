/**
 * A reset connection after Discord created a message: discord.js sends the request again, and
 * every message the bot creates carries an enforced nonce, so the resend returns the first
 * message instead of a copy that Delete would not know about.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startWorld, type World } from '../testkit/world/botWorld.js';
import { answerText } from './helpers/inspect.js';

const messagesPath = (channelId: string) => new RegExp(`^/channels/${channelId}/messages$`);

describe('answers lost after a message was created', () => {
  let world: World;
  afterEach(async () => {
    await world?.stop();
  });

  it('leaves one status card, one final message, one showcase post and one DM copy, and Delete removes them', async () => {
    world = await startWorld();
    const { seed, discord } = world;
    await world.app.settings.update(seed.guildId, { showcaseChannelId: seed.showcaseChannelId, autoShare: true }, seed.adminId);
    await world.app.storage.preferences.update(seed.guildId, seed.requesterId, { delivery: 'dm' });
    discord.loseAnswerNext({ method: 'POST', path: messagesPath(seed.generalChannelId) });
    discord.loseAnswerNext({ method: 'POST', path: messagesPath(seed.showcaseChannelId) });

    world.video(seed.requesterId, { prompt: 'a lighthouse in the rain' });
    const placed = await world.waitForJob((j) => j.threadId !== null);
    const thread = placed.threadId as string;
    discord.loseAnswerNext({ method: 'POST', path: messagesPath(thread) });
    // The DM channel is made on the way; any other channel is it.
    const known = [seed.generalChannelId, seed.showcaseChannelId, thread].join('|');
    discord.loseAnswerNext({ method: 'POST', path: new RegExp(`^/channels/(?!(?:${known})/)\\d+/messages$`) });
    const job = await world.waitDelivered(placed.id);
    await world.passTimeUntil(
      () => discord.directMessages(seed.requesterId).length > 0 && discord.messages(seed.showcaseChannelId).length > 0,
    );
    await world.app.poller.idle();

    const lost = discord.requests.filter((r) => r.answerLost);
    expect(lost, 'every post lost its first answer').toHaveLength(4);
    const withNonce = (channelId: string, nonce: string) => discord.messages(channelId).filter((m) => m.nonce === nonce);
    expect(withNonce(seed.generalChannelId, `status-${job.id}`)).toHaveLength(1);
    expect(withNonce(seed.generalChannelId, `status-${job.id}`)[0]?.id).toBe(job.statusMessageId);
    expect(withNonce(thread, `final-${job.id}`)).toHaveLength(1);
    expect(withNonce(seed.showcaseChannelId, `showcase-${job.id}`)).toHaveLength(1);
    expect(discord.directMessages(seed.requesterId)).toHaveLength(1);

    const reply = await answerText(
      discord.clickButton({
        channelId: seed.generalChannelId,
        messageId: job.statusMessageId as string,
        customId: `job:delete:${job.id}`,
        userId: seed.requesterId,
      }),
    );
    expect(reply).toBe('Deleted: the video and its showcase post are gone.');
    const live = [...discord.messages(thread), ...discord.messages(seed.showcaseChannelId)].filter(
      (m) => !m.deleted && (m.nonce === `final-${job.id}` || m.nonce === `showcase-${job.id}`),
    );
    expect(live).toEqual([]);
  });
});
