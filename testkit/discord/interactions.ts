import { randomBytes } from 'node:crypto';
import {
  type APIApplicationCommandInteractionDataOption,
  type APIGuildInteraction,
  type APIModalSubmissionComponent,
  ComponentType,
  type InteractionType,
  Locale,
} from 'discord.js';
import {
  chatInputPayload,
  componentPayload,
  type Identity,
  messageCommandPayload,
  modalSubmitPayload,
  type PayloadContext,
} from './interactionPayloads.js';
import type { AllowedMentions } from './mentions.js';
import type { RecordedFile } from './multipart.js';
import { apiMessage } from './payloads.js';
import type { DiscordState } from './state.js';
import { isObject, type JsonObject } from './validation.js';
import { type WaitOptions, waitFor } from './wait.js';

/** The message or modal fields of a response, as the bot sent them. */
export interface ResponseData {
  content?: string;
  flags?: number;
  embeds?: unknown[];
  components?: unknown[];
  allowed_mentions?: AllowedMentions;
  attachments?: unknown[];
  /** Modal (callback type 9) fields. */
  custom_id?: string;
  title?: string;
  [key: string]: unknown;
}

/**
 * One thing the bot did with an interaction, in order: the callback (type 4 reply, 5 deferred
 * reply, 6 deferred update, 7 update, 9 modal), then webhook edits, followups and deletes.
 */
export interface RecordedResponse {
  kind: 'callback' | 'edit' | 'followup' | 'delete';
  /** The callback type; undefined for webhook calls. */
  type: number | undefined;
  data: ResponseData | undefined;
  /** The message created, edited or deleted, if any. */
  messageId: string | undefined;
  files: RecordedFile[];
  at: number;
}

/** What a test holds after driving an interaction. */
export interface InteractionHandle {
  readonly id: string;
  readonly token: string;
  /** The INTERACTION_CREATE payload as dispatched. */
  readonly payload: APIGuildInteraction;
  readonly responses: readonly RecordedResponse[];
  /** The first callback (waits for it). */
  response(options?: WaitOptions): Promise<RecordedResponse>;
  /** Waits until at least `count` responses were recorded, then returns them all. */
  waitForResponses(count: number, options?: WaitOptions): Promise<RecordedResponse[]>;
  /** The message that `@original` designates now, if any. */
  originalMessageId(): string | undefined;
}

export function toResponseData(value: unknown): ResponseData | undefined {
  // The bot's JSON, kept as sent; ResponseData only names the fields tests usually read.
  return isObject(value) ? (value as ResponseData) : undefined;
}

export class FakeInteraction implements InteractionHandle {
  readonly createdAt = Date.now();
  readonly responses: RecordedResponse[] = [];
  acknowledged = false;
  callbackType: number | undefined;
  /** What `@original` designates: the reply, the deferred placeholder, or the component's message. */
  original: string | undefined;
  /** A type 5 placeholder not edited yet: the first followup replaces it (a Discord quirk). */
  deferredPlaceholderPending = false;
  /** Messages this token may edit or delete: the original and the followups. */
  readonly ownMessages = new Set<string>();
  /** The modal shown with callback type 9. */
  modal: JsonObject | undefined;
  expired = false;

  constructor(
    readonly payload: APIGuildInteraction,
    /** The message a component (or a modal opened from one) sits on. */
    readonly sourceMessageId: string | undefined,
    readonly commandName: string | null,
  ) {}

  get id(): string {
    return this.payload.id;
  }

  get token(): string {
    return this.payload.token;
  }

  get type(): InteractionType {
    return this.payload.type;
  }

  get channelId(): string {
    // Every payload this fake builds carries `channel`; discord-api-types keeps it optional for autocomplete.
    return this.payload.channel?.id ?? '';
  }

  get guildId(): string {
    return this.payload.guild_id;
  }

  get userId(): string {
    return this.payload.member.user.id;
  }

  originalMessageId(): string | undefined {
    return this.original;
  }

  record(response: Omit<RecordedResponse, 'at'>): void {
    this.responses.push({ ...response, at: Date.now() });
  }

  response(options: WaitOptions = {}): Promise<RecordedResponse> {
    return waitFor(() => this.responses.find((response) => response.kind === 'callback'), {
      description: `a callback to interaction ${this.id}`,
      ...options,
    });
  }

  async waitForResponses(count: number, options: WaitOptions = {}): Promise<RecordedResponse[]> {
    await waitFor(() => this.responses.length >= count, {
      description: `${count} responses to interaction ${this.id} (got ${this.responses.length})`,
      ...options,
    });
    return [...this.responses];
  }
}

export interface SlashCommandInput {
  guildId: string;
  channelId: string;
  userId: string;
  name: string;
  /** Raw Discord option payloads, subcommands nested as Discord sends them. */
  options?: APIApplicationCommandInteractionDataOption[];
  locale?: Locale;
}

/** A message command (type 3), picked from a message's Apps menu. */
export interface MessageCommandInput {
  channelId: string;
  messageId: string;
  userId: string;
  name: string;
  locale?: Locale;
}

export interface ButtonClickInput {
  channelId: string;
  messageId: string;
  customId: string;
  userId: string;
  locale?: Locale;
}

export interface SelectMenuInput extends ButtonClickInput {
  values: string[];
}

export interface ModalSubmitInput {
  guildId?: string;
  channelId: string;
  userId: string;
  customId: string;
  /** Text input values by custom id. */
  fields: Record<string, string>;
  /** The message whose component opened the modal; found automatically when the modal was shown by one. */
  messageId?: string;
  /**
   * `actionRows` (type 1 rows of text inputs) or `labels` (type 18). By default the shape of the
   * modal the bot showed, else action rows. discord.js 14.28 reads both.
   */
  shape?: 'actionRows' | 'labels';
  locale?: Locale;
}

export interface InteractionTiming {
  /** Discord waits this long for the first callback, then the interaction fails. */
  deadlineMs: number;
  /** How long the token works for webhook edits and followups. */
  lifetimeMs: number;
}

/** Interaction tokens look like Discord's: base64 of "interaction:..." and random bytes. */
function newToken(id: string): string {
  return Buffer.from(`interaction:${id}:${randomBytes(24).toString('base64url')}`).toString('base64url');
}

interface ModalField {
  customId: string;
  required: boolean;
  minLength: number;
  maxLength: number;
}

/** Drives interactions into the gateway and keeps them for the REST routes that answer them. */
export class InteractionRegistry {
  readonly #byId = new Map<string, FakeInteraction>();
  readonly #byToken = new Map<string, FakeInteraction>();

  constructor(
    private readonly state: DiscordState,
    private readonly payloadContext: PayloadContext,
    readonly timing: InteractionTiming,
    private readonly dispatch: (payload: APIGuildInteraction) => void,
  ) {}

  get(id: string): FakeInteraction | undefined {
    return this.#byId.get(id);
  }

  byToken(token: string): FakeInteraction | undefined {
    return this.#byToken.get(token);
  }

  all(): FakeInteraction[] {
    return [...this.#byId.values()];
  }

  expireAll(): void {
    for (const interaction of this.#byId.values()) interaction.expired = true;
  }

  tokenExpired(interaction: FakeInteraction): boolean {
    return interaction.expired || Date.now() > interaction.createdAt + this.timing.lifetimeMs;
  }

  missedDeadline(interaction: FakeInteraction): boolean {
    return !interaction.acknowledged && Date.now() > interaction.createdAt + this.timing.deadlineMs;
  }

  slashCommand(input: SlashCommandInput): FakeInteraction {
    const command = this.findCommand(input.guildId, input.name);
    const payload = chatInputPayload(this.payloadContext, this.identity(input), command, input.options ?? []);
    return this.start(payload, undefined, input.name);
  }

  messageCommand(input: MessageCommandInput): FakeInteraction {
    const { guildId, message } = this.sourceMessage(input.channelId, input.messageId);
    const command = this.findCommand(guildId, input.name, 3);
    const payload = messageCommandPayload(
      this.payloadContext,
      this.identity({ ...input, guildId }),
      command,
      apiMessage(this.state, message),
    );
    return this.start(payload, message.id, input.name);
  }

  clickButton(input: ButtonClickInput): FakeInteraction {
    const { guildId, message } = this.sourceMessage(input.channelId, input.messageId);
    this.assertComponent(message.components, input.customId, ComponentType.Button);
    const payload = componentPayload(this.payloadContext, this.identity({ ...input, guildId }), apiMessage(this.state, message), {
      customId: input.customId,
      componentType: ComponentType.Button,
    });
    return this.start(payload, message.id, null);
  }

  selectMenu(input: SelectMenuInput): FakeInteraction {
    const { guildId, message } = this.sourceMessage(input.channelId, input.messageId);
    this.assertComponent(message.components, input.customId, ComponentType.StringSelect);
    const payload = componentPayload(this.payloadContext, this.identity({ ...input, guildId }), apiMessage(this.state, message), {
      customId: input.customId,
      componentType: ComponentType.StringSelect,
      values: input.values,
    });
    return this.start(payload, message.id, null);
  }

  /**
   * Answers the latest modal this member was shown with that custom id, checking the fields the
   * way Discord's client would (known ids, required ones present, lengths within bounds).
   */
  submitModal(input: ModalSubmitInput): FakeInteraction {
    const shownBy = this.all()
      .reverse()
      .find(
        (interaction) =>
          interaction.modal?.custom_id === input.customId &&
          interaction.userId === input.userId &&
          interaction.channelId === input.channelId,
      );
    const channel = this.state.channels.get(input.channelId);
    const guildId = input.guildId ?? channel?.guildId;
    if (!guildId) throw new Error(`fake Discord: channel ${input.channelId} does not exist`);
    const messageId = input.messageId ?? shownBy?.sourceMessageId;
    const message = messageId ? this.state.messages.get(messageId) : undefined;
    if (messageId && !message) throw new Error(`fake Discord: message ${messageId} does not exist`);
    const shape = input.shape ?? (shownBy?.modal && modalUsesLabels(shownBy.modal) ? 'labels' : 'actionRows');
    const fields = shownBy?.modal ? modalFields(shownBy.modal) : undefined;
    if (fields) checkSubmission(input.customId, fields, input.fields);
    const ids = fields?.map((field) => field.customId) ?? Object.keys(input.fields);
    // Discord numbers every component of a submission; a wrapper and its text input get consecutive ids.
    const components: APIModalSubmissionComponent[] = ids.map((customId, index) => {
      const textInput = {
        type: ComponentType.TextInput as const,
        id: index * 2 + 2,
        custom_id: customId,
        value: input.fields[customId] ?? '',
      };
      return shape === 'labels'
        ? { type: ComponentType.Label, id: index * 2 + 1, component: textInput }
        : { type: ComponentType.ActionRow, id: index * 2 + 1, components: [textInput] };
    });
    const payload = modalSubmitPayload(
      this.payloadContext,
      this.identity({ ...input, guildId }),
      input.customId,
      components,
      message ? apiMessage(this.state, message) : undefined,
    );
    return this.start(payload, message?.id, null);
  }

  private start(payload: APIGuildInteraction, sourceMessageId: string | undefined, commandName: string | null) {
    const interaction = new FakeInteraction(payload, sourceMessageId, commandName);
    this.#byId.set(interaction.id, interaction);
    this.#byToken.set(interaction.token, interaction);
    this.dispatch(payload);
    return interaction;
  }

  private identity(input: { guildId: string; channelId: string; userId: string; locale?: Locale }): Identity {
    const id = this.state.newId();
    return {
      id,
      token: newToken(id),
      guildId: input.guildId,
      channelId: input.channelId,
      userId: input.userId,
      locale: input.locale ?? Locale.EnglishUS,
    };
  }

  /** The registered command's id when the bot registered one by that name (guild first, then global). */
  private findCommand(guildId: string, name: string, type = 1): { id: string; name: string; guildId: string | null } {
    for (const [scope, commands] of [
      [guildId, this.state.commands.get(guildId)],
      [null, this.state.commands.get('')],
    ] as const) {
      const found = commands?.find((command) => command.name === name && (command.type ?? 1) === type);
      if (found && typeof found.id === 'string') return { id: found.id, name, guildId: scope };
    }
    return { id: this.state.newId(), name, guildId: null };
  }

  private sourceMessage(channelId: string, messageId: string) {
    const message = this.state.messages.get(messageId);
    if (!message || message.channel_id !== channelId || message.deleted) {
      throw new Error(`fake Discord: no message ${messageId} in channel ${channelId}`);
    }
    return { guildId: message.guild_id, message };
  }

  private assertComponent(components: unknown[], customId: string, type: ComponentType): void {
    if (!findComponent(components, customId, type)) {
      throw new Error(
        `fake Discord: the message has no component of type ${type} with custom_id "${customId}", so a member could not click it`,
      );
    }
  }

  /** Used by the callback route: the message a component or its modal refers to. */
  sourceOf(interaction: FakeInteraction) {
    return interaction.sourceMessageId ? this.state.messages.get(interaction.sourceMessageId) : undefined;
  }
}

function findComponent(components: unknown[], customId: string, type: ComponentType): boolean {
  return components.some((component) => {
    if (!isObject(component)) return false;
    if (component.custom_id === customId && component.type === type) return true;
    const children = [
      ...(Array.isArray(component.components) ? component.components : []),
      ...(component.accessory === undefined ? [] : [component.accessory]),
      ...(component.component === undefined ? [] : [component.component]),
    ];
    return findComponent(children, customId, type);
  });
}

function modalUsesLabels(modal: JsonObject): boolean {
  return Array.isArray(modal.components) && modal.components.some((c) => isObject(c) && c.type === ComponentType.Label);
}

function modalFields(modal: JsonObject): ModalField[] {
  const inputs: JsonObject[] = [];
  for (const component of Array.isArray(modal.components) ? modal.components : []) {
    if (!isObject(component)) continue;
    if (isObject(component.component)) inputs.push(component.component);
    if (Array.isArray(component.components)) inputs.push(...component.components.filter(isObject));
  }
  return inputs
    .filter((input) => input.type === ComponentType.TextInput && typeof input.custom_id === 'string')
    .map((input) => ({
      customId: String(input.custom_id),
      required: input.required !== false,
      minLength: typeof input.min_length === 'number' ? input.min_length : 0,
      maxLength: typeof input.max_length === 'number' ? input.max_length : 4000,
    }));
}

function checkSubmission(customId: string, fields: ModalField[], values: Record<string, string>): void {
  const known = new Set(fields.map((field) => field.customId));
  for (const key of Object.keys(values)) {
    if (!known.has(key)) {
      throw new Error(`fake Discord: modal "${customId}" has no text input "${key}" (it has: ${[...known].join(', ')})`);
    }
  }
  for (const field of fields) {
    const value = values[field.customId] ?? '';
    if (field.required && value.length === 0) {
      throw new Error(`fake Discord: modal "${customId}" requires "${field.customId}"; Discord would not let the member submit`);
    }
    if (value.length > 0 && (value.length < field.minLength || value.length > field.maxLength)) {
      throw new Error(
        `fake Discord: "${field.customId}" must be ${field.minLength}-${field.maxLength} characters; Discord would not let the member submit`,
      );
    }
  }
}
