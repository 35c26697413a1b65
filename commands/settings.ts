/**
 * /video-settings' definition: a server's rules for the bot. Only members with Manage Server may
 * change them; each action's handler is under `src/discord/handlers/settings/`.
 */
import {
  ApplicationCommandOptionType,
  ChannelType,
  PermissionFlagsBits,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import { LANGUAGES } from '../src/community/languages.js';
import { GUILD_SLASH_COMMAND, listAction } from '../src/discord/commandOptions.js';
import { FOLLOW_DISCORD } from '../src/discord/handlers/settings/language.js';
import { LANGUAGE_NAMES } from '../src/discord/i18n/languageNames.js';

const TEXT_CHANNELS: [ChannelType.GuildText, ChannelType.GuildAnnouncement] = [ChannelType.GuildText, ChannelType.GuildAnnouncement];

export const settingsCommand = {
  ...GUILD_SLASH_COMMAND,
  name: 'video-settings',
  description: 'Server settings for the video bot (Manage Server)',
  // Hidden from members without Manage Server; the handler checks again, since a server can
  // override command permissions.
  default_member_permissions: PermissionFlagsBits.ManageGuild.toString(),
  options: [
    { type: ApplicationCommandOptionType.Subcommand, name: 'show', description: 'Show the current settings' },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'showcase',
      description: 'Set the showcase channel (leave empty to turn the showcase off)',
      options: [
        {
          type: ApplicationCommandOptionType.Channel,
          name: 'channel',
          description: 'Where shared videos go',
          channel_types: TEXT_CHANNELS,
        },
      ],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'auto-share',
      description: 'Post every finished video to the showcase',
      options: [{ type: ApplicationCommandOptionType.Boolean, name: 'enabled', description: 'On or off', required: true }],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'channels',
      description: 'Limit where /video may be used (no channels = everywhere)',
      options: [
        listAction('allow a channel', 'stop allowing a channel', 'allow everywhere'),
        { type: ApplicationCommandOptionType.Channel, name: 'channel', description: 'The channel', channel_types: TEXT_CHANNELS },
      ],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'role',
      description: 'Require a role to make videos (leave empty for everyone)',
      options: [{ type: ApplicationCommandOptionType.Role, name: 'role', description: 'The role members need' }],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'blocked',
      description: 'Words or phrases refused in prompts',
      options: [
        listAction('block a phrase', 'unblock a phrase', 'unblock everything'),
        { type: ApplicationCommandOptionType.String, name: 'phrase', description: 'The word or phrase', max_length: 100 },
      ],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'language',
      description: "Language of the bot's public messages (leave empty to show it)",
      options: [
        {
          type: ApplicationCommandOptionType.String,
          name: 'language',
          description: "A language, or the server's Discord language",
          choices: [
            { name: "The server's Discord language", value: FOLLOW_DISCORD },
            ...LANGUAGES.map((language) => ({ name: LANGUAGE_NAMES[language], value: language })),
          ],
        },
      ],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'limits',
      description: 'Videos in progress at once, and the waiting line',
      options: [
        {
          type: ApplicationCommandOptionType.Integer,
          name: 'concurrent',
          description: 'Jobs at once per member',
          required: true,
          min_value: 1,
          max_value: 20,
        },
        {
          type: ApplicationCommandOptionType.Integer,
          name: 'server',
          description: 'Jobs at once for the whole server; more wait in line',
          min_value: 1,
          max_value: 100,
        },
        {
          type: ApplicationCommandOptionType.Integer,
          name: 'waiting',
          description: 'Jobs one member may have waiting in line (0: no line, refuse instead)',
          min_value: 0,
          max_value: 50,
        },
        {
          type: ApplicationCommandOptionType.Integer,
          name: 'wait_minutes',
          description: 'Minutes a job may wait in line before it is cancelled, unbilled',
          min_value: 1,
          max_value: 1440,
        },
      ],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'budgets',
      description: 'Daily spending limits in US dollars (resets 00:00 UTC)',
      options: [
        {
          type: ApplicationCommandOptionType.Number,
          name: 'member',
          description: 'Per member per day (USD)',
          min_value: 0,
          max_value: 100000,
        },
        {
          type: ApplicationCommandOptionType.Number,
          name: 'server',
          description: 'For the whole server per day (USD)',
          min_value: 0,
          max_value: 1000000,
        },
        { type: ApplicationCommandOptionType.Boolean, name: 'no_member_limit', description: 'Remove the per-member limit' },
        { type: ApplicationCommandOptionType.Boolean, name: 'no_server_limit', description: 'Remove the server limit' },
      ],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'tiers',
      description: 'Which quality tiers members may use, and the default',
      options: [
        { type: ApplicationCommandOptionType.Boolean, name: 'standard', description: 'Allow Standard (drafts)' },
        { type: ApplicationCommandOptionType.Boolean, name: 'pro', description: 'Allow Pro' },
        { type: ApplicationCommandOptionType.Boolean, name: '4k', description: 'Allow 4K (finals)' },
        {
          type: ApplicationCommandOptionType.String,
          name: 'default',
          description: 'The tier a video takes when its member names none',
          choices: [
            { name: 'Standard', value: 'standard' },
            { name: 'Pro', value: 'pro' },
            { name: '4K', value: '4k' },
          ],
        },
      ],
    },
  ],
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;
