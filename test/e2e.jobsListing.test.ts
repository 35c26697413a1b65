/** `/video jobs` must not bring back the prompt of a deleted video. */
import { afterEach, describe, expect, it } from 'vitest';
import { startWorld, type World } from '../testkit/world/botWorld.js';
import { answerText } from './helpers/inspect.js';

describe('listing a member’s jobs', () => {
  let world: World;
  afterEach(async () => {
    await world?.stop();
  });

  it('hides a deleted video’s prompt, as /video status does, and keeps the others', async () => {
    world = await startWorld();
    const { seed, discord } = world;
    await world.app.settings.update(seed.guildId, { maxConcurrentPerMember: 5 }, seed.adminId);
    world.video(seed.requesterId, { prompt: 'a prompt to keep' });
    const kept = await world.waitDelivered((await world.waitForJob(() => true)).id);
    world.video(seed.requesterId, { prompt: 'words that were taken down' });
    const removed = await world.waitDelivered((await world.waitForJob((j) => j.id !== kept.id)).id);
    const deleted = await answerText(
      discord.clickButton({
        channelId: seed.generalChannelId,
        messageId: removed.statusMessageId as string,
        customId: `job:delete:${removed.id}`,
        userId: seed.moderatorId,
      }),
    );
    expect(deleted).toContain('Deleted');

    const list = await answerText(world.subcommand(seed.requesterId, 'video', 'jobs'));
    expect(list).toContain(removed.id);
    expect(list).not.toContain('taken down');
    expect(list).toContain('(removed)');
    expect(list).toContain('a prompt to keep');
    const status = await answerText(world.subcommand(seed.requesterId, 'video', 'status', { job: removed.id }));
    expect(status).not.toContain('taken down');
  });
});
