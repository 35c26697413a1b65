/** Reading what members see in the loopback Discord, shared by the end-to-end tests. */
import type { InteractionHandle, StoredMessage } from '../../testkit/discord/index.js';
import type { World } from '../../testkit/world/botWorld.js';

export interface Embed {
  title?: string;
  description?: string;
  fields?: { name: string; value: string }[];
  footer?: { text: string };
  thumbnail?: { url: string };
}

export interface Button {
  custom_id?: string;
  label?: string;
  disabled?: boolean;
}

export const embedOf = (message: StoredMessage | undefined): Embed | undefined => message?.embeds[0] as Embed | undefined;

export const buttonsOf = (message: StoredMessage | undefined): Button[] =>
  ((message?.components ?? []) as { components: Button[] }[]).flatMap((row) => row.components);

/** Submit requests the provider received. */
export const submitsTo = (world: World) => world.runcomfy.requests.filter((r) => r.method === 'POST' && r.path.startsWith('/v1/models/'));

/**
 * Successful POSTs of a job's final message. The fake, like Discord, folds a repeated nonce into
 * the first message, so counting stored messages alone would hide a second delivery.
 */
export const finalPostsOf = (world: World, jobId: string) =>
  world.discord.requests.filter(
    (r) =>
      r.method === 'POST' &&
      /^\/channels\/\d+\/messages$/.test(r.path) &&
      r.status < 300 &&
      (r.json as { nonce?: unknown } | undefined)?.nonce === `final-${jobId}`,
  );

/** The text a member reads in answer to an interaction: a direct reply, or the edit after a defer. */
export async function answerText(handle: InteractionHandle): Promise<string> {
  const first = await handle.response();
  if (first.type === 4) return String(first.data?.content);
  const all = await handle.waitForResponses(2);
  return String(all[1]?.data?.content);
}
