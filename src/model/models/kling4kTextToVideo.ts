/**
 * Kling 3.0 4K text-to-video: the finals tier, 3840×2160, with Pro's fields exactly. The provider
 * bills it at one flat rate per second, sound or not (runcomfy-api.md); its files are large, so
 * delivery fits or links them like any other.
 */
import { defineModel } from '../modelDefinition.js';
import { videoInputSchema } from '../videoInput.js';

export const kling4kTextToVideo = defineModel({
  id: 'kling-3.0-4k-t2v',
  mode: 'text',
  tier: '4k',
  name: 'Kling 3.0 4K text-to-video',
  path: 'kling/kling-3.0/4k/text-to-video',
  schema: videoInputSchema,
  omitFromCommand: ['multi_prompt'],
  formOrder: ['prompt', 'multi_prompt', 'duration', 'aspect_ratio', 'sound', 'negative_prompt', 'cfg_scale'],
  prices: { perSecond: 0.42, perSecondWithSound: 0.42 },
  priceEnv: { perSecond: 'PRICE_4K_PER_SECOND_USD', perSecondWithSound: 'PRICE_4K_PER_SECOND_WITH_SOUND_USD' },
  images: {},
});
