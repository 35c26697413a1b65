/** The slash commands' localisations: complete, and within Discord's limits in every locale. */
import { describe, expect, it } from 'vitest';
import { COMMAND_DEFINITIONS } from '../src/commandList.js';
import { COMMAND_LOCALES, type CommandLocale } from '../src/discord/i18n/commandText.js';
import { en } from '../src/discord/i18n/en.js';
import { LANGUAGE_NAMES } from '../src/discord/i18n/languageNames.js';

/** Discord: 100 for a description or a choice name. */
const TEXT_MAX = 100;
/**
 * Discord's documentation allows 8,000 characters of names, descriptions and choice values per
 * command; this bot keeps to 4,000 in every locale, the stricter figure it was asked for.
 */
const COMMAND_TOTAL_MAX = 4000;

interface Node {
  type?: number;
  name: string;
  name_localizations?: Partial<Record<CommandLocale, string>>;
  description?: string;
  description_localizations?: Partial<Record<CommandLocale, string>>;
  choices?: { name: string; value: string | number; name_localizations?: Partial<Record<CommandLocale, string>> }[];
  options?: Node[];
}

const commands = COMMAND_DEFINITIONS as unknown as Node[];
/** Chat-input commands: members type their names. */
const slashCommands = commands.filter((command) => (command.type ?? 1) === 1);

function nodes(node: Node): Node[] {
  return [node, ...(node.options ?? []).flatMap(nodes)];
}

/** What Discord counts for one locale: names, descriptions, choice names and values. */
function totalIn(command: Node, locale: CommandLocale | 'en'): number {
  let total = 0;
  for (const node of nodes(command)) {
    total += node.name.length;
    total += (locale === 'en' ? node.description : (node.description_localizations?.[locale] ?? node.description))?.length ?? 0;
    for (const choice of node.choices ?? []) {
      total += (locale === 'en' ? choice.name : (choice.name_localizations?.[locale] ?? choice.name)).length;
      total += String(choice.value).length;
    }
  }
  return total;
}

const nativeNames = new Set(Object.values(LANGUAGE_NAMES));

describe('command localisations', () => {
  it('gives every description and choice a text in each of de, fr, es-ES, pt-BR and ja', () => {
    const missing: string[] = [];
    for (const node of commands.flatMap(nodes)) {
      for (const locale of COMMAND_LOCALES) {
        if (node.description && !node.description_localizations?.[locale]) missing.push(`${locale}: ${node.description}`);
        for (const choice of node.choices ?? []) {
          // Ratios and a language's own name read the same everywhere.
          if (choice.name === String(choice.value) || nativeNames.has(choice.name)) continue;
          if (!choice.name_localizations?.[locale]) missing.push(`${locale}: ${choice.name}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it('keeps names English', () => {
    for (const node of slashCommands.flatMap(nodes)) expect(node).not.toHaveProperty('name_localizations');
  });

  it('translates a message command’s name, which the Apps menu shows, within 32 characters', () => {
    const menu = commands.filter((command) => command.type === 3);
    expect(menu.length).toBeGreaterThan(0);
    for (const command of menu) {
      for (const locale of COMMAND_LOCALES) {
        expect([...(command.name_localizations?.[locale] ?? '')].length).toSatisfy((n: number) => n > 0 && n <= 32);
      }
    }
  });

  it('keeps every localised description and choice within 100 characters', () => {
    const texts = commands
      .flatMap(nodes)
      .flatMap((node) => [
        ...(node.description === undefined ? [] : [node.description, ...Object.values(node.description_localizations ?? {})]),
        ...(node.choices ?? []).flatMap((choice) => [choice.name, ...Object.values(choice.name_localizations ?? {})]),
      ]);
    expect(texts.length).toBeGreaterThan(100);
    expect(texts.filter((text) => text.length === 0 || text.length > TEXT_MAX)).toEqual([]);
  });

  it('keeps each command within 4,000 characters in every locale', () => {
    for (const command of commands) {
      for (const locale of ['en', ...COMMAND_LOCALES] as const) {
        expect({ command: command.name, locale, total: totalIn(command, locale) }).toMatchObject({
          total: expect.toSatisfy((n: number) => n <= COMMAND_TOTAL_MAX),
        });
      }
    }
  });

  it('has no command text left in the catalogues that no command uses', () => {
    const used = new Set([
      ...commands.flatMap(nodes).flatMap((node) => [node.description, ...(node.choices ?? []).map((c) => c.name)]),
      ...commands.filter((command) => command.type === 3).map((command) => command.name),
    ]);
    const unused = Object.entries(en).filter(([key, text]) => key.startsWith('command.') && !used.has(text));
    expect(unused).toEqual([]);
  });

  it('words the options a model gives in each language, with the default in the language’s own way', () => {
    const create = (commands.find((command) => command.name === 'video')?.options ?? []).find((o) => o.name === 'create');
    const duration = create?.options?.find((option) => option.name === 'duration');
    expect(duration?.description).toBe('Length of the video in seconds (default 5)');
    expect(duration?.description_localizations?.fr).toBe('Durée de la vidéo en secondes (5 par défaut)');
    const cfg = create?.options?.find((option) => option.name === 'cfg_scale');
    expect(cfg?.description_localizations?.de).toContain('(Standard 0,5)');
    const tier = create?.options?.find((option) => option.name === 'tier');
    expect(tier?.choices?.find((c) => c.value === 'pro')?.name_localizations?.['pt-BR']).toMatch(/^Pro: US\$\s0,112\/s/);
  });
});
