/**
 * A remix asked for from the showcase is made in the original video's channel, so the member must
 * be able to see and post there: a showcase post must not be a way into a private channel.
 */
import { PermissionFlagsBits } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { startWorld, type World } from '../testkit/world/botWorld.js';
import { submitsTo, textOf } from './helpers/inspect.js';

describe('remixing from the showcase', () => {
  let world: World;
  afterEach(async () => {
    await world?.stop();
  });

  async function remixFromShowcase(world: World, parentId: string, userId: string, prompt: string) {
    const { seed, discord } = world;
    const post = await discord.waitFor(() =>
      discord.messages(seed.showcaseChannelId).find((m) => !m.deleted && textOf(m).includes(parentId)),
    );
    const modal = await discord
      .clickButton({ channelId: seed.showcaseChannelId, messageId: post.id, customId: `job:remix:${parentId}`, userId })
      .response();
    expect(modal.type).toBe(9);
    const submit = discord.submitModal({
      guildId: seed.guildId,
      channelId: seed.showcaseChannelId,
      userId,
      customId: String(modal.data?.custom_id),
      fields: { prompt },
    });
    const responses = await submit.waitForResponses(2);
    return String(responses[1]?.data?.content);
  }

  it('refuses a member who cannot see or post in the original channel, and submits nothing', async () => {
    world = await startWorld();
    const { seed, discord } = world;
    const staff = discord.addTextChannel(seed.guildId, { name: 'staff-only' });
    const { ViewChannel, SendMessages } = PermissionFlagsBits;
    discord.setPermissionOverwrites(staff.id, [
      { id: seed.guildId, type: 0, deny: ViewChannel },
      { id: seed.requesterId, type: 1, allow: ViewChannel | SendMessages },
    ]);
    await world.app.settings.update(seed.guildId, { showcaseChannelId: seed.showcaseChannelId, autoShare: true }, seed.adminId);
    world.video(seed.requesterId, { prompt: 'a staff-only clip' }, staff.id);
    const parent = await world.waitDelivered((await world.waitForJob(() => true)).id);
    expect(parent.channelId).toBe(staff.id);

    const refused = await remixFromShowcase(world, parent.id, seed.otherMemberId, 'my prompt in their channel');
    expect(refused).toMatch(/cannot (see|post)/i);
    expect((await world.jobs()).filter((j) => j.parentId === parent.id)).toEqual([]);
    expect(submitsTo(world)).toHaveLength(1);
    // Read through REST at the time of the remix, not only from what the gateway said earlier.
    expect(discord.requests.some((r) => r.method === 'GET' && r.path === `/channels/${staff.id}`)).toBe(true);
    expect(
      discord
        .messages(staff.id)
        .some((m) => m.content.includes('my prompt') || JSON.stringify(m.embeds).includes('my prompt') || textOf(m).includes('my prompt')),
    ).toBe(false);

    // The member who may post there still gets the remix, in that channel.
    const accepted = await remixFromShowcase(world, parent.id, seed.requesterId, 'a staff-only clip, again');
    expect(accepted).toContain('in the queue');
    const child = await world.waitForJob((j) => j.parentId === parent.id);
    expect(child.channelId).toBe(staff.id);
  });
});
