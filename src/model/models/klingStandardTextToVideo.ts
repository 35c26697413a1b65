/**
 * Kling 3.0 Standard text-to-video: the draft tier (720p upstream; the provider's pages say "up
 * to 1080p", unconfirmed). Its one difference in fields: `shot_type` may be `intelligent`, the
 * model choosing the shots itself, and that is its default (runcomfy-api.md).
 */
import { defineModel } from '../modelDefinition.js';
import { standardVideoInputSchema } from '../videoInput.js';

export const klingStandardTextToVideo = defineModel({
  id: 'kling-3.0-standard-t2v',
  mode: 'text',
  tier: 'standard',
  name: 'Kling 3.0 Standard text-to-video',
  path: 'kling/kling-3.0/standard/text-to-video',
  schema: standardVideoInputSchema,
  omitFromCommand: ['multi_prompt'],
  formOrder: ['prompt', 'multi_prompt', 'duration', 'aspect_ratio', 'sound', 'negative_prompt', 'shot_type', 'cfg_scale'],
  // runcomfy-api.md: the provider's page.
  prices: { perSecond: 0.084, perSecondWithSound: 0.126 },
  priceEnv: { perSecond: 'PRICE_STANDARD_PER_SECOND_USD', perSecondWithSound: 'PRICE_STANDARD_PER_SECOND_WITH_SOUND_USD' },
  images: {},
});
