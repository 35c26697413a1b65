import type pg from 'pg';
import type { NewWebSession, WebSession, WebSessionStore } from '../../community/webSessions.js';
import { toSession, type WebSessionRow } from '../webSessionRow.js';

/** Web sessions in `web_sessions`, keyed by the hash of their id. */
export class PostgresWebSessionStore implements WebSessionStore {
  constructor(
    private readonly pool: pg.Pool,
    private readonly now: () => number = Date.now,
  ) {}

  async create(session: NewWebSession): Promise<void> {
    await this.pool.query(
      `INSERT INTO web_sessions (id_hash, user_id, user_name, locale, sealed_token, created_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [session.idHash, session.userId, session.userName, session.locale, session.sealedToken, this.now(), session.expiresAt],
    );
  }

  async get(idHash: string): Promise<WebSession | undefined> {
    const { rows } = await this.pool.query<WebSessionRow>(
      'SELECT * FROM web_sessions WHERE id_hash = $1 AND revoked_at IS NULL AND expires_at > $2',
      [idHash, this.now()],
    );
    return rows[0] ? toSession(rows[0]) : undefined;
  }

  async revoke(idHash: string): Promise<boolean> {
    const result = await this.pool.query(
      'UPDATE web_sessions SET revoked_at = $2 WHERE id_hash = $1 AND revoked_at IS NULL AND expires_at > $2',
      [idHash, this.now()],
    );
    return result.rowCount === 1;
  }

  async revokeUser(userId: string): Promise<number> {
    const result = await this.pool.query(
      'UPDATE web_sessions SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL AND expires_at > $2',
      [userId, this.now()],
    );
    return result.rowCount ?? 0;
  }

  async purge(): Promise<number> {
    const result = await this.pool.query('DELETE FROM web_sessions WHERE revoked_at IS NOT NULL OR expires_at <= $1', [this.now()]);
    return result.rowCount ?? 0;
  }
}
