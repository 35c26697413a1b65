import type { VideoInput } from './videoInput.js';

/** USD per second of video; the provider bills by length, more with sound. */
export interface Prices {
  /** @defaultValue 0.112 */
  perSecond: number;
  /** @defaultValue 0.168 */
  perSecondWithSound: number;
}

export const DEFAULT_PRICES: Prices = { perSecond: 0.112, perSecondWithSound: 0.168 };

export function estimateCostUsd(input: Pick<VideoInput, 'duration' | 'sound'>, prices: Prices): number {
  const rate = input.sound ? prices.perSecondWithSound : prices.perSecond;
  // Rounded to a tenth of a cent so sums of estimates do not drift.
  return Math.round(input.duration * rate * 1000) / 1000;
}

/** Cents, unless a sub-dollar amount needs the tenth of a cent to be exact (a 1 s clip). */
export function formatUsd(amount: number): string {
  const cents = amount * 100;
  const exactInCents = Math.abs(cents - Math.round(cents)) < 1e-6;
  return `$${amount.toFixed(amount < 1 && !exactInCents ? 3 : 2)}`;
}
