import { randomBytes, randomUUID } from 'node:crypto';
import {
  ActionRowBuilder,
  ApplicationCommandOptionType,
  ButtonBuilder,
  ButtonStyle,
  ChannelType,
  type ChatInputApplicationCommandData,
  Client,
  DiscordAPIError,
  Events,
  GatewayIntentBits,
  type Interaction,
  LabelBuilder,
  MessageFlags,
  ModalBuilder,
  PermissionFlagsBits,
  Routes,
  TextChannel,
  TextInputBuilder,
  TextInputStyle,
} from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { type DefaultSeed, type FakeDiscord, type FakeDiscordOptions, startFakeDiscord } from '../testkit/discord/index.js';

const TOKEN = 'fake-token';
const APPLICATION_ID = '1000';

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
  const discord = await startFakeDiscord({ botToken: TOKEN, applicationId: APPLICATION_ID, ...options });
  const seed = discord.seedDefault();
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    rest: { api: discord.apiBase, retries: 1, timeout: 5000 },
  });
  const world = { discord, client, seed };
  worlds.push(world);
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  await client.login(TOKEN);
  await ready;
  return world;
}

/** Runs `handler` on the next interaction; the returned promise carries the handler's failure to the test. */
function handleNext(client: Client, handler: (interaction: Interaction) => Promise<void>): Promise<void> {
  return new Promise((resolve, reject) => {
    client.once(Events.InteractionCreate, (interaction) => {
      handler(interaction).then(resolve, reject);
    });
  });
}

function textChannel(client: Client, id: string): TextChannel {
  const channel = client.channels.cache.get(id);
  if (!(channel instanceof TextChannel)) throw new Error(`channel ${id} is not a cached text channel`);
  return channel;
}

async function rejection(promise: Promise<unknown>): Promise<DiscordAPIError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof DiscordAPIError)) throw new Error(`expected a DiscordAPIError, got ${String(error)}`);
  return error;
}

describe('fake Discord with the real discord.js client', () => {
  it('reaches clientReady with the guild, its channels, roles and the bot member cached', async () => {
    const { client, discord, seed } = await connect();

    const guild = client.guilds.cache.get(seed.guildId);
    expect(guild?.available).toBe(true);
    expect(guild?.channels.cache.map((channel) => channel.name).sort()).toEqual(['general', 'showcase']);
    expect(guild?.roles.cache.get(seed.moderatorRoleId)?.permissions.has(PermissionFlagsBits.ManageMessages)).toBe(true);
    expect(guild?.members.me?.id).toBe(discord.botUserId);
    expect(client.user?.id).toBe(discord.botUserId);
    expect(discord.gatewayStatus()).toEqual({ connected: true, identifies: 1, resumes: 0 });
    expect(discord.requests.find((request) => request.path === '/gateway/bot')).toMatchObject({ hasAuth: true, status: 200 });
  });

  it('refuses a wrong token on REST and on the gateway', async () => {
    const discord = await startFakeDiscord({ botToken: TOKEN, applicationId: APPLICATION_ID });
    const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: discord.apiBase, retries: 1 } });
    worlds.push({ discord, client, seed: discord.seedDefault() });

    await expect(client.login('wrong-token')).rejects.toThrow(/invalid/i);
    expect(discord.requests.at(-1)).toMatchObject({ path: '/gateway/bot', status: 401 });
  });

  it('records an ephemeral deferReply as callback type 5 with flags 64, and editReply lands on it', async () => {
    const { client, discord, seed } = await connect();
    const seen: string[] = [];
    const handled = handleNext(client, async (interaction) => {
      if (!interaction.isChatInputCommand()) throw new Error('expected a chat input command');
      seen.push(interaction.commandName, interaction.options.getSubcommand(), interaction.options.getString('prompt', true));
      expect(interaction.memberPermissions?.has(PermissionFlagsBits.ManageMessages)).toBe(false);
      await interaction.deferReply({ flags: MessageFlags.Ephemeral });
      await interaction.editReply({ content: 'Queued: a cat surfing' });
    });

    const command = discord.slashCommand({
      guildId: seed.guildId,
      channelId: seed.generalChannelId,
      userId: seed.requesterId,
      name: 'video',
      options: [
        {
          type: ApplicationCommandOptionType.Subcommand,
          name: 'create',
          options: [{ type: ApplicationCommandOptionType.String, name: 'prompt', value: 'a cat surfing' }],
        },
      ],
    });
    await handled;

    expect(seen).toEqual(['video', 'create', 'a cat surfing']);
    const first = await command.response();
    expect(first).toMatchObject({ kind: 'callback', type: 5, data: { flags: MessageFlags.Ephemeral } });
    const [, edit] = await command.waitForResponses(2);
    expect(edit).toMatchObject({ kind: 'edit', data: { content: 'Queued: a cat surfing' } });
    const reply = discord.message(seed.generalChannelId, command.originalMessageId() ?? '');
    expect(reply).toMatchObject({ content: 'Queued: a cat surfing', flags: MessageFlags.Ephemeral, edits: 0 });
    const callback = discord.requests.find((request) => request.path.endsWith('/callback'));
    expect(callback).toMatchObject({ hasAuth: false, query: { with_response: 'false' }, status: 204 });
    expect(discord.requests.some((r) => r.method === 'PATCH' && r.path.endsWith('/messages/@original'))).toBe(true);
  });

  it('stores the exact bytes of a file sent with channel.send and serves them at the attachment URL', async () => {
    const { client, discord, seed } = await connect();
    const bytes = randomBytes(256 * 1024);

    const sent = await textChannel(client, seed.showcaseChannelId).send({
      content: 'Your video',
      files: [{ attachment: bytes, name: 'clip.mp4' }],
    });

    const stored = discord.message(seed.showcaseChannelId, sent.id);
    expect(stored?.attachments).toHaveLength(1);
    expect(stored?.attachments[0]?.filename).toBe('clip.mp4');
    expect(stored?.attachments[0]?.bytes.equals(bytes)).toBe(true);
    const url = sent.attachments.first()?.url ?? '';
    const downloaded = Buffer.from(await (await fetch(url)).arrayBuffer());
    expect(downloaded.equals(bytes)).toBe(true);
    expect(discord.requests.at(-1)?.files?.[0]).toMatchObject({ field: 'files[0]', filename: 'clip.mp4', size: bytes.length });
  });

  it('refuses an attachment over the upload limit with 413 (40005)', async () => {
    const { client, discord, seed } = await connect({ uploadLimitBytes: 1024 });

    const error = await rejection(
      textChannel(client, seed.showcaseChannelId).send({ files: [{ attachment: randomBytes(2048), name: 'big.mp4' }] }),
    );

    expect(error).toMatchObject({ status: 413, code: 40005 });
    expect(discord.messages(seed.showcaseChannelId)).toHaveLength(0);
  });

  it('starts a public thread whose id is the message id, and the bot can post in it', async () => {
    const { client, discord, seed } = await connect();
    const message = await textChannel(client, seed.showcaseChannelId).send('Render finished');

    const thread = await message.startThread({ name: 'Render #1' });
    await thread.send('Details in here');

    expect(thread.id).toBe(message.id);
    expect(thread.type).toBe(ChannelType.PublicThread);
    expect(discord.threads(seed.showcaseChannelId)).toMatchObject([{ id: message.id, type: 11, name: 'Render #1' }]);
    expect(discord.message(seed.showcaseChannelId, message.id)?.thread_id).toBe(message.id);
    expect(discord.messages(thread.id).map((m) => m.content)).toEqual(['Details in here']);
    const body = discord.requests.find((request) => request.path.endsWith('/threads'))?.json;
    expect(body).toMatchObject({ name: 'Render #1', type: 11 });
  });

  it('surfaces a denied thread as DiscordAPIError 50013', async () => {
    const { client, discord, seed } = await connect();
    const message = await textChannel(client, seed.showcaseChannelId).send('Render finished');
    discord.denyThreads(seed.showcaseChannelId);

    const error = await rejection(message.startThread({ name: 'Render #1' }));

    expect(error).toMatchObject({ status: 403, code: 50013 });
    expect(discord.threads()).toHaveLength(0);
  });

  it('round-trips a button click answered with update (callback type 7)', async () => {
    const { client, discord, seed } = await connect();
    const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
      new ButtonBuilder().setCustomId('job:42:cancel').setLabel('Cancel').setStyle(ButtonStyle.Danger),
    );
    const message = await textChannel(client, seed.generalChannelId).send({ content: 'Rendering…', components: [row] });
    const handled = handleNext(client, async (interaction) => {
      if (!interaction.isButton()) throw new Error('expected a button');
      expect(interaction.customId).toBe('job:42:cancel');
      expect(interaction.message.id).toBe(message.id);
      await interaction.update({ content: 'Cancelled', components: [] });
    });

    const click = discord.clickButton({
      channelId: seed.generalChannelId,
      messageId: message.id,
      customId: 'job:42:cancel',
      userId: seed.requesterId,
    });
    await handled;

    expect(await click.response()).toMatchObject({ type: 7, messageId: message.id, data: { content: 'Cancelled' } });
    expect(discord.message(seed.generalChannelId, message.id)).toMatchObject({ content: 'Cancelled', components: [], edits: 1 });
  });

  it('after deferUpdate, editReply edits the message the button is on', async () => {
    const { client, discord, seed } = await connect();
    const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
      new ButtonBuilder().setCustomId('job:7:refresh').setLabel('Refresh').setStyle(ButtonStyle.Secondary),
    );
    const message = await textChannel(client, seed.generalChannelId).send({ content: 'Queued', components: [row] });
    const handled = handleNext(client, async (interaction) => {
      if (!interaction.isButton()) throw new Error('expected a button');
      await interaction.deferUpdate();
      await interaction.editReply({ content: 'Rendering 40%' });
    });

    discord.clickButton({ channelId: seed.generalChannelId, messageId: message.id, customId: 'job:7:refresh', userId: seed.requesterId });
    await handled;

    expect(discord.message(seed.generalChannelId, message.id)?.content).toBe('Rendering 40%');
  });

  it('round-trips a modal: showModal (type 9), then a submission read with getTextInputValue', async () => {
    const { client, discord, seed } = await connect();
    const shown = handleNext(client, async (interaction) => {
      if (!interaction.isChatInputCommand()) throw new Error('expected a command');
      const modal = new ModalBuilder()
        .setCustomId('video:prompt')
        .setTitle('New video')
        .addLabelComponents(
          new LabelBuilder()
            .setLabel('Prompt')
            .setTextInputComponent(new TextInputBuilder().setCustomId('prompt').setStyle(TextInputStyle.Paragraph)),
          new LabelBuilder()
            .setLabel('Negative prompt')
            .setTextInputComponent(new TextInputBuilder().setCustomId('negative').setStyle(TextInputStyle.Short).setRequired(false)),
        );
      await interaction.showModal(modal);
    });
    const command = discord.slashCommand({
      guildId: seed.guildId,
      channelId: seed.generalChannelId,
      userId: seed.requesterId,
      name: 'video',
    });
    await shown;
    expect(await command.response()).toMatchObject({ type: 9, data: { custom_id: 'video:prompt', title: 'New video' } });

    const values: string[] = [];
    const submitted = handleNext(client, async (interaction) => {
      if (!interaction.isModalSubmit()) throw new Error('expected a modal submission');
      values.push(interaction.fields.getTextInputValue('prompt'), interaction.fields.getTextInputValue('negative'));
      await interaction.reply({ content: 'Submitted', flags: MessageFlags.Ephemeral });
    });
    const submission = discord.submitModal({
      channelId: seed.generalChannelId,
      userId: seed.requesterId,
      customId: 'video:prompt',
      fields: { prompt: 'a dog on a skateboard' },
    });
    await submitted;

    expect(values).toEqual(['a dog on a skateboard', '']);
    // The modal used label components, so the submission comes back in that shape.
    expect(submission.payload.data).toMatchObject({ components: [{ type: 18 }, { type: 18 }] });
    expect(await submission.response()).toMatchObject({ type: 4, data: { content: 'Submitted', flags: 64 } });
    expect(() =>
      discord.submitModal({
        channelId: seed.generalChannelId,
        userId: seed.requesterId,
        customId: 'video:prompt',
        fields: { prompt: 'x', seed: '1' },
      }),
    ).toThrow(/no field "seed"/);
  });

  it('submits choices and uploads: what the member leaves untouched keeps the preselected value', async () => {
    const { client, discord, seed } = await connect();
    const modal = {
      custom_id: 'pick',
      title: 'Pick',
      components: [
        {
          type: 18,
          label: 'Frame',
          component: {
            type: 21,
            custom_id: 'ratio',
            options: [
              { value: '16:9', label: '16:9', default: true },
              { value: '1:1', label: '1:1' },
            ],
          },
        },
        {
          type: 18,
          label: 'Length',
          component: {
            type: 3,
            custom_id: 'length',
            min_values: 1,
            max_values: 1,
            options: ['3', '4', '5'].map((v) => ({ value: v, label: v, ...(v === '5' ? { default: true } : {}) })),
          },
        },
        { type: 18, label: 'Sound', component: { type: 23, custom_id: 'sound', default: true } },
        { type: 18, label: 'Picture', component: { type: 19, custom_id: 'picture', min_values: 1, max_values: 1 } },
        { type: 10, content: 'Not in this form: nothing' },
      ],
    };
    const open = () => {
      const shown = handleNext(client, async (interaction) => {
        if (!interaction.isChatInputCommand()) throw new Error('expected a command');
        await interaction.showModal(modal);
      });
      discord.slashCommand({ guildId: seed.guildId, channelId: seed.generalChannelId, userId: seed.requesterId, name: 'video' });
      return shown;
    };
    await open();
    const read: unknown[] = [];
    const submitted = handleNext(client, async (interaction) => {
      if (!interaction.isModalSubmit()) throw new Error('expected a modal submission');
      const files = interaction.fields.getUploadedFiles('picture', true);
      const file = files?.first();
      read.push(
        interaction.fields.getRadioGroup('ratio'),
        interaction.fields.getStringSelectValues('length'),
        interaction.fields.getCheckbox('sound'),
        file?.name,
        file ? Buffer.from(await (await fetch(file.url)).arrayBuffer()).toString() : undefined,
      );
      await interaction.reply({ content: 'ok', flags: MessageFlags.Ephemeral });
    });
    const base = { channelId: seed.generalChannelId, userId: seed.requesterId, customId: 'pick' };
    const submission = discord.submitModal({
      ...base,
      uploads: { picture: [{ filename: 'a.png', bytes: Buffer.from('png bytes'), contentType: 'image/png' }] },
    });
    await submitted;
    expect(read).toEqual(['16:9', ['5'], true, 'a.png', 'png bytes']);
    // The file travels in resolved.attachments; the upload's values are its id.
    const data = submission.payload.data as { resolved?: { attachments?: Record<string, unknown> } };
    expect(Object.keys(data.resolved?.attachments ?? {})).toHaveLength(1);

    await open();
    const chosen = handleNext(client, async (interaction) => {
      if (!interaction.isModalSubmit()) throw new Error('expected a modal submission');
      read.splice(
        0,
        read.length,
        interaction.fields.getRadioGroup('ratio'),
        interaction.fields.getStringSelectValues('length'),
        interaction.fields.getCheckbox('sound'),
      );
      await interaction.reply({ content: 'ok', flags: MessageFlags.Ephemeral });
    });
    const picture = [{ filename: 'b.png', bytes: Buffer.from('x'), contentType: 'image/png' }];
    discord.submitModal({ ...base, choices: { ratio: '1:1', length: '3', sound: false }, uploads: { picture } });
    await chosen;
    expect(read).toEqual(['1:1', ['3'], false]);

    await open();
    const refusals: [Parameters<FakeDiscord['submitModal']>[0], RegExp][] = [
      [{ ...base, choices: { ratio: '4:3' }, uploads: { picture } }, /"4:3" is not an option of "ratio"/],
      [{ ...base, choices: { length: ['3', '4'] }, uploads: { picture } }, /"length" takes 1-1 values, not 2/],
      [{ ...base, choices: { sound: 'yes' }, uploads: { picture } }, /"sound" is ticked or not/],
      [{ ...base }, /"picture" needs a file/],
      [{ ...base, uploads: { picture: [...picture, ...picture] } }, /"picture" takes 1-1 files, not 2/],
      [{ ...base, fields: { ratio: '1:1' }, uploads: { picture } }, /no field "ratio" of that kind/],
    ];
    for (const [input, expected] of refusals) expect(() => discord.submitModal(input)).toThrow(expected);
  });

  it('refuses a modal Discord would refuse: too many fields, bad choices, duplicate ids, long labels', async () => {
    const { client, discord, seed } = await connect();
    const label = (id: string, extra: Record<string, unknown> = {}) => ({
      type: 18,
      label: 'Field',
      component: { type: 4, custom_id: id, style: 1 },
      ...extra,
    });
    const radio = (options: number, defaults = 0) => ({
      type: 18,
      label: 'Pick',
      component: {
        type: 21,
        custom_id: 'r',
        options: Array.from({ length: options }, (_, i) => ({
          value: `v${i}`,
          label: `v${i}`,
          ...(i < defaults ? { default: true } : {}),
        })),
      },
    });
    const bad: [string, unknown[]][] = [
      ['six top-level components', ['a', 'b', 'c', 'd', 'e', 'f'].map((id) => label(id))],
      ['a radio group of one option', [radio(1)]],
      ['a radio group of eleven options', [radio(11)]],
      ['a radio group with two defaults', [radio(3, 2)]],
      ['a select of no options', [{ type: 18, label: 'S', component: { type: 3, custom_id: 's', options: [] } }]],
      ['a file upload of eleven files', [{ type: 18, label: 'F', component: { type: 19, custom_id: 'f', max_values: 11 } }]],
      ['a label of 46 characters', [label('a', { label: 'x'.repeat(46) })]],
      ['a description of 101 characters', [label('a', { description: 'x'.repeat(101) })]],
      ['a custom id used twice', [label('a'), label('a')]],
      ['a button in a label', [{ type: 18, label: 'B', component: { type: 2, custom_id: 'b', style: 1, label: 'B' } }]],
      ['an empty text display', [{ type: 10, content: '' }]],
    ];
    for (const [what, components] of bad) {
      const shown = new Promise<unknown>((resolve) => {
        client.once(Events.InteractionCreate, async (interaction) => {
          if (!interaction.isChatInputCommand()) return;
          try {
            await interaction.showModal({ custom_id: 'm', title: 'T', components } as never);
            resolve(undefined);
          } catch (error) {
            resolve(error);
          }
        });
      });
      discord.slashCommand({ guildId: seed.guildId, channelId: seed.generalChannelId, userId: seed.requesterId, name: 'video' });
      const error = await shown;
      expect(error, what).toBeInstanceOf(DiscordAPIError);
      expect((error as DiscordAPIError).code, what).toBe(50035);
    }
  });

  it('answers a classic action-row modal opened from a button with the message attached', async () => {
    const { client, discord, seed } = await connect();
    const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
      new ButtonBuilder().setCustomId('job:9:retry').setLabel('Retry').setStyle(ButtonStyle.Primary),
    );
    const message = await textChannel(client, seed.generalChannelId).send({ content: 'Failed', components: [row] });
    const shown = handleNext(client, async (interaction) => {
      if (!interaction.isButton()) throw new Error('expected a button');
      await interaction.showModal({
        custom_id: 'job:9:retry-modal',
        title: 'Retry',
        components: [{ type: 1, components: [{ type: 4, custom_id: 'prompt', label: 'Prompt', style: 1, value: 'old prompt' }] }],
      });
    });
    discord.clickButton({ channelId: seed.generalChannelId, messageId: message.id, customId: 'job:9:retry', userId: seed.requesterId });
    await shown;

    const submitted = handleNext(client, async (interaction) => {
      if (!interaction.isModalSubmit()) throw new Error('expected a modal submission');
      expect(interaction.message?.id).toBe(message.id);
      expect(interaction.fields.getTextInputValue('prompt')).toBe('new prompt');
      await interaction.deferUpdate();
    });
    const submission = discord.submitModal({
      channelId: seed.generalChannelId,
      userId: seed.requesterId,
      customId: 'job:9:retry-modal',
      fields: { prompt: 'new prompt' },
    });
    await submitted;

    expect(submission.payload.data).toMatchObject({ components: [{ type: 1, components: [{ type: 4, value: 'new prompt' }] }] });
    expect(await submission.response()).toMatchObject({ type: 6, messageId: message.id });
  });

  it('pings nobody for @everyone under allowedMentions { parse: [] }, and everyone without it', async () => {
    const { client, discord, seed } = await connect();
    const channel = textChannel(client, seed.generalChannelId);

    const muted = await channel.send({ content: `@everyone <@${seed.requesterId}> done`, allowedMentions: { parse: [] } });
    const targeted = await channel.send({
      content: `@everyone <@${seed.requesterId}> <@${seed.otherMemberId}> done`,
      allowedMentions: { users: [seed.requesterId] },
    });
    const loud = await channel.send(`@everyone <@${seed.requesterId}> done`);

    expect(discord.message(seed.generalChannelId, muted.id)?.pinged).toEqual({ users: [], roles: [], everyone: false });
    expect(discord.message(seed.generalChannelId, targeted.id)?.pinged).toEqual({
      users: [seed.requesterId],
      roles: [],
      everyone: false,
    });
    expect(discord.message(seed.generalChannelId, loud.id)?.pinged).toEqual({
      users: [seed.requesterId],
      roles: [],
      everyone: true,
    });
    expect(loud.mentions.everyone).toBe(true);
    expect(muted.mentions.everyone).toBe(false);
  });

  it('returns the first message again when an enforced nonce repeats', async () => {
    const { client, discord, seed } = await connect();
    const channel = textChannel(client, seed.showcaseChannelId);

    const first = await channel.send({ content: 'Video ready', nonce: 'job-42', enforceNonce: true });
    const retried = await channel.send({ content: 'Video ready', nonce: 'job-42', enforceNonce: true });
    const unenforced = await channel.send({ content: 'Video ready', nonce: 'job-42' });

    const tooLong = rejection(channel.send({ content: 'Video ready', nonce: randomUUID(), enforceNonce: true }));

    expect(retried.id).toBe(first.id);
    expect(unenforced.id).not.toBe(first.id);
    expect(discord.messages(seed.showcaseChannelId)).toHaveLength(2);
    // Discord caps nonces at 25 characters.
    expect(await tooLong).toMatchObject({ status: 400, code: 50035 });
  });

  it('carries out a request whose answer is lost, and discord.js sends it again', async () => {
    const { client, discord, seed } = await connect();
    const channel = textChannel(client, seed.showcaseChannelId);
    discord.loseAnswerNext({ method: 'POST', path: /^\/channels\/\d+\/messages$/ });

    // Without a nonce the resend is a second message, as on Discord after a reset connection.
    const sent = await channel.send('posted twice');
    discord.loseAnswerNext({ method: 'POST', path: /^\/channels\/\d+\/messages$/ });
    const guarded = await channel.send({ content: 'posted once', nonce: 'card-7', enforceNonce: true });

    const posts = discord.requests.filter((request) => request.method === 'POST' && request.path.endsWith('/messages'));
    expect(posts.map((request) => request.answerLost ?? false)).toEqual([true, false, true, false]);
    const stored = discord.messages(seed.showcaseChannelId).map((message) => message.content);
    expect(stored.filter((content) => content === 'posted twice')).toHaveLength(2);
    expect(stored.filter((content) => content === 'posted once')).toHaveLength(1);
    expect(discord.message(seed.showcaseChannelId, sent.id)?.content).toBe('posted twice');
    expect(discord.message(seed.showcaseChannelId, guarded.id)?.content).toBe('posted once');
  });

  it('keeps a DM once per enforced nonce, lets the bot delete it, and refuses closed DMs', async () => {
    const { client, discord, seed } = await connect();
    const dm = (await client.rest.post(Routes.userChannels(), { body: { recipient_id: seed.requesterId } })) as { id: string };
    const send = (nonce: string) =>
      client.rest.post(Routes.channelMessages(dm.id), { body: { content: 'your video', nonce, enforce_nonce: true } }) as Promise<{
        id: string;
      }>;

    const first = await send('dm-1');
    const again = await send('dm-1');
    const other = await send('dm-2');
    expect(again.id).toBe(first.id);
    expect(other.id).not.toBe(first.id);
    await client.rest.delete(Routes.channelMessage(dm.id, first.id));
    expect(discord.directMessages(seed.requesterId).map((m) => [m.id, m.deleted ?? false])).toEqual([
      [first.id, true],
      [other.id, false],
    ]);
    expect(await rejection(client.rest.delete(Routes.channelMessage(dm.id, first.id)))).toMatchObject({ status: 404, code: 10008 });
    discord.refuseDms(seed.requesterId);
    expect(await rejection(send('dm-3'))).toMatchObject({ code: 50007 });
  });

  it('holds matching requests back while slowed down, and no longer once undone', async () => {
    const { client, discord, seed } = await connect();
    const channel = textChannel(client, seed.showcaseChannelId);
    const undo = discord.slowDown({ method: 'POST', path: /^\/channels\/\d+\/messages$/, delayMs: 300 });

    let started = Date.now();
    await channel.send('slow');
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    // Other routes are not held.
    started = Date.now();
    await client.rest.get(Routes.channel(seed.showcaseChannelId));
    expect(Date.now() - started).toBeLessThan(250);

    undo();
    started = Date.now();
    await channel.send('fast again');
    expect(Date.now() - started).toBeLessThan(250);
  });

  it('lets discord.js wait out a 429 and retry successfully', async () => {
    const { client, discord, seed } = await connect();
    discord.failNext({ method: 'POST', path: /^\/channels\/\d+\/messages$/, status: 429, retryAfterSeconds: 0.2 });
    const started = Date.now();

    const sent = await textChannel(client, seed.showcaseChannelId).send('after the rate limit');

    expect(Date.now() - started).toBeGreaterThanOrEqual(200);
    const attempts = discord.requests.filter((request) => request.method === 'POST' && request.path.endsWith('/messages'));
    expect(attempts.map((request) => request.status)).toEqual([429, 200]);
    expect(discord.message(seed.showcaseChannelId, sent.id)?.content).toBe('after the rate limit');
  });

  it('after a resumable disconnect the client RESUMEs, gets missed events replayed, and interactions keep arriving', async () => {
    const { client, discord, seed } = await connect();
    const names: string[] = [];
    const answer = async (interaction: Interaction) => {
      if (!interaction.isChatInputCommand()) throw new Error('expected a command');
      names.push(interaction.commandName);
      await interaction.reply({ content: 'ok', flags: MessageFlags.Ephemeral });
    };

    discord.disconnectGateway({ resumable: true });
    const duringOutage = handleNext(client, answer);
    // Sent while the socket is down: it waits in the session and is replayed on RESUME.
    const missed = discord.slashCommand({
      guildId: seed.guildId,
      channelId: seed.generalChannelId,
      userId: seed.requesterId,
      name: 'status',
    });
    await duringOutage;
    await discord.waitFor(() => discord.gatewayStatus().resumes === 1, { description: 'a RESUME' });
    const afterwards = handleNext(client, answer);
    const later = discord.slashCommand({
      guildId: seed.guildId,
      channelId: seed.generalChannelId,
      userId: seed.requesterId,
      name: 'queue',
    });
    await afterwards;

    expect(names).toEqual(['status', 'queue']);
    expect(await missed.response()).toMatchObject({ type: 4 });
    expect(await later.response()).toMatchObject({ type: 4 });
    expect(discord.gatewayStatus()).toEqual({ connected: true, identifies: 1, resumes: 1 });
  });

  it('answers a second callback with 40060 and a late one with 10062', async () => {
    const { client, discord, seed } = await connect({ interactionDeadlineMs: 100 });
    const codes: number[] = [];
    const handled = handleNext(client, async (interaction) => {
      if (!interaction.isChatInputCommand()) throw new Error('expected a command');
      await interaction.reply('first');
      const again = client.rest.post(Routes.interactionCallback(interaction.id, interaction.token), {
        body: { type: 4, data: { content: 'second' } },
        auth: false,
      });
      codes.push((await rejection(again)).code as number);
    });
    discord.slashCommand({ guildId: seed.guildId, channelId: seed.generalChannelId, userId: seed.requesterId, name: 'status' });
    await handled;

    const late = handleNext(client, async (interaction) => {
      if (!interaction.isChatInputCommand()) throw new Error('expected a command');
      await new Promise((resolve) => setTimeout(resolve, 150));
      codes.push((await rejection(interaction.deferReply())).code as number);
    });
    discord.slashCommand({ guildId: seed.guildId, channelId: seed.generalChannelId, userId: seed.requesterId, name: 'status' });
    await late;

    expect(codes).toEqual([40060, 10062]);
  });

  it('answers webhook calls with an expired token with 401 Invalid Webhook Token (50027)', async () => {
    const { client, discord, seed } = await connect();
    const handled = handleNext(client, async (interaction) => {
      if (!interaction.isChatInputCommand()) throw new Error('expected a command');
      await interaction.deferReply();
      discord.expireInteractionTokens();
      const error = await rejection(interaction.editReply('too late'));
      expect(error).toMatchObject({ status: 401, code: 50027 });
    });
    discord.slashCommand({ guildId: seed.guildId, channelId: seed.generalChannelId, userId: seed.requesterId, name: 'status' });
    await handled;
  });

  it('lets the first followUp after a deferral replace the "thinking" message (Discord quirk)', async () => {
    const { client, discord, seed } = await connect();
    const handled = handleNext(client, async (interaction) => {
      if (!interaction.isChatInputCommand()) throw new Error('expected a command');
      await interaction.deferReply();
      await interaction.followUp({ content: `<@${seed.requesterId}> your video is ready` });
      await interaction.followUp({ content: 'one more thing', flags: MessageFlags.Ephemeral });
    });
    const command = discord.slashCommand({
      guildId: seed.guildId,
      channelId: seed.generalChannelId,
      userId: seed.requesterId,
      name: 'video',
    });
    await handled;

    const messages = discord.messages(seed.generalChannelId);
    expect(messages.map((m) => [m.content, m.flags])).toEqual([
      [`<@${seed.requesterId}> your video is ready`, 0],
      ['one more thing', MessageFlags.Ephemeral],
    ]);
    expect(messages[0]?.id).toBe(command.originalMessageId());
    // The placeholder pings when its real content arrives, not when "thinking" appears.
    expect(messages[0]?.pinged.users).toEqual([seed.requesterId]);
  });

  it('answers 404 Unknown Channel (10003) after deleteChannel, and the client drops it from its cache', async () => {
    const { client, discord, seed } = await connect();
    const channel = textChannel(client, seed.showcaseChannelId);
    const deleted = new Promise<string>((resolve) => client.once(Events.ChannelDelete, (c) => resolve(c.id)));

    discord.deleteChannel(seed.showcaseChannelId);

    expect(await deleted).toBe(seed.showcaseChannelId);
    expect(await rejection(channel.send('anyone there?'))).toMatchObject({ status: 404, code: 10003 });
  });

  it('unarchives a thread when the bot posts, but refuses a locked one with 50083', async () => {
    const { client, discord, seed } = await connect();
    const message = await textChannel(client, seed.showcaseChannelId).send('Render finished');
    const thread = await message.startThread({ name: 'Render #2' });

    discord.archiveThread(thread.id);
    await thread.send('still here');
    expect(discord.channel(thread.id)?.thread?.archived).toBe(false);

    discord.archiveThread(thread.id, { locked: true });
    discord.setBotPermissions(seed.guildId, PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessagesInThreads);
    expect(await rejection(thread.send('locked out'))).toMatchObject({ status: 400, code: 50083 });
  });

  it('registers commands with a bulk overwrite, keeps ids stable, and routes interactions to them', async () => {
    const { client, discord, seed } = await connect();
    const definition: ChatInputApplicationCommandData = {
      name: 'video',
      description: 'Generate a video',
      options: [{ type: ApplicationCommandOptionType.String, name: 'prompt', description: 'What to film', required: true }],
    };

    const first = await client.application?.commands.set([definition], seed.guildId);
    const second = await client.application?.commands.set([definition], seed.guildId);
    const invalid = rejection(
      client.rest.put(Routes.applicationGuildCommands(APPLICATION_ID, seed.guildId), {
        body: [{ name: 'Video Now', description: '' }],
      }),
    );

    const id = first?.first()?.id;
    expect(second?.first()?.id).toBe(id);
    expect(discord.commands(seed.guildId)).toMatchObject([{ id, name: 'video', guild_id: seed.guildId }]);
    expect(await invalid).toMatchObject({ status: 400, code: 50035 });
    const handled = handleNext(client, async (interaction) => {
      if (!interaction.isChatInputCommand()) throw new Error('expected a command');
      expect(interaction.commandId).toBe(id);
      await interaction.reply('ok');
    });
    discord.slashCommand({
      guildId: seed.guildId,
      channelId: seed.generalChannelId,
      userId: seed.moderatorId,
      name: 'video',
      options: [{ type: ApplicationCommandOptionType.String, name: 'prompt', value: 'a fox' }],
    });
    await handled;
  });

  it('fetches members with their roles and reports per-member permissions in interactions', async () => {
    const { client, discord, seed } = await connect();
    const member = await client.guilds.cache.get(seed.guildId)?.members.fetch(seed.moderatorId);
    expect(member?.roles.cache.has(seed.moderatorRoleId)).toBe(true);

    const handled = handleNext(client, async (interaction) => {
      if (!interaction.isChatInputCommand()) throw new Error('expected a command');
      expect(interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild)).toBe(true);
      expect(interaction.memberPermissions?.has(PermissionFlagsBits.ManageMessages)).toBe(false);
      expect(interaction.appPermissions.has(PermissionFlagsBits.AttachFiles)).toBe(true);
      await interaction.reply({ content: 'admin ok', flags: MessageFlags.Ephemeral });
    });
    discord.slashCommand({ guildId: seed.guildId, channelId: seed.generalChannelId, userId: seed.adminId, name: 'admin' });
    await handled;
  });
});

describe('more of what Discord does', () => {
  it('creates forum posts whose starter message shares the thread id', async () => {
    const { client, discord, seed } = await connect();
    const forum = discord.addForumChannel(seed.guildId, { name: 'gallery' });
    const cached = await client.channels.fetch(forum.id);
    if (cached?.type !== ChannelType.GuildForum) throw new Error('expected a forum');

    const post = await cached.threads.create({
      name: 'Sunset timelapse',
      message: { content: 'Prompt: a sunset', files: [{ attachment: Buffer.from('mp4'), name: 'sunset.mp4' }] },
    });

    expect(discord.messages(post.id)).toMatchObject([{ id: post.id, content: 'Prompt: a sunset' }]);
    expect(discord.messages(post.id)[0]?.attachments[0]?.filename).toBe('sunset.mp4');
  });

  it('returns the callback resource with withResponse, and resolves attachment and user options', async () => {
    const { client, discord, seed } = await connect();
    const image = discord.uploadUserAttachment(seed.generalChannelId, {
      filename: 'start.png',
      bytes: Buffer.from('png-bytes'),
      contentType: 'image/png',
    });
    const handled = handleNext(client, async (interaction) => {
      if (!interaction.isChatInputCommand()) throw new Error('expected a command');
      const attachment = interaction.options.getAttachment('image', true);
      expect(attachment).toMatchObject({ name: 'start.png', contentType: 'image/png', size: 9 });
      expect(Buffer.from(await (await fetch(attachment.url)).arrayBuffer()).toString()).toBe('png-bytes');
      expect(interaction.options.getUser('for')?.id).toBe(seed.otherMemberId);
      const response = await interaction.reply({ content: 'Starting', withResponse: true });
      expect(response.resource?.message?.content).toBe('Starting');
      expect(response.interaction.responseMessageEphemeral).toBe(false);
    });

    discord.slashCommand({
      guildId: seed.guildId,
      channelId: seed.generalChannelId,
      userId: seed.requesterId,
      name: 'animate',
      options: [
        { type: ApplicationCommandOptionType.Attachment, name: 'image', value: image.id },
        { type: ApplicationCommandOptionType.User, name: 'for', value: seed.otherMemberId },
      ],
    });
    await handled;
  });

  it('rejects a message over 2000 characters with 50035 and an empty one with 50006', async () => {
    const { client, seed } = await connect();
    const channel = textChannel(client, seed.generalChannelId);

    expect(await rejection(channel.send('x'.repeat(2001)))).toMatchObject({ status: 400, code: 50035 });
    expect(await rejection(channel.send({ content: '   ' }))).toMatchObject({ status: 400, code: 50006 });
  });

  it('retries a 500 once (rest retries: 1), edits, lists and deletes messages', async () => {
    const { client, discord, seed } = await connect();
    const channel = textChannel(client, seed.generalChannelId);
    const first = await channel.send('one');
    await channel.send('two');
    discord.failNext({ method: 'PATCH', path: /\/messages\/\d+$/, status: 500 });

    await first.edit('one (edited)');
    const listed = await channel.messages.fetch({ limit: 10 });
    await first.delete();

    expect([...listed.values()].map((m) => m.content)).toEqual(['two', 'one (edited)']);
    expect(discord.message(seed.generalChannelId, first.id)).toMatchObject({ edits: 1, deleted: true });
    expect(await rejection(channel.messages.fetch({ message: first.id, force: true }))).toMatchObject({ status: 404, code: 10008 });
  });

  it('dispatches GUILD_CREATE for a guild added after login, and re-identifies after an invalid session', async () => {
    const { client, discord } = await connect();
    const joined = new Promise<string>((resolve) => client.once(Events.GuildCreate, (guild) => resolve(guild.id)));

    const guild = discord.addGuild({ name: 'Second server' });
    discord.addTextChannel(guild.id, { name: 'renders' });

    expect(await joined).toBe(guild.id);
    await discord.waitFor(() => client.channels.cache.find((c) => 'name' in c && c.name === 'renders'));
    // discord.js hangs in destroy() if it is torn down mid-handshake, so wait for the shard to be ready again.
    const readyAgain = new Promise<void>((resolve) => client.once(Events.ShardReady, () => resolve()));
    discord.disconnectGateway({ resumable: false });
    await readyAgain;
    expect(discord.gatewayStatus()).toMatchObject({ connected: true, identifies: 2, resumes: 0 });
  }, 15_000);

  it('acknowledges heartbeats, so discord.js measures a ping instead of declaring a zombie connection', async () => {
    const { client, discord } = await connect({ heartbeatIntervalMs: 50 });

    await discord.waitFor(() => client.ws.ping >= 0, { description: 'a heartbeat ACK' });

    expect(discord.gatewayStatus()).toEqual({ connected: true, identifies: 1, resumes: 0 });
  });

  it('routes a string select menu to the bot', async () => {
    const { client, discord, seed } = await connect();
    const message = await textChannel(client, seed.generalChannelId).send({
      content: 'Pick a duration',
      components: [
        {
          type: 1,
          components: [
            {
              type: 3,
              custom_id: 'duration',
              options: [
                { label: '5 s', value: '5' },
                { label: '10 s', value: '10' },
              ],
            },
          ],
        },
      ],
    });
    const handled = handleNext(client, async (interaction) => {
      if (!interaction.isStringSelectMenu()) throw new Error('expected a select menu');
      expect(interaction.values).toEqual(['10']);
      await interaction.update({ content: 'Duration: 10 s', components: [] });
    });

    discord.selectMenu({
      channelId: seed.generalChannelId,
      messageId: message.id,
      customId: 'duration',
      userId: seed.requesterId,
      values: ['10'],
    });
    await handled;

    expect(discord.message(seed.generalChannelId, message.id)?.content).toBe('Duration: 10 s');
  });
});
