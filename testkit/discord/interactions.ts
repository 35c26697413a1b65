import { randomBytes } from 'node:crypto';
import {
  type APIApplicationCommandInteractionDataOption,
  type APIAttachment,
  type APIGuildInteraction,
  type APIModalSubmissionComponent,
  type APIModalSubmitTextInputComponent,
  ComponentType,
  type InteractionType,
  Locale,
  type ModalSubmitComponent,
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
import { apiAttachment, apiMessage } from './payloads.js';
import type { DiscordState, StoredAttachment } from './state.js';
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

/** A file a member picks in a modal's file upload. */
export interface ModalUpload {
  filename: string;
  bytes: Buffer;
  contentType?: string;
  width?: number;
  height?: number;
}

export interface ModalSubmitInput {
  guildId?: string;
  channelId: string;
  userId: string;
  customId: string;
  /** Text input values by custom id; a text input left out keeps the value the modal prefilled. */
  fields?: Record<string, string>;
  /**
   * Choices by custom id: a radio group's value, a select's value(s), a checkbox's state. A field
   * left out keeps what the modal preselected, as when the member does not touch it.
   */
  choices?: Record<string, string | readonly string[] | boolean>;
  /** Files picked in a file upload, by its custom id: stored on the fake CDN and sent in `resolved.attachments`. */
  uploads?: Record<string, readonly ModalUpload[]>;
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

/** One field of a modal as the bot showed it, with what the member would see preselected. */
interface ModalField {
  customId: string;
  type: number;
  /** Wrapped in a label (else an action row's text input). */
  inLabel: boolean;
  required: boolean;
  minLength: number;
  maxLength: number;
  /** A text input's prefilled value. */
  value: string | undefined;
  /** A radio group's or select's option values, and those preselected. */
  options: string[];
  defaults: string[];
  minValues: number;
  maxValues: number;
  /** A checkbox ticked by default. */
  checked: boolean;
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
   * way Discord's client would (known ids, required ones present, lengths within bounds, choices
   * among the options, the number of files). `uploaded`: the files of `input.uploads`, stored.
   */
  submitModal(input: ModalSubmitInput, uploaded: Readonly<Record<string, readonly StoredAttachment[]>> = {}): FakeInteraction {
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
    const shown = shownBy?.modal ? modalComponents(shownBy.modal) : undefined;
    const fields = shown?.filter((c): c is ModalField => c !== 'text');
    const texts = input.fields ?? {};
    const choices = input.choices ?? {};
    const uploads = uploaded;
    if (fields) checkSubmission(input.customId, fields, input);
    // Without the shown modal (a forged submit), the text fields given, in the order given.
    const layout: (ModalField | 'text')[] = shown ?? Object.keys(texts).map((customId) => textField(customId, shape === 'labels'));
    const resolvedAttachments: Record<string, APIAttachment> = {};
    let id = 0;
    // Discord numbers every component of a submission; a wrapper and its child get consecutive ids.
    const components: APIModalSubmissionComponent[] = layout.map((field) => {
      if (field === 'text') return { type: ComponentType.TextDisplay, id: ++id };
      const wrapperId = ++id;
      const childId = ++id;
      let child: ModalSubmitComponent;
      switch (field.type) {
        case ComponentType.RadioGroup: {
          const given = choices[field.customId];
          child = {
            type: ComponentType.RadioGroup,
            id: childId,
            custom_id: field.customId,
            value: typeof given === 'string' ? given : (field.defaults[0] ?? null),
          };
          break;
        }
        case ComponentType.StringSelect: {
          const given = choices[field.customId];
          const values = given === undefined ? field.defaults : typeof given === 'string' ? [given] : [...(given as readonly string[])];
          child = { type: ComponentType.StringSelect, id: childId, custom_id: field.customId, values };
          break;
        }
        case ComponentType.Checkbox: {
          const given = choices[field.customId];
          child = {
            type: ComponentType.Checkbox,
            id: childId,
            custom_id: field.customId,
            value: typeof given === 'boolean' ? given : field.checked,
          };
          break;
        }
        case ComponentType.FileUpload: {
          const files = uploads[field.customId] ?? [];
          for (const file of files) resolvedAttachments[file.id] = apiAttachment(file, this.state);
          child = { type: ComponentType.FileUpload, id: childId, custom_id: field.customId, values: files.map((file) => file.id) };
          break;
        }
        default:
          child = {
            type: ComponentType.TextInput,
            id: childId,
            custom_id: field.customId,
            value: texts[field.customId] ?? field.value ?? '',
          };
      }
      if (field.inLabel) return { type: ComponentType.Label, id: wrapperId, component: child };
      return { type: ComponentType.ActionRow, id: wrapperId, components: [child as APIModalSubmitTextInputComponent] };
    });
    const payload = modalSubmitPayload(
      this.payloadContext,
      this.identity({ ...input, guildId }),
      input.customId,
      components,
      message ? apiMessage(this.state, message) : undefined,
      Object.keys(resolvedAttachments).length ? { attachments: resolvedAttachments } : undefined,
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

function textField(customId: string, inLabel: boolean): ModalField {
  return {
    customId,
    type: ComponentType.TextInput,
    inLabel,
    required: false,
    minLength: 0,
    maxLength: 4000,
    value: undefined,
    options: [],
    defaults: [],
    minValues: 0,
    maxValues: 0,
    checked: false,
  };
}

const num = (value: unknown, otherwise: number) => (typeof value === 'number' ? value : otherwise);

/** The modal's top-level components in order: each field, or `'text'` for a text display. */
function modalComponents(modal: JsonObject): (ModalField | 'text')[] {
  const shown: (ModalField | 'text')[] = [];
  for (const component of Array.isArray(modal.components) ? modal.components : []) {
    if (!isObject(component)) continue;
    if (component.type === ComponentType.TextDisplay) {
      shown.push('text');
      continue;
    }
    const inLabel = isObject(component.component);
    const children = inLabel
      ? [component.component as JsonObject]
      : (Array.isArray(component.components) ? component.components : []).filter(isObject);
    for (const child of children) {
      if (typeof child.custom_id !== 'string' || typeof child.type !== 'number') continue;
      const options = (Array.isArray(child.options) ? child.options : []).filter(isObject);
      shown.push({
        customId: child.custom_id,
        type: child.type,
        inLabel,
        // Discord's default for every modal field is required.
        required: child.required !== false,
        minLength: num(child.min_length, 0),
        maxLength: num(child.max_length, 4000),
        value: typeof child.value === 'string' ? child.value : undefined,
        options: options.map((option) => String(option.value)),
        defaults: options.filter((option) => option.default === true).map((option) => String(option.value)),
        minValues: num(child.min_values, 1),
        maxValues: num(child.max_values, 1),
        checked: child.default === true,
      });
    }
  }
  return shown;
}

function refuse(customId: string, why: string): Error {
  return new Error(`fake Discord: modal "${customId}": ${why}; Discord would not let the member submit`);
}

/** What Discord's client stops a member from sending: unknown fields, missing answers, values it does not offer. */
function checkSubmission(customId: string, fields: ModalField[], input: ModalSubmitInput): void {
  const byId = new Map(fields.map((field) => [field.customId, field]));
  const given: [string, number[]][] = [
    [...Object.keys(input.fields ?? {}).map((key) => [key, [ComponentType.TextInput]] as [string, number[]])],
    [
      ...Object.keys(input.choices ?? {}).map(
        (key) => [key, [ComponentType.RadioGroup, ComponentType.StringSelect, ComponentType.Checkbox]] as [string, number[]],
      ),
    ],
    [...Object.keys(input.uploads ?? {}).map((key) => [key, [ComponentType.FileUpload]] as [string, number[]])],
  ].flat();
  for (const [key, types] of given) {
    const field = byId.get(key);
    if (!field || !types.includes(field.type)) {
      throw new Error(
        `fake Discord: modal "${customId}" has no field "${key}" of that kind (it has: ${fields.map((f) => `${f.customId} (type ${f.type})`).join(', ')})`,
      );
    }
  }
  for (const field of fields) {
    const choice = input.choices?.[field.customId];
    switch (field.type) {
      case ComponentType.TextInput: {
        const value = input.fields?.[field.customId] ?? field.value ?? '';
        if (field.required && value.length === 0) throw refuse(customId, `"${field.customId}" is required`);
        if (value.length > 0 && (value.length < field.minLength || value.length > field.maxLength)) {
          throw refuse(customId, `"${field.customId}" must be ${field.minLength}-${field.maxLength} characters`);
        }
        break;
      }
      case ComponentType.RadioGroup: {
        if (choice !== undefined && typeof choice !== 'string') throw refuse(customId, `"${field.customId}" takes one value`);
        const value = choice ?? field.defaults[0];
        if (value === undefined && field.required) throw refuse(customId, `"${field.customId}" needs a choice`);
        if (value !== undefined && !field.options.includes(value)) {
          throw refuse(customId, `"${value}" is not an option of "${field.customId}" (${field.options.join(', ')})`);
        }
        break;
      }
      case ComponentType.StringSelect: {
        if (typeof choice === 'boolean') throw refuse(customId, `"${field.customId}" takes values, not a tick`);
        const values = choice === undefined ? field.defaults : typeof choice === 'string' ? [choice] : [...choice];
        const unknown = values.find((value) => !field.options.includes(value));
        if (unknown !== undefined) throw refuse(customId, `"${unknown}" is not an option of "${field.customId}"`);
        if (values.length === 0 && !field.required) break;
        if (values.length < Math.max(field.minValues, 1) || values.length > field.maxValues) {
          throw refuse(customId, `"${field.customId}" takes ${field.minValues}-${field.maxValues} values, not ${values.length}`);
        }
        break;
      }
      case ComponentType.Checkbox:
        if (choice !== undefined && typeof choice !== 'boolean') throw refuse(customId, `"${field.customId}" is ticked or not`);
        break;
      case ComponentType.FileUpload: {
        const count = input.uploads?.[field.customId]?.length ?? 0;
        if (count === 0 && !field.required) break;
        if (count === 0) throw refuse(customId, `"${field.customId}" needs a file`);
        if (count < field.minValues || count > field.maxValues) {
          throw refuse(customId, `"${field.customId}" takes ${field.minValues}-${field.maxValues} files, not ${count}`);
        }
        break;
      }
      default:
        break;
    }
  }
}
