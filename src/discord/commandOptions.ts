/**
 * Slash command options derived from the model's zod schema, so that types, limits, choices and
 * descriptions are never written twice. Discord's own limits are applied on top (description
 * length, string length, choice count).
 */

import {
  type APIApplicationCommandBasicOption,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
} from 'discord.js';
import type { z } from 'zod';
import type { Language } from '../community/languages.js';
import { inputFieldsOf } from '../model/inputFields.js';
import type { ModelDefinition, ModelMode } from '../model/modelDefinition.js';
import { modelFor } from '../model/models.js';
import { TIERS, type Tier } from '../model/tiers.js';
import { truncate } from '../text/truncate.js';
import { COMMAND_OPTION } from './discordLimits.js';
import { choice, described, localized } from './i18n/commandText.js';
import { en, type MessageKey } from './i18n/en.js';
import { formatNumberIn, formatUsdIn, type PlainMessageKey, t, translate } from './i18n/translate.js';

/** The catalogue key of a model field's words, if the catalogues have it. */
function fieldKey(name: string): MessageKey | undefined {
  const key = `option.${name}.description`;
  return key in en ? (key as MessageKey) : undefined;
}

/**
 * A model field's description with its default, as its slash option shows it and a form reuses
 * (Discord: at most 100 characters); undefined for a field the catalogues have no words for.
 */
export function fieldDescription(language: Language, name: string, defaultValue?: unknown): string | undefined {
  const key = fieldKey(name);
  if (!key) return undefined;
  const description = translate(language, key);
  if (defaultValue === undefined) return truncate(description, COMMAND_OPTION.descriptionMax);
  const value =
    typeof defaultValue === 'boolean'
      ? t(language, defaultValue ? 'option.on' : 'option.off')
      : typeof defaultValue === 'number'
        ? formatNumberIn(language, defaultValue)
        : String(defaultValue);
  return truncate(t(language, 'option.withDefault', { description, value }), COMMAND_OPTION.descriptionMax);
}

/** A slash option needs a description in every language: a field a new model adds needs its words first. */
function fieldDescribed(name: string, defaultValue?: unknown) {
  const { text, localizations } = localized((language) => {
    const description = fieldDescription(language, name, defaultValue);
    if (description === undefined) {
      throw new Error(`No words for the option "${name}": add "option.${name}.description" to the catalogues under src/discord/i18n/`);
    }
    return description;
  });
  return { description: text, description_localizations: localizations };
}

export interface DeriveOptionsSettings {
  /** Fields left out (handled another way, e.g. shots in a modal). */
  omit?: readonly string[];
}

/**
 * One option per scalar field of `schema`. Arrays and objects are skipped (Discord options are
 * flat), as are enums with a single value: there is nothing to choose.
 */
export function deriveCommandOptions(schema: z.ZodType, settings: DeriveOptionsSettings = {}): APIApplicationCommandBasicOption[] {
  const json = inputFieldsOf(schema);
  const required = new Set(json.required ?? []);
  const options: APIApplicationCommandBasicOption[] = [];
  for (const [name, field] of Object.entries(json.properties ?? {})) {
    if (settings.omit?.includes(name)) continue;
    if (field.enum && (field.enum.length < 2 || field.enum.length > COMMAND_OPTION.choicesMax)) continue;
    if (!field.enum && !['string', 'integer', 'number', 'boolean'].includes(String(field.type))) continue;
    const common = { name, ...fieldDescribed(name, field.default), required: required.has(name) };
    if (field.enum) {
      options.push({
        ...common,
        type: ApplicationCommandOptionType.String,
        choices: field.enum.map((value) => ({ name: String(value), value: String(value) })),
      });
      continue;
    }
    switch (field.type) {
      case 'string':
        options.push({
          ...common,
          type: ApplicationCommandOptionType.String,
          ...(field.minLength !== undefined ? { min_length: Math.min(field.minLength, COMMAND_OPTION.stringLengthMax) } : {}),
          max_length: Math.min(field.maxLength ?? COMMAND_OPTION.stringLengthMax, COMMAND_OPTION.stringLengthMax),
        });
        break;
      case 'integer':
        options.push({
          ...common,
          type: ApplicationCommandOptionType.Integer,
          ...(field.minimum !== undefined ? { min_value: field.minimum } : {}),
          ...(field.maximum !== undefined ? { max_value: field.maximum } : {}),
        });
        break;
      case 'number':
        options.push({
          ...common,
          type: ApplicationCommandOptionType.Number,
          ...(field.minimum !== undefined ? { min_value: field.minimum } : {}),
          ...(field.maximum !== undefined ? { max_value: field.maximum } : {}),
        });
        break;
      case 'boolean':
        options.push({ ...common, type: ApplicationCommandOptionType.Boolean });
        break;
      default:
        break;
    }
  }
  // Discord lists required options first, and rejects a command that does otherwise.
  return options.sort((a, b) => Number(b.required ?? false) - Number(a.required ?? false));
}

/**
 * A model's options: an attachment option for each of its images, then one per scalar field of
 * its schema, required ones first. With `picturesInForm`, no picture option is required: a
 * command given none opens a form that takes the upload.
 */
export function deriveModelOptions(
  model: ModelDefinition,
  settings: { picturesInForm?: boolean } = {},
): APIApplicationCommandBasicOption[] {
  const images: APIApplicationCommandBasicOption[] = Object.values(model.images).map((image) => ({
    type: ApplicationCommandOptionType.Attachment,
    name: image.option,
    ...fieldDescribed(image.option),
    required: image.required && !settings.picturesInForm,
  }));
  const fields = deriveCommandOptions(model.schema, { omit: model.omitFromCommand });
  return [...images, ...fields].sort((a, b) => Number(b.required ?? false) - Number(a.required ?? false));
}

/**
 * A tier's choice: its name and its price per second, from the model's definition (the command
 * is registered once, before any operator's price is read; `/video help` shows the prices in force).
 */
export function tierChoice(mode: ModelMode, tier: Tier) {
  const { perSecond, perSecondWithSound } = modelFor(mode, tier).prices;
  const { text, localizations } = localized((language) =>
    t(language, perSecond === perSecondWithSound ? 'option.tier.pricedFlat' : 'option.tier.priced', {
      tier: t(language, `tier.${tier}`),
      perSecond: formatUsdIn(language, perSecond),
      withSound: formatUsdIn(language, perSecondWithSound),
    }),
  );
  return { name: text, name_localizations: localizations, value: tier };
}

/** The `tier` option: every tier, each named with its price; the server's allowed tiers are checked on use. */
export function tierOption(mode: ModelMode, purpose: 'choose' | 'preference') {
  return {
    type: ApplicationCommandOptionType.String,
    name: 'tier',
    ...described(purpose === 'choose' ? 'option.tier.choose' : 'option.tier.preference'),
    required: false,
    choices: TIERS.map((tier) => tierChoice(mode, tier)),
  } as const satisfies APIApplicationCommandBasicOption;
}

/** The message command that animates a message's first picture (its English name is what Discord sends back). */
export const ANIMATE_MESSAGE_COMMAND = t('en', 'command.animateMessage.name');

/** A slash command that lives in servers only (no DMs, no user installs). */
export const GUILD_SLASH_COMMAND: {
  type: ApplicationCommandType.ChatInput;
  contexts: InteractionContextType[];
  integration_types: ApplicationIntegrationType[];
} = {
  type: ApplicationCommandType.ChatInput,
  contexts: [InteractionContextType.Guild],
  integration_types: [ApplicationIntegrationType.GuildInstall],
};

/** A required "what to do" choice for a subcommand that adds, removes or clears list entries; `keys` name the three. */
export function listAction(keys: { description: PlainMessageKey; add: PlainMessageKey; remove: PlainMessageKey; clear: PlainMessageKey }) {
  return {
    type: ApplicationCommandOptionType.String,
    name: 'action',
    ...described(keys.description),
    required: true,
    choices: [choice('add', keys.add), choice('remove', keys.remove), choice('clear', keys.clear)],
  } as const satisfies APIApplicationCommandBasicOption;
}

/** The takes option's name on `/video create` and `/video animate` (takes.ts). */
export const TAKES_KEY = 'takes';
/** A media gallery holds at most ten items; four videos keep one card quick to load and each fit under its share. */
export const MAX_TAKES = 4;
