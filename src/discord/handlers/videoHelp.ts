/** `/video help`: the guide, with the configured prices of each model. */
import { klingImageToVideo } from '../../model/models/klingImageToVideo.js';
import { copyForLocale } from '../copy.js';
import { type Handler, message } from '../handler.js';
import { helpText } from '../views/help.js';

export const videoHelp: Handler<{ locale?: string }> = {
  name: 'video.help',
  async run({ locale }, deps) {
    const { minSide, maxBytes } = klingImageToVideo.imageLimits;
    const animate = { prices: deps.service.pricesOf(klingImageToVideo.id), minSide, maxBytes };
    return message(helpText(deps.service.prices, copyForLocale(locale), animate));
  },
};
