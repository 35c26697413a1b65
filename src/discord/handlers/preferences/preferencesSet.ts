/**
 * `/video preferences set`: saves the member's defaults on this server. Saving also records the
 * member's language, for the direct messages sent later without an interaction.
 */

import type { videoCommand } from '../../../../commands/video.js';
import type { Delivery, MemberPreferences } from '../../../community/memberPreferences.js';
import { DELIVERIES } from '../../../community/memberPreferences.js';
import { serverDefaultTier } from '../../../community/tierChoice.js';
import { TIERS } from '../../../model/tiers.js';
import { ASPECT_RATIOS } from '../../../model/videoInput.js';
import type { CommandArgs } from '../../commandArgs.js';
import { copyForLocale, languageOf } from '../../copy.js';
import { type Handler, message, type SlashInput } from '../../handler.js';
import { preferencesText } from '../../views/preferencesText.js';

export const preferencesSet: Handler<SlashInput<CommandArgs<typeof videoCommand, 'preferences/set'>>> = {
  name: 'preferences.set',
  async run({ member, options }, deps) {
    const copy = copyForLocale(member.locale);
    const patch: Partial<MemberPreferences> = { language: languageOf(member.locale) };
    if (options.duration !== undefined) patch.duration = options.duration;
    // Discord offers only the listed choices; anything else is a forged payload and is ignored.
    const ratio = ASPECT_RATIOS.find((r) => r === options.aspect_ratio);
    if (ratio) patch.aspectRatio = ratio;
    if (options.sound !== undefined) patch.sound = options.sound;
    // The member's default tier; the server's allowed tiers are checked when a video is made.
    const tier = TIERS.find((known) => known === options.tier);
    if (tier) patch.tier = tier;
    const delivery = DELIVERIES.find((d): d is Delivery => d === options.delivery);
    if (delivery) patch.delivery = delivery;
    const saved = await deps.preferences.update(member.guildId, member.userId, patch);
    return message(preferencesText(saved, copy, copy.t('preferences.saved'), serverDefaultTier(await deps.settings.get(member.guildId))));
  },
};
