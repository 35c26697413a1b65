/**
 * Modals (interaction callback type 9) as Discord checks them: title, top-level components
 * (labels, text displays, action rows of one text input), what a label may hold, and each
 * child's limits. The figures are the bot's own table of Discord's documented limits.
 */
import { CHOICES, COMPONENTS_V2, FILE_UPLOAD, LABEL, MODAL, TEXT_INPUT } from '../../src/discord/discordLimits.js';
import { FormErrors } from './errors.js';
import { checkLength, isObject, type JsonObject } from './validation.js';

const arr = (value: unknown): unknown[] | undefined => (Array.isArray(value) ? value : undefined);
const objects = (value: unknown): JsonObject[] => (arr(value) ?? []).filter(isObject);

const ACTION_ROW = 1;
const STRING_SELECT = 3;
const TEXT_INPUT_TYPE = 4;
const TEXT_DISPLAY = 10;
const LABEL_TYPE = 18;
const FILE_UPLOAD_TYPE = 19;
const RADIO_GROUP = 21;
const CHECKBOX_GROUP = 22;
const CHECKBOX = 23;

/** What a label may wrap (user, role, mentionable and channel selects too; this bot sends none). */
const LABEL_CHILDREN = new Set([STRING_SELECT, TEXT_INPUT_TYPE, FILE_UPLOAD_TYPE, RADIO_GROUP, CHECKBOX_GROUP, CHECKBOX, 5, 6, 7, 8]);

type Path = ReadonlyArray<string | number>;

function checkInteger(errors: FormErrors, path: Path, value: unknown, min: number, max: number): void {
  if (value === undefined) return;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    errors.add(path, 'NUMBER_TYPE_MAX', `Must be a whole number between ${min} and ${max}.`);
  }
}

function checkTextInput(errors: FormErrors, path: Path, input: JsonObject, rowShape: boolean) {
  if (input.style !== 1 && input.style !== 2) {
    errors.add([...path, 'style'], 'BASE_TYPE_CHOICES', 'Value must be one of {1, 2}.');
  }
  // In the classic shape the text input carries its own label; inside a label component it must not.
  if (rowShape) checkLength(errors, [...path, 'label'], input.label, 1, LABEL.labelMax);
  if (input.placeholder !== undefined) checkLength(errors, [...path, 'placeholder'], input.placeholder, 0, TEXT_INPUT.placeholderMax);
  if (input.value !== undefined) checkLength(errors, [...path, 'value'], input.value, 0, TEXT_INPUT.valueMax);
  checkInteger(errors, [...path, 'min_length'], input.min_length, 0, TEXT_INPUT.valueMax);
  checkInteger(errors, [...path, 'max_length'], input.max_length, 1, TEXT_INPUT.valueMax);
}

function checkOptions(errors: FormErrors, path: Path, options: JsonObject[]): void {
  const values = new Set<unknown>();
  for (const [index, option] of options.entries()) {
    const at = [...path, index];
    checkLength(errors, [...at, 'label'], option.label, 1, CHOICES.optionTextMax);
    checkLength(errors, [...at, 'value'], option.value, 1, CHOICES.optionTextMax);
    if (option.description !== undefined) checkLength(errors, [...at, 'description'], option.description, 0, CHOICES.optionTextMax);
    if (option.default !== undefined && typeof option.default !== 'boolean') {
      errors.add([...at, 'default'], 'BASE_TYPE_BOOLEAN', 'Must be a boolean.');
    }
    if (values.has(option.value)) errors.add([...at, 'value'], 'SELECT_COMPONENT_OPTION_VALUE_DUPLICATED', 'Option values must be unique');
    values.add(option.value);
  }
}

function checkLabelChild(errors: FormErrors, path: Path, child: JsonObject): void {
  if (typeof child.type !== 'number' || !LABEL_CHILDREN.has(child.type)) {
    errors.add([...path, 'type'], 'BASE_TYPE_CHOICES', 'A label holds a text input, a select, a file upload, a radio group or a checkbox.');
    return;
  }
  switch (child.type) {
    case TEXT_INPUT_TYPE:
      checkTextInput(errors, path, child, false);
      return;
    case RADIO_GROUP: {
      const options = objects(child.options);
      checkLength(errors, [...path, 'options'], arr(child.options), CHOICES.radioMin, CHOICES.radioMax);
      checkOptions(errors, [...path, 'options'], options);
      if (options.filter((option) => option.default === true).length > 1) {
        errors.add([...path, 'options'], 'RADIO_GROUP_MULTIPLE_DEFAULTS', 'At most one option may be the default.');
      }
      return;
    }
    case STRING_SELECT: {
      const options = objects(child.options);
      checkLength(errors, [...path, 'options'], arr(child.options), 1, CHOICES.selectMax);
      checkOptions(errors, [...path, 'options'], options);
      checkInteger(errors, [...path, 'min_values'], child.min_values, 0, CHOICES.selectMax);
      checkInteger(errors, [...path, 'max_values'], child.max_values, 1, CHOICES.selectMax);
      const min = typeof child.min_values === 'number' ? child.min_values : 1;
      const max = typeof child.max_values === 'number' ? child.max_values : 1;
      if (min > max || max > options.length) {
        errors.add([...path, 'max_values'], 'BASE_TYPE_BAD_LENGTH', 'min_values ≤ max_values ≤ the number of options.');
      }
      const defaults = options.filter((option) => option.default === true).length;
      if (defaults > max) errors.add([...path, 'options'], 'SELECT_COMPONENT_TOO_MANY_DEFAULTS', 'More defaults than max_values.');
      if (child.placeholder !== undefined)
        checkLength(errors, [...path, 'placeholder'], child.placeholder, 0, CHOICES.selectPlaceholderMax);
      return;
    }
    case CHECKBOX:
      if (child.default !== undefined && typeof child.default !== 'boolean') {
        errors.add([...path, 'default'], 'BASE_TYPE_BOOLEAN', 'Must be a boolean.');
      }
      return;
    case CHECKBOX_GROUP:
      checkLength(errors, [...path, 'options'], arr(child.options), 1, CHOICES.radioMax);
      checkOptions(errors, [...path, 'options'], objects(child.options));
      return;
    case FILE_UPLOAD_TYPE: {
      checkInteger(errors, [...path, 'min_values'], child.min_values, 0, FILE_UPLOAD.filesMax);
      checkInteger(errors, [...path, 'max_values'], child.max_values, 1, FILE_UPLOAD.filesMax);
      const min = typeof child.min_values === 'number' ? child.min_values : 1;
      const max = typeof child.max_values === 'number' ? child.max_values : 1;
      if (min > max) errors.add([...path, 'min_values'], 'BASE_TYPE_BAD_LENGTH', 'min_values must not exceed max_values.');
      return;
    }
    default:
      return;
  }
}

/** Every custom id a modal's fields use, with where it is, for the uniqueness check. */
function customIdsOf(component: JsonObject, path: Path): { id: unknown; path: Path }[] {
  if (isObject(component.component)) return [{ id: component.component.custom_id, path: [...path, 'component', 'custom_id'] }];
  return objects(component.components).map((input, index) => ({ id: input.custom_id, path: [...path, 'components', index, 'custom_id'] }));
}

/** A modal (interaction callback type 9), as Discord's documentation describes what it accepts. */
export function validateModal(data: unknown): void {
  const errors = new FormErrors();
  const modal = isObject(data) ? data : {};
  const path = ['data'];
  checkLength(errors, [...path, 'title'], modal.title, 1, MODAL.titleMax);
  checkLength(errors, [...path, 'custom_id'], modal.custom_id, 1, MODAL.customIdMax);
  const components = arr(modal.components) ?? [];
  checkLength(errors, [...path, 'components'], components, 1, MODAL.componentsMax);
  const seen = new Set<unknown>();
  for (const [index, component] of components.entries()) {
    if (!isObject(component)) continue;
    const componentPath = [...path, 'components', index];
    if (component.type === ACTION_ROW) {
      const inputs = objects(component.components);
      if (inputs.length !== 1 || inputs[0]?.type !== TEXT_INPUT_TYPE) {
        errors.add(componentPath, 'COMPONENT_LAYOUT_WIDTH_EXCEEDED', 'An action row in a modal holds exactly one text input');
      }
      for (const [inputIndex, input] of inputs.entries()) {
        checkTextInput(errors, [...componentPath, 'components', inputIndex], input, true);
      }
    } else if (component.type === LABEL_TYPE) {
      checkLength(errors, [...componentPath, 'label'], component.label, 1, LABEL.labelMax);
      if (component.description !== undefined) {
        checkLength(errors, [...componentPath, 'description'], component.description, 0, LABEL.descriptionMax);
      }
      const inner = isObject(component.component) ? component.component : undefined;
      if (!inner) errors.add([...componentPath, 'component'], 'BASE_TYPE_REQUIRED', 'This field is required');
      else checkLabelChild(errors, [...componentPath, 'component'], inner);
    } else if (component.type === TEXT_DISPLAY) {
      checkLength(errors, [...componentPath, 'content'], component.content, 1, COMPONENTS_V2.textDisplayMax);
    } else {
      errors.add([...componentPath, 'type'], 'BASE_TYPE_CHOICES', 'Modals accept action rows, labels and text displays.');
    }
    for (const { id, path: idPath } of customIdsOf(component, componentPath)) {
      checkLength(errors, idPath, id, 1, MODAL.customIdMax);
      if (id !== undefined && seen.has(id)) errors.add(idPath, 'COMPONENT_CUSTOM_ID_DUPLICATED', 'Custom ids must be unique in a modal');
      seen.add(id);
    }
  }
  errors.throwIfAny();
}
