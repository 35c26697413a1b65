/**
 * /video-settings: a server's rules for the bot. Only members with Manage Server may change
 * them; every answer shows the settings as they now stand.
 */
import {
  ApplicationCommandOptionType,
  ChannelType,
  type ChatInputCommandInteraction,
  MessageFlags,
  PermissionFlagsBits,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { GuildSettings, GuildSettingsStore } from '../src/community/guildSettings.js';
import { GUILD_SLASH_COMMAND, listAction } from '../src/discord/commandOptions.js';
import { joinWithin } from '../src/discord/render.js';
import { formatUsd } from '../src/model/pricing.js';

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
      name: 'limits',
      description: 'Videos one member may have in progress at once',
      options: [
        {
          type: ApplicationCommandOptionType.Integer,
          name: 'concurrent',
          description: 'Jobs at once per member',
          required: true,
          min_value: 1,
          max_value: 20,
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
  ],
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

export function describeSettings(settings: GuildSettings): string {
  const budget = (value: number | null) => (value === null ? 'no limit' : formatUsd(value));
  return [
    '**Video bot settings**',
    `Showcase channel: ${settings.showcaseChannelId ? `<#${settings.showcaseChannelId}>` : 'none'}`,
    `Auto-share finished videos: ${settings.autoShare ? 'on' : 'off'}`,
    `Allowed channels: ${
      settings.allowedChannelIds.length
        ? joinWithin(
            settings.allowedChannelIds.map((id) => `<#${id}>`),
            ', ',
            500,
          )
        : 'everywhere'
    }`,
    `Required role: ${settings.requiredRoleId ? `<@&${settings.requiredRoleId}>` : 'none'}`,
    `Blocked phrases: ${
      settings.blockedPhrases.length
        ? joinWithin(
            settings.blockedPhrases.map((p) => `\`${p.replace(/`/g, "'")}\``),
            ', ',
            900,
          )
        : 'none'
    }`,
    `Videos in progress per member: ${settings.maxConcurrentPerMember}`,
    `Daily budget per member: ${budget(settings.dailyBudgetPerMemberUsd)}`,
    `Daily budget for the server: ${budget(settings.dailyBudgetPerServerUsd)}`,
  ].join('\n');
}

function patchFor(interaction: ChatInputCommandInteraction, current: GuildSettings): Partial<GuildSettings> | string {
  const options = interaction.options;
  switch (options.getSubcommand()) {
    case 'show':
      return {};
    case 'showcase':
      return { showcaseChannelId: options.getChannel('channel')?.id ?? null };
    case 'auto-share':
      return { autoShare: options.getBoolean('enabled', true) };
    case 'channels': {
      const action = options.getString('action', true);
      const channel = options.getChannel('channel');
      if (action === 'clear') return { allowedChannelIds: [] };
      if (!channel) return 'Pick a channel for that action.';
      const rest = current.allowedChannelIds.filter((id) => id !== channel.id);
      return { allowedChannelIds: action === 'add' ? [...rest, channel.id] : rest };
    }
    case 'role':
      return { requiredRoleId: options.getRole('role')?.id ?? null };
    case 'blocked': {
      const action = options.getString('action', true);
      const phrase = options.getString('phrase')?.trim();
      if (action === 'clear') return { blockedPhrases: [] };
      if (!phrase) return 'Give the phrase for that action.';
      const rest = current.blockedPhrases.filter((p) => p.toLowerCase() !== phrase.toLowerCase());
      return { blockedPhrases: action === 'add' ? [...rest, phrase] : rest };
    }
    case 'limits':
      return { maxConcurrentPerMember: options.getInteger('concurrent', true) };
    case 'budgets': {
      const patch: Partial<GuildSettings> = {};
      const member = options.getNumber('member');
      const server = options.getNumber('server');
      if (member !== null) patch.dailyBudgetPerMemberUsd = member;
      if (server !== null) patch.dailyBudgetPerServerUsd = server;
      if (options.getBoolean('no_member_limit')) patch.dailyBudgetPerMemberUsd = null;
      if (options.getBoolean('no_server_limit')) patch.dailyBudgetPerServerUsd = null;
      return patch;
    }
    default:
      return 'Unknown setting.';
  }
}

export async function executeSettings(interaction: ChatInputCommandInteraction, settings: GuildSettingsStore): Promise<void> {
  const guildId = interaction.guildId;
  if (!guildId) return;
  if (!interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild)) {
    await interaction.reply({
      content: 'Only members with the Manage Server permission can change the video bot’s settings.',
      flags: MessageFlags.Ephemeral,
    });
    return;
  }
  const current = await settings.get(guildId);
  const patch = patchFor(interaction, current);
  if (typeof patch === 'string') {
    await interaction.reply({ content: patch, flags: MessageFlags.Ephemeral });
    return;
  }
  let updated = current;
  if (Object.keys(patch).length) {
    try {
      updated = await settings.update(guildId, patch, interaction.user.id);
    } catch (error) {
      const message = error && typeof error === 'object' && 'userMessage' in error ? String(error.userMessage) : undefined;
      if (!message) throw error;
      await interaction.reply({ content: message, flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } });
      return;
    }
  }
  await interaction.reply({
    content: `${Object.keys(patch).length ? 'Saved.\n' : ''}${describeSettings(updated)}`,
    flags: MessageFlags.Ephemeral,
    allowedMentions: { parse: [] },
  });
}
