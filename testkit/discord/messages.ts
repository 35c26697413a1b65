import { ChannelType, MessageFlags, MessageType } from 'discord.js';
import { discordErrors } from './errors.js';
import { noPings } from './mentions.js';
import type { UploadedFile } from './multipart.js';
import { currentMentions } from './payloads.js';
import type { DiscordState, MessageInteractionLink, StoredAttachment, StoredChannel, StoredMessage, StoredUser } from './state.js';
import { type JsonObject, type MessageBody, validateMessageBody } from './validation.js';

/** Discord remembers an enforced nonce for a few minutes; the docs promise at least ten. */
const NONCE_WINDOW_MS = 10 * 60 * 1000;

/** Flags a bot may set when sending; others (crossposted, has-thread, loading...) belong to Discord. */
const SETTABLE_FLAGS = MessageFlags.SuppressEmbeds | MessageFlags.SuppressNotifications | MessageFlags.IsComponentsV2;

export interface CreateMessageInput {
  /** Forum starter messages share the thread's id; others get a new one. */
  id?: string;
  body: MessageBody;
  files: UploadedFile[];
  author: StoredUser;
  type?: MessageType;
  /** Set for interaction responses and followups (`webhook_id` = the application id). */
  webhookId?: string;
  interaction?: MessageInteractionLink;
  /** Interactions may add EPHEMERAL; a deferral also sets LOADING. */
  extraFlags?: number;
  /** A deferral's "thinking" message: empty by design, so not checked like a real send. */
  placeholder?: boolean;
}

export interface MessageServiceOptions {
  uploadLimitBytes: number;
  /** `http://127.0.0.1:PORT`, for attachment URLs; known only once the server listens. */
  origin(): string;
}

/** Creating, editing and deleting messages with Discord's rules; used by channel and webhook routes alike. */
export class MessageService {
  /** Every stored attachment by id, for the `/attachments/...` download route. */
  private readonly attachmentIndex = new Map<string, StoredAttachment>();

  constructor(
    private readonly state: DiscordState,
    private readonly options: MessageServiceOptions,
  ) {}

  /** Returns the existing message instead of a new one when an enforced nonce repeats (real Discord behaviour). */
  create(channel: StoredChannel, input: CreateMessageInput): { message: StoredMessage; deduplicated: boolean } {
    const { body, files } = input;
    if (!input.placeholder) {
      validateMessageBody(body, {
        creating: true,
        fileCount: files.length,
        keptAttachmentCount: 0,
        attachmentNames: new Set(this.uploadNames(body.attachments, files)),
      });
    }
    this.checkUploadSizes(files);
    if (body.enforce_nonce && body.nonce !== undefined) {
      const existing = this.findByNonce(channel.id, input.author.id, body.nonce);
      if (existing) return { message: existing, deduplicated: true };
    }
    const now = new Date();
    const id = input.id ?? this.state.newId();
    const flags = ((body.flags ?? 0) & SETTABLE_FLAGS) | (input.extraFlags ?? 0);
    const message: StoredMessage = {
      id,
      channel_id: channel.id,
      guild_id: channel.guildId,
      author: input.author,
      content: body.content ?? '',
      embeds: body.embeds ?? [],
      components: body.components ?? [],
      allowed_mentions: body.allowed_mentions,
      nonce: body.nonce,
      attachments: this.attachmentsFor(channel.id, body.attachments, files),
      flags,
      pinged: noPings(),
      edits: 0,
      deleted: false,
      type: input.type ?? (body.message_reference === undefined ? MessageType.Default : MessageType.Reply),
      tts: body.tts,
      timestamp: now.toISOString(),
      edited_timestamp: null,
      webhook_id: input.webhookId,
      interaction: input.interaction,
      message_reference: body.message_reference,
      thread_id: undefined,
    };
    message.pinged = this.pingsFor(message);
    this.state.messages.set(id, message);
    channel.lastMessageId = id;
    channel.messageCount += 1;
    return { message, deduplicated: false };
  }

  /**
   * Applies a PATCH. Listed `attachments` are the ones kept (new files join them); without the
   * field, new files are appended. `finishesDeferral` marks the edit that replaces a "thinking"
   * message: that is when its mentions ping, as if it had just been sent.
   */
  edit(message: StoredMessage, body: MessageBody, files: UploadedFile[], finishesDeferral = false): StoredMessage {
    const kept =
      body.attachments === undefined
        ? message.attachments
        : message.attachments.filter((attachment) => body.attachments?.some((entry) => String(entry.id) === attachment.id));
    validateMessageBody(body, {
      creating: false,
      fileCount: files.length,
      keptAttachmentCount: kept.length,
      attachmentNames: new Set([...kept.map((attachment) => attachment.filename), ...this.uploadNames(body.attachments, files)]),
      current: { flags: message.flags, content: message.content, embedCount: message.embeds.length },
    });
    this.checkUploadSizes(files);
    if (body.content !== undefined) message.content = body.content;
    else if (body.contentCleared) message.content = '';
    if (body.embeds !== undefined) message.embeds = body.embeds;
    if (body.components !== undefined) message.components = body.components;
    if (body.allowed_mentions !== undefined) message.allowed_mentions = body.allowed_mentions;
    if (body.flags !== undefined) {
      message.flags = (message.flags & ~SETTABLE_FLAGS) | (body.flags & SETTABLE_FLAGS);
    }
    const newEntries = body.attachments?.filter((entry) => !message.attachments.some((a) => a.id === String(entry.id)));
    message.attachments = [...kept, ...this.attachmentsFor(message.channel_id, newEntries, files)];
    if (finishesDeferral) {
      message.flags &= ~MessageFlags.Loading;
      message.pinged = this.pingsFor(message);
    } else {
      message.edits += 1;
      message.edited_timestamp = new Date().toISOString();
    }
    return message;
  }

  delete(message: StoredMessage): void {
    message.deleted = true;
  }

  /** Ephemeral messages and "thinking" placeholders notify no one. */
  private pingsFor(message: StoredMessage) {
    if (message.flags & (MessageFlags.Ephemeral | MessageFlags.Loading)) return noPings();
    return currentMentions(this.state, message);
  }

  private findByNonce(channelId: string, authorId: string, nonce: string | number): StoredMessage | undefined {
    const since = Date.now() - NONCE_WINDOW_MS;
    return this.state
      .channelMessages(channelId)
      .find(
        (message) =>
          !message.deleted &&
          message.author.id === authorId &&
          String(message.nonce) === String(nonce) &&
          Date.parse(message.timestamp) >= since,
      );
  }

  private checkUploadSizes(files: UploadedFile[]): void {
    if (files.some((file) => file.bytes.length > this.options.uploadLimitBytes)) {
      throw discordErrors.requestEntityTooLarge();
    }
  }

  /** The names the uploads of a request go by: `attachments[n].filename` when given, else the part's. */
  private uploadNames(entries: JsonObject[] | undefined, files: UploadedFile[]): string[] {
    return files.map((file, position) => {
      const index = /\d+/.exec(file.field)?.[0] ?? String(position);
      const entry = entries?.find((candidate) => String(candidate.id) === index);
      return typeof entry?.filename === 'string' ? entry.filename : file.filename;
    });
  }

  /** Pairs `files[n]` parts with `attachments[{ id: n }]` entries, as Discord does. */
  private attachmentsFor(channelId: string, entries: JsonObject[] | undefined, files: UploadedFile[]): StoredAttachment[] {
    return files.map((file, position) => {
      const index = /\d+/.exec(file.field)?.[0] ?? String(position);
      const entry = entries?.find((candidate) => String(candidate.id) === index);
      const filename = typeof entry?.filename === 'string' ? entry.filename : file.filename;
      const description = typeof entry?.description === 'string' ? entry.description : undefined;
      return this.storeAttachment(channelId, { filename, bytes: file.bytes, contentType: file.contentType, description });
    });
  }

  /** Also used for files a member "uploads" with a slash command option. */
  storeAttachment(
    channelId: string,
    file: {
      filename: string;
      bytes: Buffer;
      contentType: string;
      description?: string | undefined;
      width?: number | undefined;
      height?: number | undefined;
    },
  ): StoredAttachment {
    const id = this.state.newId();
    const url = `${this.options.origin()}/attachments/${channelId}/${id}/${encodeURIComponent(file.filename)}`;
    const attachment: StoredAttachment = {
      id,
      filename: file.filename,
      size: file.bytes.length,
      content_type: file.contentType,
      bytes: file.bytes,
      url,
      proxy_url: url,
      ...(file.description === undefined ? {} : { description: file.description }),
      ...(file.width === undefined ? {} : { width: file.width }),
      ...(file.height === undefined ? {} : { height: file.height }),
    };
    this.attachmentIndex.set(id, attachment);
    return attachment;
  }

  findAttachment(attachmentId: string): StoredAttachment | undefined {
    return this.attachmentIndex.get(attachmentId);
  }
}

export function isTextLike(channel: StoredChannel): boolean {
  return [
    ChannelType.GuildText,
    ChannelType.GuildAnnouncement,
    ChannelType.PublicThread,
    ChannelType.PrivateThread,
    ChannelType.AnnouncementThread,
  ].includes(channel.type);
}
