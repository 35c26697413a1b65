/** The guide, with the limits and prices taken from the schema and the configuration. */
import type { Prices } from '../../model/pricing.js';
import { helpLines } from '../copy.js';

export function helpText(prices: Pick<Prices, 'perSecond' | 'perSecondWithSound'>): string {
  return helpLines(prices).join('\n');
}
