import { ChannelType, GatewayIntentBits, MessageFlags, PermissionFlagsBits } from 'discord.js';
import type { FakeContext } from './context.js';
import { discordErrors, FormErrors } from './errors.js';
import { apiChannel } from './payloads.js';
import { hasPermission } from './permissions.js';
import type { StoredChannel, StoredMessage } from './state.js';

const ARCHIVE_DURATIONS = new Set([60, 1440, 4320, 10080]);

export interface ThreadRequest {
  name: unknown;
  autoArchiveDuration: unknown;
  type: ChannelType.PublicThread | ChannelType.PrivateThread | ChannelType.AnnouncementThread;
  /** Thread from a message: the thread takes the message's id. */
  fromMessage?: StoredMessage;
  /** Forum posts: the thread and its starter message share a new id. */
  id?: string;
}

export function dispatchChannelEvent(context: FakeContext, event: string, channel: StoredChannel, extra = {}): void {
  context.gateway.dispatch(
    event,
    { ...apiChannel(context.state, channel), ...extra },
    { intent: GatewayIntentBits.Guilds, guildId: channel.guildId },
  );
}

/** Checks Discord's rules for a new thread, stores it, and dispatches THREAD_CREATE. */
export function createThread(context: FakeContext, parent: StoredChannel, request: ThreadRequest): StoredChannel {
  const { state } = context;
  const errors = new FormErrors();
  const name = typeof request.name === 'string' ? request.name : '';
  if ([...name].length < 1 || [...name].length > 100) {
    errors.add(['name'], 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 100 in length.');
  }
  const duration = request.autoArchiveDuration ?? parent.defaultAutoArchiveDuration;
  if (typeof duration !== 'number' || !ARCHIVE_DURATIONS.has(duration)) {
    errors.add(['auto_archive_duration'], 'BASE_TYPE_CHOICES', 'Value must be one of {60, 1440, 4320, 10080}.');
  }
  errors.throwIfAny();
  const permissions = state.botPermissions(parent.guildId);
  const needed =
    request.type === ChannelType.PrivateThread ? PermissionFlagsBits.CreatePrivateThreads : PermissionFlagsBits.CreatePublicThreads;
  if (!hasPermission(permissions, PermissionFlagsBits.ViewChannel)) throw discordErrors.missingAccess();
  if (parent.threadsDenied || !hasPermission(permissions, needed)) throw discordErrors.missingPermissions();
  if (request.fromMessage?.thread_id) throw discordErrors.threadAlreadyCreated();

  const now = new Date().toISOString();
  const id = request.fromMessage?.id ?? request.id ?? state.newId();
  const thread: StoredChannel = {
    id,
    guildId: parent.guildId,
    type: request.type,
    name,
    parentId: parent.id,
    position: 0,
    topic: null,
    deleted: false,
    threadsDenied: false,
    thread: {
      ownerId: state.botUser.id,
      archived: false,
      locked: false,
      autoArchiveDuration: Number(duration),
      archiveTimestamp: now,
      createTimestamp: now,
    },
    defaultAutoArchiveDuration: Number(duration),
    lastMessageId: null,
    messageCount: 0,
  };
  state.channels.set(id, thread);
  if (request.fromMessage) {
    request.fromMessage.thread_id = id;
    request.fromMessage.flags |= MessageFlags.HasThread;
  }
  dispatchChannelEvent(context, 'THREAD_CREATE', thread, { newly_created: true });
  return thread;
}

/**
 * Sending into an archived thread unarchives it (Discord does this for anyone who may send there),
 * unless it is locked and the bot lacks Manage Threads: then 400 50083.
 */
export function prepareToPost(context: FakeContext, channel: StoredChannel): void {
  const { thread } = channel;
  if (!thread?.archived) return;
  const canManage = hasPermission(context.state.botPermissions(channel.guildId), PermissionFlagsBits.ManageThreads);
  if (thread.locked && !canManage) throw discordErrors.threadArchived();
  thread.archived = false;
  thread.archiveTimestamp = new Date().toISOString();
  dispatchChannelEvent(context, 'THREAD_UPDATE', channel);
}

/** Editing or deleting messages in an archived thread is refused; only a new message unarchives. */
export function assertNotArchived(channel: StoredChannel): void {
  if (channel.thread?.archived) throw discordErrors.threadArchived();
}

export function assertCanPost(context: FakeContext, channel: StoredChannel, fileCount: number): void {
  const permissions = context.state.botPermissions(channel.guildId);
  if (!hasPermission(permissions, PermissionFlagsBits.ViewChannel)) throw discordErrors.missingAccess();
  const send = context.state.isThread(channel) ? PermissionFlagsBits.SendMessagesInThreads : PermissionFlagsBits.SendMessages;
  if (!hasPermission(permissions, send)) throw discordErrors.missingPermissions();
  if (fileCount > 0 && !hasPermission(permissions, PermissionFlagsBits.AttachFiles)) {
    throw discordErrors.missingPermissions();
  }
}
