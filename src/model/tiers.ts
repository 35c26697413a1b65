/**
 * The provider sells each Kling 3.0 mode in three quality tiers, cheapest first: Standard for
 * drafts, Pro, and 4K for finals. A model names its tier; the order is what "render again in a
 * higher tier" climbs.
 */
export const TIERS = ['standard', 'pro', '4k'] as const;
export type Tier = (typeof TIERS)[number];

/** The tier a server uses until a moderator picks another: the one the bot offered alone before tiers. */
export const DEFAULT_TIER: Tier = 'pro';

export function isTier(value: unknown): value is Tier {
  return typeof value === 'string' && (TIERS as readonly string[]).includes(value);
}

/** The next tier up, or undefined at the top. */
export function tierAbove(tier: Tier): Tier | undefined {
  return TIERS[TIERS.indexOf(tier) + 1];
}
