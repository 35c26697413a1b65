/**
 * The bot's own channel messages, through discord.js's REST client. Final messages never use an
 * interaction token: it dies after 15 minutes and a video can take longer. Raw routes (rather
 * than cached channel objects) keep working after a restart, when a thread may not be cached.
 */
import { openAsBlob } from 'node:fs';
import {
  type APIEmbed,
  type APIMessage,
  type APIMessageTopLevelComponent,
  type APIThreadChannel,
  DiscordAPIError,
  type RawFile,
  type REST,
  Routes,
} from 'discord.js';
import { COMPONENTS_V2 } from './discordLimits.js';

const isComponentsV2 = (message: OutgoingMessage) => ((message.flags ?? 0) & COMPONENTS_V2.flag) !== 0;

export interface OutgoingMessage {
  content?: string;
  embeds?: APIEmbed[];
  /** Action rows on a classic message; the whole layout on a components-v2 one. */
  components?: APIMessageTopLevelComponent[];
  /** `COMPONENTS_V2.flag` for a card made of components; such a message carries no content or embeds. */
  flags?: number;
  /** Users who may be pinged; nobody else ever is (prompts are user text). */
  mentionUsers?: string[];
  /** With `enforce_nonce`, Discord returns the earlier message instead of posting it twice. */
  nonce?: string;
  replyTo?: string;
  files?: RawFile[];
  /** Files sent straight from disk, read in chunks as the upload goes, never whole in memory. */
  diskFiles?: DiskFile[];
}

export interface DiskFile {
  name: string;
  path: string;
  contentType: string;
}

/** Discord error codes the bot reacts to. */
export const DiscordCodes = {
  UnknownChannel: 10003,
  UnknownMessage: 10008,
  MissingAccess: 50001,
  MissingPermissions: 50013,
  ThreadArchived: 50083,
  RequestEntityTooLarge: 40005,
  UnknownInteraction: 10062,
  UnknownWebhook: 10015,
  /** The user does not take direct messages from the bot (closed DMs, or no shared server that allows them). */
  CannotSendToUser: 50007,
} as const;

export function discordErrorCode(error: unknown): number | undefined {
  return error instanceof DiscordAPIError && typeof error.code === 'number' ? error.code : undefined;
}

export function discordStatus(error: unknown): number | undefined {
  return error instanceof DiscordAPIError ? error.status : undefined;
}

export class ChannelPoster {
  constructor(private readonly rest: REST) {}

  async post(channelId: string, message: OutgoingMessage): Promise<APIMessage> {
    // Discord refuses content or embeds, even empty, beside the components-v2 flag on a new message.
    const body: Record<string, unknown> = isComponentsV2(message)
      ? { flags: message.flags, components: message.components ?? [] }
      : { content: message.content ?? '', embeds: message.embeds ?? [], components: message.components ?? [] };
    body.allowed_mentions = { parse: [], users: message.mentionUsers ?? [], replied_user: false };
    if (message.nonce) {
      body.nonce = message.nonce;
      body.enforce_nonce = true;
    }
    if (message.replyTo) body.message_reference = { message_id: message.replyTo, fail_if_not_exists: false };
    if (message.diskFiles?.length) {
      body.attachments = message.diskFiles.map((file, id) => ({ id, filename: file.name }));
      // discord.js copies a Buffer into a Blob and undici copies it again while sending (a 25 MiB
      // video cost about 4x its size in memory); a file-backed Blob streams from disk instead.
      const form = new FormData();
      for (const [id, file] of message.diskFiles.entries()) {
        form.append(`files[${id}]`, await openAsBlob(file.path, { type: file.contentType }), file.name);
      }
      form.append('payload_json', JSON.stringify(body));
      return (await this.rest.post(Routes.channelMessages(channelId), { body: form, passThroughBody: true })) as APIMessage;
    }
    if (message.files?.length) {
      body.attachments = message.files.map((file, id) => ({ id, filename: file.name }));
    }
    return (await this.rest.post(Routes.channelMessages(channelId), {
      body,
      ...(message.files?.length ? { files: message.files } : {}),
    })) as APIMessage;
  }

  async edit(
    channelId: string,
    messageId: string,
    message: Omit<OutgoingMessage, 'nonce' | 'replyTo' | 'files' | 'diskFiles'> & {
      /** The attachments (by id) the message keeps; the rest are removed. @defaultValue all kept */
      keepAttachments?: readonly string[];
    },
  ): Promise<void> {
    const body: Record<string, unknown> = { allowed_mentions: { parse: [], users: message.mentionUsers ?? [] } };
    // discord-facts.md, REST calls: an edit's `attachments` lists the ones the message keeps.
    if (message.keepAttachments) body.attachments = message.keepAttachments.map((id) => ({ id }));
    if (isComponentsV2(message)) {
      // The flag can be set on a message an older release posted with an embed, if the edit empties
      // its content (null) and embeds ([]) at once; on a message that has the flag already, both
      // are empty anyway, so every such edit says so and needs no look at the message first.
      body.flags = message.flags;
      body.content = null;
      body.embeds = [];
      body.components = message.components ?? [];
      await this.rest.patch(Routes.channelMessage(channelId, messageId), { body });
      return;
    }
    if (message.content !== undefined) body.content = message.content;
    if (message.embeds) body.embeds = message.embeds;
    if (message.components) body.components = message.components;
    await this.rest.patch(Routes.channelMessage(channelId, messageId), { body });
  }

  /** A message as Discord holds it now (its attachment links freshly signed). */
  async fetchMessage(channelId: string, messageId: string): Promise<APIMessage> {
    return (await this.rest.get(Routes.channelMessage(channelId, messageId))) as APIMessage;
  }

  async delete(channelId: string, messageId: string): Promise<void> {
    await this.rest.delete(Routes.channelMessage(channelId, messageId));
  }

  /** A public thread on a message (its id is the message's id). */
  async startThread(channelId: string, messageId: string, name: string): Promise<APIThreadChannel> {
    return (await this.rest.post(Routes.threads(channelId, messageId), {
      body: { name, auto_archive_duration: 1440 },
    })) as APIThreadChannel;
  }

  /** The bot's DM channel with a user (Discord makes it on first use and returns the same one after). */
  async openDm(userId: string): Promise<{ id: string }> {
    return (await this.rest.post(Routes.userChannels(), { body: { recipient_id: userId } })) as { id: string };
  }

  async rename(channelId: string, name: string): Promise<void> {
    await this.rest.patch(Routes.channel(channelId), { body: { name } });
  }

  /** Reopens an archived thread so its final message can be posted. */
  async unarchive(threadId: string): Promise<void> {
    await this.rest.patch(Routes.channel(threadId), { body: { archived: false } });
  }
}
