/** `/video help`: the guide, with the configured prices of each model, and a button that opens the upload form. */
import { ButtonStyle, ComponentType } from 'discord.js';
import { klingImageToVideo } from '../../model/models/klingImageToVideo.js';
import { copyForLocale } from '../copy.js';
import { openButtonId } from '../customIds.js';
import type { Handler, MessageView } from '../handler.js';
import { helpText } from '../views/help.js';

export const videoHelp: Handler<{ locale?: string }> = {
  name: 'video.help',
  async run({ locale }, deps): Promise<MessageView> {
    const { minSide, maxBytes } = klingImageToVideo.imageLimits;
    const animate = { prices: deps.service.pricesOf(klingImageToVideo.id), minSide, maxBytes };
    const copy = copyForLocale(locale);
    return {
      type: 'message',
      content: helpText(deps.service.prices, copy, animate),
      components: [
        {
          type: ComponentType.ActionRow,
          components: [
            {
              type: ComponentType.Button,
              style: ButtonStyle.Primary,
              custom_id: openButtonId('animate'),
              label: copy.t('help.animateButton'),
            },
          ],
        },
      ],
    };
  },
};
