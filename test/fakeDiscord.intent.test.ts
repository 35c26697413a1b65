/**
 * The loopback Discord reads messages back as Discord does for a bot without the Message Content
 * intent (discord-facts.md: "What a bot without the Message Content intent can read").
 */
import {
  type APIMessage,
  ApplicationCommandType,
  Client,
  Events,
  GatewayIntentBits,
  type Interaction,
  MessageFlags,
  Routes,
  type TextChannel,
} from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { type DefaultSeed, type FakeDiscord, type FakeDiscordOptions, startFakeDiscord } from '../testkit/discord/index.js';
import { asReadBy } from '../testkit/discord/messageContent.js';
import { makePng } from '../testkit/images.js';

const TOKEN = 'fake-token';

interface World {
  discord: FakeDiscord;
  client: Client;
  seed: DefaultSeed;
}

const worlds: World[] = [];

afterEach(async () => {
  for (const { client, discord } of worlds.splice(0)) {
    await client.destroy();
    await discord.close();
  }
});

async function connect(options: Partial<FakeDiscordOptions> = {}): Promise<World> {
  const discord = await startFakeDiscord({ botToken: TOKEN, applicationId: '1000', ...options });
  const seed = discord.seedDefault();
  const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: discord.apiBase, retries: 1, timeout: 5000 } });
  const world = { discord, client, seed };
  worlds.push(world);
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  await client.login(TOKEN);
  await ready;
  return world;
}

const picture = { filename: 'harbour.png', bytes: makePng(640, 360), contentType: 'image/png', width: 640, height: 360 };

/** A member's message with all four fields Discord blanks filled. */
function memberMessage(world: World, content = 'look at this') {
  const { discord, seed } = world;
  const post = discord.memberPost(seed.generalChannelId, seed.otherMemberId, { content, files: [picture] });
  post.embeds = [{ title: 'a link preview' }];
  post.components = [{ type: 1, components: [{ type: 2, style: 5, label: 'Open', url: 'https://example.com' }] }];
  return post;
}

const readOne = (world: World, messageId: string) =>
  world.client.rest.get(Routes.channelMessage(world.seed.generalChannelId, messageId)) as Promise<APIMessage>;

describe('what the fake hands a bot without the Message Content intent', () => {
  it('blanks content, embeds, attachments and components of a member’s message read over REST, and keeps the rest', async () => {
    const world = await connect();
    const post = memberMessage(world);
    const read = await readOne(world, post.id);
    expect(read).toMatchObject({ id: post.id, content: '', embeds: [], attachments: [], components: [] });
    expect(read.author.id).toBe(world.seed.otherMemberId);
    expect(read.channel_id).toBe(world.seed.generalChannelId);
  });

  it('blanks members’ messages in a list read, but not the bot’s own', async () => {
    const world = await connect();
    const post = memberMessage(world);
    const channel = world.client.channels.cache.get(world.seed.generalChannelId) as TextChannel;
    const own = await channel.send({ content: 'the bot speaks', files: [{ attachment: picture.bytes, name: 'card.png' }] });
    const list = (await world.client.rest.get(Routes.channelMessages(world.seed.generalChannelId))) as APIMessage[];
    const member = list.find((m) => m.id === post.id);
    const mine = list.find((m) => m.id === own.id);
    expect(member).toMatchObject({ content: '', attachments: [], embeds: [], components: [] });
    expect(mine?.content).toBe('the bot speaks');
    expect(mine?.attachments.map((a) => a.filename)).toEqual(['card.png']);
  });

  it('reads the bot’s own message back whole, components included', async () => {
    const world = await connect();
    const channel = world.client.channels.cache.get(world.seed.generalChannelId) as TextChannel;
    const own = await channel.send({
      content: 'status',
      embeds: [{ title: 'card' }],
      components: [{ type: 1, components: [{ type: 2, style: 1, label: 'Cancel', custom_id: 'job:cancel:abcdef' }] }],
    });
    const read = await readOne(world, own.id);
    expect(read.content).toBe('status');
    expect(read.embeds).toMatchObject([{ title: 'card' }]);
    expect(JSON.stringify(read.components)).toContain('job:cancel:abcdef');
  });

  it('keeps a member’s message that mentions the bot whole', async () => {
    const world = await connect();
    const post = memberMessage(world, `<@${world.seed.botUserId}> animate this`);
    const read = await readOne(world, post.id);
    expect(read.content).toBe(`<@${world.seed.botUserId}> animate this`);
    expect(read.attachments.map((a) => a.filename)).toEqual(['harbour.png']);
    // Another member's mention is not the bot's.
    const other = memberMessage(world, `<@${world.seed.requesterId}> look`);
    expect((await readOne(world, other.id)).content).toBe('');
  });

  it('keeps members’ messages whole for an app that holds the Message Content intent', async () => {
    const world = await connect({ privilegedIntents: GatewayIntentBits.MessageContent });
    const post = memberMessage(world);
    const read = await readOne(world, post.id);
    expect(read.content).toBe('look at this');
    expect(read.attachments.map((a) => a.filename)).toEqual(['harbour.png']);
    expect(read.embeds).toHaveLength(1);
  });

  it('hands the target of a message command whole in the interaction, while a REST read of it stays blank', async () => {
    const world = await connect();
    const { client, discord, seed } = world;
    await client.application?.commands.set([{ type: ApplicationCommandType.Message, name: 'Animate with Kling' }], seed.guildId);
    const post = memberMessage(world);
    const seen = new Promise<{ content: string; files: string[]; fetched: APIMessage }>((resolve, reject) => {
      client.once(Events.InteractionCreate, (interaction: Interaction) => {
        if (!interaction.isMessageContextMenuCommand()) return reject(new Error('expected a message command'));
        const target = interaction.targetMessage;
        void readOne(world, target.id)
          .then(async (fetched) => {
            await interaction.reply({ content: 'ok', flags: MessageFlags.Ephemeral });
            resolve({ content: target.content, files: [...target.attachments.values()].map((a) => a.name), fetched });
          })
          .catch(reject);
      });
    });
    discord.messageCommand({ channelId: seed.generalChannelId, messageId: post.id, userId: seed.requesterId, name: 'Animate with Kling' });
    const { content, files, fetched } = await seen;
    expect(content).toBe('look at this');
    expect(files).toEqual(['harbour.png']);
    expect(fetched.attachments).toEqual([]);
  });

  it('keeps direct messages with the bot whole', () => {
    const message = {
      id: '1',
      channel_id: '2',
      author: { id: '3', username: 'member', discriminator: '0', global_name: null, avatar: null },
      content: 'hello bot',
      attachments: [{ id: '4', filename: 'a.png', size: 1, url: 'https://cdn/a.png', proxy_url: 'https://cdn/a.png' }],
      embeds: [],
      components: [],
      mentions: [],
    } as unknown as APIMessage;
    const reader = { botUserId: '9', messageContentIntent: false };
    expect(asReadBy(message, { ...reader, inDirectMessage: true })).toBe(message);
    expect(asReadBy(message, { ...reader, inDirectMessage: false })).toMatchObject({ content: '', attachments: [] });
  });
});
