import { checkComponentsV2 } from './componentsV2.js';
import { DiscordHttpError, FormErrors } from './errors.js';
import type { AllowedMentions } from './mentions.js';

/** A plain JSON object, after narrowing `unknown`. */
export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function requireObject(value: unknown): JsonObject {
  if (isObject(value)) return value;
  throw new DiscordHttpError(400, { code: 50109, message: 'The request body contains invalid JSON.' });
}

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const arr = (value: unknown): unknown[] | undefined => (Array.isArray(value) ? value : undefined);
const objects = (value: unknown): JsonObject[] => (arr(value) ?? []).filter(isObject);

/** The fields of a message create/edit body that the fake understands. */
export interface MessageBody {
  content: string | undefined;
  /** `content` sent as null or empty: how an edit that sets the components-v2 flag clears it. */
  contentCleared?: boolean;
  embeds: unknown[] | undefined;
  components: unknown[] | undefined;
  allowed_mentions: AllowedMentions | undefined;
  nonce: string | number | undefined;
  enforce_nonce: boolean;
  flags: number | undefined;
  tts: boolean;
  attachments: JsonObject[] | undefined;
  message_reference: unknown;
  hasPollOrStickers: boolean;
}

const IS_COMPONENTS_V2 = 1 << 15;

function readAllowedMentions(value: unknown): AllowedMentions | undefined {
  if (!isObject(value)) return undefined;
  const ids = (list: unknown) => arr(list)?.map(String);
  const parse = ids(value.parse);
  const users = ids(value.users);
  const roles = ids(value.roles);
  return {
    ...(parse ? { parse } : {}),
    ...(users ? { users } : {}),
    ...(roles ? { roles } : {}),
    ...(typeof value.replied_user === 'boolean' ? { replied_user: value.replied_user } : {}),
  };
}

export function readMessageBody(json: unknown): MessageBody {
  const body = json === undefined ? {} : requireObject(json);
  const nonce = body.nonce;
  return {
    content: str(body.content),
    contentCleared: body.content === null || body.content === '',
    embeds: arr(body.embeds),
    components: arr(body.components),
    allowed_mentions: readAllowedMentions(body.allowed_mentions),
    nonce: typeof nonce === 'string' || typeof nonce === 'number' ? nonce : undefined,
    enforce_nonce: body.enforce_nonce === true,
    flags: typeof body.flags === 'number' ? body.flags : undefined,
    tts: body.tts === true,
    attachments: arr(body.attachments) ? objects(body.attachments) : undefined,
    message_reference: body.message_reference,
    hasPollOrStickers: body.poll !== undefined || (arr(body.sticker_ids)?.length ?? 0) > 0,
  };
}

export function checkLength(errors: FormErrors, path: ReadonlyArray<string | number>, value: unknown, min: number, max: number): void {
  if (value === undefined || value === null) {
    if (min > 0) errors.add(path, 'BASE_TYPE_REQUIRED', 'This field is required');
    return;
  }
  const length = typeof value === 'string' ? [...value].length : Array.isArray(value) ? value.length : -1;
  if (length === -1) {
    errors.add(path, 'BASE_TYPE_STRING', 'Must be a string.');
  } else if (length < min || length > max) {
    errors.add(
      path,
      min === 0 ? 'BASE_TYPE_MAX_LENGTH' : 'BASE_TYPE_BAD_LENGTH',
      min === 0 ? `Must be ${max} or fewer in length.` : `Must be between ${min} and ${max} in length.`,
    );
  }
}

function checkAllowedMentions(errors: FormErrors, allowed: AllowedMentions | undefined): void {
  if (!allowed) return;
  const path = ['allowed_mentions'];
  for (const [index, type] of (allowed.parse ?? []).entries()) {
    if (!['users', 'roles', 'everyone'].includes(type)) {
      errors.add([...path, 'parse', index], 'BASE_TYPE_CHOICES', 'Value must be one of {"roles", "users", "everyone"}.');
    }
  }
  for (const kind of ['users', 'roles'] as const) {
    const listed = allowed[kind];
    if (listed === undefined) continue;
    if (listed.length > 100) errors.add([...path, kind], 'BASE_TYPE_MAX_LENGTH', 'Must be 100 or fewer in length.');
    if (listed.length > 0 && allowed.parse?.includes(kind)) {
      errors.add(path, 'MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE', `parse:["${kind}"] and ${kind}: [ids...] are mutually exclusive.`);
    }
  }
}

function checkEmbeds(errors: FormErrors, embeds: unknown[]): void {
  checkLength(errors, ['embeds'], embeds, 0, 10);
  let total = 0;
  const count = (value: unknown) => {
    if (typeof value === 'string') total += [...value].length;
  };
  for (const [index, embed] of embeds.entries()) {
    if (!isObject(embed)) continue;
    const path = ['embeds', index];
    if (embed.title !== undefined) checkLength(errors, [...path, 'title'], embed.title, 0, 256);
    if (embed.description !== undefined) checkLength(errors, [...path, 'description'], embed.description, 0, 4096);
    count(embed.title);
    count(embed.description);
    const footer = isObject(embed.footer) ? embed.footer : undefined;
    if (footer) {
      checkLength(errors, [...path, 'footer', 'text'], footer.text, 1, 2048);
      count(footer.text);
    }
    const author = isObject(embed.author) ? embed.author : undefined;
    if (author) {
      checkLength(errors, [...path, 'author', 'name'], author.name, 1, 256);
      count(author.name);
    }
    const fields = arr(embed.fields) ?? [];
    checkLength(errors, [...path, 'fields'], fields, 0, 25);
    for (const [fieldIndex, field] of fields.entries()) {
      if (!isObject(field)) continue;
      checkLength(errors, [...path, 'fields', fieldIndex, 'name'], field.name, 1, 256);
      checkLength(errors, [...path, 'fields', fieldIndex, 'value'], field.value, 1, 1024);
      count(field.name);
      count(field.value);
    }
  }
  if (total > 6000) errors.add(['embeds'], 'MAX_EMBED_SIZE_EXCEEDED', 'Embed size exceeds maximum size of 6000');
}

const BUTTON = 2;
const LINK_STYLE = 5;
const PREMIUM_STYLE = 6;
const SELECT_TYPES = new Set([3, 5, 6, 7, 8]);

/** Classic action rows: at most 5 rows of 1 to 5 buttons (or one select); custom ids 1-100, unique. */
function checkActionRows(errors: FormErrors, rows: unknown[]): void {
  checkLength(errors, ['components'], rows, 0, 5);
  const seen = new Set<string>();
  for (const [rowIndex, row] of rows.entries()) {
    if (!isObject(row)) continue;
    const rowPath = ['components', rowIndex];
    if (row.type !== 1) {
      errors.add([...rowPath, 'type'], 'BASE_TYPE_CHOICES', 'Top-level components must be action rows (type 1).');
      continue;
    }
    const children = arr(row.components) ?? [];
    checkLength(errors, [...rowPath, 'components'], children, 1, 5);
    for (const [index, child] of children.entries()) {
      if (!isObject(child)) continue;
      const path = [...rowPath, 'components', index];
      const isLink = child.type === BUTTON && (child.style === LINK_STYLE || child.style === PREMIUM_STYLE);
      if (child.type === BUTTON && child.label !== undefined) checkLength(errors, [...path, 'label'], child.label, 0, 80);
      if (child.type === BUTTON && child.style === LINK_STYLE && typeof child.url !== 'string') {
        errors.add([...path, 'url'], 'BASE_TYPE_REQUIRED', 'This field is required');
      }
      if (isLink) continue;
      checkLength(errors, [...path, 'custom_id'], child.custom_id, 1, 100);
      const customId = str(child.custom_id);
      if (customId !== undefined) {
        if (seen.has(customId)) {
          errors.add([...path, 'custom_id'], 'COMPONENT_CUSTOM_ID_DUPLICATED', 'Component custom id cannot be duplicated');
        }
        seen.add(customId);
      }
      if (SELECT_TYPES.has(Number(child.type)) && children.length > 1) {
        errors.add(rowPath, 'COMPONENT_LAYOUT_WIDTH_EXCEEDED', 'The specified component exceeds the maximum width');
      }
      if (child.type === 3) checkLength(errors, [...path, 'options'], child.options, 1, 25);
    }
  }
}

export interface MessageCheckOptions {
  /** Creation must carry something to show; an edit may clear fields. */
  creating: boolean;
  fileCount: number;
  keptAttachmentCount: number;
  /** File names of this request's uploads and of the attachments kept: what `attachment://` may name. */
  attachmentNames?: ReadonlySet<string>;
  /** On an edit: the message as it stands (its flags, and the legacy fields it holds). */
  current?: { flags: number; content: string; embedCount: number };
}

/** Discord's message limits; a violation answers 400 50035 (or 50006 for an empty message). */
export function validateMessageBody(body: MessageBody, options: MessageCheckOptions): void {
  const errors = new FormErrors();
  const hadComponentsV2 = ((options.current?.flags ?? 0) & IS_COMPONENTS_V2) !== 0;
  const setsComponentsV2 = ((body.flags ?? 0) & IS_COMPONENTS_V2) !== 0;
  const componentsV2 = hadComponentsV2 || setsComponentsV2;
  if (body.content !== undefined) checkLength(errors, ['content'], body.content, 0, 2000);
  // A UUID (36 characters) does not fit: derive a shorter nonce from a job id.
  if (typeof body.nonce === 'string') checkLength(errors, ['nonce'], body.nonce, 0, 25);
  if (body.embeds) checkEmbeds(errors, body.embeds);
  // Once set, the flag stays: an edit may not take it away.
  if (hadComponentsV2 && body.flags !== undefined && !setsComponentsV2) {
    errors.add(['flags'], 'MESSAGE_CANNOT_REMOVE_COMPONENTS_V2_FLAG', 'The IS_COMPONENTS_V2 flag cannot be removed from a message');
  }
  if (componentsV2) {
    if (body.content)
      errors.add(
        ['content'],
        'MESSAGE_CANNOT_USE_LEGACY_FIELDS_WITH_COMPONENTS_V2',
        "The 'content' field cannot be used when using MessageFlags.IS_COMPONENTS_V2",
      );
    if (body.embeds?.length)
      errors.add(
        ['embeds'],
        'MESSAGE_CANNOT_USE_LEGACY_FIELDS_WITH_COMPONENTS_V2',
        "The 'embeds' field cannot be used when using MessageFlags.IS_COMPONENTS_V2",
      );
    // Setting the flag on a classic message: the edit itself must empty what the message holds.
    if (options.current && !hadComponentsV2) {
      if (options.current.content && !body.contentCleared) {
        errors.add(['content'], 'MESSAGE_CANNOT_USE_LEGACY_FIELDS_WITH_COMPONENTS_V2', "The 'content' field must be reset to null");
      }
      if (options.current.embedCount > 0 && body.embeds === undefined) {
        errors.add(['embeds'], 'MESSAGE_CANNOT_USE_LEGACY_FIELDS_WITH_COMPONENTS_V2', "The 'embeds' field must be reset to []");
      }
    }
    if (body.components) checkComponentsV2(errors, body.components, { attachmentNames: options.attachmentNames ?? new Set() });
  } else if (body.components) {
    checkActionRows(errors, body.components);
  }
  checkAllowedMentions(errors, body.allowed_mentions);
  if (options.fileCount + options.keptAttachmentCount > 10) {
    errors.add(['attachments'], 'BASE_TYPE_MAX_LENGTH', 'Must be 10 or fewer in length.');
  }
  errors.throwIfAny();
  const hasSomething =
    (body.content?.trim().length ?? 0) > 0 ||
    (body.embeds?.length ?? 0) > 0 ||
    (body.components?.length ?? 0) > 0 ||
    options.fileCount + options.keptAttachmentCount > 0 ||
    body.hasPollOrStickers;
  if (options.creating && !hasSomething) {
    throw new DiscordHttpError(400, { code: 50006, message: 'Cannot send an empty message' });
  }
}

// Discord's command-name rule (lowercase enforced separately for chat input commands).
const COMMAND_NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;
const SUB_COMMAND = 1;
const SUB_COMMAND_GROUP = 2;
const STRING_OPTION = 3;

function checkName(errors: FormErrors, path: ReadonlyArray<string | number>, name: unknown, chatInput: boolean) {
  const text = str(name);
  // User and message commands show their name in a menu: any case, spaces allowed, 1 to 32 characters.
  const valid = chatInput
    ? text !== undefined && COMMAND_NAME.test(text) && text === text.toLowerCase()
    : text !== undefined && text.trim().length > 0 && [...text].length <= 32;
  if (!valid) {
    errors.add([...path, 'name'], 'APPLICATION_COMMAND_INVALID_NAME', 'Command name is invalid');
  }
}

function checkOptions(
  errors: FormErrors,
  path: ReadonlyArray<string | number>,
  options: JsonObject[],
  countChars: (value: unknown) => void,
): void {
  checkLength(errors, [...path, 'options'], options, 0, 25);
  let sawOptional = false;
  const names = new Set<string>();
  const isSub = (option: JsonObject) => option.type === SUB_COMMAND || option.type === SUB_COMMAND_GROUP;
  if (options.some(isSub) && !options.every(isSub)) {
    errors.add(
      [...path, 'options'],
      'APPLICATION_COMMAND_OPTIONS_TYPE_INVALID',
      'Sub-command and sub-command group option types are mutually exclusive to all other types',
    );
  }
  for (const [index, option] of options.entries()) {
    const optionPath = [...path, 'options', index];
    checkName(errors, optionPath, option.name, true);
    checkLength(errors, [...optionPath, 'description'], option.description, 1, 100);
    countChars(option.name);
    countChars(option.description);
    const name = str(option.name) ?? '';
    if (names.has(name))
      errors.add([...optionPath, 'name'], 'APPLICATION_COMMAND_OPTION_NAME_ALREADY_EXISTS', 'Option name already exists');
    names.add(name);
    if (option.required === true && sawOptional) {
      errors.add(optionPath, 'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID', 'Required options must be placed before non-required options');
    }
    if (option.required !== true && !isSub(option)) sawOptional = true;
    for (const bound of ['min_length', 'max_length'] as const) {
      const value = option[bound];
      if (value !== undefined && (typeof value !== 'number' || value < (bound === 'min_length' ? 0 : 1) || value > 6000)) {
        errors.add([...optionPath, bound], 'NUMBER_TYPE_MAX', `${bound} must be within 0..6000`);
      }
    }
    const choices = objects(option.choices);
    checkLength(errors, [...optionPath, 'choices'], choices, 0, 25);
    for (const [choiceIndex, choice] of choices.entries()) {
      checkLength(errors, [...optionPath, 'choices', choiceIndex, 'name'], choice.name, 1, 100);
      if (option.type === STRING_OPTION) checkLength(errors, [...optionPath, 'choices', choiceIndex, 'value'], choice.value, 1, 100);
      countChars(choice.name);
      countChars(choice.value);
    }
    if (isSub(option)) checkOptions(errors, optionPath, objects(option.options), countChars);
  }
}

/** A bulk overwrite (PUT commands): names, descriptions, option order and the 8,000-character budget. */
export function validateCommands(commands: unknown): JsonObject[] {
  if (!Array.isArray(commands)) {
    throw new DiscordHttpError(400, { code: 50035, message: 'Invalid Form Body' });
  }
  const list = commands.filter(isObject);
  const errors = new FormErrors();
  const seen = new Set<string>();
  for (const [index, command] of list.entries()) {
    const type = typeof command.type === 'number' ? command.type : 1;
    const chatInput = type === 1;
    checkName(errors, [index], command.name, chatInput);
    if (chatInput) checkLength(errors, [index, 'description'], command.description, 1, 100);
    let chars = 0;
    const countChars = (value: unknown) => {
      if (typeof value === 'string' || typeof value === 'number') chars += String(value).length;
    };
    countChars(command.name);
    countChars(command.description);
    checkOptions(errors, [index], objects(command.options), countChars);
    if (chars > 8000) errors.add([index], 'APPLICATION_COMMAND_TOO_LARGE', 'Command exceeds maximum size (8000)');
    const key = `${type}:${str(command.name) ?? ''}`;
    if (seen.has(key)) errors.add([index, 'name'], 'APPLICATION_COMMANDS_DUPLICATE_NAME', 'Application command names must be unique');
    seen.add(key);
  }
  errors.throwIfAny();
  return list;
}
