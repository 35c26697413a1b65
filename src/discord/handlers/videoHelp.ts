/** `/video help`: the guide, with the tiers this server allows and their prices, and a button that opens the upload form. */
import { ButtonStyle, ComponentType } from 'discord.js';
import { allowedTiersOf } from '../../community/tierChoice.js';
import { listedModel, modelFor } from '../../model/models.js';
import { copyForLocale } from '../copy.js';
import { openButtonId } from '../customIds.js';
import type { Handler, MemberInput, MessageView } from '../handler.js';
import { helpText } from '../views/help.js';

export const videoHelp: Handler<{ member: Partial<Pick<MemberInput, 'locale' | 'guildId'>> }> = {
  name: 'video.help',
  async run({ member: { locale, guildId } }, deps): Promise<MessageView> {
    const animateModel = listedModel('image');
    const textModel = listedModel('text');
    const { minSide, maxBytes } = animateModel.imageLimits ?? { minSide: 0, maxBytes: 0 };
    const animate = { prices: deps.service.pricesOf(animateModel.id), minSide, maxBytes };
    // The prices in force (configured, or the provider's), of the tiers members here may use.
    const tiers = guildId
      ? allowedTiersOf(await deps.settings.get(guildId)).map((tier) => ({ tier, prices: deps.service.pricesOf(modelFor('text', tier).id) }))
      : undefined;
    const copy = copyForLocale(locale);
    return {
      type: 'message',
      content: helpText(deps.service.pricesOf(textModel.id), copy, animate, tiers),
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
