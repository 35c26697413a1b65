/**
 * The model's input, written once.
 *
 * Kling 3.0 Pro text-to-video as RunComfy documents it. Everything else — slash command options,
 * validation problems, the request body, the TypeScript types, cost estimates — is derived from
 * this schema, so a limit changes in exactly one place. Problems come back as data ({@link InputProblem}).
 */
import { z } from 'zod';
import { codePointLength } from '../text/truncate.js';
import { ProblemsError, type ValueProblem, valueProblemOf } from './problemsError.js';

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
      // The chat layer words it from these facts; the message is for developers only.
      params: { problem: 'shots_total', total, duration: input.duration },
      message: 'shot durations do not add up to the duration',
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

/**
 * Why a request was refused, as facts: the field (the schema's key; inside a shot, the shot's
 * field and the shot's number from 1), the rule and its limit. The chat layer words it.
 */
export type InputProblem =
  | (ValueProblem & { field: string; shot?: number })
  | { code: 'unknown_fields'; fields: readonly string[] }
  /** The shots last `total` seconds and the video `duration`; they must be equal. */
  | { code: 'shots_total'; field: 'multi_prompt'; total: number; duration: number };

export class InvalidInputError extends ProblemsError<InputProblem> {
  override readonly name = 'InvalidInputError';
  constructor(problems: readonly InputProblem[]) {
    super('request', problems);
  }
}

function placeOf(path: readonly PropertyKey[]): { field: string; shot?: number } {
  const [head, index, leaf] = path;
  if (head === 'multi_prompt' && typeof index === 'number')
    return { field: leaf === undefined ? 'multi_prompt' : String(leaf), shot: index + 1 };
  return { field: head === undefined ? 'input' : String(head) };
}

/** A zod issue of a model's schema as a fact. */
export function inputProblemOf(issue: z.core.$ZodIssue, draft: unknown): InputProblem {
  if (issue.code === 'unrecognized_keys') return { code: 'unknown_fields', fields: issue.keys };
  const params = issue.code === 'custom' ? (issue.params as Record<string, unknown> | undefined) : undefined;
  if (params?.problem === 'shots_total') {
    return { code: 'shots_total', field: 'multi_prompt', total: Number(params.total), duration: Number(params.duration) };
  }
  return { ...(valueProblemOf(issue, draft) ?? { code: 'invalid' }), ...placeOf(issue.path) };
}

/** Validates a draft; throws {@link InvalidInputError} with each field's problem as data. */
export function parseVideoInput(draft: unknown): VideoInput {
  const parsed = videoInputSchema.safeParse(draft);
  if (!parsed.success) throw new InvalidInputError(parsed.error.issues.map((issue) => inputProblemOf(issue, draft)));
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
