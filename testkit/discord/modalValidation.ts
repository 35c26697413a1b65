/** Modals (interaction callback type 9) as Discord checks them: title, fields, their types and limits. */
import { FormErrors } from './errors.js';
import { checkLength, isObject, type JsonObject } from './validation.js';

const arr = (value: unknown): unknown[] | undefined => (Array.isArray(value) ? value : undefined);
const objects = (value: unknown): JsonObject[] => (arr(value) ?? []).filter(isObject);

const TEXT_INPUT = 4;
const LABEL = 18;
const TEXT_DISPLAY = 10;

function checkTextInput(errors: FormErrors, path: ReadonlyArray<string | number>, input: JsonObject, rowShape: boolean) {
  checkLength(errors, [...path, 'custom_id'], input.custom_id, 1, 100);
  if (input.style !== 1 && input.style !== 2) {
    errors.add([...path, 'style'], 'BASE_TYPE_CHOICES', 'Value must be one of {1, 2}.');
  }
  // In the classic shape the text input carries its own label; inside a label component it must not.
  if (rowShape) checkLength(errors, [...path, 'label'], input.label, 1, 45);
  if (input.placeholder !== undefined) checkLength(errors, [...path, 'placeholder'], input.placeholder, 0, 100);
  if (input.value !== undefined) checkLength(errors, [...path, 'value'], input.value, 0, 4000);
  const min = input.min_length;
  const max = input.max_length;
  if (min !== undefined && (typeof min !== 'number' || min < 0 || min > 4000)) {
    errors.add([...path, 'min_length'], 'NUMBER_TYPE_MAX', 'min_length must be between 0 and 4000.');
  }
  if (max !== undefined && (typeof max !== 'number' || max < 1 || max > 4000)) {
    errors.add([...path, 'max_length'], 'NUMBER_TYPE_MAX', 'max_length must be between 1 and 4000.');
  }
}

/** A modal (interaction callback type 9): title 1-45, 1-5 components, text inputs within their limits. */
export function validateModal(data: unknown): void {
  const errors = new FormErrors();
  const modal = isObject(data) ? data : {};
  const path = ['data'];
  checkLength(errors, [...path, 'title'], modal.title, 1, 45);
  checkLength(errors, [...path, 'custom_id'], modal.custom_id, 1, 100);
  const components = arr(modal.components) ?? [];
  checkLength(errors, [...path, 'components'], components, 1, 5);
  for (const [index, component] of components.entries()) {
    if (!isObject(component)) continue;
    const componentPath = [...path, 'components', index];
    if (component.type === 1) {
      const inputs = objects(component.components);
      if (inputs.length !== 1 || inputs[0]?.type !== TEXT_INPUT) {
        errors.add(componentPath, 'COMPONENT_LAYOUT_WIDTH_EXCEEDED', 'An action row in a modal holds exactly one text input');
      }
      for (const [inputIndex, input] of inputs.entries()) {
        checkTextInput(errors, [...componentPath, 'components', inputIndex], input, true);
      }
    } else if (component.type === LABEL) {
      checkLength(errors, [...componentPath, 'label'], component.label, 1, 45);
      if (component.description !== undefined) {
        checkLength(errors, [...componentPath, 'description'], component.description, 0, 100);
      }
      const inner = isObject(component.component) ? component.component : undefined;
      if (!inner) errors.add([...componentPath, 'component'], 'BASE_TYPE_REQUIRED', 'This field is required');
      else if (inner.type === TEXT_INPUT) checkTextInput(errors, [...componentPath, 'component'], inner, false);
    } else if (component.type !== TEXT_DISPLAY) {
      errors.add([...componentPath, 'type'], 'BASE_TYPE_CHOICES', 'Modals accept action rows, labels and text displays.');
    }
  }
  errors.throwIfAny();
}
