/**
 * The health report behind `GET /healthz`: can the bot still write its jobs, is it connected to
 * Discord, and is the poller loop still turning.
 */
export type HealthCheckName = 'database' | 'gateway' | 'poller';

export type CheckResult = { ok: true } | { ok: false; reason: string };

export interface HealthReport {
  status: 'ok' | 'failing';
  checks: Record<HealthCheckName, CheckResult>;
}

export interface HealthCheckOptions {
  /** The storage's own check, on the bot's own connection, so it sees what the job store sees. */
  ping: () => Promise<void>;
  isGatewayConnected: () => boolean;
  /** When the poller last finished a tick (epoch ms; 0 if never). */
  pollerLastTickAt: () => number;
  now: () => number;
  /** A poller quieter than this counts as stuck. @defaultValue 30000 */
  maxTickAgeMs?: number;
}

const OK: CheckResult = { ok: true };

export function makeHealthCheck(options: HealthCheckOptions): () => Promise<HealthReport> {
  const maxTickAgeMs = options.maxTickAgeMs ?? 30_000;

  const database = async (): Promise<CheckResult> => {
    try {
      await options.ping();
      return OK;
    } catch (error) {
      return { ok: false, reason: error instanceof Error ? error.message : String(error) };
    }
  };

  const gateway = (): CheckResult => (options.isGatewayConnected() ? OK : { ok: false, reason: 'not connected to the Discord gateway' });

  const poller = (): CheckResult => {
    const last = options.pollerLastTickAt();
    if (last === 0) return { ok: false, reason: 'the poller has not ticked yet' };
    const age = options.now() - last;
    return age <= maxTickAgeMs ? OK : { ok: false, reason: `the poller last ticked ${Math.round(age / 1000)} s ago` };
  };

  return async () => {
    const checks = { database: await database(), gateway: gateway(), poller: poller() };
    const status = Object.values(checks).every((c) => c.ok) ? 'ok' : 'failing';
    return { status, checks };
  };
}
