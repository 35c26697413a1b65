/**
 * Kling 3.0 4K image-to-video: Pro image-to-video's fields (an end frame included, the
 * `generate_audio` switch, no `aspect_ratio`, 10 s by default so always sent) at 3840×2160 and a
 * flat per-second price (runcomfy-api.md).
 */
import { defineModel } from '../modelDefinition.js';
import { imageToVideoInputSchema } from '../videoInput.js';
import { klingImageToVideo } from './klingImageToVideo.js';

export const kling4kImageToVideo = defineModel({
  id: 'kling-3.0-4k-i2v',
  mode: 'image',
  tier: '4k',
  name: 'Kling 3.0 4K image-to-video',
  path: 'kling/kling-3.0/4k/image-to-video',
  schema: imageToVideoInputSchema,
  omitFromCommand: ['multi_prompt'],
  formOrder: ['prompt', 'multi_prompt', 'duration', 'loop', 'sound', 'negative_prompt', 'cfg_scale'],
  prices: { perSecond: 0.42, perSecondWithSound: 0.42 },
  priceEnv: { perSecond: 'PRICE_4K_I2V_PER_SECOND_USD', perSecondWithSound: 'PRICE_4K_I2V_PER_SECOND_WITH_SOUND_USD' },
  // The same two frames as Pro: the provider documents the end frame for Pro and 4K alike.
  images: klingImageToVideo.images,
  wireNames: { sound: 'generate_audio' },
  imageLimits: klingImageToVideo.imageLimits,
});
