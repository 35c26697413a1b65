/**
 * Sessions of the web gallery, kept in the database so that any bot process can serve a member
 * and a sign-out (or a revocation) counts everywhere at once. The store never sees a session's
 * id: only its hash, so a copy of the database cannot be used to sign in.
 */

export interface NewWebSession {
  /** SHA-256 of the session id, hex. */
  idHash: string;
  userId: string;
  /** The member's Discord name when they signed in, for the page header. */
  userName: string;
  /** Their Discord `locale`, for the gallery's language. */
  locale: string;
  /**
   * The member's Discord access token, sealed with a key derived from the session id (which only
   * the member's cookie holds), so it is unreadable at rest.
   */
  sealedToken: string;
  expiresAt: number;
}

export interface WebSession extends NewWebSession {
  createdAt: number;
}

export interface WebSessionStore {
  create(session: NewWebSession): Promise<void>;
  /** The session, while it is neither expired nor revoked (by the store's clock). */
  get(idHash: string): Promise<WebSession | undefined>;
  /** Ends one session (sign-out); false when there was no live one. */
  revoke(idHash: string): Promise<boolean>;
  /** Ends every session of a member (an operator's revocation); returns how many. */
  revokeUser(userId: string): Promise<number>;
  /** Deletes expired and revoked sessions; returns how many. */
  purge(): Promise<number>;
}
