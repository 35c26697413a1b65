/**
 * Storage on a PostgreSQL server through a `pg` pool, migrated on open under an advisory lock,
 * for deployments where several bot processes share one database.
 */
import type pg from 'pg';
import type { Storage } from '../storage.js';
import { PostgresCoordinationStore } from './coordination.js';
import { type OpenPoolOptions, openPool } from './database.js';
import { PostgresGalleryStore } from './galleryStore.js';
import { PostgresGuildFactsStore } from './guildFactsStore.js';
import { PostgresGuildSettingsStore } from './guildSettingsStore.js';
import { PostgresJobStore } from './jobStore.js';
import { PostgresMemberPreferencesStore } from './memberPreferencesStore.js';
import { PostgresPictureFormStore } from './pictureFormStore.js';
import { PostgresShowcaseStore } from './showcaseStore.js';
import { PostgresSpendLedger } from './spendLedger.js';
import { PostgresWebSessionStore } from './webSessionStore.js';

export interface PostgresStorageOptions extends OpenPoolOptions {
  /** `postgres://user:password@host:port/database`; the password never reaches a message. */
  url: string;
  /** The clock for timestamps and "today". @defaultValue Date.now */
  now?: () => number;
  /** How long a submit is held before another process may call it stranded. @defaultValue 30000 */
  leaseMs?: number;
}

/** `Storage` over PostgreSQL, with the pool for the PostgreSQL-only tests and tools. */
export interface PostgresStorage extends Storage {
  readonly pool: pg.Pool;
}

export async function openPostgresStorage(options: PostgresStorageOptions): Promise<PostgresStorage> {
  const now = options.now ?? Date.now;
  const { url, now: _now, leaseMs, ...poolOptions } = options;
  const pool = await openPool(url, poolOptions);
  const ledger = new PostgresSpendLedger(pool, now);
  let closed = false;
  return {
    pool,
    jobs: new PostgresJobStore(pool, ledger, now, leaseMs),
    settings: new PostgresGuildSettingsStore(pool, now),
    ledger,
    showcases: new PostgresShowcaseStore(pool, now),
    preferences: new PostgresMemberPreferencesStore(pool, now),
    pictureForms: new PostgresPictureFormStore(pool, now),
    gallery: new PostgresGalleryStore(pool),
    webSessions: new PostgresWebSessionStore(pool, now),
    guildFacts: new PostgresGuildFactsStore(pool, now),
    coordination: new PostgresCoordinationStore(pool),
    ping: async () => {
      if (closed) throw new Error('the database is closed');
      let rows: { recovery: boolean; read_only: string }[];
      try {
        ({ rows } = await pool.query<{ recovery: boolean; read_only: string }>(
          "SELECT pg_is_in_recovery() AS recovery, current_setting('transaction_read_only') AS read_only",
        ));
      } catch (error) {
        throw new Error(`cannot reach PostgreSQL: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      }
      // A standby answers reads but would refuse every job update.
      if (rows[0]?.recovery || rows[0]?.read_only === 'on') throw new Error('PostgreSQL is read-only (a standby?)');
    },
    close: async () => {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}
