/** Every model the bot offers. A job records its model's id; rows from before models were data are text-to-video. */
import type { ImageRole, ModelDefinition } from './modelDefinition.js';
import { klingImageToVideo } from './models/klingImageToVideo.js';
import { klingTextToVideo } from './models/klingTextToVideo.js';
import { type FamilyInput, InvalidInputError, inputProblemOf, toRequestBody } from './videoInput.js';

export const MODELS: readonly ModelDefinition[] = [klingTextToVideo, klingImageToVideo];

export const DEFAULT_MODEL_ID = klingTextToVideo.id;

export function modelById(id: string): ModelDefinition | undefined {
  return MODELS.find((model) => model.id === id);
}

/** A job's model; an id this release does not know (a newer bot wrote the row) is an error. */
export function requireModel(id: string): ModelDefinition {
  const model = modelById(id);
  if (!model) throw new Error(`unknown model ${id}`);
  return model;
}

/** The bot's own links to a job's images, by role. */
export type ImageLinks = Partial<Record<ImageRole, string>>;

/** Validates a draft against the model's schema; throws {@link InvalidInputError} with each problem as data. */
export function parseModelInput<T>(model: ModelDefinition, draft: unknown): T {
  const parsed = model.schema.safeParse(draft);
  if (!parsed.success) throw new InvalidInputError(parsed.error.issues.map((issue) => inputProblemOf(issue, draft)));
  return parsed.data as T;
}

/**
 * The provider's body: the input with each field under the endpoint's own name (`wireNames`), and
 * each image under the model's image field.
 */
export function modelRequestBody(
  model: Pick<ModelDefinition, 'images' | 'wireNames'>,
  input: object,
  images: ImageLinks,
): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(toRequestBody(input as FamilyInput))) body[model.wireNames?.[key] ?? key] = value;
  for (const [role, field] of Object.entries(model.images)) {
    const link = images[role as ImageRole];
    if (link !== undefined) body[field.field] = link;
  }
  return body;
}

/** The largest picture any model takes, in bytes. */
export function largestImageBytes(): number {
  return Math.max(0, ...MODELS.map((model) => model.imageLimits?.maxBytes ?? 0));
}
