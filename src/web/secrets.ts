/**
 * The gallery's secrets, all derived from one random session id that only the member's cookie
 * holds: the database keeps its hash, the Discord token is sealed with a key derived from it, and
 * the CSRF token is an HMAC of it, so nothing at rest lets anyone act as the member.
 */
import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';

export function newSessionId(): string {
  return randomBytes(32).toString('base64url');
}

/** What the database keys a session by. */
export function hashSessionId(id: string): string {
  return createHash('sha256').update(id).digest('hex');
}

function sealingKey(sessionId: string): Buffer {
  return Buffer.from(hkdfSync('sha256', sessionId, 'kling-gallery', 'discord-token', 32));
}

/** AES-256-GCM under the session's key: `iv.tag.ciphertext`, base64url. */
export function sealToken(sessionId: string, token: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', sealingKey(sessionId), iv);
  const body = Buffer.concat([cipher.update(token, 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), body].map((part) => part.toString('base64url')).join('.');
}

/** The token, or undefined when the seal does not open with this session's key. */
export function openToken(sessionId: string, sealed: string): string | undefined {
  const [iv, tag, body] = sealed.split('.').map((part) => Buffer.from(part, 'base64url'));
  if (!iv || !tag || !body) return undefined;
  try {
    const decipher = createDecipheriv('aes-256-gcm', sealingKey(sessionId), iv);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
  } catch {
    return undefined;
  }
}

/** The CSRF token of a session: forms carry it, a forged request from another site cannot know it. */
export function csrfToken(sessionId: string): string {
  return createHmac('sha256', sessionId).update('csrf').digest('base64url');
}

export function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** PKCE (RFC 7636): a verifier kept by the bot, its S256 challenge sent to Discord. */
export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}
