/**
 * Which quality tier a video is made in: the one the member names, else their own default when
 * the server still allows it, else the server's. A named tier the server does not allow (or no
 * tier at all: option values arrive as strings anyone could forge) is refused, never replaced,
 * so a member is not billed for a tier they did not ask for.
 */
import { isTier, TIERS, type Tier } from '../model/tiers.js';
import type { GuildSettings } from './guildSettings.js';

/** Why a tier was refused; `tier` is null for a value that names no tier at all. */
export interface TierRefusal {
  kind: 'tier';
  tier: Tier | null;
  allowedTiers: readonly Tier[];
}

/** The server's default, or its first allowed tier when a stored default fell out of the list. */
export function serverDefaultTier(settings: Pick<GuildSettings, 'allowedTiers' | 'defaultTier'>): Tier {
  if (settings.allowedTiers.includes(settings.defaultTier)) return settings.defaultTier;
  return settings.allowedTiers[0] ?? settings.defaultTier;
}

/** Whether the server lets members use `tier`. */
export function tierAllowed(settings: Pick<GuildSettings, 'allowedTiers'>, tier: Tier): boolean {
  return settings.allowedTiers.includes(tier);
}

/** The allowed tiers in the order they are sold (cheapest first). */
export function allowedTiersOf(settings: Pick<GuildSettings, 'allowedTiers'>): Tier[] {
  return TIERS.filter((tier) => settings.allowedTiers.includes(tier));
}

export function chooseTier(
  requested: unknown,
  settings: Pick<GuildSettings, 'allowedTiers' | 'defaultTier'>,
  preferred: Tier | null,
): { ok: true; tier: Tier } | { ok: false; refusal: TierRefusal } {
  if (requested !== undefined && requested !== null) {
    if (isTier(requested) && tierAllowed(settings, requested)) return { ok: true, tier: requested };
    return { ok: false, refusal: { kind: 'tier', tier: isTier(requested) ? requested : null, allowedTiers: allowedTiersOf(settings) } };
  }
  if (preferred !== null && tierAllowed(settings, preferred)) return { ok: true, tier: preferred };
  return { ok: true, tier: serverDefaultTier(settings) };
}
