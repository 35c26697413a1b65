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
import { type InputFieldSchema, inputFieldsOf } from '../model/inputFields.js';
import type { ModelDefinition, ModelMode } from '../model/modelDefinition.js';
import { modelFor } from '../model/models.js';
import { formatUsd } from '../model/pricing.js';
import { TIERS, type Tier } from '../model/tiers.js';
import { truncate } from '../text/truncate.js';
import { COMMAND_OPTION } from './limits.js';

/** A field's description with its default, as its slash option shows it (and a form reuses, translations included). */
export function optionDescription(field: Pick<InputFieldSchema, 'description' | 'default'>, name: string): string {
  const base = field.description ?? name.replace(/_/g, ' ');
  const shown =
    field.default === undefined
      ? base
      : `${base} (default ${typeof field.default === 'boolean' ? (field.default ? 'on' : 'off') : String(field.default)})`;
  return truncate(shown, COMMAND_OPTION.descriptionMax);
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
    const common = { name, description: optionDescription(field, name), required: required.has(name) };
    if (field.enum) {
      if (field.enum.length < 2 || field.enum.length > COMMAND_OPTION.choicesMax) continue;
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
    description: truncate(image.description, COMMAND_OPTION.descriptionMax),
    required: image.required && !settings.picturesInForm,
  }));
  const fields = deriveCommandOptions(model.schema, { omit: model.omitFromCommand });
  return [...images, ...fields].sort((a, b) => Number(b.required ?? false) - Number(a.required ?? false));
}

/** The `tier` option's descriptions (Discord: at most 100 characters). */
export const TIER_OPTION_TEXT = {
  choose: "Quality tier, priced per second (default: your own, else the server's)",
  preference: 'Your default quality tier (if the server allows it)',
} as const;

const TIER_NAMES: Readonly<Record<Tier, string>> = { standard: 'Standard', pro: 'Pro', '4k': '4K' };

/**
 * A tier's choice: its name and its price per second, from the model's definition (the command
 * is registered once, before any operator's price is read; `/video help` shows the prices in force).
 */
export function tierChoiceName(mode: ModelMode, tier: Tier): string {
  const { perSecond, perSecondWithSound } = modelFor(mode, tier).prices;
  const name = TIER_NAMES[tier];
  return perSecond === perSecondWithSound
    ? `${name}: ${formatUsd(perSecond)}/s, sound included`
    : `${name}: ${formatUsd(perSecond)}/s, ${formatUsd(perSecondWithSound)}/s with sound`;
}

/** The `tier` option: every tier, each named with its price; the server's allowed tiers are checked on use. */
export function tierOption(mode: ModelMode, description: string): APIApplicationCommandBasicOption {
  return {
    type: ApplicationCommandOptionType.String,
    name: 'tier',
    description,
    required: false,
    choices: TIERS.map((tier) => ({ name: tierChoiceName(mode, tier), value: tier })),
  };
}

/** The message command that animates a message's first picture (its name is what the Apps menu shows). */
export const ANIMATE_MESSAGE_COMMAND = 'Animate with Kling';

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

/** A required "what to do" choice for a subcommand that adds, removes or clears list entries. */
export function listAction(add: string, remove: string, clear: string): APIApplicationCommandBasicOption {
  return {
    type: ApplicationCommandOptionType.String,
    name: 'action',
    description: 'What to do',
    required: true,
    choices: [
      { name: add, value: 'add' },
      { name: remove, value: 'remove' },
      { name: clear, value: 'clear' },
    ],
  };
}
