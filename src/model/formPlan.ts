/**
 * A video request as a form, derived from a model's schema: which fields a form can hold, of what
 * kind (free text, shots, a choice, a toggle, a whole number in a range, a number), with their
 * defaults, limits and descriptions; which of them fit in a form of a few slots; and how a filled
 * form becomes a draft for the schema again. Nothing here re-states a limit or knows a chat
 * platform: the Discord view turns a plan into components.
 */

import { truncate } from '../text/truncate.js';
import { type InputFieldSchema, inputFieldsOf } from './inputFields.js';
import type { ImageRole, ModelDefinition } from './modelDefinition.js';
import { ProblemsError } from './problemsError.js';
import type { Shot } from './videoInput.js';

/** Why a shot line could not be read; `line` counts from 1, `text` is what stood before the bar. */
export type ShotLineProblem = { code: 'shot_line_form'; line: number } | { code: 'shot_line_seconds'; line: number; text: string };

export class FormError extends ProblemsError<ShotLineProblem> {
  override readonly name = 'FormError';
  constructor(problems: readonly ShotLineProblem[]) {
    super('request', problems);
  }
}

// Zero-width and other invisible format characters a paste can carry; around the seconds and the
// bar they would make "5" fail to read as a number with no visible reason. Inside a prompt they
// stay: a zero-width joiner is what holds 👩‍👩‍👧‍👦 or 🏳️‍🌈 together as one emoji.
const INVISIBLE = /[\u200B-\u200F\u2060-\u2064\uFEFF\u00AD]/g;
const INVISIBLE_OR_SPACE_AT_EDGES = /^[\s\u200B-\u200F\u2060-\u2064\uFEFF\u00AD]+|[\s\u200B-\u200F\u2060-\u2064\uFEFF\u00AD]+$/g;

function trimInvisible(text: string): string {
  return text.replace(INVISIBLE_OR_SPACE_AT_EDGES, '');
}

/** `seconds | prompt` per line; blank lines are skipped. A bare prompt gets the shot default. */
export function parseShotLines(text: string): { prompt: string; duration: number }[] {
  const problems: ShotLineProblem[] = [];
  const shots: { prompt: string; duration: number }[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, index) => {
    const line = trimInvisible(raw);
    if (!line) return;
    const bar = line.indexOf('|');
    if (bar === -1) {
      problems.push({ code: 'shot_line_form', line: index + 1 });
      return;
    }
    const secondsText = line
      .slice(0, bar)
      .replace(INVISIBLE, '')
      .trim()
      .replace(/\s*s(ec(onds?)?)?$/i, '');
    const prompt = trimInvisible(line.slice(bar + 1));
    if (!/^\d{1,3}$/.test(secondsText)) {
      problems.push({ code: 'shot_line_seconds', line: index + 1, text: truncate(line.slice(0, bar).trim(), 20) });
      return;
    }
    shots.push({ prompt, duration: Number(secondsText) });
  });
  if (problems.length) throw new FormError(problems);
  return shots;
}

export function formatShotLines(shots: readonly Shot[]): string {
  return shots.map((shot) => `${shot.duration} | ${shot.prompt}`).join('\n');
}

/** What a field asks for, as a form can offer it. */
export type FormFieldKind =
  | { kind: 'text'; minLength: number; maxLength: number }
  | { kind: 'shots' }
  | { kind: 'choice'; options: readonly string[] }
  | { kind: 'toggle' }
  | { kind: 'whole'; min: number; max: number }
  | { kind: 'number'; min?: number | undefined; max?: number | undefined }
  | { kind: 'image'; role: ImageRole };

export type FormField = FormFieldKind & {
  /** The field's id in a form: the schema's key, or for a picture its slash option's name. */
  key: string;
  required: boolean;
  /** The schema's default; undefined when it has none. */
  default: unknown;
  /** The schema's description (for a picture, the model's). */
  description: string | undefined;
};

/** The shots field: a list of shots, which a form takes as `seconds | prompt` lines. */
export const SHOTS_KEY = 'multi_prompt';
/** The field whose value the shots set when the form has them but not it. */
const DURATION_KEY = 'duration';
/**
 * Not a field of the provider's input: the member's picture is sent again as the last frame, so
 * the video ends where it began. Offered by a model that takes an end frame.
 */
export const LOOP_KEY = 'loop';

function kindOf(key: string, field: InputFieldSchema): FormFieldKind | undefined {
  if (key === SHOTS_KEY) return { kind: 'shots' };
  // A single value leaves nothing to choose.
  if (field.enum) return field.enum.length >= 2 ? { kind: 'choice', options: field.enum.map(String) } : undefined;
  switch (field.type) {
    case 'string':
      return { kind: 'text', minLength: field.minLength ?? 0, maxLength: field.maxLength ?? Number.POSITIVE_INFINITY };
    case 'boolean':
      return { kind: 'toggle' };
    case 'integer':
      if (field.minimum !== undefined && field.maximum !== undefined) return { kind: 'whole', min: field.minimum, max: field.maximum };
      return { kind: 'number', min: field.minimum, max: field.maximum };
    case 'number':
      return { kind: 'number', min: field.minimum, max: field.maximum };
    default:
      return undefined;
  }
}

/** Every field of `model` a form can hold: its pictures first, then its schema's fields by importance. */
export function describeFormFields(model: ModelDefinition): FormField[] {
  const json = inputFieldsOf(model.schema);
  const required = new Set(json.required ?? []);
  const pictures: FormField[] = Object.entries(model.images).map(([role, image]) => ({
    kind: 'image',
    role: role as ImageRole,
    key: image.option,
    required: image.required,
    default: undefined,
    description: image.description,
  }));
  const fields: FormField[] = [];
  for (const [key, field] of Object.entries(json.properties ?? {})) {
    const kind = kindOf(key, field);
    if (kind) fields.push({ ...kind, key, required: required.has(key), default: field.default, description: field.description });
  }
  if (model.images.end) fields.push({ kind: 'toggle', key: LOOP_KEY, required: false, default: false, description: undefined });
  const rank = (key: string) => {
    const at = model.formOrder.indexOf(key);
    return at === -1 ? model.formOrder.length : at;
  };
  // Array.prototype.sort is stable: fields the order does not list keep the schema's order.
  return [...pictures, ...fields.sort((a, b) => rank(a.key) - rank(b.key))];
}

export interface FormPlanRequest {
  /** Shots instead of a duration: the video lasts as long as its shots. */
  shots: boolean;
  /** The model's pictures are uploaded in the form. */
  uploads: boolean;
  /** How many fields the form holds at most, a note about the others included. */
  slots: number;
  /** The values the fields show: a job's input, a member's defaults, options already typed. */
  values: Readonly<Record<string, unknown>>;
  /**
   * What the fields without a slot will take when the form comes back (the job's input, the
   * member's defaults); the form cannot carry anything else. By default `values`.
   */
  base?: Readonly<Record<string, unknown>>;
  /** Fields to place before the others of their rank (options the member already typed). */
  pinned?: readonly string[];
  /**
   * The form offers the loop toggle (a new animation; a remix keeps its parent's pictures).
   * @defaultValue false
   */
  loop?: boolean;
}

export interface PlannedField {
  field: FormField;
  /** Preselected or prefilled; undefined leaves the field empty. */
  value: unknown;
}

export interface FormPlan {
  /** The fields in the form, most important first. */
  fields: PlannedField[];
  /** The fields the form has no slot for, with the value each will take. */
  left: PlannedField[];
}

/**
 * The form for a request: the most important fields that fit. When some do not, one slot goes to
 * a note naming them and their values, so the member is never surprised by a hidden setting.
 */
export function planForm(model: ModelDefinition, request: FormPlanRequest): FormPlan {
  const candidates = describeFormFields(model).filter((field) => {
    if (field.kind === 'image') return request.uploads;
    // Shots and a duration exclude each other: the one a form leaves out follows the other.
    if (field.key === SHOTS_KEY) return request.shots;
    if (field.key === DURATION_KEY) return !request.shots;
    // The loop's last frame cannot go with shots, as an end picture cannot.
    if (field.key === LOOP_KEY) return request.loop === true && !request.shots;
    return true;
  });
  // Pictures and required fields first, then what the member typed, then the model's order (sort is stable).
  const rank = (field: FormField) => (field.kind === 'image' || field.required ? 0 : request.pinned?.includes(field.key) ? 1 : 2);
  const ordered = [...candidates].sort((a, b) => rank(a) - rank(b));
  if (ordered.length <= request.slots) {
    return { fields: ordered.map((field) => ({ field, value: request.values[field.key] ?? field.default })), left: [] };
  }
  const room = Math.max(0, request.slots - 1);
  const inForm = new Set(ordered.slice(0, room));
  const base = request.base ?? request.values;
  return {
    // The fields keep the model's order on screen.
    fields: candidates.filter((field) => inForm.has(field)).map((field) => ({ field, value: request.values[field.key] ?? field.default })),
    left: candidates.filter((field) => !inForm.has(field)).map((field) => ({ field, value: base[field.key] ?? field.default })),
  };
}

/** What a form sent back for one field: text, the chosen value(s), or whether a box is ticked. */
export type SubmittedValue = string | boolean | readonly string[] | null;

const NUMBER_TEXT = /^-?\d+([.,]\d+)?$/;

function textOf(value: SubmittedValue): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value[0] ?? '';
  return '';
}

/** A number as typed; text that is not one stays text, so the schema names the field and its kind. */
function readNumber(value: SubmittedValue): unknown {
  const text = textOf(value).replace(INVISIBLE, '').trim();
  if (!text) return undefined;
  return NUMBER_TEXT.test(text) ? Number(text.replace(',', '.')) : text;
}

/**
 * A filled form as a draft for the model's schema. Fields the form did not hold take `base` (a
 * remix's parent, a member's defaults; left out, the schema's default). With shots and no
 * duration in the form, the video lasts as long as its shots. Pictures are not read here.
 */
export function draftFromForm(
  model: ModelDefinition,
  submitted: Readonly<Record<string, SubmittedValue>>,
  base: Readonly<Record<string, unknown>> = {},
): Record<string, unknown> {
  const fields = new Map(describeFormFields(model).map((field) => [field.key, field]));
  const draft: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(base)) {
    const field = fields.get(key);
    if (field && field.kind !== 'image' && value !== undefined) draft[key] = value;
  }
  for (const [key, value] of Object.entries(submitted)) {
    const field = fields.get(key);
    if (!field) continue;
    switch (field.kind) {
      case 'text': {
        const text = textOf(value);
        if (field.required || text.trim()) draft[key] = text;
        else delete draft[key];
        break;
      }
      case 'shots': {
        const text = textOf(value);
        if (text.trim()) draft[key] = parseShotLines(text);
        else delete draft[key];
        break;
      }
      case 'choice': {
        const choice = textOf(value);
        if (choice) draft[key] = choice;
        break;
      }
      case 'toggle':
        if (typeof value === 'boolean') draft[key] = value;
        break;
      case 'whole':
      case 'number': {
        const number = readNumber(value);
        if (number !== undefined) draft[key] = number;
        break;
      }
      case 'image':
        break;
    }
  }
  const shots = draft[SHOTS_KEY];
  if (SHOTS_KEY in submitted && !(DURATION_KEY in submitted) && Array.isArray(shots)) {
    draft[DURATION_KEY] = (shots as { duration: number }[]).reduce((sum, shot) => sum + shot.duration, 0);
  }
  return draft;
}
