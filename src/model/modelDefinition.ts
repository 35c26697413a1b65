/**
 * What a model is, as data: where the provider serves it, the zod schema of its input, what it
 * costs, and which of its fields are images. The command options, the forms, the validation
 * messages, the request body and the estimate are derived from a definition; adding a model is a
 * file under `models/` and a line in `models.ts`.
 */
import type { z } from 'zod';
import type { Prices } from './pricing.js';
import type { Tier } from './tiers.js';

/** The images a model can start from: the first frame and, where the model takes it, the last. */
export type ImageRole = 'start' | 'end';
export const IMAGE_ROLES: readonly ImageRole[] = ['start', 'end'];

export interface ImageField {
  /** The field of the provider's input that holds the image's public link. */
  field: string;
  /** The name of the slash command's attachment option. */
  option: string;
  /** The option's description (Discord: at most 100 characters). */
  description: string;
  required: boolean;
}

/** What the provider takes as an image (limits from the model's upstream documentation). */
export interface ImageLimits {
  /** MIME types, e.g. `image/png`. */
  types: readonly string[];
  maxBytes: number;
  /** Both sides at least this many pixels. */
  minSide: number;
  /** Width over height at most this, and height over width too (2.5 means 1:2.5 to 2.5:1). */
  maxRatio: number;
  /** The end frame cannot go with shots. */
  endFrameWithShots: boolean;
}

/** What a model starts from: a prompt alone, or a picture as its first frame. */
export type ModelMode = 'text' | 'image';

export interface ModelDefinition {
  /** Recorded on each job; never change an id once jobs carry it. */
  id: string;
  /** What it starts from; with `tier`, how commands and forms find it. */
  mode: ModelMode;
  /** Its quality tier at the provider (one model per mode and tier). */
  tier: Tier;
  /** How members see it (listings, status). */
  name: string;
  /** The provider's model path, after `/v1/models/`. */
  path: string;
  /** The input without the image fields (those are filled from the bot's own copies at submit). */
  schema: z.ZodType;
  /** Fields the slash command leaves out (shots go through a form). */
  omitFromCommand: readonly string[];
  /**
   * The schema's fields by importance in a form, most important first: a form has few slots, and
   * those that do not fit are named beside it with the value they will take. Fields not listed
   * come last, in the schema's order.
   */
  formOrder: readonly string[];
  /** The default price; operators override it through `priceEnv`. */
  prices: Prices;
  /** The environment variables that set this model's price. */
  priceEnv: { perSecond: string; perSecondWithSound: string };
  images: Partial<Record<ImageRole, ImageField>>;
  imageLimits?: ImageLimits;
  /**
   * The provider's name for a field where this endpoint's differs from the schema's key, which is
   * what members, the job's stored input and the estimate use. Only the request body carries the
   * endpoint's name, so a job stored before a rename still sends the field its endpoint reads.
   * @defaultValue every field under the schema's key
   */
  wireNames?: Readonly<Record<string, string>>;
}

export function defineModel<const M extends ModelDefinition>(model: M): M {
  return model;
}
