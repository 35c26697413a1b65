/**
 * The model's input, written once.
 *
 * Kling 3.0 Pro text-to-video as RunComfy documents it. Everything else — slash command options,
 * validation messages, the request body, the TypeScript types, cost estimates — is derived from
 * this schema, so a limit changes in exactly one place.
 */
import { z } from 'zod';
import { codePointLength } from '../text/truncate.js';
import { ProblemsError } from './problemsError.js';

export const PROMPT_MAX_CHARS = 2500;
/** Upstream Kling truncates a shot's prompt past this length. */
export const SHOT_PROMPT_MAX_CHARS = 512;
export const DURATION_MIN_SECONDS = 3;
export const DURATION_MAX_SECONDS = 15;
export const MULTI_PROMPT_MAX_SHOTS = 20;
export const ASPECT_RATIOS = ['16:9', '9:16', '1:1'] as const;
export const SHOT_TYPES = ['customize'] as const;
/** Standard text-to-video also lets the model choose the shots itself (runcomfy-api.md, "Text-to-video fields"). */
export const STANDARD_SHOT_TYPES = ['intelligent', 'customize'] as const;
export type ShotType = (typeof STANDARD_SHOT_TYPES)[number];

const duration = z.number().int().min(DURATION_MIN_SECONDS).max(DURATION_MAX_SECONDS);

/**
 * Trimmed text of at most `max` characters as the provider (and Discord, for the options and
 * forms that carry it) counts them: code points. zod's `.max()` counts UTF-16 units, which would
 * count each emoji twice and refuse a prompt the provider takes. `maxLength` in the JSON Schema
 * (which the options and forms read) counts code points too.
 */
function textOfAtMost(max: number, min?: number) {
  const base = min === undefined ? z.string().trim() : z.string().trim().min(min);
  return base
    .superRefine((value, ctx) => {
      if (codePointLength(value) > max) ctx.addIssue({ code: 'too_big', origin: 'string', maximum: max, inclusive: true, input: value });
    })
    .meta({ maxLength: max });
}

export const shotSchema = z.object({
  prompt: textOfAtMost(SHOT_PROMPT_MAX_CHARS, 1).describe('What happens in this shot'),
  duration: duration.default(5).describe('Length of this shot in seconds'),
});

/** The fields of a request, shared with the models of the same family (image-to-video). */
export const videoInputShape = {
  prompt: textOfAtMost(PROMPT_MAX_CHARS, 1).describe('Scene, motion, camera style and atmosphere of the video'),
  negative_prompt: textOfAtMost(PROMPT_MAX_CHARS).optional().describe('Elements to keep out of the video'),
  duration: duration.default(5).describe('Length of the video in seconds'),
  aspect_ratio: z.enum(ASPECT_RATIOS).default('16:9').describe('Frame shape of the video'),
  cfg_scale: z.number().min(0).max(1).default(0.5).describe('How strictly to follow the prompt, from 0 (loose) to 1 (strict)'),
  sound: z.boolean().default(true).describe('Generate synchronized sound (costs more)'),
  multi_prompt: z
    .array(shotSchema)
    .min(1)
    .max(MULTI_PROMPT_MAX_SHOTS)
    .optional()
    .describe('Shots in order, each with its own prompt and duration'),
  shot_type: z.enum(SHOT_TYPES).default('customize').describe('How shots are composed'),
};

/** The shots, when given, must last exactly as long as the video. */
export function checkShotDurations(
  input: { duration: number; multi_prompt?: readonly { duration: number }[] | undefined },
  ctx: z.core.$RefinementCtx,
): void {
  if (!input.multi_prompt?.length) return;
  const total = input.multi_prompt.reduce((sum, shot) => sum + shot.duration, 0);
  if (total !== input.duration) {
    ctx.addIssue({
      code: 'custom',
      path: ['multi_prompt'],
      message: `the shots' durations add up to ${total} seconds, but the video's duration is ${input.duration} seconds; they must be equal`,
    });
  }
}

export const videoInputSchema = z.object(videoInputShape).superRefine(checkShotDurations);

/** Standard text-to-video: the same fields, and `shot_type` may be left to the model (its default). */
export const standardVideoInputSchema = z
  .object({
    ...videoInputShape,
    shot_type: z.enum(STANDARD_SHOT_TYPES).default('intelligent').describe('How shots are composed'),
  })
  .superRefine(checkShotDurations);

const { aspect_ratio: _followsTheImage, ...imageShape } = videoInputShape;

/**
 * Image-to-video, every tier: no `aspect_ratio` (the picture sets the frame). The provider's own
 * default duration is 10 s, not 5, so the schema's default is always sent.
 */
export const imageToVideoInputSchema = z.object(imageShape).superRefine(checkShotDurations);

/** The schema's defaults for the fields a member may leave out. */
export const DEFAULT_VIDEO_INPUT: Readonly<Pick<z.output<typeof videoInputSchema>, 'duration' | 'aspect_ratio' | 'sound'>> = Object.freeze(
  (() => {
    const { duration, aspect_ratio, sound } = videoInputSchema.parse({ prompt: 'defaults' });
    return { duration, aspect_ratio, sound };
  })(),
);

/** What a member may type: defaults not yet applied. */
export type VideoInputDraft = z.input<typeof videoInputSchema>;
/** A validated input, defaults applied: exactly what is sent to the provider. */
export type VideoInput = z.output<typeof videoInputSchema>;
export type Shot = z.output<typeof shotSchema>;
/**
 * An input of any model of the family, images apart: image-to-video takes no frame shape, and
 * Standard text-to-video's shots may be left to the model.
 */
export type FamilyInput = Omit<VideoInput, 'aspect_ratio' | 'shot_type'> &
  Partial<Pick<VideoInput, 'aspect_ratio'>> & { shot_type: ShotType };

/** Plain-word names for fields, used in messages members read. */
const FIELD_LABELS: Record<string, string> = {
  prompt: 'prompt',
  negative_prompt: 'negative prompt',
  duration: 'duration',
  aspect_ratio: 'aspect ratio',
  cfg_scale: 'cfg scale',
  sound: 'sound',
  multi_prompt: 'shots',
  shot_type: 'shot type',
  start_image_url: 'image',
  end_image_url: 'end image',
};

export class InvalidInputError extends ProblemsError {
  override readonly name = 'InvalidInputError';
  constructor(problems: readonly string[]) {
    super('Your request was not sent', problems);
  }
}

function fieldName(path: readonly PropertyKey[]): string {
  const [head, index, leaf] = path;
  if (head === 'multi_prompt' && typeof index === 'number') {
    const shot = `shot ${index + 1}`;
    return leaf === undefined ? shot : `${shot} ${FIELD_LABELS[String(leaf)] ?? String(leaf)}`;
  }
  return FIELD_LABELS[String(head)] ?? String(head ?? 'input');
}

const numberFormat = new Intl.NumberFormat('en-US');

function valueAt(draft: unknown, path: readonly PropertyKey[]): unknown {
  let value: unknown = draft;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

export function describeIssue(issue: z.core.$ZodIssue, draft: unknown): string {
  const field = fieldName(issue.path);
  switch (issue.code) {
    case 'too_big': {
      const max = numberFormat.format(Number(issue.maximum));
      if (issue.origin === 'string') return `${field} must be at most ${max} characters`;
      if (issue.origin === 'array') return `${field}: at most ${max} shots are allowed`;
      return `${field} must be at most ${max}${unitFor(issue.path)}`;
    }
    case 'too_small': {
      const min = numberFormat.format(Number(issue.minimum));
      if (issue.origin === 'string') {
        return Number(issue.minimum) <= 1 ? `${field} must not be empty` : `${field} must be at least ${min} characters`;
      }
      if (issue.origin === 'array') return `${field}: give at least ${min} shot`;
      return `${field} must be at least ${min}${unitFor(issue.path)}`;
    }
    case 'invalid_value':
      return `${field} must be one of ${issue.values.map(String).join(', ')}`;
    case 'invalid_type':
      if (issue.expected === 'int') return `${field} must be a whole number`;
      if (valueAt(draft, issue.path) === undefined) return `${field} is required`;
      return `${field} must be a ${issue.expected}`;
    case 'not_multiple_of':
      return `${field} must be a multiple of ${String(issue.divisor)}`;
    case 'unrecognized_keys':
      return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}`;
    case 'custom':
      return `${field}: ${issue.message}`;
    default:
      return `${field}: ${issue.message}`;
  }
}

function unitFor(path: readonly PropertyKey[]): string {
  const leaf = path[path.length - 1];
  return leaf === 'duration' ? ' seconds' : '';
}

/** Validates a draft; throws {@link InvalidInputError} naming each field and its limit. */
export function parseVideoInput(draft: unknown): VideoInput {
  const parsed = videoInputSchema.safeParse(draft);
  if (!parsed.success) throw new InvalidInputError(parsed.error.issues.map((issue) => describeIssue(issue, draft)));
  return parsed.data;
}

/** The provider's body: the validated input without absent optional fields. */
export function toRequestBody(input: FamilyInput): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    if (value !== undefined) body[key] = value;
  }
  return body;
}
