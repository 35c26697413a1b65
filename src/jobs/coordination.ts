/**
 * What several bot processes on one database decide together, as a port: who handles an
 * interaction that reached more than one of them, and when the next provider request may go so
 * that all of them together stay within one rate.
 */

/** How long an interaction's claim is kept: far past the 15 minutes its token lives. */
export const INTERACTION_CLAIM_TTL_MS = 60 * 60 * 1000;

export interface CoordinationStore {
  /**
   * Claims the interaction for `owner`: true only for the first caller (from any process), who
   * then handles it; false for every later one, the same owner included. Claims older than
   * {@link INTERACTION_CLAIM_TTL_MS} before `now` are pruned on the way.
   */
  claimInteraction(interactionId: string, owner: string, now: number): Promise<boolean>;
  /**
   * Reserves the next slot for one provider request under a deployment-wide limit of
   * `perSecond` requests a second with bursts of up to `burst`, and returns how many
   * milliseconds to wait before sending it (0: now). Every call reserves a slot, so callers wait
   * and send without asking again; slots are handed out in the order the calls reach the database.
   * @param burst @defaultValue max(1, ceil(perSecond)), as the in-process `RateLimiter`
   */
  takeProviderTokens(now: number, perSecond: number, burst?: number): Promise<number>;
}

/** The generic cell rate algorithm's figures for a limit: spacing of slots and how far back a burst may reach. */
export function rateFigures(perSecond: number, burst = Math.max(1, Math.ceil(perSecond))): { intervalMs: number; toleranceMs: number } {
  if (!(perSecond > 0)) throw new Error('perSecond must be above 0');
  const intervalMs = 1000 / perSecond;
  return { intervalMs, toleranceMs: Math.max(0, Math.floor(burst) - 1) * intervalMs };
}

/** Milliseconds from `now` to the slot that ends at the stored arrival time `tat`. */
export function waitForSlot(tat: number, intervalMs: number, now: number): number {
  return Math.max(0, Math.ceil(tat - intervalMs - now));
}
