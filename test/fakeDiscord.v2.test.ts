/**
 * The loopback Discord's rules for components-v2 messages, over real HTTP with discord.js's REST
 * client: what Discord refuses, the fake refuses, so a bot that passes here passes there.
 */
import { DiscordAPIError, REST, Routes } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { type DefaultSeed, type FakeDiscord, startFakeDiscord } from '../testkit/discord/index.js';

const TOKEN = 'fake-token';
const V2 = 1 << 15;

let discord: FakeDiscord | undefined;
afterEach(async () => {
  await discord?.close();
  discord = undefined;
});

async function start(): Promise<{ rest: REST; seed: DefaultSeed; fake: FakeDiscord }> {
  const fake = await startFakeDiscord({ botToken: TOKEN, applicationId: '1000' });
  discord = fake;
  const seed = fake.seedDefault();
  const rest = new REST({ api: fake.apiBase, retries: 0, timeout: 5000 }).setToken(TOKEN);
  return { rest, seed, fake };
}

/**
 * The refusal, its form errors as Discord sent them: discord.js's own message leaves out the
 * errors nested under a path that has errors of its own.
 */
async function refusal(promise: Promise<unknown>): Promise<{ status: number; code: number | string; message: string }> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof DiscordAPIError)) throw new Error(`expected a DiscordAPIError, got ${String(error)}`);
  return { status: error.status, code: error.code, message: JSON.stringify(error.rawError) };
}

const text = (content: string) => ({ type: 10, content });
const row = (...ids: string[]) => ({ type: 1, components: ids.map((custom_id) => ({ type: 2, style: 2, label: 'Go', custom_id })) });
const container = (...components: unknown[]) => ({ type: 17, components });

describe('fake Discord: components-v2 messages', () => {
  it('takes a card of a container, a section with a thumbnail, a gallery of an uploaded file and a row of buttons', async () => {
    const { rest, seed, fake } = await start();
    const body = {
      flags: V2,
      components: [
        container(
          text(`<@${seed.requesterId}> hello`),
          { type: 9, components: [text('a section')], accessory: { type: 11, media: { url: 'https://cdn.example.com/p.png' } } },
          { type: 12, items: [{ media: { url: 'attachment://clip.mp4' }, description: 'a clip' }] },
          { type: 14, divider: true, spacing: 1 },
          row('a', 'b'),
        ),
      ],
      allowed_mentions: { parse: [], users: [seed.requesterId] },
      attachments: [{ id: 0, filename: 'clip.mp4' }],
    };
    const sent = (await rest.post(Routes.channelMessages(seed.generalChannelId), {
      body,
      files: [{ name: 'clip.mp4', data: Buffer.from('video bytes'), contentType: 'video/mp4' }],
    })) as { id: string; components: { components: { items?: { media: { url: string; attachment_id?: string } }[] }[] }[] };
    const stored = fake.message(seed.generalChannelId, sent.id);
    expect((stored?.flags ?? 0) & V2).toBe(V2);
    expect(stored?.attachments.map((a) => a.filename)).toEqual(['clip.mp4']);
    // Mentions come from the text displays, and allowed_mentions applies as for content.
    expect(stored?.pinged.users).toEqual([seed.requesterId]);
    // Discord echoes the reference as the file's link, with the attachment's id.
    const media = sent.components[0]?.components[2]?.items?.[0]?.media;
    expect(media?.attachment_id).toBe(stored?.attachments[0]?.id);
    expect(media?.url).toContain('/clip.mp4');
  });

  it('refuses content or embeds beside the flag', async () => {
    const { rest, seed } = await start();
    const post = (extra: object) =>
      refusal(rest.post(Routes.channelMessages(seed.generalChannelId), { body: { flags: V2, components: [text('x')], ...extra } }));
    expect((await post({ content: 'hi' })).message).toContain('MESSAGE_CANNOT_USE_LEGACY_FIELDS_WITH_COMPONENTS_V2');
    expect((await post({ embeds: [{ description: 'd' }] })).message).toContain('MESSAGE_CANNOT_USE_LEGACY_FIELDS_WITH_COMPONENTS_V2');
  });

  it('counts nested components against the 40 and text displays against 4,000 each and in all', async () => {
    const { rest, seed } = await start();
    const post = (components: unknown[]) => rest.post(Routes.channelMessages(seed.generalChannelId), { body: { flags: V2, components } });
    // 1 container + 39 text displays = 40: allowed; one more is not.
    await post([container(...Array.from({ length: 39 }, (_, i) => text(`line ${i}`)))]);
    const tooMany = await refusal(post([container(...Array.from({ length: 40 }, (_, i) => text(`line ${i}`)))]));
    expect(tooMany).toMatchObject({ status: 400, code: 50035 });
    expect(tooMany.message).toContain('MESSAGE_COMPONENTS_TOO_MANY');

    expect((await refusal(post([text('x'.repeat(4001))]))).message).toContain('BASE_TYPE_BAD_LENGTH');
    expect((await refusal(post([text('')]))).message).toContain('BASE_TYPE_BAD_LENGTH');
    await post([text('x'.repeat(4000))]);
    const together = await refusal(post([text('x'.repeat(2000)), container(text('y'.repeat(2001)))]));
    expect(together.message).toContain('MESSAGE_TEXT_DISPLAY_TOTAL_LENGTH_EXCEEDED');
  });

  it('allows only the components Discord allows at each level', async () => {
    const { rest, seed } = await start();
    const post = (components: unknown[]) =>
      refusal(rest.post(Routes.channelMessages(seed.generalChannelId), { body: { flags: V2, components } }));
    // A thumbnail stands only as a section's accessory; a container holds no container; a button lives in a row.
    expect((await post([{ type: 11, media: { url: 'https://cdn.example.com/p.png' } }])).message).toContain('UNION_TYPE_CHOICES');
    expect((await post([container(container(text('x')))])).message).toContain('UNION_TYPE_CHOICES');
    expect((await post([container({ type: 2, style: 2, label: 'x', custom_id: 'x' })])).message).toContain('UNION_TYPE_CHOICES');
    expect((await post([{ type: 1, components: [text('x')] }])).message).toContain('UNION_TYPE_CHOICES');
    expect((await post([container()])).message).toContain('BASE_TYPE_BAD_LENGTH');
  });

  it('wants a section of one to three text displays and an accessory', async () => {
    const { rest, seed } = await start();
    const post = (section: object) =>
      refusal(rest.post(Routes.channelMessages(seed.generalChannelId), { body: { flags: V2, components: [{ type: 9, ...section }] } }));
    const thumbnail = { type: 11, media: { url: 'https://cdn.example.com/p.png' } };
    expect((await post({ components: [text('a')] })).message).toMatch(/"accessory":\{"_errors":\[\{"code":"BASE_TYPE_REQUIRED"/);
    expect((await post({ components: [], accessory: thumbnail })).message).toContain('BASE_TYPE_BAD_LENGTH');
    expect((await post({ components: [text('a'), text('b'), text('c'), text('d')], accessory: thumbnail })).message).toContain(
      'BASE_TYPE_BAD_LENGTH',
    );
    expect((await post({ components: [row('x')], accessory: thumbnail })).message).toContain('UNION_TYPE_CHOICES');
  });

  it('wants a gallery of 1 to 10 items whose attachment:// names a file of the same message', async () => {
    const { rest, seed } = await start();
    const post = (items: unknown[], files: string[] = []) =>
      rest.post(Routes.channelMessages(seed.generalChannelId), {
        body: { flags: V2, components: [{ type: 12, items }], attachments: files.map((filename, id) => ({ id, filename })) },
        files: files.map((name) => ({ name, data: Buffer.from(name), contentType: 'video/mp4' })),
      });
    const item = (url: string) => ({ media: { url } });
    expect((await refusal(post([]))).message).toContain('BASE_TYPE_BAD_LENGTH');
    expect((await refusal(post(Array.from({ length: 11 }, () => item('https://cdn.example.com/v.mp4'))))).message).toContain(
      'BASE_TYPE_BAD_LENGTH',
    );
    expect((await refusal(post([item('attachment://missing.mp4')], ['other.mp4']))).message).toContain(
      'UNFURLED_MEDIA_ITEM_ATTACHMENT_NOT_FOUND',
    );
    await post([item('attachment://clip.mp4')], ['clip.mp4']);
  });

  it('caps buttons at five a row and labels at 80, and wants custom ids unique across the whole message', async () => {
    const { rest, seed } = await start();
    const post = (components: unknown[]) =>
      refusal(rest.post(Routes.channelMessages(seed.generalChannelId), { body: { flags: V2, components } }));
    expect((await post([container(row('1', '2', '3', '4', '5', '6'))])).message).toContain('BASE_TYPE_BAD_LENGTH');
    const long = { type: 1, components: [{ type: 2, style: 2, label: 'x'.repeat(81), custom_id: 'a' }] };
    expect((await post([long])).message).toContain('BASE_TYPE_MAX_LENGTH');
    // The same id in two rows, one of them inside a container.
    expect((await post([row('same'), container(row('same'))])).message).toContain('COMPONENT_CUSTOM_ID_DUPLICATED');
  });

  it('lets an edit set the flag on a classic message only with its content and embeds emptied, and never take it off', async () => {
    const { rest, seed, fake } = await start();
    const classic = (await rest.post(Routes.channelMessages(seed.generalChannelId), {
      body: { content: 'old card', embeds: [{ description: 'old' }] },
    })) as { id: string };
    const route = Routes.channelMessage(seed.generalChannelId, classic.id);
    const edit = (body: object) => rest.patch(route, { body });
    expect((await refusal(edit({ flags: V2, components: [text('new')] }))).message).toContain(
      'MESSAGE_CANNOT_USE_LEGACY_FIELDS_WITH_COMPONENTS_V2',
    );
    expect((await refusal(edit({ flags: V2, content: null, components: [text('new')] }))).message).toContain('embeds');
    await edit({ flags: V2, content: null, embeds: [], components: [text('new')] });
    const upgraded = fake.message(seed.generalChannelId, classic.id);
    expect((upgraded?.flags ?? 0) & V2).toBe(V2);
    expect(upgraded?.content).toBe('');
    expect(upgraded?.embeds).toEqual([]);

    // Without the flag in the body the message stays v2, so its rules still apply.
    expect((await refusal(edit({ content: 'plain again' }))).message).toContain('MESSAGE_CANNOT_USE_LEGACY_FIELDS_WITH_COMPONENTS_V2');
    expect((await refusal(edit({ flags: 0 }))).message).toContain('MESSAGE_CANNOT_REMOVE_COMPONENTS_V2_FLAG');
    expect((await refusal(edit({ components: [text('x'.repeat(4001))] }))).message).toContain('BASE_TYPE_BAD_LENGTH');
  });

  it('resolves attachment:// on edit against the attachments the message keeps', async () => {
    const { rest, seed } = await start();
    const sent = (await rest.post(Routes.channelMessages(seed.generalChannelId), {
      body: {
        flags: V2,
        components: [{ type: 12, items: [{ media: { url: 'attachment://clip.mp4' } }] }],
        attachments: [{ id: 0, filename: 'clip.mp4' }],
      },
      files: [{ name: 'clip.mp4', data: Buffer.from('v'), contentType: 'video/mp4' }],
    })) as { id: string; attachments: { id: string }[] };
    const route = Routes.channelMessage(seed.generalChannelId, sent.id);
    const gallery = { flags: V2, components: [{ type: 12, items: [{ media: { url: 'attachment://clip.mp4' } }] }, text('edited')] };
    // Kept without an attachments field, or when listed; gone when the edit drops it.
    await rest.patch(route, { body: gallery });
    await rest.patch(route, { body: { ...gallery, attachments: [{ id: sent.attachments[0]?.id }] } });
    expect((await refusal(rest.patch(route, { body: { ...gallery, attachments: [] } }))).message).toContain(
      'UNFURLED_MEDIA_ITEM_ATTACHMENT_NOT_FOUND',
    );
  });

  it('parses the mentions of a v2 message from its text displays, with allowed_mentions as for content', async () => {
    const { rest, seed, fake } = await start();
    const post = async (allowed?: object) => {
      const sent = (await rest.post(Routes.channelMessages(seed.generalChannelId), {
        body: {
          flags: V2,
          components: [container(text(`<@${seed.requesterId}> and <@${seed.otherMemberId}>`), text('@everyone'))],
          ...(allowed ? { allowed_mentions: allowed } : {}),
        },
      })) as { id: string };
      return fake.message(seed.generalChannelId, sent.id)?.pinged;
    };
    expect(await post({ parse: [], users: [seed.requesterId] })).toEqual({ users: [seed.requesterId], roles: [], everyone: false });
    expect(await post({ parse: [] })).toEqual({ users: [], roles: [], everyone: false });
    expect((await post())?.users.sort()).toEqual([seed.requesterId, seed.otherMemberId].sort());
  });
});
