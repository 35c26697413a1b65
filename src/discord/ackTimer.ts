import type { Interaction } from 'discord.js';

/** The calls that acknowledge an interaction: Discord's 3-second deadline is met by the first. */
const FIRST_RESPONSES = ['deferReply', 'reply', 'showModal', 'deferUpdate', 'update'] as const;

/**
 * Calls `onAck` with the time from `receivedAt` to the first acknowledgement's completion. It
 * wraps the interaction's own methods rather than listening to every REST response, which would
 * make discord.js clone each response body.
 */
export function timeFirstResponse(interaction: Interaction, receivedAt: number, onAck: (ms: number) => void): void {
  let done = false;
  const target = interaction as unknown as Record<string, unknown>;
  for (const name of FIRST_RESPONSES) {
    const original = target[name];
    if (typeof original !== 'function') continue;
    target[name] = async (...args: unknown[]) => {
      const result: unknown = await (original as (...a: unknown[]) => Promise<unknown>).apply(interaction, args);
      if (!done) {
        done = true;
        onAck(performance.now() - receivedAt);
      }
      return result;
    };
  }
}
