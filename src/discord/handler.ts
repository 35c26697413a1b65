/**
 * The shape every interaction handler has: a plain input read from the interaction, the core
 * called through {@link HandlerDeps}, and a view returned for the router to send.
 */
import type {
  APIActionRowComponent,
  APIComponentInMessageActionRow,
  APIEmbed,
  APIModalInteractionResponseCallbackData,
  ChannelType,
} from 'discord.js';
import type { HandlerDeps } from './context.js';

/** An ephemeral answer to the member. Mentions in it never ping (allowed_mentions is empty). */
export interface MessageView {
  type: 'message';
  content: string;
  embeds?: APIEmbed[];
  /** Buttons under the answer (the help's "Animate a picture"). */
  components?: APIActionRowComponent<APIComponentInMessageActionRow>[];
}

export interface ModalView {
  type: 'modal';
  modal: APIModalInteractionResponseCallbackData;
}

export type View = MessageView | ModalView;

export function message(content: string, embeds?: APIEmbed[]): MessageView {
  return embeds ? { type: 'message', content, embeds } : { type: 'message', content };
}

export function modal(data: APIModalInteractionResponseCallbackData): ModalView {
  return { type: 'modal', modal: data };
}

/**
 * Lets a handler acknowledge before slow work (Discord drops an answer later than 3 s). A
 * refusal decided at once is answered directly, without deferring.
 */
export interface Ack {
  defer(): Promise<void>;
}

/** A channel as the handlers need it, read from the interaction or the client's cache. */
export interface ChannelFacts {
  id: string;
  type: ChannelType | undefined;
  /** The parent channel when this is a thread. */
  parentId: string | null;
}

/** Who acted, and where. */
export interface MemberInput {
  guildId: string;
  userId: string;
  roleIds: readonly string[];
  /** Manage Messages in this server. */
  isModerator: boolean;
  channel: ChannelFacts;
  /** The member's Discord locale (`de`, `en-US`, …): their ephemeral answers are in it. */
  locale?: string;
}

/** A slash sub-command's input: who asked, and its options typed from the command (`CommandArgs`). */
export interface SlashInput<O> {
  member: MemberInput;
  options: O;
}

export interface Handler<I> {
  /** The label in logs and in `/metrics`. */
  readonly name: string;
  run(input: I, deps: HandlerDeps, ack: Ack): Promise<View>;
}

/** For tests and for handlers that have no slow step. */
export const NO_DEFER: Ack = { defer: async () => {} };
