/**
 * Kling 3.0 Pro image-to-video: a picture becomes the first frame, and another may become the
 * last (`end_image_url`, Pro and 4K only). No `aspect_ratio`: the picture sets the frame.
 *
 * The provider's catalogue names this endpoint's sound switch `generate_audio` (default on): a
 * `sound` field here would be ignored and the video would get sound the member turned off (and
 * be billed with it). Its duration defaults to 10 s, not 5, so the body always names one (the
 * schema's default fills it).
 */
import { defineModel } from '../modelDefinition.js';
import { DEFAULT_PRICES } from '../pricing.js';
import { imageToVideoInputSchema } from '../videoInput.js';

export { imageToVideoInputSchema } from '../videoInput.js';

/** Upstream Kling's picture rules (runcomfy-api.md: not confirmed at this provider), shared by the three tiers. */
export const KLING_IMAGE_LIMITS = {
  types: ['image/jpeg', 'image/png'],
  maxBytes: 10 * 1000 * 1000,
  minSide: 300,
  maxRatio: 2.5,
  endFrameWithShots: false,
} as const;

/** The first frame, which every image-to-video tier takes. */
export const START_IMAGE = {
  field: 'start_image_url',
  option: 'image',
  description: 'The picture that becomes the first frame (JPEG or PNG)',
  required: true,
} as const;

export const klingImageToVideo = defineModel({
  id: 'kling-3.0-pro-i2v',
  mode: 'image',
  tier: 'pro',
  name: 'Kling 3.0 Pro image-to-video',
  path: 'kling/kling-3.0/pro/image-to-video',
  schema: imageToVideoInputSchema,
  omitFromCommand: ['multi_prompt'],
  formOrder: ['prompt', 'multi_prompt', 'duration', 'loop', 'sound', 'negative_prompt', 'cfg_scale'],
  // runcomfy-api.md: the same per-second price as Pro text-to-video.
  prices: DEFAULT_PRICES,
  priceEnv: { perSecond: 'PRICE_I2V_PER_SECOND_USD', perSecondWithSound: 'PRICE_I2V_PER_SECOND_WITH_SOUND_USD' },
  images: {
    start: START_IMAGE,
    end: {
      field: 'end_image_url',
      option: 'end_image',
      description: 'A picture for the last frame (optional; not with shots)',
      required: false,
    },
  },
  wireNames: { sound: 'generate_audio' },
  imageLimits: KLING_IMAGE_LIMITS,
});
