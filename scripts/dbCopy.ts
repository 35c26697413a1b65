/**
 * `npm run db:copy`: copies the SQLite database at DATABASE_PATH (default ./data/bot.db) into the
 * empty PostgreSQL database at DATABASE_URL, read from the environment or .env. Stop the bot
 * first; start it with DATABASE_URL set afterwards and it carries on with the copied jobs.
 */
import { existsSync } from 'node:fs';
import { loadDotEnv } from '../src/envFile.js';
import { describeDatabaseUrl } from '../src/storage/postgres/database.js';
import { copySqliteToPostgres } from '../src/storage/sqliteToPostgres.js';

loadDotEnv();
const sqlitePath = process.env.DATABASE_PATH?.trim() || './data/bot.db';
const url = process.env.DATABASE_URL?.trim();
if (!url) {
  process.stderr.write('db:copy needs DATABASE_URL (postgres://user:password@host:port/database) for the target.\n');
  process.exit(2);
}
if (!existsSync(sqlitePath)) {
  process.stderr.write(`db:copy found no SQLite database at ${sqlitePath} (set DATABASE_PATH).\n`);
  process.exit(2);
}
try {
  const report = await copySqliteToPostgres(sqlitePath, url);
  process.stdout.write(
    `Copied ${report.jobs} jobs, ${report.settings} server settings and ${report.showcases} showcase records from ${sqlitePath} to postgres://${describeDatabaseUrl(url)}, with ${report.preferences} members' preferences.\n`,
  );
} catch (error) {
  process.stderr.write(`db:copy failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
