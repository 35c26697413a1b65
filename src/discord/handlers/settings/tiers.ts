/**
 * `/video-settings tiers [standard:<bool>] [pro:<bool>] [4k:<bool>] [default:<tier>]`: the quality
 * tiers members may use and the one a video takes when its member names none. A tier left out
 * keeps its state; the default must stay among the allowed ones, or every video naming no tier
 * would be refused.
 */
import type { GuildSettings } from '../../../community/guildSettings.js';
import { isTier, TIERS, type Tier } from '../../../model/tiers.js';
import type { Handler } from '../../handler.js';
import { applySettings, type SettingsInput } from './applySettings.js';

export interface TiersOptions {
  /** Each tier's switch as given; null leaves it as it is. */
  allow: Readonly<Record<Tier, boolean | null>>;
  /** Discord offers only the three choices; anything else is a forged payload and is ignored. */
  defaultTier: string | null;
}

export const settingsTiers: Handler<SettingsInput<TiersOptions>> = {
  name: 'settings.tiers',
  run: (input, deps) =>
    applySettings(input, deps, (o, current, copy) => {
      const allowedTiers = TIERS.filter((tier) => o.allow[tier] ?? current.allowedTiers.includes(tier));
      const defaultTier = isTier(o.defaultTier) ? o.defaultTier : current.defaultTier;
      if (allowedTiers.length === 0) return { problem: copy.t('settings.tiersNone') };
      if (!allowedTiers.includes(defaultTier))
        return {
          problem: copy.t('settings.tierDefaultNotAllowed', { tier: copy.tierName(defaultTier), allowed: copy.tierList(allowedTiers) }),
        };
      const patch: Partial<GuildSettings> = {};
      if (TIERS.some((tier) => o.allow[tier] !== null)) patch.allowedTiers = allowedTiers;
      if (isTier(o.defaultTier)) patch.defaultTier = defaultTier;
      return patch;
    }),
};
