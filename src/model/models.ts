/** Every model the bot offers. A job records its model's id; rows from before models were data are text-to-video. */
import type { ImageRole, ModelDefinition, ModelMode } from './modelDefinition.js';
import { kling4kImageToVideo } from './models/kling4kImageToVideo.js';
import { kling4kTextToVideo } from './models/kling4kTextToVideo.js';
import { klingImageToVideo } from './models/klingImageToVideo.js';
import { klingStandardImageToVideo } from './models/klingStandardImageToVideo.js';
import { klingStandardTextToVideo } from './models/klingStandardTextToVideo.js';
import { klingTextToVideo } from './models/klingTextToVideo.js';
import { DEFAULT_TIER, TIERS, type Tier } from './tiers.js';
import { type FamilyInput, InvalidInputError, inputProblemOf, toRequestBody } from './videoInput.js';

export const MODELS: readonly ModelDefinition[] = [
  klingTextToVideo,
  klingImageToVideo,
  klingStandardTextToVideo,
  klingStandardImageToVideo,
  kling4kTextToVideo,
  kling4kImageToVideo,
];

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

/** The model of a mode in a tier; every mode is sold in every tier. */
export function modelFor(mode: ModelMode, tier: Tier): ModelDefinition {
  const model = MODELS.find((m) => m.mode === mode && m.tier === tier);
  if (!model) throw new Error(`no ${mode} model in the ${tier} tier`);
  return model;
}

/**
 * The model whose fields a command or a form of `mode` lists: the default tier's. The tiers of a
 * mode share their fields but for what a tier lacks (an end frame), which is refused by name.
 */
export function listedModel(mode: ModelMode): ModelDefinition {
  return modelFor(mode, DEFAULT_TIER);
}

/** The tiers whose model of `mode` takes a picture in `role` (an end frame: Pro and 4K). */
export function tiersTaking(mode: ModelMode, role: ImageRole): Tier[] {
  return TIERS.filter((tier) => modelFor(mode, tier).images[role] !== undefined);
}

/** The name the endpoint gives the sound switch (`generate_audio` for image-to-video). */
export function soundFieldOf(model: Pick<ModelDefinition, 'wireNames'>): string {
  return model.wireNames?.sound ?? 'sound';
}

/** Every image field of a mode's tiers, by its command option (the end frame is an option even where a tier lacks it). */
export function imageOptionsOf(mode: ModelMode): Map<string, ImageRole> {
  const options = new Map<string, ImageRole>();
  for (const tier of TIERS) {
    for (const [role, image] of Object.entries(modelFor(mode, tier).images)) options.set(image.option, role as ImageRole);
  }
  return options;
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
