import { ChannelType, type MessageType } from 'discord.js';
import type { AttachmentCdn } from './cdn.js';
import { discordErrors } from './errors.js';
import type { AllowedMentions, Pings } from './mentions.js';
import { computePermissions } from './permissions.js';
import type { SnowflakeGenerator } from './snowflake.js';

export interface StoredUser {
  id: string;
  username: string;
  globalName: string | null;
  bot: boolean;
}

/** A direct-message channel with one user, and what the bot sent there. */
export interface StoredDm {
  id: string;
  userId: string;
  messages: { id: string; content: string; files: { filename: string; bytes: Buffer }[]; nonce?: string; deleted?: boolean }[];
}

export interface StoredGuild {
  id: string;
  name: string;
  ownerId: string;
  /** The bot's managed role, created with the guild like Discord does when a bot joins. */
  botRoleId: string;
  joinedAt: string;
  /** The server's language (`preferred_locale`, and `guild_locale` on its interactions). */
  preferredLocale: string;
}

export interface StoredRole {
  id: string;
  guildId: string;
  name: string;
  permissions: bigint;
  position: number;
  mentionable: boolean;
  managed: boolean;
  /** Set on a bot's managed role (`tags.bot_id`). */
  botId: string | null;
}

export interface StoredMember {
  guildId: string;
  userId: string;
  roles: string[];
  /** Extra permission bits for this member alone; stands in for channel overwrites. */
  permissionOverride: bigint;
  nick: string | null;
  joinedAt: string;
}

export interface ThreadState {
  ownerId: string;
  archived: boolean;
  locked: boolean;
  autoArchiveDuration: number;
  archiveTimestamp: string;
  createTimestamp: string;
}

export interface StoredChannel {
  id: string;
  guildId: string;
  type: ChannelType;
  name: string;
  parentId: string | null;
  position: number;
  topic: string | null;
  deleted: boolean;
  /** Set by `denyThreads`: creating threads here answers 403 Missing Permissions. */
  threadsDenied: boolean;
  /** Present on thread channels only. */
  thread: ThreadState | null;
  /** Channel overwrites as Discord sends them; none unless a test sets them. The fake does not enforce them. */
  permissionOverwrites?: StoredOverwrite[];
  defaultAutoArchiveDuration: number;
  lastMessageId: string | null;
  messageCount: number;
}

export interface StoredOverwrite {
  /** A role id (type 0) or a member's user id (type 1). */
  id: string;
  type: 0 | 1;
  allow: bigint;
  deny: bigint;
}

export interface StoredAttachment {
  id: string;
  filename: string;
  size: number;
  content_type: string;
  bytes: Buffer;
  url: string;
  proxy_url: string;
  description?: string;
  /** Pictures carry their size, as Discord reports it (a member's client may report it wrong). */
  width?: number;
  height?: number;
}

/** Links a message to the interaction that produced it (`interaction_metadata`). */
export interface MessageInteractionLink {
  id: string;
  type: number;
  name: string | null;
  userId: string;
}

export interface StoredMessage {
  id: string;
  channel_id: string;
  guild_id: string;
  author: StoredUser;
  content: string;
  embeds: unknown[];
  components: unknown[];
  allowed_mentions: AllowedMentions | undefined;
  nonce: string | number | undefined;
  attachments: StoredAttachment[];
  flags: number;
  /** Who Discord notified: computed when the content first appeared (creation, or the edit that ends a deferral). */
  pinged: Pings;
  edits: number;
  deleted: boolean;
  type: MessageType;
  tts: boolean;
  timestamp: string;
  edited_timestamp: string | null;
  /** Interaction responses and followups are webhook messages of the application. */
  webhook_id: string | undefined;
  interaction: MessageInteractionLink | undefined;
  message_reference: unknown;
  /** The thread started from this message (its id equals the message id). */
  thread_id: string | undefined;
}

export const THREAD_TYPES: ReadonlySet<ChannelType> = new Set([
  ChannelType.PublicThread,
  ChannelType.PrivateThread,
  ChannelType.AnnouncementThread,
]);

/** Everything the fake knows, in memory; no Discord wire shapes here (see payloads.ts). */
export class DiscordState {
  /** Signs attachment links as they are handed out (set once the server listens). */
  cdn: AttachmentCdn | undefined;
  /** Direct-message channels the bot opened, by channel id. */
  readonly dms = new Map<string, StoredDm>();
  /** Users whose DMs refuse the bot (Discord's 50007). */
  readonly dmRefused = new Set<string>();

  readonly users = new Map<string, StoredUser>();
  readonly guilds = new Map<string, StoredGuild>();
  readonly roles = new Map<string, StoredRole>();
  readonly channels = new Map<string, StoredChannel>();
  /** Keyed by `${guildId}:${userId}`. */
  readonly members = new Map<string, StoredMember>();
  readonly messages = new Map<string, StoredMessage>();
  /** Application commands keyed by guild id, or '' for global ones. */
  readonly commands = new Map<string, Record<string, unknown>[]>();

  constructor(
    readonly ids: SnowflakeGenerator,
    readonly botUser: StoredUser,
    readonly applicationId: string,
  ) {
    this.users.set(botUser.id, botUser);
  }

  requireGuild(guildId: string): StoredGuild {
    const guild = this.guilds.get(guildId);
    if (!guild) throw discordErrors.unknownGuild();
    return guild;
  }

  /** A live channel; deleted ones answer 404 Unknown Channel like Discord. */
  requireChannel(channelId: string): StoredChannel {
    const channel = this.channels.get(channelId);
    if (!channel || channel.deleted) throw discordErrors.unknownChannel();
    return channel;
  }

  requireMember(guildId: string, userId: string): StoredMember {
    const member = this.members.get(memberKey(guildId, userId));
    if (!member) throw discordErrors.unknownMember();
    return member;
  }

  requireUser(userId: string): StoredUser {
    const user = this.users.get(userId);
    if (!user) throw discordErrors.unknownUser();
    return user;
  }

  requireMessage(channelId: string, messageId: string): StoredMessage {
    const message = this.messages.get(messageId);
    if (!message || message.deleted || message.channel_id !== channelId) throw discordErrors.unknownMessage();
    return message;
  }

  member(guildId: string, userId: string): StoredMember | undefined {
    return this.members.get(memberKey(guildId, userId));
  }

  guildRoles(guildId: string): StoredRole[] {
    return [...this.roles.values()].filter((role) => role.guildId === guildId);
  }

  guildMembers(guildId: string): StoredMember[] {
    return [...this.members.values()].filter((member) => member.guildId === guildId);
  }

  guildChannels(guildId: string): StoredChannel[] {
    return [...this.channels.values()].filter((channel) => channel.guildId === guildId && !channel.deleted);
  }

  channelMessages(channelId: string): StoredMessage[] {
    return [...this.messages.values()].filter((message) => message.channel_id === channelId);
  }

  /**
   * The member's permissions in a channel. Discord would also apply the channel's overwrites; this
   * fake has none, so a channel only matters through its guild (threads inherit their parent's).
   */
  permissionsOf(guildId: string, userId: string): bigint {
    const guild = this.requireGuild(guildId);
    const member = this.member(guildId, userId);
    const everyone = this.roles.get(guildId);
    const rolePermissions = [everyone?.permissions ?? 0n];
    for (const roleId of member?.roles ?? []) {
      const role = this.roles.get(roleId);
      if (role) rolePermissions.push(role.permissions);
    }
    return computePermissions({
      isOwner: guild.ownerId === userId,
      rolePermissions,
      memberOverride: member?.permissionOverride ?? 0n,
    });
  }

  botPermissions(guildId: string): bigint {
    return this.permissionsOf(guildId, this.botUser.id);
  }

  isThread(channel: StoredChannel): boolean {
    return THREAD_TYPES.has(channel.type);
  }

  newId(): string {
    return this.ids.next();
  }
}

export function memberKey(guildId: string, userId: string): string {
  return `${guildId}:${userId}`;
}
