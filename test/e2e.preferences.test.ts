/**
 * Member preferences end to end: defaults applied when an option is left out and shown on the
 * card, kept across a restart, and the direct-message copy of a video, delivered or refused.
 */
import { readFileSync } from 'node:fs';
import type { APIApplicationCommandInteractionDataOption } from 'discord.js';
import { Locale } from 'discord.js';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { startApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { TINY_MP4_PATH } from '../testkit/runcomfy/index.js';
import { startWorld, toOptions, type World } from '../testkit/world/botWorld.js';
import { answerText, fieldsOf, submitsTo } from './helpers/inspect.js';

function preferences(
  world: World,
  sub: 'show' | 'set' | 'clear',
  options: Record<string, string | number | boolean> = {},
  locale?: Locale,
) {
  return world.discord.slashCommand({
    guildId: world.seed.guildId,
    channelId: world.seed.generalChannelId,
    userId: world.seed.requesterId,
    name: 'video',
    ...(locale ? { locale } : {}),
    options: [
      {
        type: 2,
        name: 'preferences',
        options: [{ type: 1, name: sub, options: toOptions(options) }],
      } as APIApplicationCommandInteractionDataOption,
    ],
  });
}

async function madeVideo(world: World, options: Record<string, string | number | boolean>) {
  const before = new Set((await world.jobs()).map((j) => j.id));
  await answerText(world.video(world.seed.requesterId, options));
  const job = await world.waitForJob((j) => !before.has(j.id));
  return world.waitDelivered(job.id);
}

describe('member preferences end to end', () => {
  let world: World;
  afterEach(async () => {
    await world?.stop();
  });

  it('applies the member’s defaults to an option left out, shows them on the card, and keeps them across a restart', async () => {
    world = await startWorld();
    const saved = await answerText(preferences(world, 'set', { duration: 10, aspect_ratio: '9:16', sound: false }));
    expect(saved).toContain('Length: 10s');
    expect(saved).toContain('Frame: 9:16');
    expect(saved).toContain('Sound: off');

    const job = await madeVideo(world, { prompt: 'a kite over the dunes' });
    expect(submitsTo(world).at(-1)?.body).toMatchObject({ duration: 10, aspect_ratio: '9:16', sound: false });
    const card = world.discord.message(world.seed.generalChannelId, job.statusMessageId as string);
    const settings = fieldsOf(card).Settings;
    expect(settings).toContain('10s · 9:16 · no sound');

    // An option the member typed wins over their default.
    const typed = await madeVideo(world, { prompt: 'a kite at dawn', duration: 5, sound: true });
    expect(submitsTo(world).at(-1)?.body).toMatchObject({ duration: 5, aspect_ratio: '9:16', sound: true });
    expect(typed.input.duration).toBe(5);

    await world.stopBot();
    world.app = await startApp({
      config: loadConfig(world.env),
      logger: pino({ level: 'silent' }),
      discordRest: { retries: 1, timeout: 5000 },
    });
    const shown = await answerText(preferences(world, 'show', {}, Locale.German));
    expect(shown).toContain('Länge: 10 s');
    expect(shown).toContain('Format: 9:16');
    expect(shown).toContain('Ton: aus');

    const cleared = await answerText(preferences(world, 'clear'));
    expect(cleared).toContain('Length: 5s (default)');
  });

  it('also sends the video by direct message when the member asked for it', async () => {
    world = await startWorld();
    await answerText(preferences(world, 'set', { delivery: 'dm' }));
    const job = await madeVideo(world, { prompt: 'a heron in the reeds', duration: 5 });
    const inThread = world.discord.messages(job.threadId as string);
    expect(inThread).toHaveLength(1);
    const dms = await world.passTimeUntil(() => {
      const sent = world.discord.directMessages(world.seed.requesterId);
      return sent.length ? sent : undefined;
    });
    expect(dms).toHaveLength(1);
    expect(dms[0]?.content).toContain(`/${job.finalChannelId}/${job.finalMessageId}`);
    expect(dms[0]?.files[0]?.bytes.equals(readFileSync(TINY_MP4_PATH))).toBe(true);
  });

  it('keeps the thread delivery when Discord refuses the DM, and tells the member once, ephemerally, next time', async () => {
    world = await startWorld();
    world.discord.refuseDms(world.seed.requesterId);
    await answerText(preferences(world, 'set', { delivery: 'dm' }, Locale.Japanese));
    const job = await madeVideo(world, { prompt: 'a fox in the snow', duration: 5 });
    expect(job.state).toBe('succeeded');
    const final = world.discord.messages(job.threadId as string)[0];
    expect(final?.attachments).toHaveLength(1);
    expect(world.discord.directMessages(world.seed.requesterId)).toEqual([]);
    const refused = await world.passTimeUntil(() =>
      world.discord.requests.some((r) => r.method === 'POST' && r.status === 403 && /^\/channels\/\d+\/messages$/.test(r.path)),
    );
    expect(refused).toBe(true);

    const next = await answerText(world.subcommand(world.seed.requesterId, 'video', 'jobs'));
    expect(next).toContain('Your recent videos');
    expect(next).toContain('I could not send your last video to your direct messages');
    const after = await answerText(world.subcommand(world.seed.requesterId, 'video', 'jobs'));
    expect(after).not.toContain('direct messages');
  });
});
