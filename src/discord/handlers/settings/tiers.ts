/**
 * `/video-settings tiers [standard:<bool>] [pro:<bool>] [4k:<bool>] [default:<tier>]`: the quality
 * tiers members may use and the one a video takes when its member names none. A tier left out
 * keeps its state; the default must stay among the allowed ones, or every video naming no tier
 * would be refused.
 */
import type { GuildSettings } from '../../../community/guildSettings.js';
import { isTier, TIERS } from '../../../model/tiers.js';
import type { Handler } from '../../handler.js';
import { applySettings, type SettingsArgs, type SettingsInput } from './applySettings.js';

export const settingsTiers: Handler<SettingsInput<SettingsArgs<'tiers'>>> = {
  name: 'settings.tiers',
  run: (input, deps) =>
    applySettings(input, deps, (o, current, copy) => {
      const allowedTiers = TIERS.filter((tier) => o[tier] ?? current.allowedTiers.includes(tier));
      // Discord offers only the three choices; anything else is a forged payload and is ignored.
      const defaultTier = isTier(o.default) ? o.default : current.defaultTier;
      if (allowedTiers.length === 0) return { problem: copy.t('settings.tiersNone') };
      if (!allowedTiers.includes(defaultTier))
        return {
          problem: copy.t('settings.tierDefaultNotAllowed', { tier: copy.tierName(defaultTier), allowed: copy.tierList(allowedTiers) }),
        };
      const patch: Partial<GuildSettings> = {};
      if (TIERS.some((tier) => o[tier] !== undefined)) patch.allowedTiers = allowedTiers;
      if (isTier(o.default)) patch.defaultTier = defaultTier;
      return patch;
    }),
};
