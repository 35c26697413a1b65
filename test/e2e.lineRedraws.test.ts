/**
 * One server's line moving while Discord answers slowly: its twenty cards are redrawn from a
 * queue, and the poll loop keeps every other server's jobs on time meanwhile. Real time, since the
 * point is what a slow Discord does to the loop's wall-clock pace.
 */
import type { APIApplicationCommandInteractionDataOption } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import type { DefaultSeed } from '../testkit/discord/index.js';
import { startWorld, toOptions, type World } from '../testkit/world/botWorld.js';

/** The world's running jobs are asked about every 100 ms (its `runningMs`). */
const POLL_EVERY_MS = 100;
const LINE = 20;
const EDIT_MS = 500;

describe('a line moving while cards post', () => {
  let world: World;
  afterEach(async () => {
    await world?.stop();
  });

  it('keeps polling another server on time while twenty cards of a line are redrawn at 500 ms each', async () => {
    let other: DefaultSeed | undefined;
    world = await startWorld({
      realTime: true,
      logLevel: 'info',
      scenarioFor: (input) => {
        const prompt = String(input.prompt);
        if (prompt.startsWith('elsewhere')) return { queueMs: 0, runMs: 60_000 };
        // Long enough for the whole line to be waiting, and Discord slowed, before it ends and the
        // line moves (a busy machine takes seconds to send twenty commands).
        if (prompt.startsWith('first')) return { queueMs: 0, runMs: 10_000 };
        return { queueMs: 0, runMs: 60_000 };
      },
      beforeStart: ({ discord }) => {
        other = discord.seedDefault({ name: 'Another Server' });
      },
    });
    const { seed, discord, app } = world;
    const elsewhere = other as DefaultSeed;
    await app.settings.update(
      seed.guildId,
      {
        maxConcurrentPerServer: 1,
        maxConcurrentPerMember: 1,
        maxWaitingPerMember: LINE,
        dailyBudgetPerMemberUsd: null,
        dailyBudgetPerServerUsd: null,
      },
      seed.adminId,
    );
    const video = (guild: DefaultSeed, prompt: string) =>
      discord.slashCommand({
        guildId: guild.guildId,
        channelId: guild.generalChannelId,
        userId: guild.requesterId,
        name: 'video',
        options: [{ type: 1, name: 'create', options: toOptions({ prompt }) } as APIApplicationCommandInteractionDataOption],
      });

    await video(elsewhere, 'elsewhere, a long render').response();
    const watched = await world.waitForJob((j) => j.guildId === elsewhere.guildId && j.state === 'running', 10_000);
    await video(seed, 'first in the server').response();
    const first = await world.waitForJob((j) => j.guildId === seed.guildId && j.requestId !== null);
    for (let i = 0; i < LINE; i++) await video(seed, `waiting ${i}`).response();
    await world.waitForJob((j) => j.guildId === seed.guildId && j.queuePosition === LINE, 40_000);
    // Let the cards settle before Discord slows down.
    await discord.waitFor(() => (discord.activity.inFlight === 0 ? true : undefined));

    discord.slowDown({ method: 'PATCH', path: /^\/channels\/\d+\/messages\/\d+$/, delayMs: EDIT_MS });
    await world.waitDelivered(first.id, 30_000);
    // The line moved: one job sent on, nineteen moved up, each card edited at 500 ms.
    const sentOn = await world.waitForJob((j) => j.guildId === seed.guildId && j.state !== 'waiting' && j.id !== first.id, 10_000);
    const movedAt = Date.now();
    await discord.waitFor(() => (Date.now() - movedAt > 2_500 ? true : undefined), { timeoutMs: 5_000 });

    const polls = world.runcomfy.requests
      .filter((r) => r.method === 'GET' && r.path.includes(watched.requestId as string) && r.path.endsWith('/status'))
      .map((r) => r.receivedAt)
      .filter((at) => at >= movedAt - 1_000);
    const gaps = polls.slice(1).map((at, i) => at - (polls[i] as number));
    const late = Math.max(...gaps) - POLL_EVERY_MS;
    expect(polls.length).toBeGreaterThan(10);
    // Due every 100 ms; with each card awaited in turn, the loop stalled for the whole line.
    expect(late, `gaps between polls of the other server's job: ${gaps.join(', ')}`).toBeLessThanOrEqual(200);
    expect(sentOn.state).not.toBe('waiting');
    // The cards still got their new places, from the queue.
    const edits = discord.requests.filter((r) => r.method === 'PATCH' && r.at >= movedAt - 1_000);
    expect(edits.length).toBeGreaterThan(1);
  }, 90_000);
});
