/** The guide, with the limits and prices taken from the schema, the model definitions and the configuration. */
import type { Prices } from '../../model/pricing.js';
import type { Tier } from '../../model/tiers.js';
import type { Copy } from '../copy.js';

export function helpText(
  prices: Pick<Prices, 'perSecond' | 'perSecondWithSound'>,
  copy: Copy,
  animate?: { prices: Prices; minSide: number; maxBytes: number },
  tiers?: readonly { tier: Tier; prices: Prices }[],
): string {
  return copy.helpLines(prices, animate, tiers).join('\n');
}
