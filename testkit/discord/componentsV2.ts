/**
 * Messages with the components-v2 flag (`1 << 15`) as Discord checks them: which component may
 * sit where, how many there are counted nested, the text displays' one budget, galleries whose
 * `attachment://` references must name a file of the same message, unique custom ids.
 */
import { COMPONENTS_V2 } from '../../src/discord/discordLimits.js';
import type { FormErrors } from './errors.js';
import { checkLength, isObject, type JsonObject } from './validation.js';

const ACTION_ROW = 1;
const BUTTON = 2;
const SECTION = 9;
const TEXT_DISPLAY = 10;
const THUMBNAIL = 11;
const MEDIA_GALLERY = 12;
const FILE = 13;
const SEPARATOR = 14;
const CONTAINER = 17;
const SELECT_TYPES = new Set([3, 5, 6, 7, 8]);
const LINK_STYLE = 5;
const PREMIUM_STYLE = 6;

const TOP_LEVEL = new Set([ACTION_ROW, SECTION, TEXT_DISPLAY, MEDIA_GALLERY, FILE, SEPARATOR, CONTAINER]);
const IN_CONTAINER = new Set([ACTION_ROW, SECTION, TEXT_DISPLAY, MEDIA_GALLERY, FILE, SEPARATOR]);
const ACCESSORIES = new Set([BUTTON, THUMBNAIL]);

type Path = ReadonlyArray<string | number>;

const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** Every text display's content anywhere in a layout, in reading order: what mentions are parsed from. */
export function textDisplaysOf(components: readonly unknown[]): string[] {
  const out: string[] = [];
  const visit = (node: unknown) => {
    if (!isObject(node)) return;
    if (node.type === TEXT_DISPLAY && typeof node.content === 'string') out.push(node.content);
    for (const child of list(node.components)) visit(child);
    visit(node.accessory);
  };
  for (const component of components) visit(component);
  return out;
}

export interface ComponentsV2Context {
  /** File names of this request's uploads and of the attachments the message keeps. */
  attachmentNames: ReadonlySet<string>;
}

class Checker {
  count = 0;
  textTotal = 0;
  readonly customIds = new Set<string>();

  constructor(
    private readonly errors: FormErrors,
    private readonly context: ComponentsV2Context,
  ) {}

  component(node: unknown, path: Path, allowed: ReadonlySet<number>, where: string): void {
    if (!isObject(node)) {
      this.errors.add(path, 'MODEL_TYPE_CONVERT', 'Only dictionaries may be used in a ModelType');
      return;
    }
    this.count += 1;
    const type = Number(node.type);
    if (!allowed.has(type)) {
      this.errors.add([...path, 'type'], 'UNION_TYPE_CHOICES', `Value of field "type" must be one of the ${where} component types.`);
      return;
    }
    switch (type) {
      case ACTION_ROW:
        this.actionRow(node, path);
        return;
      case BUTTON:
        this.button(node, path);
        return;
      case SECTION:
        this.section(node, path);
        return;
      case TEXT_DISPLAY:
        this.textDisplay(node, path);
        return;
      case THUMBNAIL:
        this.media(node.media, [...path, 'media']);
        if (node.description !== undefined)
          checkLength(this.errors, [...path, 'description'], node.description, 0, COMPONENTS_V2.mediaDescriptionMax);
        return;
      case MEDIA_GALLERY:
        this.gallery(node, path);
        return;
      case FILE:
        this.media(node.file, [...path, 'file'], true);
        return;
      case SEPARATOR:
        if (node.spacing !== undefined && node.spacing !== 1 && node.spacing !== 2) {
          this.errors.add([...path, 'spacing'], 'BASE_TYPE_CHOICES', 'Value must be one of {1, 2}.');
        }
        return;
      case CONTAINER:
        this.container(node, path);
        return;
    }
  }

  private container(node: JsonObject, path: Path): void {
    const children = list(node.components);
    checkLength(this.errors, [...path, 'components'], node.components, 1, COMPONENTS_V2.componentsMax);
    const color = node.accent_color;
    if (color !== undefined && color !== null && (typeof color !== 'number' || color < 0 || color > 0xffffff)) {
      this.errors.add([...path, 'accent_color'], 'NUMBER_TYPE_MAX', 'int value should be less than or equal to 16777215.');
    }
    for (const [index, child] of children.entries()) this.component(child, [...path, 'components', index], IN_CONTAINER, 'container');
  }

  private section(node: JsonObject, path: Path): void {
    const children = list(node.components);
    checkLength(this.errors, [...path, 'components'], node.components, 1, COMPONENTS_V2.sectionTextsMax);
    for (const [index, child] of children.entries()) {
      this.component(child, [...path, 'components', index], new Set([TEXT_DISPLAY]), 'section');
    }
    if (node.accessory === undefined) {
      this.errors.add([...path, 'accessory'], 'BASE_TYPE_REQUIRED', 'This field is required');
    } else {
      this.component(node.accessory, [...path, 'accessory'], ACCESSORIES, 'accessory');
    }
  }

  private textDisplay(node: JsonObject, path: Path): void {
    checkLength(this.errors, [...path, 'content'], node.content, 1, COMPONENTS_V2.textDisplayMax);
    if (typeof node.content === 'string') this.textTotal += [...node.content].length;
  }

  private gallery(node: JsonObject, path: Path): void {
    checkLength(this.errors, [...path, 'items'], node.items, 1, COMPONENTS_V2.mediaGalleryItemsMax);
    for (const [index, item] of list(node.items).entries()) {
      const itemPath = [...path, 'items', index];
      if (!isObject(item)) continue;
      this.media(item.media, [...itemPath, 'media']);
      if (item.description !== undefined && item.description !== null) {
        checkLength(this.errors, [...itemPath, 'description'], item.description, 0, COMPONENTS_V2.mediaDescriptionMax);
      }
    }
  }

  /** An unfurled media item: a link, or `attachment://name` naming a file this message carries. */
  private media(value: unknown, path: Path, attachmentOnly = false): void {
    const url = isObject(value) ? value.url : undefined;
    if (typeof url !== 'string' || url.length === 0) {
      this.errors.add([...path, 'url'], 'BASE_TYPE_REQUIRED', 'This field is required');
      return;
    }
    if (url.startsWith('attachment://')) {
      if (!this.context.attachmentNames.has(url.slice('attachment://'.length))) {
        this.errors.add([...path, 'url'], 'UNFURLED_MEDIA_ITEM_ATTACHMENT_NOT_FOUND', `No attachment named ${url} in this message.`);
      }
    } else if (attachmentOnly) {
      this.errors.add([...path, 'url'], 'UNFURLED_MEDIA_ITEM_URL_INVALID', 'A file component takes only attachment:// references.');
    } else if (!/^https?:\/\//.test(url)) {
      this.errors.add([...path, 'url'], 'URL_TYPE_INVALID_SCHEME', 'Scheme must be one of http, https, attachment.');
    }
  }

  private actionRow(node: JsonObject, path: Path): void {
    const children = list(node.components);
    checkLength(this.errors, [...path, 'components'], node.components, 1, COMPONENTS_V2.buttonsPerRowMax);
    for (const [index, child] of children.entries()) {
      const childPath = [...path, 'components', index];
      if (isObject(child) && SELECT_TYPES.has(Number(child.type))) {
        this.count += 1;
        if (children.length > 1)
          this.errors.add(path, 'COMPONENT_LAYOUT_WIDTH_EXCEEDED', 'The specified component exceeds the maximum width');
        this.customId(child, childPath);
        continue;
      }
      this.component(child, childPath, new Set([BUTTON]), 'action row');
    }
  }

  private button(node: JsonObject, path: Path): void {
    if (node.label !== undefined) checkLength(this.errors, [...path, 'label'], node.label, 0, COMPONENTS_V2.buttonLabelMax);
    if (node.style === LINK_STYLE || node.style === PREMIUM_STYLE) {
      if (node.style === LINK_STYLE && typeof node.url !== 'string')
        this.errors.add([...path, 'url'], 'BASE_TYPE_REQUIRED', 'This field is required');
      return;
    }
    this.customId(node, path);
  }

  private customId(node: JsonObject, path: Path): void {
    checkLength(this.errors, [...path, 'custom_id'], node.custom_id, 1, 100);
    if (typeof node.custom_id !== 'string') return;
    if (this.customIds.has(node.custom_id)) {
      this.errors.add([...path, 'custom_id'], 'COMPONENT_CUSTOM_ID_DUPLICATED', 'Component custom id cannot be duplicated');
    }
    this.customIds.add(node.custom_id);
  }
}

/** Adds to `errors` what Discord would refuse in a components-v2 layout. */
export function checkComponentsV2(errors: FormErrors, components: readonly unknown[], context: ComponentsV2Context): void {
  const checker = new Checker(errors, context);
  for (const [index, component] of components.entries()) checker.component(component, ['components', index], TOP_LEVEL, 'top-level');
  if (checker.count > COMPONENTS_V2.componentsMax) {
    errors.add(['components'], 'MESSAGE_COMPONENTS_TOO_MANY', `A message can hold at most ${COMPONENTS_V2.componentsMax} components.`);
  }
  if (checker.textTotal > COMPONENTS_V2.textTotalMax) {
    errors.add(
      ['components'],
      'MESSAGE_TEXT_DISPLAY_TOTAL_LENGTH_EXCEEDED',
      `The text displays of a message may hold at most ${COMPONENTS_V2.textTotalMax} characters together.`,
    );
  }
}
