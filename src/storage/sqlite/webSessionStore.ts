import type { NewWebSession, WebSession, WebSessionStore } from '../../community/webSessions.js';
import { type WebSessionRow as SessionRow, toSession } from '../webSessionRow.js';
import type { Db } from './database.js';

/** Web sessions in `web_sessions`, keyed by the hash of their id. */
export class SqliteWebSessionStore implements WebSessionStore {
  private readonly statements;

  constructor(
    db: Db,
    private readonly now: () => number = Date.now,
  ) {
    this.statements = {
      insert: db.prepare<NewWebSession & { now: number }>(`
        INSERT INTO web_sessions (id_hash, user_id, user_name, locale, sealed_token, created_at, expires_at)
        VALUES (@idHash, @userId, @userName, @locale, @sealedToken, @now, @expiresAt)`),
      get: db.prepare<{ id: string; now: number }, SessionRow>(
        'SELECT * FROM web_sessions WHERE id_hash = @id AND revoked_at IS NULL AND expires_at > @now',
      ),
      revoke: db.prepare<{ id: string; now: number }>(
        'UPDATE web_sessions SET revoked_at = @now WHERE id_hash = @id AND revoked_at IS NULL AND expires_at > @now',
      ),
      revokeUser: db.prepare<{ user: string; now: number }>(
        'UPDATE web_sessions SET revoked_at = @now WHERE user_id = @user AND revoked_at IS NULL AND expires_at > @now',
      ),
      purge: db.prepare<{ now: number }>('DELETE FROM web_sessions WHERE revoked_at IS NOT NULL OR expires_at <= @now'),
    };
  }

  async create(session: NewWebSession): Promise<void> {
    this.statements.insert.run({ ...session, now: this.now() });
  }

  async get(idHash: string): Promise<WebSession | undefined> {
    const row = this.statements.get.get({ id: idHash, now: this.now() });
    return row ? toSession(row) : undefined;
  }

  async revoke(idHash: string): Promise<boolean> {
    return this.statements.revoke.run({ id: idHash, now: this.now() }).changes === 1;
  }

  async revokeUser(userId: string): Promise<number> {
    return this.statements.revokeUser.run({ user: userId, now: this.now() }).changes;
  }

  async purge(): Promise<number> {
    return this.statements.purge.run({ now: this.now() }).changes;
  }
}
