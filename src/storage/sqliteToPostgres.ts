/**
 * Moving up from SQLite to PostgreSQL: every job with its state (and so the day's spend, which
 * is read from the jobs), the servers' settings, the showcase records and the members'
 * preferences, copied in one PostgreSQL transaction into a database that has none of them yet. The
 * SQLite file is read from a backup taken first, so the source is left exactly as it was.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type pg from 'pg';
import { JOB_COLUMNS } from './jobColumns.js';
import { openPool } from './postgres/database.js';
import { migrate } from './sqlite/database.js';

export interface CopyReport {
  jobs: number;
  settings: number;
  showcases: number;
  /** Members' preferences, per member and server. */
  preferences: number;
}

export class TargetNotEmptyError extends Error {
  override readonly name = 'TargetNotEmptyError';
}

const SETTINGS_COLUMNS = ['guild_id', 'settings_json', 'updated_at', 'updated_by'] as const;
const PREFERENCE_COLUMNS = ['guild_id', 'user_id', 'preferences_json', 'updated_at', 'dm_refused_at'] as const;
const SHOWCASE_COLUMNS = ['job_id', 'guild_id', 'channel_id', 'message_id', 'shared_by', 'created_at'] as const;

/** The tables the copy fills, each of which must be empty in the target. */
const COPIED_TABLES = ['jobs', 'guild_settings', 'showcase_posts', 'member_preferences'] as const;
type CopiedTable = (typeof COPIED_TABLES)[number];

/** Rows per INSERT: 34 columns × 500 stays well under PostgreSQL's 65,535 parameters. */
const BATCH = 500;

async function insertAll(client: pg.PoolClient, table: string, columns: readonly string[], rows: Record<string, unknown>[]): Promise<void> {
  for (let start = 0; start < rows.length; start += BATCH) {
    const batch = rows.slice(start, start + BATCH);
    const values: unknown[] = [];
    const tuples = batch.map((row) => {
      const marks = columns.map((column) => {
        values.push(row[column] ?? null);
        return `$${values.length}`;
      });
      return `(${marks.join(', ')})`;
    });
    await client.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${tuples.join(', ')}`, values);
  }
}

/** Copies the SQLite database at `sqlitePath` into the empty PostgreSQL database at `url`. */
export async function copySqliteToPostgres(sqlitePath: string, url: string): Promise<CopyReport> {
  const temp = mkdtempSync(join(tmpdir(), 'kling-db-copy-'));
  const snapshot = join(temp, 'snapshot.db');
  try {
    const source = new Database(sqlitePath, { readonly: true, fileMustExist: true });
    try {
      await source.backup(snapshot);
    } finally {
      source.close();
    }
    const db = new Database(snapshot);
    let rows: {
      jobs: Record<string, unknown>[];
      settings: Record<string, unknown>[];
      showcases: Record<string, unknown>[];
      preferences: Record<string, unknown>[];
    };
    try {
      // The same forward migrations the bot would run, on the snapshot only.
      migrate(db);
      rows = {
        jobs: db.prepare(`SELECT ${JOB_COLUMNS.join(', ')} FROM jobs ORDER BY rowid`).all() as Record<string, unknown>[],
        settings: db.prepare(`SELECT ${SETTINGS_COLUMNS.join(', ')} FROM guild_settings ORDER BY rowid`).all() as Record<string, unknown>[],
        showcases: db.prepare(`SELECT ${SHOWCASE_COLUMNS.join(', ')} FROM showcase_posts ORDER BY rowid`).all() as Record<
          string,
          unknown
        >[],
        preferences: db.prepare(`SELECT ${PREFERENCE_COLUMNS.join(', ')} FROM member_preferences ORDER BY rowid`).all() as Record<
          string,
          unknown
        >[],
      };
    } finally {
      db.close();
    }
    const pool = await openPool(url, { max: 1 });
    try {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        // Held to the end: a bot or a second copy started meanwhile waits rather than mixing in.
        // Every table the copy fills is locked and must be empty: copying into a table that holds
        // rows would merge two histories (or fail half-way on a key both hold).
        await client.query(`LOCK TABLE ${COPIED_TABLES.join(', ')} IN EXCLUSIVE MODE`);
        const { rows: counts } = await client.query<Record<CopiedTable, number>>(
          `SELECT ${COPIED_TABLES.map((table) => `(SELECT COUNT(*) FROM ${table})::int AS ${table}`).join(', ')}`,
        );
        const found = counts[0];
        if (found && COPIED_TABLES.some((table) => found[table] > 0)) {
          throw new TargetNotEmptyError(
            `the PostgreSQL database is not empty (${found.jobs} jobs, ${found.guild_settings} server settings, ${found.showcase_posts} showcase records, ${found.member_preferences} members' preferences); db:copy only fills an empty one, so nothing was copied`,
          );
        }
        // Parents first by insertion order; the links are set after, so no order can break them.
        await insertAll(
          client,
          'jobs',
          JOB_COLUMNS,
          rows.jobs.map((job) => ({ ...job, parent_id: null })),
        );
        for (const job of rows.jobs) {
          if (job.parent_id !== null) await client.query('UPDATE jobs SET parent_id = $2 WHERE id = $1', [job.id, job.parent_id]);
        }
        await insertAll(client, 'guild_settings', SETTINGS_COLUMNS, rows.settings);
        await insertAll(client, 'showcase_posts', SHOWCASE_COLUMNS, rows.showcases);
        await insertAll(client, 'member_preferences', PREFERENCE_COLUMNS, rows.preferences);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    } finally {
      await pool.end();
    }
    return {
      jobs: rows.jobs.length,
      settings: rows.settings.length,
      showcases: rows.showcases.length,
      preferences: rows.preferences.length,
    };
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}
