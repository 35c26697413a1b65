/** The guide, with the limits and prices taken from the schema, the model definitions and the configuration. */
import type { Prices } from '../../model/pricing.js';
import type { Tier } from '../../model/tiers.js';
import { DURATION_MAX_SECONDS, DURATION_MIN_SECONDS, PROMPT_MAX_CHARS } from '../../model/videoInput.js';
import type { Copy } from '../copy.js';

type PerSecond = Pick<Prices, 'perSecond' | 'perSecondWithSound'>;

export function helpLines(
  prices: PerSecond,
  copy: Copy,
  animate?: { prices: PerSecond; minSide: number; maxBytes: number },
  tiers?: readonly { tier: Tier; prices: Prices }[],
): string[] {
  const { t, usd, number, tierPrice } = copy;
  const mb = (bytes: number) => `${number(Math.round(bytes / 1000 / 1000))} MB`;
  return [
    t('help.title'),
    t('help.create', { maxChars: PROMPT_MAX_CHARS, min: DURATION_MIN_SECONDS, max: DURATION_MAX_SECONDS }),
    ...(animate ? [t('help.animate', { min: animate.minSide, max: mb(animate.maxBytes) })] : []),
    t('help.multishot'),
    t('help.card'),
    t('help.actions'),
    // With tiers, each allowed tier's own price replaces the one-model lines.
    ...(tiers?.length
      ? [t('help.tiers'), ...tiers.map(({ tier, prices: own }) => t('help.tierLine', { line: tierPrice(tier, own) }))]
      : [
          t('help.cost', { withSound: usd(prices.perSecondWithSound), withoutSound: usd(prices.perSecond) }),
          ...(animate
            ? [t('help.animateCost', { withSound: usd(animate.prices.perSecondWithSound), withoutSound: usd(animate.prices.perSecond) })]
            : []),
        ]),
    t('help.preferences'),
    t('help.rendering'),
  ];
}

export function helpText(
  prices: PerSecond,
  copy: Copy,
  animate?: { prices: PerSecond; minSide: number; maxBytes: number },
  tiers?: readonly { tier: Tier; prices: Prices }[],
): string {
  return helpLines(prices, copy, animate, tiers).join('\n');
}
