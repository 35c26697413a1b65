/**
 * Kling 3.0 Pro image-to-video: a picture becomes the first frame. The provider documents
 * `start_image_url` and promises an optional end frame without naming its field; `end_image_url`
 * is the name its sibling Kling O1 page uses, and this is the one place that says so. Whether
 * `aspect_ratio` is taken is not documented either, so it is not sent: the picture sets the frame.
 *
 * The provider's catalogue names this endpoint's sound switch `generate_audio` (default on): a
 * `sound` field here would be ignored and the video would get sound the member turned off (and
 * be billed with it). Its duration defaults to 10 s, not 5, so the body always names one (the
 * schema's default fills it).
 */
import { z } from 'zod';
import { defineModel } from '../modelDefinition.js';
import { DEFAULT_PRICES } from '../pricing.js';
import { checkShotDurations, videoInputShape } from '../videoInput.js';

const { aspect_ratio: _followsTheImage, ...shape } = videoInputShape;

export const imageToVideoInputSchema = z.object(shape).superRefine(checkShotDurations);

export const klingImageToVideo = defineModel({
  id: 'kling-3.0-pro-i2v',
  name: 'Kling 3.0 Pro image-to-video',
  path: 'kling/kling-3.0/pro/image-to-video',
  schema: imageToVideoInputSchema,
  omitFromCommand: ['multi_prompt'],
  formOrder: ['prompt', 'multi_prompt', 'duration', 'loop', 'sound', 'negative_prompt', 'cfg_scale'],
  // The provider publishes no price for it yet: the text-to-video one until it does.
  prices: DEFAULT_PRICES,
  priceEnv: { perSecond: 'PRICE_I2V_PER_SECOND_USD', perSecondWithSound: 'PRICE_I2V_PER_SECOND_WITH_SOUND_USD' },
  images: {
    start: {
      field: 'start_image_url',
      option: 'image',
      description: 'The picture that becomes the first frame (JPEG or PNG)',
      required: true,
    },
    end: {
      field: 'end_image_url',
      option: 'end_image',
      description: 'A picture for the last frame (optional; not with shots)',
      required: false,
    },
  },
  wireNames: { sound: 'generate_audio' },
  imageLimits: {
    types: ['image/jpeg', 'image/png'],
    maxBytes: 10 * 1000 * 1000,
    minSide: 300,
    maxRatio: 2.5,
    endFrameWithShots: false,
  },
});
