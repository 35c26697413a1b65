/**
 * Picks the storage from the configuration: PostgreSQL when `DATABASE_URL` is set, otherwise
 * the SQLite file at `DATABASE_PATH`, the default for a single process.
 */
import type { Logger } from 'pino';
import { describeDatabaseUrl } from './postgres/database.js';
import { openPostgresStorage } from './postgres/index.js';
import { openSqliteStorage } from './sqlite/index.js';
import type { Storage } from './storage.js';

export interface StorageSettings {
  databaseUrl: string | undefined;
  databasePath: string;
  /** The poller’s lease, which a submit holds too. @defaultValue 30000 */
  leaseMs?: number;
}

export async function openStorage(settings: StorageSettings, logger: Logger, now?: () => number): Promise<Storage> {
  const clock = {
    ...(now === undefined ? {} : { now }),
    ...(settings.leaseMs === undefined ? {} : { leaseMs: settings.leaseMs }),
  };
  if (settings.databaseUrl !== undefined) {
    const storage = await openPostgresStorage({ url: settings.databaseUrl, ...clock });
    // Built from the parsed parts, so the password is not in the line.
    logger.info({ database: `postgres://${describeDatabaseUrl(settings.databaseUrl)}` }, 'storage: PostgreSQL');
    return storage;
  }
  const storage = await openSqliteStorage({ path: settings.databasePath, logger, ...clock });
  logger.info({ database: settings.databasePath }, 'storage: SQLite');
  return storage;
}
