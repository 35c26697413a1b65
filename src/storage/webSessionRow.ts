/** A web session as both databases store it, and its one mapping to the port's `WebSession`. */
import type { WebSession } from '../community/webSessions.js';

export interface WebSessionRow {
  id_hash: string;
  user_id: string;
  user_name: string;
  locale: string;
  sealed_token: string;
  created_at: number;
  expires_at: number;
}

export function toSession(row: WebSessionRow): WebSession {
  return {
    idHash: row.id_hash,
    userId: row.user_id,
    userName: row.user_name,
    locale: row.locale,
    sealedToken: row.sealed_token,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
  };
}
