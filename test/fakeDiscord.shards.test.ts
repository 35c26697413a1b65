/**
 * The loopback Discord's shards, driven by the real discord.js client: IDENTIFY's
 * `[shard_id, num_shards]` decides which guilds a session gets, interactions go to every session
 * holding the guild's shard, and IDENTIFYs are paced by `max_concurrency` per 5 s.
 */
import { Client, type ClientOptions, Events, GatewayCloseCodes, GatewayIntentBits, GatewayOpcodes, type Interaction } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { type FakeDiscord, type FakeDiscordOptions, startFakeDiscord } from '../testkit/discord/index.js';

const TOKEN = 'fake-token';
const APPLICATION_ID = '1000';
/** Two shard starts in one bucket are at least Discord's 5 s apart; discord.js adds up to 1.5 s of jitter. */
const PACED_START_TIMEOUT_MS = 20_000;

const clients: Client[] = [];
const fakes: FakeDiscord[] = [];

afterEach(async () => {
  for (const client of clients.splice(0)) await client.destroy();
  for (const discord of fakes.splice(0)) await discord.close();
});

async function fake(options: Partial<FakeDiscordOptions> = {}): Promise<FakeDiscord> {
  const discord = await startFakeDiscord({ botToken: TOKEN, applicationId: APPLICATION_ID, ...options });
  fakes.push(discord);
  return discord;
}

/** A real client; `shards` and `shardCount` as the bot passes them. */
function client(discord: FakeDiscord, shards: Pick<ClientOptions, 'shards' | 'shardCount'>): Client {
  const made = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: discord.apiBase, retries: 1, timeout: 5000 }, ...shards });
  clients.push(made);
  return made;
}

async function login(made: Client): Promise<Client> {
  const ready = new Promise<void>((resolve) => made.once(Events.ClientReady, () => resolve()));
  await made.login(TOKEN);
  await ready;
  return made;
}

/** The ids of the interactions a client receives, as it receives them. */
function received(made: Client): string[] {
  const ids: string[] = [];
  made.on(Events.InteractionCreate, (interaction: Interaction) => {
    ids.push(interaction.id);
  });
  return ids;
}

function guildIds(made: Client): string[] {
  return [...made.guilds.cache.keys()].sort();
}

describe('fake Discord shards', () => {
  it('answers /gateway/bot with the recommended count and max_concurrency, and splits the guilds across the shards of an auto client', async () => {
    const discord = await fake({ recommendedShards: 2, maxConcurrency: 2 });
    const a = discord.seedDefault({ name: 'A', shard: [0, 2] });
    const b = discord.seedDefault({ name: 'B', shard: [1, 2] });
    expect([discord.shardOf(a.guildId, 2), discord.shardOf(b.guildId, 2)]).toEqual([0, 1]);

    const gatewayBot = await fetch(`${discord.apiBase}/v10/gateway/bot`, { headers: { Authorization: `Bot ${TOKEN}` } });
    expect(await gatewayBot.json()).toMatchObject({
      shards: 2,
      session_start_limit: { total: 1000, remaining: 1000, max_concurrency: 2 },
    });

    const bot = await login(client(discord, { shards: 'auto' }));
    expect([...bot.ws.shards.keys()].sort()).toEqual([0, 1]);
    expect(bot.options.shardCount).toBe(2);
    expect(
      discord
        .gatewaySessions()
        .map((session) => session.shard)
        .sort(),
    ).toEqual([
      [0, 2],
      [1, 2],
    ]);
    // Each guild came in through the shard the formula names, and discord.js agrees.
    expect(bot.guilds.cache.get(a.guildId)?.shardId).toBe(0);
    expect(bot.guilds.cache.get(b.guildId)?.shardId).toBe(1);
    expect(bot.guilds.cache.get(b.guildId)?.channels.cache.has(b.generalChannelId)).toBe(true);
    expect(discord.identifyLimitHits()).toEqual([]);
  });

  it('gives each process only the guilds of its shard, later guilds and events included, and its guilds’ interactions only', async () => {
    const discord = await fake({ recommendedShards: 2, maxConcurrency: 2, enforceIdentifyLimit: true });
    const a = discord.seedDefault({ name: 'A', shard: [0, 2] });
    const b = discord.seedDefault({ name: 'B', shard: [1, 2] });
    const [zero, one] = await Promise.all([
      login(client(discord, { shards: [0], shardCount: 2 })),
      login(client(discord, { shards: [1], shardCount: 2 })),
    ]);
    expect(guildIds(zero)).toEqual([a.guildId]);
    expect(guildIds(one)).toEqual([b.guildId]);

    // A guild joined later, and a role made in it, reach only the shard that holds it.
    const roleCreated = new Promise<string>((resolve) => one.once(Events.GuildRoleCreate, (role) => resolve(role.name)));
    const later = discord.seedDefault({ name: 'C', shard: [1, 2] });
    discord.addRole(later.guildId, { name: 'Late role', permissions: 0n });
    expect(await roleCreated).toBe('Moderator');
    await discord.waitFor(() => one.guilds.cache.get(later.guildId)?.roles.cache.some((role) => role.name === 'Late role'));
    expect(zero.guilds.cache.has(later.guildId)).toBe(false);

    const seenByZero = received(zero);
    const seenByOne = received(one);
    const inA = discord.slashCommand({ guildId: a.guildId, channelId: a.generalChannelId, userId: a.requesterId, name: 'video' });
    const inB = discord.slashCommand({ guildId: b.guildId, channelId: b.generalChannelId, userId: b.requesterId, name: 'video' });
    // A second interaction in each guild marks the end: a misrouted first one would arrive before it.
    const laterA = discord.slashCommand({ guildId: a.guildId, channelId: a.generalChannelId, userId: a.requesterId, name: 'video' });
    const laterB = discord.slashCommand({ guildId: b.guildId, channelId: b.generalChannelId, userId: b.requesterId, name: 'video' });
    await discord.waitFor(() => seenByZero.includes(laterA.id) && seenByOne.includes(laterB.id));
    expect(seenByZero).toEqual([inA.id, laterA.id]);
    expect(seenByOne).toEqual([inB.id, laterB.id]);
    expect(discord.identifyLimitHits()).toEqual([]);
  });

  it('sends an interaction to every session holding its shard, and a one-shard session gets every guild', async () => {
    // Two processes holding shard 0 share a rate-limit key; this test is about routing, so the fake only records.
    const discord = await fake({ maxConcurrency: 4 });
    const a = discord.seedDefault({ name: 'A', shard: [0, 2] });
    const b = discord.seedDefault({ name: 'B', shard: [1, 2] });
    // Shards 0 and 1 of 2, a second copy of shard 0 (a rolling restart), and an unsharded session.
    const [zero, zeroCopy, one, whole] = await Promise.all([
      login(client(discord, { shards: [0], shardCount: 2 })),
      login(client(discord, { shards: [0], shardCount: 2 })),
      login(client(discord, { shards: [1], shardCount: 2 })),
      login(client(discord, { shards: [0], shardCount: 1 })),
    ]);
    expect(guildIds(zeroCopy)).toEqual([a.guildId]);
    expect(guildIds(whole)).toEqual([a.guildId, b.guildId].sort());
    const seen = [zero, zeroCopy, one, whole].map(received);

    const inA = discord.slashCommand({ guildId: a.guildId, channelId: a.generalChannelId, userId: a.requesterId, name: 'video' });
    await discord.waitFor(() => seen[0]?.length === 1 && seen[1]?.length === 1 && seen[3]?.length === 1);
    const inB = discord.slashCommand({ guildId: b.guildId, channelId: b.generalChannelId, userId: b.requesterId, name: 'video' });
    await discord.waitFor(() => seen[2]?.length === 1 && seen[3]?.length === 2);
    expect(seen).toEqual([[inA.id], [inA.id], [inB.id], [inA.id, inB.id]]);
  });

  it(
    'paces the shards of one process by max_concurrency per 5 s, so none is refused',
    async () => {
      const discord = await fake({ recommendedShards: 4, maxConcurrency: 2, enforceIdentifyLimit: true });
      for (let shard = 0; shard < 4; shard += 1) discord.seedDefault({ name: `S${shard}`, shard: [shard, 4] });

      const bot = await login(client(discord, { shards: [0, 1, 2, 3], shardCount: 4 }));
      expect(bot.guilds.cache.size).toBe(4);
      expect(discord.identifyLimitHits()).toEqual([]);
      const sessions = discord.gatewaySessions();
      expect(sessions).toHaveLength(4);
      // Buckets by shard_id % max_concurrency: {0, 2} and {1, 3}; each bucket's two starts are 5 s apart.
      const at = (shard: number) => sessions.find((session) => session.shard[0] === shard)?.identifiedAt ?? Number.NaN;
      expect(at(2) - at(0)).toBeGreaterThanOrEqual(5000);
      expect(at(3) - at(1)).toBeGreaterThanOrEqual(5000);
    },
    PACED_START_TIMEOUT_MS,
  );

  it(
    'refuses an IDENTIFY over max_concurrency with op 9, as Discord does: two processes started together share no throttle',
    async () => {
      const discord = await fake({ recommendedShards: 2, maxConcurrency: 1, enforceIdentifyLimit: true });
      const a = discord.seedDefault({ name: 'A', shard: [0, 2] });
      const b = discord.seedDefault({ name: 'B', shard: [1, 2] });

      const [zero, one] = await Promise.all([
        login(client(discord, { shards: [0], shardCount: 2 })),
        login(client(discord, { shards: [1], shardCount: 2 })),
      ]);
      // One of the two was refused, waited out its own 5 s, and identified again.
      const hits = discord.identifyLimitHits();
      expect(hits).toHaveLength(1);
      expect(hits[0]).toMatchObject({ rateLimitKey: 0, refused: true });
      expect(hits[0]?.sinceLastMs).toBeLessThan(5000);
      expect(guildIds(zero)).toEqual([a.guildId]);
      expect(guildIds(one)).toEqual([b.guildId]);
      expect(discord.gatewaySessions()).toHaveLength(2);
    },
    PACED_START_TIMEOUT_MS,
  );

  it('records an IDENTIFY over the limit without refusing it unless asked to', async () => {
    const discord = await fake();
    discord.seedDefault();
    await login(client(discord, { shards: [0], shardCount: 1 }));
    await login(client(discord, { shards: [0], shardCount: 1 }));
    expect(discord.identifyLimitHits()).toMatchObject([{ shard: [0, 1], rateLimitKey: 0, refused: false }]);
    expect(discord.gatewaySessions().map((session) => session.connected)).toEqual([true, true]);
  });

  it('closes with 4010 Invalid Shard for a shard outside its count or a malformed one', async () => {
    const discord = await fake();
    const url = discord.apiBase.replace(/^http/, 'ws').replace(/\/api$/, '/?v=10&encoding=json');
    const closeCodeFor = (shard: unknown) =>
      new Promise<number>((resolve, reject) => {
        const socket = new WebSocket(url);
        socket.on('error', reject);
        socket.on('message', (data) => {
          const payload = JSON.parse(String(data)) as { op: number };
          if (payload.op !== GatewayOpcodes.Hello) return;
          socket.send(
            JSON.stringify({ op: GatewayOpcodes.Identify, d: { token: TOKEN, intents: GatewayIntentBits.Guilds, properties: {}, shard } }),
          );
        });
        socket.on('close', (code) => resolve(code));
      });
    for (const shard of [[2, 2], [-1, 2], [0, 0], [0.5, 2], [0], '0,1']) {
      expect(await closeCodeFor(shard)).toBe(GatewayCloseCodes.InvalidShard);
    }
    expect(discord.gatewaySessions()).toEqual([]);
  });

  it('tells a test that drives an interaction no session can receive which shards are held', async () => {
    const discord = await fake({ maxConcurrency: 2 });
    discord.seedDefault({ name: 'A', shard: [0, 2] });
    const b = discord.seedDefault({ name: 'B', shard: [1, 2] });
    await login(client(discord, { shards: [0], shardCount: 2 }));
    expect(() => discord.slashCommand({ guildId: b.guildId, channelId: b.generalChannelId, userId: b.requesterId, name: 'video' })).toThrow(
      /no session holds the shard of guild \d+ \(sessions hold \[0, 2\]\)/,
    );
  });
});
