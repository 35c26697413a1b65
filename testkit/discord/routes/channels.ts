import { ChannelType, MessageFlags, PermissionFlagsBits } from 'discord.js';
import type { FakeContext } from '../context.js';
import { DiscordHttpError, discordErrors } from '../errors.js';
import { asReadBy } from '../messageContent.js';
import { isTextLike } from '../messages.js';
import { apiChannel, apiMessage, apiUser } from '../payloads.js';
import { hasPermission } from '../permissions.js';
import { noContent, ok, type RestRequest, type Route } from '../rest.js';
import type { StoredChannel, StoredDm, StoredMessage } from '../state.js';
import { assertCanPost, assertNotArchived, createThread, dispatchChannelEvent, prepareToPost } from '../threads.js';
import { isObject, readMessageBody, requireObject } from '../validation.js';

/** Channel, message and thread routes, all with the bot's token. */
export function channelRoutes(context: FakeContext): Route[] {
  const { state, messages } = context;
  const channelOf = (request: RestRequest) => state.requireChannel(request.params.channelId ?? '');
  const botId = state.botUser.id;
  /**
   * A read of a channel's message: members' messages come blanked unless the app has the Message
   * Content intent or the message mentions the bot (discord-facts.md: "What a bot without the
   * Message Content intent can read"). The bot's own messages stay whole. Direct messages are
   * exempt too; the fake keeps them apart (`state.dms`) and never serves them here.
   */
  const readMessage = (message: StoredMessage) =>
    asReadBy(apiMessage(state, message), {
      botUserId: botId,
      messageContentIntent: context.messageContentIntent,
      inDirectMessage: false,
    });

  /** Ephemeral messages exist only for the interaction's webhook, not in the channel's history. */
  const visibleMessage = (request: RestRequest) => {
    const channel = channelOf(request);
    const message = state.requireMessage(channel.id, request.params.messageId ?? '');
    if (message.flags & MessageFlags.Ephemeral) throw discordErrors.unknownMessage();
    return { channel, message };
  };

  return [
    {
      // Opening a DM always works on Discord; whether the user takes messages shows on the post.
      method: 'POST',
      pattern: '/users/@me/channels',
      auth: true,
      handle: (request) => {
        const body = requireObject(request.json);
        const user = state.requireUser(String(body.recipient_id ?? ''));
        let dm = [...state.dms.values()].find((d) => d.userId === user.id);
        if (!dm) {
          dm = { id: state.newId(), userId: user.id, messages: [] };
          state.dms.set(dm.id, dm);
        }
        return ok({ id: dm.id, type: ChannelType.DM, last_message_id: null, recipients: [apiUser(user)] });
      },
    },
    {
      method: 'GET',
      pattern: '/channels/:channelId',
      auth: true,
      handle: (request) => ok(apiChannel(state, channelOf(request))),
    },
    {
      method: 'PATCH',
      pattern: '/channels/:channelId',
      auth: true,
      handle: (request) => ok(apiChannel(state, editChannel(context, channelOf(request), request.json))),
    },
    {
      method: 'POST',
      pattern: '/channels/:channelId/typing',
      auth: true,
      handle: (request) => {
        channelOf(request);
        return noContent();
      },
    },
    {
      method: 'GET',
      pattern: '/channels/:channelId/messages',
      auth: true,
      handle: (request) => {
        const channel = channelOf(request);
        const limit = Math.min(Math.max(Number(request.query.get('limit') ?? 50), 1), 100);
        const before = request.query.get('before');
        const after = request.query.get('after');
        const list = state
          .channelMessages(channel.id)
          .filter((message) => !message.deleted && !(message.flags & MessageFlags.Ephemeral))
          .filter((message) => (before ? BigInt(message.id) < BigInt(before) : true))
          .filter((message) => (after ? BigInt(message.id) > BigInt(after) : true));
        // Discord returns the newest first.
        const page = after ? list.slice(0, limit) : list.slice(-limit);
        return ok(page.reverse().map(readMessage));
      },
    },
    {
      method: 'POST',
      pattern: '/channels/:channelId/messages',
      auth: true,
      handle: (request) => {
        const dm = state.dms.get(request.params.channelId ?? '');
        if (dm) return ok(postDirectMessage(context, dm, request));
        const channel = channelOf(request);
        if (!isTextLike(channel)) throw discordErrors.cannotSendInNonTextChannel();
        assertCanPost(context, channel, request.files.length);
        prepareToPost(context, channel);
        const { message } = messages.create(channel, {
          body: readMessageBody(request.json),
          files: request.files,
          author: state.botUser,
        });
        return ok(apiMessage(state, message));
      },
    },
    {
      method: 'GET',
      pattern: '/channels/:channelId/messages/:messageId',
      auth: true,
      handle: (request) => ok(readMessage(visibleMessage(request).message)),
    },
    {
      method: 'PATCH',
      pattern: '/channels/:channelId/messages/:messageId',
      auth: true,
      handle: (request) => {
        const { channel, message } = visibleMessage(request);
        if (message.author.id !== botId) throw discordErrors.cannotEditOthersMessage();
        assertNotArchived(channel);
        messages.edit(message, readMessageBody(request.json), request.files);
        return ok(apiMessage(state, message));
      },
    },
    {
      method: 'DELETE',
      pattern: '/channels/:channelId/messages/:messageId',
      auth: true,
      handle: (request) => {
        // The bot may delete its own messages in a DM.
        const dm = state.dms.get(request.params.channelId ?? '');
        if (dm) {
          const sent = dm.messages.find((m) => m.id === request.params.messageId && !m.deleted);
          if (!sent) throw discordErrors.unknownMessage();
          sent.deleted = true;
          return noContent();
        }
        const { channel, message } = visibleMessage(request);
        const canManage = hasPermission(state.botPermissions(channel.guildId), PermissionFlagsBits.ManageMessages);
        if (message.author.id !== botId && !canManage) throw discordErrors.missingPermissions();
        assertNotArchived(channel);
        messages.delete(message);
        return noContent();
      },
    },
    {
      method: 'POST',
      pattern: '/channels/:channelId/messages/:messageId/threads',
      auth: true,
      handle: (request) => {
        const { channel, message } = visibleMessage(request);
        if (channel.type !== ChannelType.GuildText && channel.type !== ChannelType.GuildAnnouncement) {
          throw discordErrors.wrongChannelType();
        }
        const body = requireObject(request.json);
        const thread = createThread(context, channel, {
          name: body.name,
          autoArchiveDuration: body.auto_archive_duration,
          // The thread type follows the parent; a `type` in the body is ignored for message threads.
          type: channel.type === ChannelType.GuildAnnouncement ? ChannelType.AnnouncementThread : ChannelType.PublicThread,
          fromMessage: message,
        });
        return ok(apiChannel(state, thread));
      },
    },
    {
      method: 'POST',
      pattern: '/channels/:channelId/threads',
      auth: true,
      handle: (request) => {
        const channel = channelOf(request);
        const body = requireObject(request.json);
        if (channel.type === ChannelType.GuildForum || channel.type === ChannelType.GuildMedia) {
          return ok(createForumPost(context, channel, body, request));
        }
        if (channel.type !== ChannelType.GuildText && channel.type !== ChannelType.GuildAnnouncement) {
          throw discordErrors.wrongChannelType();
        }
        const type =
          channel.type === ChannelType.GuildAnnouncement
            ? ChannelType.AnnouncementThread
            : body.type === ChannelType.PublicThread
              ? ChannelType.PublicThread
              : ChannelType.PrivateThread;
        const thread = createThread(context, channel, {
          name: body.name,
          autoArchiveDuration: body.auto_archive_duration,
          type,
        });
        return ok(apiChannel(state, thread));
      },
    },
    {
      method: 'PUT',
      pattern: '/channels/:channelId/thread-members/:userId',
      auth: true,
      handle: (request) => {
        const channel = channelOf(request);
        if (!state.isThread(channel)) throw discordErrors.wrongChannelType();
        assertNotArchived(channel);
        return noContent();
      },
    },
  ];
}

/** Forum posts: a thread whose starter message shares its id; the response embeds that message. */
function createForumPost(context: FakeContext, forum: StoredChannel, body: Record<string, unknown>, request: RestRequest) {
  const { state, messages } = context;
  if (!isObject(body.message)) {
    throw new DiscordHttpError(400, {
      code: 50035,
      message: 'Invalid Form Body',
      errors: { message: { _errors: [{ code: 'BASE_TYPE_REQUIRED', message: 'This field is required' }] } },
    });
  }
  const messageBody = readMessageBody(body.message);
  const id = state.newId();
  const thread = createThread(context, forum, {
    name: body.name,
    autoArchiveDuration: body.auto_archive_duration,
    type: ChannelType.PublicThread,
    id,
  });
  const { message } = messages.create(thread, {
    body: messageBody,
    files: request.files,
    author: state.botUser,
    id,
  });
  return { ...apiChannel(state, thread), message: apiMessage(state, message) };
}

/** Thread edits (archive, lock, rename) and channel renames, with their gateway events. */
function editChannel(context: FakeContext, channel: StoredChannel, json: unknown): StoredChannel {
  const body = requireObject(json);
  const { thread } = channel;
  if (typeof body.name === 'string') channel.name = body.name;
  if (thread) {
    const canManage = hasPermission(context.state.botPermissions(channel.guildId), PermissionFlagsBits.ManageThreads);
    if ((body.locked !== undefined || body.archived === true) && !canManage) throw discordErrors.missingPermissions();
    // Only members with Manage Threads may reopen a locked thread.
    if (body.archived === false && thread.archived && thread.locked && !canManage) throw discordErrors.missingPermissions();
    if (thread.archived && body.archived !== false) throw discordErrors.threadArchived();
    if (typeof body.archived === 'boolean') {
      thread.archived = body.archived;
      thread.archiveTimestamp = new Date().toISOString();
    }
    if (typeof body.locked === 'boolean') thread.locked = body.locked;
    if (typeof body.auto_archive_duration === 'number') thread.autoArchiveDuration = body.auto_archive_duration;
    dispatchChannelEvent(context, 'THREAD_UPDATE', channel);
  } else {
    if (typeof body.topic === 'string' || body.topic === null) channel.topic = body.topic;
    dispatchChannelEvent(context, 'CHANNEL_UPDATE', channel);
  }
  return channel;
}

/** A message to a user's DMs: refused with 50007 when the user closed them, else kept for the test. */
function postDirectMessage(context: FakeContext, dm: StoredDm, request: RestRequest) {
  const { state } = context;
  if (state.dmRefused.has(dm.userId)) throw discordErrors.cannotSendToUser();
  const body = isObject(request.json) ? request.json : {};
  const nonce = typeof body.nonce === 'string' || typeof body.nonce === 'number' ? String(body.nonce) : undefined;
  // Discord docs, Create Message, `enforce_nonce`: a message the same author created with the
  // same nonce is returned and no new one is created (in DMs as in servers).
  const earlier = body.enforce_nonce === true && nonce !== undefined ? dm.messages.find((m) => !m.deleted && m.nonce === nonce) : undefined;
  const message = earlier ?? {
    id: state.newId(),
    content: typeof body.content === 'string' ? body.content : '',
    files: request.files.map((file) => ({ filename: file.filename, bytes: file.bytes })),
    ...(nonce === undefined ? {} : { nonce }),
  };
  if (!earlier) dm.messages.push(message);
  return {
    id: message.id,
    channel_id: dm.id,
    content: message.content,
    author: apiUser(state.botUser),
    attachments: [],
    embeds: [],
    timestamp: new Date().toISOString(),
    type: 0,
  };
}
