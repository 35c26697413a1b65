/**
 * The health report behind `GET /healthz`: can the bot still write its jobs, is it connected to
 * Discord, and is the poller loop still turning.
 */
import type { Db } from '../jobs/database.js';

export type HealthCheckName = 'database' | 'gateway' | 'poller';

export type CheckResult = { ok: true } | { ok: false; reason: string };

export interface HealthReport {
  status: 'ok' | 'failing';
  checks: Record<HealthCheckName, CheckResult>;
}

export interface HealthCheckOptions {
  /** The bot's own connection, so the check sees what the job store sees. */
  db: Db;
  isGatewayConnected: () => boolean;
  /** When the poller last finished a tick (epoch ms; 0 if never). */
  pollerLastTickAt: () => number;
  now: () => number;
  /** A poller quieter than this counts as stuck. @defaultValue 30000 */
  maxTickAgeMs?: number;
}

const OK: CheckResult = { ok: true };

export function makeHealthCheck(options: HealthCheckOptions): () => HealthReport {
  const maxTickAgeMs = options.maxTickAgeMs ?? 30_000;

  const database = (): CheckResult => {
    const { db } = options;
    if (!db.open) return { ok: false, reason: 'the database is closed' };
    // better-sqlite3 transactions are synchronous, so one left open here means a bug, and
    // BEGIN would throw a less helpful error.
    if (db.inTransaction) return { ok: false, reason: 'a transaction was left open on the connection' };
    try {
      // A read would pass on a full disk or a lock held by another process; taking the write
      // lock is what every job update needs. It waits at most the connection's busy timeout,
      // which blocks the event loop that long, an acceptable price for a check that rarely waits.
      db.exec('BEGIN IMMEDIATE');
      db.exec('ROLLBACK');
      return OK;
    } catch (error) {
      return { ok: false, reason: `cannot take the write lock: ${error instanceof Error ? error.message : String(error)}` };
    }
  };

  const gateway = (): CheckResult => (options.isGatewayConnected() ? OK : { ok: false, reason: 'not connected to the Discord gateway' });

  const poller = (): CheckResult => {
    const last = options.pollerLastTickAt();
    if (last === 0) return { ok: false, reason: 'the poller has not ticked yet' };
    const age = options.now() - last;
    return age <= maxTickAgeMs ? OK : { ok: false, reason: `the poller last ticked ${Math.round(age / 1000)} s ago` };
  };

  return () => {
    const checks = { database: database(), gateway: gateway(), poller: poller() };
    const status = Object.values(checks).every((c) => c.ok) ? 'ok' : 'failing';
    return { status, checks };
  };
}
