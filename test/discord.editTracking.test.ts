/** Status-edit throttling keeps a note per job; finished jobs must not leave theirs behind. */
import { afterEach, describe, expect, it } from 'vitest';
import type { JobMessages } from '../src/discord/jobMessages.js';
import type { Job } from '../src/jobs/job.js';
import { startWorld, type World } from '../testkit/world/botWorld.js';
import { answerText } from './helpers/inspect.js';

/** The per-job notes, read as the process holds them. */
const notes = (messages: JobMessages): number => (Reflect.get(messages, 'lastEdit') as Map<string, number>).size;

describe('status edit bookkeeping', () => {
  let world: World;
  afterEach(async () => {
    await world?.stop();
  });

  it('holds nothing for finished jobs, even after shares, deletes and cancels redraw their cards', async () => {
    world = await startWorld();
    const { seed, discord } = world;
    await world.app.settings.update(seed.guildId, { showcaseChannelId: seed.showcaseChannelId, maxConcurrentPerMember: 5 }, seed.adminId);
    const finished: Job[] = [];
    for (const prompt of ['first of three', 'second of three', 'third of three']) {
      const before = new Set((await world.jobs()).map((j) => j.id));
      world.video(seed.requesterId, { prompt });
      const job = await world.waitForJob((j) => !before.has(j.id));
      finished.push(await world.waitDelivered(job.id));
    }
    const click = (job: Job, action: string) =>
      answerText(
        discord.clickButton({
          channelId: seed.generalChannelId,
          messageId: job.statusMessageId as string,
          customId: `job:${action}:${job.id}`,
          userId: seed.requesterId,
        }),
      );
    const [a, b] = finished as [Job, Job];
    expect(await click(a, 'share')).toContain('Shared to');
    expect(await click(b, 'delete')).toContain('Deleted');

    world.runcomfy.setScenario({ queueMs: 60_000 });
    world.video(seed.requesterId, { prompt: 'cancelled in the queue' });
    const queued = await world.waitForJob((j) => j.state === 'queued' && j.statusMessageId !== null);
    expect(await click(queued, 'cancel')).toContain('Cancelled');
    await world.waitDelivered(queued.id);
    await world.app.poller.idle();

    expect(notes(world.app.messages)).toBe(0);
  });
});
