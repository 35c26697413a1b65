/**
 * Nonces for the messages the bot creates. Sent with `enforce_nonce: true`, Discord returns the
 * message already created by the bot with the same nonce instead of creating another (Discord
 * docs, Create Message), so a request resent after a lost answer, or by another process after a
 * crash, cannot post twice. The nonce therefore derives from the job and the message's purpose
 * only, never from the process or the attempt.
 */
import { createHash } from 'node:crypto';

/** Discord's limit on a nonce's length. */
export const NONCE_MAX_LENGTH = 25;

/** What a message is for; one message of each purpose per job (`takes`: per group of takes, from its id). */
export type NoncePurpose = 'final' | 'status' | 'showcase' | 'dm' | 'gif' | 'takes';

export function messageNonce(purpose: NoncePurpose, jobId: string): string {
  const plain = `${purpose}-${jobId}`;
  if (plain.length <= NONCE_MAX_LENGTH) return plain;
  // Job ids are 10 characters today; a longer one (another release's) is hashed to fit.
  const digest = createHash('sha256').update(jobId).digest('base64url');
  return `${purpose}-${digest.slice(0, NONCE_MAX_LENGTH - purpose.length - 1)}`;
}
