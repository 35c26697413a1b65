/**
 * The member's language end to end: ephemeral answers follow the interaction's `locale`, public
 * messages the server's (`guild_locale`, or the language a manager set).
 */
import type { APIApplicationCommandInteractionDataOption } from 'discord.js';
import { Locale } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { startWorld, toOptions, type World } from '../testkit/world/botWorld.js';
import { answerText, buttonsOf, fieldsOf, promptOf, submitsTo, textOf } from './helpers/inspect.js';

function video(world: World, locale: Locale, options: Record<string, string | number | boolean>) {
  return world.discord.slashCommand({
    guildId: world.seed.guildId,
    channelId: world.seed.generalChannelId,
    userId: world.seed.requesterId,
    name: 'video',
    locale,
    options: [{ type: 1, name: 'create', options: toOptions(options) } as APIApplicationCommandInteractionDataOption],
  });
}

function command(world: World, userId: string, name: string, sub: string, locale: Locale, options: Record<string, string> = {}) {
  return world.discord.slashCommand({
    guildId: world.seed.guildId,
    channelId: world.seed.generalChannelId,
    userId,
    name,
    locale,
    options: [{ type: 1, name: sub, options: toOptions(options) } as APIApplicationCommandInteractionDataOption],
  });
}

describe('languages end to end', () => {
  let world: World;
  afterEach(async () => {
    await world?.stop();
  });

  it('answers a German member in German while the card in an English server stays English', async () => {
    world = await startWorld();
    const interaction = video(world, Locale.German, { prompt: 'ein Papierboot im Regen', duration: 5, sound: false });
    const answer = await answerText(interaction);
    expect(answer).toContain('Dein Video ist in der Warteschlange');
    expect(answer).toContain('0,56');

    const job = await world.waitForJob(() => true);
    const delivered = await world.waitDelivered(job.id);
    const card = world.discord.message(world.seed.generalChannelId, delivered.statusMessageId as string);
    const fields = fieldsOf(card);
    expect(fields['Requested by']).toBe(`<@${world.seed.requesterId}>`);
    expect(fields.Status).toContain('Done');
    expect(buttonsOf(card).map((b) => b.label)).toEqual(expect.arrayContaining(['Remix', 'Delete']));
    const final = world.discord.messages(delivered.threadId as string)[0];
    expect(textOf(final)).toContain('your video is ready!');
  });

  it('writes the card, the final message and its buttons in Japanese for a Japanese server, and answers a Japanese member in Japanese', async () => {
    world = await startWorld();
    world.discord.setGuildLocale(world.seed.guildId, Locale.Japanese);
    const answer = await answerText(video(world, Locale.Japanese, { prompt: 'a paper boat in the rain', duration: 5 }));
    expect(answer).toContain('キュー');

    const job = await world.waitForJob(() => true);
    const delivered = await world.waitDelivered(job.id);
    const card = world.discord.message(world.seed.generalChannelId, delivered.statusMessageId as string);
    // The prompt is shown as the member wrote it.
    expect(promptOf(card)).toBe('a paper boat in the rain');
    const names = Object.keys(fieldsOf(card));
    expect(names).toContain('リクエストした人');
    expect(buttonsOf(card).map((b) => b.label)).toContain('リミックス');
    const final = world.discord.messages(delivered.threadId as string)[0];
    expect(textOf(final)).toContain('動画ができました');
  });

  it('lets a manager set the language of public messages, whatever Discord says', async () => {
    world = await startWorld();
    const saved = await answerText(command(world, world.seed.ownerId, 'video-settings', 'language', Locale.EnglishUS, { language: 'de' }));
    expect(saved).toContain('Language of public messages: Deutsch');
    await answerText(video(world, Locale.EnglishUS, { prompt: 'a lighthouse at dusk', duration: 5 }));
    const job = await world.waitForJob(() => true);
    const delivered = await world.waitDelivered(job.id);
    const card = world.discord.message(world.seed.generalChannelId, delivered.statusMessageId as string);
    expect(Object.keys(fieldsOf(card))).toContain('Angefordert von');
    expect(textOf(world.discord.messages(delivered.threadId as string)[0])).toContain('dein Video ist fertig!');

    const back = await answerText(command(world, world.seed.ownerId, 'video-settings', 'language', Locale.German, { language: 'discord' }));
    expect(back).toContain('Sprache öffentlicher Nachrichten: die Discord-Sprache des Servers (English)');
  });

  it('tells a German member in German what is wrong with an option, and sends nothing', async () => {
    world = await startWorld();
    const answer = await answerText(video(world, Locale.German, { prompt: 'ein Papierboot', duration: 42 }));
    expect(answer).toBe('Deine Anfrage wurde nicht gesendet: Dauer: höchstens 15 Sekunden.');
    expect(submitsTo(world)).toEqual([]);
  });

  it('tells a French member in French which shot line of the form cannot be read', async () => {
    world = await startWorld();
    const { discord, seed } = world;
    const modal = await discord
      .slashCommand({
        guildId: seed.guildId,
        channelId: seed.generalChannelId,
        userId: seed.requesterId,
        name: 'video',
        locale: Locale.French,
        options: [{ type: 1, name: 'multishot' } as APIApplicationCommandInteractionDataOption],
      })
      .response();
    const answer = await answerText(
      discord.submitModal({
        guildId: seed.guildId,
        channelId: seed.generalChannelId,
        userId: seed.requesterId,
        locale: Locale.French,
        customId: String(modal.data?.custom_id),
        fields: { prompt: 'un renard', multi_prompt: 'cinq | un renard court\n5 | la neige tombe' },
      }),
    );
    expect(answer).toBe("Votre demande n'a pas été envoyée : ligne de plan 1 : « cinq » n’est pas un nombre entier de secondes.");
    expect(submitsTo(world)).toEqual([]);
  });

  it('tells a Spanish moderator in Spanish why a setting was not saved', async () => {
    world = await startWorld();
    const answer = await answerText(
      command(world, world.seed.ownerId, 'video-settings', 'blocked', Locale.SpanishES, { action: 'add', phrase: '?!' }),
    );
    expect(answer).toBe('No se guardaron los ajustes: Frase bloqueada 1: no tiene letras ni dígitos, así que nunca coincidiría con nada.');
  });

  it('refuses a Brazilian member in Portuguese, and a Japanese member in Japanese', async () => {
    world = await startWorld();
    await answerText(
      command(world, world.seed.ownerId, 'video-settings', 'blocked', Locale.EnglishUS, { action: 'add', phrase: 'dragon' }),
    );
    const portuguese = await answerText(video(world, Locale.PortugueseBR, { prompt: 'a red dragon', duration: 5 }));
    expect(portuguese).toContain('“dragon”');
    expect(portuguese).toContain('bloque');
    const japanese = await answerText(video(world, Locale.Japanese, { prompt: 'a red dragon', duration: 5 }));
    expect(japanese).toContain('「dragon」');
    expect(submitsTo(world)).toEqual([]);
  });

  it('answers a member whose locale the bot does not speak in English', async () => {
    world = await startWorld();
    const answer = await answerText(command(world, world.seed.requesterId, 'video', 'jobs', Locale.Korean));
    expect(answer).toBe('You have not made any videos here yet. Try `/video create`.');
  });
});
