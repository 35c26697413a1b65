/**
 * Registering the commands on start: an unchanged set writes nothing (several processes holding
 * shard 0 each run it on every start), and any change, a translation included, is sent.
 */
import { REST, type RESTPostAPIApplicationCommandsJSONBody, Routes } from 'discord.js';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { COMMAND_DEFINITIONS } from '../src/commandList.js';
import { registerCommands } from '../src/discord/registerCommands.js';
import { type FakeDiscord, startFakeDiscord } from '../testkit/discord/index.js';

const TOKEN = 'fake-token';
const APPLICATION_ID = '1000';
const logger = pino({ level: 'silent' });

let discord: FakeDiscord;
let rest: REST;

beforeEach(async () => {
  discord = await startFakeDiscord({ botToken: TOKEN, applicationId: APPLICATION_ID });
  discord.seedDefault();
  rest = new REST({ api: discord.apiBase, retries: 0, timeout: 5000 }).setToken(TOKEN);
});

afterEach(async () => {
  await discord.close();
});

const writes = () => discord.requests.filter((r) => r.method === 'PUT' && r.path.endsWith('/commands'));
const register = (commands: readonly RESTPostAPIApplicationCommandsJSONBody[]) =>
  registerCommands(rest, APPLICATION_ID, undefined, commands, logger);

/** The definitions with one change made on a copy. */
function changed(edit: (commands: Record<string, unknown>[]) => void): RESTPostAPIApplicationCommandsJSONBody[] {
  const copy = structuredClone(COMMAND_DEFINITIONS) as unknown as Record<string, unknown>[];
  edit(copy);
  return copy as unknown as RESTPostAPIApplicationCommandsJSONBody[];
}

describe('registering the commands', () => {
  it('writes the set once and nothing on the starts after, context-menu commands included', async () => {
    expect(await register(COMMAND_DEFINITIONS)).toBe('updated');
    expect(await register(COMMAND_DEFINITIONS)).toBe('unchanged');
    expect(await register(COMMAND_DEFINITIONS)).toBe('unchanged');
    expect(writes()).toHaveLength(1);
    // It read the translations back to compare them.
    const reads = discord.requests.filter((r) => r.method === 'GET' && r.path.endsWith('/commands'));
    expect(reads.map((r) => r.query.with_localizations)).toEqual(['true', 'true', 'true']);
  });

  it('sends a changed top-level translation, of a slash command and of a message command', async () => {
    await register(COMMAND_DEFINITIONS);
    const slash = changed((commands) => {
      const video = commands.find((c) => c.name === 'video') as { description_localizations?: Record<string, string> };
      video.description_localizations = { ...video.description_localizations, de: 'Videos mit Kling machen (neu)' };
    });
    expect(await register(slash)).toBe('updated');
    const stored = discord.commands().find((c) => c.name === 'video') as { description_localizations?: Record<string, string> };
    expect(stored.description_localizations?.de).toBe('Videos mit Kling machen (neu)');

    const menu = changed((commands) => {
      const message = commands.find((c) => c.type === 3) as { name_localizations?: Record<string, string> };
      message.name_localizations = { ...message.name_localizations, fr: 'Animer (nouveau)' };
    });
    expect(await register(menu)).toBe('updated');
    expect(await register(menu)).toBe('unchanged');
    expect(writes()).toHaveLength(3);
  });

  it('sends a changed option translation and a changed option', async () => {
    await register(COMMAND_DEFINITIONS);
    const renamed = changed((commands) => {
      const settings = commands.find((c) => c.name === 'video-settings') as { options: { description: string }[] };
      (settings.options[0] as { description: string }).description = 'Show every current setting';
    });
    expect(await register(renamed)).toBe('updated');
    expect(writes()).toHaveLength(2);
  });
});

describe('the loopback Discord reading commands back', () => {
  it('leaves the translations out unless asked, and gives message commands an empty description', async () => {
    await rest.put(Routes.applicationCommands(APPLICATION_ID), {
      body: [
        {
          name: 'video',
          description: 'Make videos',
          description_localizations: { de: 'Videos machen' },
          options: [
            {
              type: 3,
              name: 'prompt',
              description: 'What to show',
              description_localizations: { de: 'Was zu sehen ist' },
              choices: [{ name: 'Rain', name_localizations: { de: 'Regen' }, value: 'rain' }],
            },
          ],
        },
        { type: 3, name: 'Animate', name_localizations: { fr: 'Animer' } },
      ],
    });
    const plain = (await rest.get(Routes.applicationCommands(APPLICATION_ID))) as Record<string, unknown>[];
    expect(JSON.stringify(plain)).not.toContain('localizations');
    expect(plain.find((c) => c.name === 'Animate')).toMatchObject({ type: 3, description: '' });
    const full = (await rest.get(Routes.applicationCommands(APPLICATION_ID), {
      query: new URLSearchParams({ with_localizations: 'true' }),
    })) as Record<string, unknown>[];
    expect(full.find((c) => c.name === 'video')).toMatchObject({
      description_localizations: { de: 'Videos machen' },
      options: [{ description_localizations: { de: 'Was zu sehen ist' }, choices: [{ name_localizations: { de: 'Regen' } }] }],
    });
    expect(full.find((c) => c.name === 'Animate')).toMatchObject({ name_localizations: { fr: 'Animer' }, description: '' });
  });
});
