/**
 * The embedded storage: one SQLite file (better-sqlite3) in WAL mode, migrated on open, with
 * its checkpoints on a worker thread. Everything else in the bot sees only the `Storage` ports.
 */
import type { Logger } from 'pino';
import type { Storage } from '../storage.js';
import { SqliteCoordinationStore } from './coordination.js';
import { type Db, openDatabase } from './database.js';
import { SqliteGalleryStore } from './galleryStore.js';
import { SqliteGuildFactsStore } from './guildFactsStore.js';
import { SqliteGuildSettingsStore } from './guildSettingsStore.js';
import { SqliteJobStore } from './jobStore.js';
import { SqliteMemberPreferencesStore } from './memberPreferencesStore.js';
import { SqlitePictureFormStore } from './pictureFormStore.js';
import { SqliteShowcaseStore } from './showcaseStore.js';
import { SqliteSpendLedger } from './spendLedger.js';
import { startWalCheckpointer, type WalCheckpointer } from './walCheckpointer.js';
import { SqliteWebSessionStore } from './webSessionStore.js';

export interface SqliteStorageOptions {
  /** The database file; its folder is made if missing. `:memory:` for a throwaway database. */
  path: string;
  logger: Logger;
  /** The clock for timestamps and "today". @defaultValue Date.now */
  now?: () => number;
  /** How long a submit is held before a restart may call it stranded. @defaultValue 30000 */
  leaseMs?: number;
  /** How long a writer waits for another connection's lock before failing. @defaultValue 5000 */
  busyTimeoutMs?: number;
  /** Checkpoint the WAL on a worker thread rather than inside commits. @defaultValue true (false for `:memory:`) */
  backgroundCheckpoints?: boolean;
}

/** `Storage` over SQLite, with the connection for the SQLite-only tests and tools. */
export interface SqliteStorage extends Storage {
  readonly db: Db;
}

export function openSqliteStorage(options: SqliteStorageOptions): Promise<SqliteStorage> {
  // Synchronous underneath; a promise all the same, like any other implementation's open.
  return Promise.resolve().then(() => open(options));
}

function open(options: SqliteStorageOptions): SqliteStorage {
  const now = options.now ?? Date.now;
  const db = openDatabase(options.path, options.busyTimeoutMs === undefined ? {} : { busyTimeoutMs: options.busyTimeoutMs });
  let checkpointer: WalCheckpointer | undefined;
  try {
    const ledger = new SqliteSpendLedger(db, now);
    const storage: SqliteStorage = {
      db,
      jobs: new SqliteJobStore(db, ledger, now, options.leaseMs),
      settings: new SqliteGuildSettingsStore(db, now),
      ledger,
      showcases: new SqliteShowcaseStore(db, now),
      preferences: new SqliteMemberPreferencesStore(db, now),
      pictureForms: new SqlitePictureFormStore(db, now),
      gallery: new SqliteGalleryStore(db),
      webSessions: new SqliteWebSessionStore(db, now),
      guildFacts: new SqliteGuildFactsStore(db, now),
      coordination: new SqliteCoordinationStore(db),
      ping: async () => ping(db),
      close: async () => {
        await checkpointer?.stop();
        if (db.open) db.close();
      },
    };
    if ((options.backgroundCheckpoints ?? true) && options.path !== ':memory:') {
      checkpointer = startWalCheckpointer(db, options.path, options.logger.child({ part: 'sqlite' }));
    }
    return storage;
  } catch (error) {
    db.close();
    throw error;
  }
}

function ping(db: Db): void {
  if (!db.open) throw new Error('the database is closed');
  // better-sqlite3 transactions are synchronous, so one left open here means a bug, and BEGIN
  // would throw a less helpful error.
  if (db.inTransaction) throw new Error('a transaction was left open on the connection');
  try {
    // A read would pass on a full disk or a lock held by another process; taking the write lock
    // is what every job update needs. It waits at most the connection's busy timeout, which
    // blocks the event loop that long, an acceptable price for a check that rarely waits.
    db.exec('BEGIN IMMEDIATE');
    db.exec('ROLLBACK');
  } catch (error) {
    throw new Error(`cannot take the write lock: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}
