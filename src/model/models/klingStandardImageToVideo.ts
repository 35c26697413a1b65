/**
 * Kling 3.0 Standard image-to-video: the draft tier from a picture. It takes no end frame (only
 * Pro and 4K do), so it has no `end` image; its sound switch is `generate_audio` and its own
 * default duration is 10 s, so the schema's is always sent (runcomfy-api.md, "Image-to-video fields").
 */
import { defineModel } from '../modelDefinition.js';
import { imageToVideoInputSchema } from '../videoInput.js';
import { KLING_IMAGE_LIMITS, START_IMAGE } from './klingImageToVideo.js';

export const klingStandardImageToVideo = defineModel({
  id: 'kling-3.0-standard-i2v',
  mode: 'image',
  tier: 'standard',
  name: 'Kling 3.0 Standard image-to-video',
  path: 'kling/kling-3.0/standard/image-to-video',
  schema: imageToVideoInputSchema,
  omitFromCommand: ['multi_prompt'],
  formOrder: ['prompt', 'multi_prompt', 'duration', 'sound', 'negative_prompt', 'cfg_scale'],
  prices: { perSecond: 0.084, perSecondWithSound: 0.126 },
  priceEnv: { perSecond: 'PRICE_STANDARD_I2V_PER_SECOND_USD', perSecondWithSound: 'PRICE_STANDARD_I2V_PER_SECOND_WITH_SOUND_USD' },
  images: { start: START_IMAGE },
  wireNames: { sound: 'generate_audio' },
  imageLimits: KLING_IMAGE_LIMITS,
});
