/** `/video help`: the guide, with the configured prices. */
import { type Handler, message } from '../handler.js';
import { helpText } from '../views/help.js';

export const videoHelp: Handler<Record<string, never>> = {
  name: 'video.help',
  async run(_input, deps) {
    return message(helpText(deps.service.prices));
  },
};
