/**
 * What a bot without the Message Content intent reads of a message (discord-facts.md: "What a bot
 * without the Message Content intent can read"): Discord blanks `content`, `embeds`,
 * `attachments` and `components` in every message it hands over, on the gateway and over REST,
 * except messages the bot sent itself, direct messages with the bot, and messages that mention
 * it. A message context-menu interaction carries its target whole, so its payload is built
 * without this.
 */
import type { APIMessage } from 'discord.js';

export interface ContentReader {
  /** The bot's user id: its own messages, and messages mentioning it, stay whole. */
  botUserId: string;
  /** The application has the privileged Message Content intent (set for the app, it holds on REST too). */
  messageContentIntent: boolean;
  /** The message is in a direct-message channel with the bot. */
  inDirectMessage: boolean;
}

/** Whether Discord hands this reader the message's content, embeds, attachments and components. */
export function readsContent(message: APIMessage, reader: ContentReader): boolean {
  return (
    reader.messageContentIntent ||
    reader.inDirectMessage ||
    message.author.id === reader.botUserId ||
    message.mentions.some((user) => user.id === reader.botUserId)
  );
}

/** The message as the reader gets it: whole, or with the four fields empty (the rest, such as the author and the mentions, stays). */
export function asReadBy(message: APIMessage, reader: ContentReader): APIMessage {
  if (readsContent(message, reader)) return message;
  return { ...message, content: '', embeds: [], attachments: [], components: [] };
}
