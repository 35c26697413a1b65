/** Kling 3.0 Pro text-to-video: the prompt alone makes the video, in 1080p. */
import { defineModel } from '../modelDefinition.js';
import { DEFAULT_PRICES } from '../pricing.js';
import { videoInputSchema } from '../videoInput.js';

export const klingTextToVideo = defineModel({
  id: 'kling-3.0-pro-t2v',
  mode: 'text',
  tier: 'pro',
  name: 'Kling 3.0 Pro text-to-video',
  path: 'kling/kling-3.0/pro/text-to-video',
  schema: videoInputSchema,
  omitFromCommand: ['multi_prompt'],
  formOrder: ['prompt', 'multi_prompt', 'duration', 'aspect_ratio', 'sound', 'negative_prompt', 'cfg_scale'],
  prices: DEFAULT_PRICES,
  priceEnv: { perSecond: 'PRICE_PER_SECOND_USD', perSecondWithSound: 'PRICE_PER_SECOND_WITH_SOUND_USD' },
  images: {},
});
