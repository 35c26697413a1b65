import {
  type APIAttachment,
  type APIChannel,
  type APIEmbed,
  type APIGuildMember,
  type APIInteractionGuildMember,
  type APIMessage,
  type APIMessageTopLevelComponent,
  type APIRole,
  type APIUser,
  ChannelType,
  type GatewayGuildCreateDispatchData,
  GuildDefaultMessageNotifications,
  GuildExplicitContentFilter,
  type GuildMemberFlags,
  GuildMFALevel,
  GuildNSFWLevel,
  GuildPremiumTier,
  GuildSystemChannelFlags,
  GuildVerificationLevel,
  type InteractionType,
  type Locale,
  MessageFlags,
  PermissionFlagsBits,
  type RoleFlags,
} from 'discord.js';
import { textDisplaysOf } from './componentsV2.js';
import { computePings, type Pings } from './mentions.js';
import { hasPermission } from './permissions.js';
import type {
  DiscordState,
  StoredAttachment,
  StoredChannel,
  StoredGuild,
  StoredMember,
  StoredMessage,
  StoredRole,
  StoredUser,
} from './state.js';

// These flag enums have no zero member, yet zero is what Discord sends for "no flags".
const NO_ROLE_FLAGS = 0 as RoleFlags;
const NO_MEMBER_FLAGS = 0 as GuildMemberFlags;

/**
 * A channel as Discord sends it. Kept as one flat shape (rather than discord-api-types' per-type
 * union) because the fake stores every channel kind in one record.
 */
export interface ChannelPayload {
  id: string;
  type: ChannelType;
  guild_id: string;
  name: string;
  position?: number;
  parent_id: string | null;
  permission_overwrites?: { id: string; type: 0 | 1; allow: string; deny: string }[];
  topic?: string | null;
  nsfw?: boolean;
  last_message_id: string | null;
  rate_limit_per_user: number;
  flags: number;
  default_auto_archive_duration?: number;
  available_tags?: [];
  default_reaction_emoji?: null;
  default_sort_order?: null;
  default_forum_layout?: number;
  owner_id?: string;
  thread_metadata?: {
    archived: boolean;
    auto_archive_duration: number;
    archive_timestamp: string;
    locked: boolean;
    create_timestamp: string;
  };
  message_count?: number;
  member_count?: number;
  total_message_sent?: number;
  member?: { id: string; user_id: string; join_timestamp: string; flags: number };
  /** Set in interaction payloads: the invoking member's permissions there. */
  permissions?: string;
}

export function apiUser(user: StoredUser): APIUser {
  return {
    id: user.id,
    username: user.username,
    discriminator: '0',
    global_name: user.globalName,
    avatar: null,
    ...(user.bot ? { bot: true } : {}),
  };
}

export function apiRole(role: StoredRole): APIRole {
  return {
    id: role.id,
    name: role.name,
    color: 0,
    colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
    hoist: false,
    icon: null,
    unicode_emoji: null,
    position: role.position,
    permissions: role.permissions.toString(),
    managed: role.managed,
    mentionable: role.mentionable,
    flags: NO_ROLE_FLAGS,
    ...(role.botId ? { tags: { bot_id: role.botId } } : {}),
  };
}

export function apiMember(state: DiscordState, member: StoredMember): APIGuildMember {
  return {
    user: apiUser(state.requireUser(member.userId)),
    nick: member.nick,
    avatar: null,
    banner: null,
    roles: [...member.roles],
    joined_at: member.joinedAt,
    premium_since: null,
    deaf: false,
    mute: false,
    pending: false,
    flags: NO_MEMBER_FLAGS,
    communication_disabled_until: null,
  };
}

/** The member object of an interaction: a guild member plus its computed `permissions` string. */
export function apiInteractionMember(state: DiscordState, member: StoredMember): APIInteractionGuildMember {
  return {
    ...apiMember(state, member),
    user: apiUser(state.requireUser(member.userId)),
    permissions: state.permissionsOf(member.guildId, member.userId).toString(),
  };
}

export function apiChannel(state: DiscordState, channel: StoredChannel): ChannelPayload {
  const base: ChannelPayload = {
    id: channel.id,
    type: channel.type,
    guild_id: channel.guildId,
    name: channel.name,
    parent_id: channel.parentId,
    last_message_id: channel.lastMessageId,
    rate_limit_per_user: 0,
    flags: 0,
  };
  const { thread } = channel;
  if (thread) {
    return {
      ...base,
      owner_id: thread.ownerId,
      thread_metadata: {
        archived: thread.archived,
        auto_archive_duration: thread.autoArchiveDuration,
        archive_timestamp: thread.archiveTimestamp,
        locked: thread.locked,
        create_timestamp: thread.createTimestamp,
      },
      message_count: channel.messageCount,
      member_count: 1,
      total_message_sent: channel.messageCount,
      // The bot joins the threads it creates; Discord includes its thread member in those payloads.
      ...(thread.ownerId === state.botUser.id
        ? { member: { id: channel.id, user_id: state.botUser.id, join_timestamp: thread.createTimestamp, flags: 0 } }
        : {}),
    };
  }
  const guildChannel: ChannelPayload = {
    ...base,
    position: channel.position,
    permission_overwrites: (channel.permissionOverwrites ?? []).map((o) => ({
      id: o.id,
      type: o.type,
      allow: o.allow.toString(),
      deny: o.deny.toString(),
    })),
    topic: channel.topic,
    nsfw: false,
    default_auto_archive_duration: channel.defaultAutoArchiveDuration,
  };
  if (channel.type === ChannelType.GuildForum) {
    return {
      ...guildChannel,
      available_tags: [],
      default_reaction_emoji: null,
      default_sort_order: null,
      default_forum_layout: 0,
    };
  }
  return guildChannel;
}

/** Every read hands out freshly signed links, as Discord does. */
export function apiAttachment(attachment: StoredAttachment, state?: DiscordState): APIAttachment {
  const sign = (link: string) => state?.cdn?.sign(link) ?? link;
  return {
    id: attachment.id,
    filename: attachment.filename,
    size: attachment.size,
    url: sign(attachment.url),
    proxy_url: sign(attachment.proxy_url),
    ...(attachment.width === undefined ? {} : { width: attachment.width, height: attachment.height ?? null }),
    content_type: attachment.content_type,
    ...(attachment.description === undefined ? {} : { description: attachment.description }),
  };
}

/** The mentions a message shows now (its content may have been edited since it pinged). */
export function currentMentions(state: DiscordState, message: StoredMessage): Pings {
  const channel = state.channels.get(message.channel_id);
  const guildId = channel?.guildId ?? message.guild_id;
  // A components-v2 message has no content: Discord reads its mentions from its text displays.
  const text = message.flags & MessageFlags.IsComponentsV2 ? textDisplaysOf(message.components).join('\n') : message.content;
  return computePings(text, message.allowed_mentions, {
    canMentionEveryone: hasPermission(state.permissionsOf(guildId, message.author.id), PermissionFlagsBits.MentionEveryone),
    isMentionableRole: (roleId) => state.roles.get(roleId)?.mentionable === true,
    isKnownUser: (userId) => state.users.has(userId),
  });
}

/**
 * Discord echoes an `attachment://name` media item as the attachment's CDN link (signed, so it
 * expires) with the attachment's id beside it.
 */
function resolveMedia(node: unknown, attachments: readonly StoredAttachment[], state: DiscordState): unknown {
  if (Array.isArray(node)) return node.map((child) => resolveMedia(child, attachments, state));
  if (typeof node !== 'object' || node === null) return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    const url = (value as { url?: unknown } | null)?.url;
    const file =
      (key === 'media' || key === 'file') && typeof url === 'string' && url.startsWith('attachment://')
        ? attachments.find((attachment) => attachment.filename === url.slice('attachment://'.length))
        : undefined;
    if (file) {
      const link = apiAttachment(file, state).url;
      out[key] = { url: link, proxy_url: link, content_type: file.content_type, attachment_id: file.id };
    } else {
      out[key] = resolveMedia(value, attachments, state);
    }
  }
  return out;
}

export function apiMessage(state: DiscordState, message: StoredMessage): APIMessage {
  const mentions = currentMentions(state, message);
  const thread = message.thread_id ? state.channels.get(message.thread_id) : undefined;
  const { interaction } = message;
  return {
    id: message.id,
    channel_id: message.channel_id,
    author: apiUser(message.author),
    content: message.content,
    timestamp: message.timestamp,
    edited_timestamp: message.edited_timestamp,
    tts: message.tts,
    mention_everyone: mentions.everyone,
    mentions: mentions.users.map((id) => apiUser(state.requireUser(id))),
    mention_roles: mentions.roles,
    attachments: message.attachments.map((attachment) => apiAttachment(attachment, state)),
    // Stored as the bot sent them; Discord echoes embeds and components back.
    embeds: message.embeds as APIEmbed[],
    components: resolveMedia(message.components, message.attachments, state) as APIMessageTopLevelComponent[],
    pinned: false,
    type: message.type,
    // A combination of flags is still a MessageFlags bitfield, though not one enum member.
    flags: message.flags as MessageFlags,
    ...(message.nonce === undefined ? {} : { nonce: message.nonce }),
    ...(message.webhook_id === undefined ? {} : { webhook_id: message.webhook_id, application_id: state.applicationId }),
    ...(interaction === undefined
      ? {}
      : {
          interaction_metadata: {
            id: interaction.id,
            type: interaction.type as InteractionType.ApplicationCommand,
            user: apiUser(state.requireUser(interaction.userId)),
            authorizing_integration_owners: { '0': message.guild_id },
          },
          ...(interaction.name === null
            ? {}
            : {
                interaction: {
                  id: interaction.id,
                  type: interaction.type as InteractionType.ApplicationCommand,
                  name: interaction.name,
                  user: apiUser(state.requireUser(interaction.userId)),
                },
              }),
        }),
    // ChannelPayload is one flat record for every channel kind; discord-api-types wants the per-kind union.
    ...(thread && !thread.deleted ? { thread: apiChannel(state, thread) as unknown as APIChannel } : {}),
  };
}

type GuildCreatePayload = Omit<GatewayGuildCreateDispatchData, 'channels' | 'threads'> & {
  channels: ChannelPayload[];
  threads: ChannelPayload[];
};

/**
 * GUILD_CREATE as the gateway sends it. discord.js resolves interaction channels from this cache
 * (and `startThread` needs the parent cached). Without the privileged GuildMembers intent Discord
 * only includes the bot's own member, so that is what the fake does too.
 */
export function guildCreatePayload(state: DiscordState, guild: StoredGuild, intents: number): GuildCreatePayload {
  const includeAllMembers = (intents & (1 << 1)) !== 0;
  const members = state.guildMembers(guild.id).filter((member) => includeAllMembers || member.userId === state.botUser.id);
  const channels = state.guildChannels(guild.id);
  return {
    ...apiGuild(state, guild),
    joined_at: guild.joinedAt,
    large: false,
    unavailable: false,
    member_count: state.guildMembers(guild.id).length,
    voice_states: [],
    members: members.map((member) => apiMember(state, member)),
    channels: channels.filter((channel) => !state.isThread(channel)).map((channel) => apiChannel(state, channel)),
    threads: channels
      .filter((channel) => state.isThread(channel) && channel.thread?.archived === false)
      .map((channel) => apiChannel(state, channel)),
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}

export function apiGuild(
  state: DiscordState,
  guild: StoredGuild,
): Omit<
  GatewayGuildCreateDispatchData,
  | 'channels'
  | 'threads'
  | 'joined_at'
  | 'large'
  | 'member_count'
  | 'voice_states'
  | 'members'
  | 'presences'
  | 'stage_instances'
  | 'guild_scheduled_events'
  | 'soundboard_sounds'
> {
  return {
    id: guild.id,
    name: guild.name,
    icon: null,
    splash: null,
    discovery_splash: null,
    banner: null,
    description: null,
    owner_id: guild.ownerId,
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: GuildVerificationLevel.None,
    default_message_notifications: GuildDefaultMessageNotifications.OnlyMentions,
    explicit_content_filter: GuildExplicitContentFilter.Disabled,
    roles: state.guildRoles(guild.id).map(apiRole),
    emojis: [],
    stickers: [],
    features: [],
    mfa_level: GuildMFALevel.None,
    application_id: null,
    system_channel_id: null,
    system_channel_flags: GuildSystemChannelFlags.SuppressJoinNotifications,
    rules_channel_id: null,
    vanity_url_code: null,
    premium_tier: GuildPremiumTier.None,
    premium_subscription_count: 0,
    preferred_locale: guild.preferredLocale as Locale,
    public_updates_channel_id: null,
    nsfw_level: GuildNSFWLevel.Default,
    premium_progress_bar_enabled: false,
    hub_type: null,
    safety_alerts_channel_id: null,
    incidents_data: null,
    max_members: 500_000,
    max_video_channel_users: 25,
  };
}
