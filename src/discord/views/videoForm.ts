/**
 * A video form as a Discord modal, from the model's form plan: each field a label with its
 * words, holding the component that fits its kind; the fields without a slot named in a text
 * display with the values they will take.
 */
import {
  type APIComponentInLabel,
  type APILabelComponent,
  type APIModalInteractionResponseCallbackData,
  type APITextDisplayComponent,
  ComponentType,
  TextInputStyle,
} from 'discord.js';
import { type FormField, formatShotLines, type PlannedField, planForm, SHOTS_KEY } from '../../model/formPlan.js';
import type { ModelDefinition } from '../../model/modelDefinition.js';
import type { Shot } from '../../model/videoInput.js';
import { truncate } from '../../text/truncate.js';
import { fieldDescription } from '../commandOptions.js';
import type { Copy } from '../copy.js';
import { CHOICES, COMPONENTS_V2, LABEL, MODAL, TEXT_INPUT } from '../discordLimits.js';
import type { PlainMessageKey } from '../i18n/translate.js';

export interface VideoFormRequest {
  title: string;
  customId: string;
  model: ModelDefinition;
  /** Shots instead of a duration. */
  shots: boolean;
  /** The model's pictures are uploaded in the form. */
  uploads: boolean;
  /**
   * The form offers the loop toggle (a new animation).
   * @defaultValue false
   */
  loop?: boolean;
  /** What the fields show: a job's input, or a member's defaults under the options already typed. */
  values: Readonly<Record<string, unknown>>;
  /** What the fields without a slot will take (by default `values`); the note names these. */
  base?: Readonly<Record<string, unknown>>;
  /** Options the member already typed: they get a slot first. */
  pinned?: readonly string[];
  /** The values are a job's (a remix), not defaults. */
  kept: boolean;
}

/** The words of a form's fields, by the field's key in the schema (or a picture's option name). */
const FORM_FIELD_KEYS: Readonly<Record<string, { label: PlainMessageKey; placeholder?: PlainMessageKey }>> = {
  prompt: { label: 'form.promptLabel', placeholder: 'form.promptPlaceholder' },
  multi_prompt: { label: 'form.shotsLabel', placeholder: 'form.shotsPlaceholder' },
  negative_prompt: { label: 'form.negativeLabel', placeholder: 'form.negativePlaceholder' },
  duration: { label: 'form.durationLabel' },
  aspect_ratio: { label: 'form.aspectRatioLabel' },
  sound: { label: 'form.soundLabel' },
  cfg_scale: { label: 'form.cfgScaleLabel', placeholder: 'form.cfgScalePlaceholder' },
  image: { label: 'form.imageLabel' },
  end_image: { label: 'form.endImageLabel' },
  loop: { label: 'form.loopLabel' },
};

/** A field a newer model adds shows its key until it has words. */
function fieldName(field: FormField, copy: Copy): string {
  const words = FORM_FIELD_KEYS[field.key];
  return words ? copy.t(words.label) : field.key.replace(/_/g, ' ');
}

function describeField(field: FormField, copy: Copy): string | undefined {
  if (field.kind === 'shots') return copy.t('form.shotsDescription');
  // The slash option's words, default included, so one translation serves both.
  return fieldDescription(copy.language, field.key, field.kind === 'image' ? undefined : field.default);
}

function shownValue(value: unknown, copy: Copy): string {
  if (value === undefined || value === null || value === '') return copy.t('form.none');
  if (typeof value === 'boolean') return value ? copy.t('form.on') : copy.t('form.off');
  if (typeof value === 'number') return copy.number(value);
  return truncate(String(value), 40);
}

function textInput(field: FormField, value: unknown, copy: Copy, max: number, style: TextInputStyle): APIComponentInLabel {
  const text =
    field.kind === 'shots' && Array.isArray(value)
      ? formatShotLines(value as Shot[])
      : value === undefined || value === null
        ? ''
        : String(value);
  const placeholderKey = FORM_FIELD_KEYS[field.key]?.placeholder;
  const placeholder = placeholderKey ? copy.t(placeholderKey) : undefined;
  return {
    type: ComponentType.TextInput,
    custom_id: field.key,
    style,
    required: field.required,
    max_length: Math.min(max, TEXT_INPUT.valueMax),
    ...(placeholder ? { placeholder: truncate(placeholder, TEXT_INPUT.placeholderMax) } : {}),
    ...(text ? { value: truncate(text, Math.min(max, TEXT_INPUT.valueMax)) } : {}),
  };
}

function listed(options: readonly string[], value: unknown) {
  const chosen = value === undefined || value === null ? undefined : String(value);
  return options.map((option) => ({
    value: truncate(option, CHOICES.optionTextMax),
    label: truncate(option, CHOICES.optionTextMax),
    ...(option === chosen ? { default: true } : {}),
  }));
}

// Every choice of the schema has a default, so a choice is always made: required costs nothing.
function select(field: FormField, options: readonly string[], value: unknown): APIComponentInLabel {
  return {
    type: ComponentType.StringSelect,
    custom_id: field.key,
    options: listed(options.slice(0, CHOICES.selectMax), value),
    min_values: 1,
    max_values: 1,
    required: true,
  };
}

function radioOrSelect(field: FormField, options: readonly string[], value: unknown): APIComponentInLabel {
  if (options.length < CHOICES.radioMin || options.length > CHOICES.radioMax) return select(field, options, value);
  return { type: ComponentType.RadioGroup, custom_id: field.key, options: listed(options, value), required: true };
}

/** The component a field takes: a radio group or a select for a choice, a checkbox, an upload, or a text input. */
function component({ field, value }: PlannedField, copy: Copy): APIComponentInLabel {
  switch (field.kind) {
    case 'text':
      return textInput(field, value, copy, field.maxLength, TextInputStyle.Paragraph);
    case 'shots':
      return textInput(field, value, copy, TEXT_INPUT.valueMax, TextInputStyle.Paragraph);
    case 'choice':
      return radioOrSelect(field, field.options, value);
    case 'toggle':
      return { type: ComponentType.Checkbox, custom_id: field.key, ...(value === true ? { default: true } : {}) };
    case 'whole': {
      // A range reads best as a list (3 to 15 seconds); a wider one is typed.
      const count = field.max - field.min + 1;
      if (count > CHOICES.selectMax) return textInput(field, value, copy, String(field.max).length + 1, TextInputStyle.Short);
      return select(
        field,
        Array.from({ length: count }, (_, index) => String(field.min + index)),
        value,
      );
    }
    case 'number':
      return textInput(field, value, copy, 32, TextInputStyle.Short);
    case 'image':
      return {
        type: ComponentType.FileUpload,
        custom_id: field.key,
        min_values: field.required ? 1 : 0,
        max_values: 1,
        required: field.required,
      };
  }
}

function label(planned: PlannedField, copy: Copy): APILabelComponent {
  const description = describeField(planned.field, copy);
  return {
    type: ComponentType.Label,
    label: truncate(fieldName(planned.field, copy), LABEL.labelMax),
    ...(description ? { description: truncate(description, LABEL.descriptionMax) } : {}),
    component: component(planned, copy),
  };
}

/** "Not in this form (default): Negative prompt: none · CFG scale: 0.5". */
function note(left: readonly PlannedField[], kept: boolean, copy: Copy): APITextDisplayComponent {
  const items = left
    .filter(({ field }) => field.kind !== 'image' && field.key !== SHOTS_KEY)
    .map(({ field, value }) => `${fieldName(field, copy)}: ${shownValue(value, copy)}`);
  return {
    type: ComponentType.TextDisplay,
    content: truncate(
      copy.t('form.notInForm', { source: copy.t(kept ? 'form.kept' : 'form.defaults'), list: items.join(' · ') }),
      COMPONENTS_V2.textDisplayMax,
    ),
  };
}

export function videoFormView(request: VideoFormRequest, copy: Copy): APIModalInteractionResponseCallbackData {
  const plan = planForm(request.model, {
    shots: request.shots,
    uploads: request.uploads,
    slots: MODAL.componentsMax,
    values: request.values,
    ...(request.base ? { base: request.base } : {}),
    ...(request.pinned ? { pinned: request.pinned } : {}),
    ...(request.loop ? { loop: true } : {}),
  });
  return {
    custom_id: request.customId,
    title: truncate(request.title, MODAL.titleMax),
    components: [...plan.fields.map((planned) => label(planned, copy)), ...(plan.left.length ? [note(plan.left, request.kept, copy)] : [])],
  };
}
