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
import { EXTEND_MAX_SECONDS_LIMIT, EXTEND_MAX_SECONDS_MIN } from '../src/community/guildSettings.js';
import { LANGUAGES } from '../src/community/languages.js';
import { GUILD_SLASH_COMMAND, listAction } from '../src/discord/commandOptions.js';
import { FOLLOW_DISCORD } from '../src/discord/handlers/settings/language.js';
import { choice, described } from '../src/discord/i18n/commandText.js';
import { LANGUAGE_NAMES } from '../src/discord/i18n/languageNames.js';

const TEXT_CHANNELS: [ChannelType.GuildText, ChannelType.GuildAnnouncement] = [ChannelType.GuildText, ChannelType.GuildAnnouncement];

export const settingsCommand = {
  ...GUILD_SLASH_COMMAND,
  name: 'video-settings',
  ...described('command.video-settings.description'),
  // Hidden from members without Manage Server; the handler checks again, since a server can
  // override command permissions.
  default_member_permissions: PermissionFlagsBits.ManageGuild.toString(),
  options: [
    { type: ApplicationCommandOptionType.Subcommand, name: 'show', ...described('command.video-settings.show.description') },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'showcase',
      ...described('command.video-settings.showcase.description'),
      options: [
        {
          type: ApplicationCommandOptionType.Channel,
          name: 'channel',
          ...described('command.video-settings.showcase.channel.description'),
          channel_types: TEXT_CHANNELS,
        },
      ],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'auto-share',
      ...described('command.video-settings.auto-share.description'),
      options: [
        {
          type: ApplicationCommandOptionType.Boolean,
          name: 'enabled',
          ...described('command.video-settings.auto-share.enabled.description'),
          required: true,
        },
      ],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'channels',
      ...described('command.video-settings.channels.description'),
      options: [
        listAction({
          description: 'command.video-settings.channels.action.description',
          add: 'command.video-settings.channels.action.choice.add',
          remove: 'command.video-settings.channels.action.choice.remove',
          clear: 'command.video-settings.channels.action.choice.clear',
        }),
        {
          type: ApplicationCommandOptionType.Channel,
          name: 'channel',
          ...described('command.video-settings.channels.channel.description'),
          channel_types: TEXT_CHANNELS,
        },
      ],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'role',
      ...described('command.video-settings.role.description'),
      options: [{ type: ApplicationCommandOptionType.Role, name: 'role', ...described('command.video-settings.role.role.description') }],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'blocked',
      ...described('command.video-settings.blocked.description'),
      options: [
        listAction({
          description: 'command.video-settings.blocked.action.description',
          add: 'command.video-settings.blocked.action.choice.add',
          remove: 'command.video-settings.blocked.action.choice.remove',
          clear: 'command.video-settings.blocked.action.choice.clear',
        }),
        {
          type: ApplicationCommandOptionType.String,
          name: 'phrase',
          ...described('command.video-settings.blocked.phrase.description'),
          max_length: 100,
        },
      ],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'language',
      ...described('command.video-settings.language.description'),
      options: [
        {
          type: ApplicationCommandOptionType.String,
          name: 'language',
          ...described('command.video-settings.language.language.description'),
          choices: [
            choice(FOLLOW_DISCORD, 'command.video-settings.language.language.choice.discord'),
            ...LANGUAGES.map((language) => ({ name: LANGUAGE_NAMES[language], value: language })),
          ],
        },
      ],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'limits',
      ...described('command.video-settings.limits.description'),
      options: [
        {
          type: ApplicationCommandOptionType.Integer,
          name: 'concurrent',
          ...described('command.video-settings.limits.concurrent.description'),
          required: true,
          min_value: 1,
          max_value: 20,
        },
        {
          type: ApplicationCommandOptionType.Integer,
          name: 'server',
          ...described('command.video-settings.limits.server.description'),
          min_value: 1,
          max_value: 100,
        },
        {
          type: ApplicationCommandOptionType.Integer,
          name: 'waiting',
          ...described('command.video-settings.limits.waiting.description'),
          min_value: 0,
          max_value: 50,
        },
        {
          type: ApplicationCommandOptionType.Integer,
          name: 'wait_minutes',
          ...described('command.video-settings.limits.wait_minutes.description'),
          min_value: 1,
          max_value: 1440,
        },
      ],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'extend',
      ...described('command.video-settings.extend.description'),
      options: [
        {
          type: ApplicationCommandOptionType.Integer,
          name: 'seconds',
          ...described('command.video-settings.extend.seconds.description'),
          required: true,
          min_value: EXTEND_MAX_SECONDS_MIN,
          max_value: EXTEND_MAX_SECONDS_LIMIT,
        },
      ],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'budgets',
      ...described('command.video-settings.budgets.description'),
      options: [
        {
          type: ApplicationCommandOptionType.Number,
          name: 'member',
          ...described('command.video-settings.budgets.member.description'),
          min_value: 0,
          max_value: 100000,
        },
        {
          type: ApplicationCommandOptionType.Number,
          name: 'server',
          ...described('command.video-settings.budgets.server.description'),
          min_value: 0,
          max_value: 1000000,
        },
        {
          type: ApplicationCommandOptionType.Boolean,
          name: 'no_member_limit',
          ...described('command.video-settings.budgets.no_member_limit.description'),
        },
        {
          type: ApplicationCommandOptionType.Boolean,
          name: 'no_server_limit',
          ...described('command.video-settings.budgets.no_server_limit.description'),
        },
      ],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'tiers',
      ...described('command.video-settings.tiers.description'),
      options: [
        { type: ApplicationCommandOptionType.Boolean, name: 'standard', ...described('command.video-settings.tiers.standard.description') },
        { type: ApplicationCommandOptionType.Boolean, name: 'pro', ...described('command.video-settings.tiers.pro.description') },
        { type: ApplicationCommandOptionType.Boolean, name: '4k', ...described('command.video-settings.tiers.4k.description') },
        {
          type: ApplicationCommandOptionType.String,
          name: 'default',
          ...described('command.video-settings.tiers.default.description'),
          choices: [choice('standard', 'tier.standard'), choice('pro', 'tier.pro'), choice('4k', 'tier.4k')],
        },
      ],
    },
  ],
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;
