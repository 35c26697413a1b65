/** `/video help`: the guide, with the configured prices. */
import { copyForLocale } from '../copy.js';
import { type Handler, message } from '../handler.js';
import { helpText } from '../views/help.js';

export const videoHelp: Handler<{ locale?: string }> = {
  name: 'video.help',
  async run({ locale }, deps) {
    return message(helpText(deps.service.prices, copyForLocale(locale)));
  },
};
