import Database from 'better-sqlite3';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JOB_STATES } from '../src/jobs/jobState.js';
import { type HealthReport, makeHealthCheck } from '../src/ops/health.js';
import { type OpsServer, startOpsServer } from '../src/ops/httpServer.js';
import { createMetrics, type Metrics } from '../src/ops/metrics.js';
import { openSqliteStorage, type SqliteStorage } from '../src/storage/sqlite/index.js';
import { makeTempDir } from '../testkit/world/tempDir.js';

const logger = pino({ level: 'silent' });

interface HealthBody {
  status: string;
  failing?: string[];
  checks: Record<string, { ok: boolean; reason?: string }>;
}

describe('the ops HTTP server', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let storage: SqliteStorage;
  let counts: Record<string, number>;
  let metrics: Metrics;
  let connected: boolean;
  let now: number;
  let lastTickAt: number;
  let server: OpsServer;

  const start = async (health?: () => HealthReport | Promise<HealthReport>) => {
    server = await startOpsServer({
      host: '127.0.0.1',
      port: 0,
      metrics,
      logger,
      health:
        health ??
        makeHealthCheck({
          ping: () => storage.ping(),
          isGatewayConnected: () => connected,
          pollerLastTickAt: () => lastTickAt,
          now: () => now,
        }),
    });
    return server;
  };

  const getHealth = async (): Promise<{ status: number; body: HealthBody }> => {
    const res = await fetch(`${server.url}/healthz`);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    return { status: res.status, body: (await res.json()) as HealthBody };
  };

  const open = () => openSqliteStorage({ path: temp.file('bot.db'), logger, busyTimeoutMs: 50 });

  beforeEach(async () => {
    temp = makeTempDir();
    storage = await open();
    counts = {};
    metrics = createMetrics({ countByState: async () => counts });
    connected = true;
    now = 1_000_000;
    lastTickAt = now - 1000;
  });
  afterEach(async () => {
    await server?.close();
    await storage.close();
    temp.remove();
  });

  it('listens on 127.0.0.1 with an ephemeral port', async () => {
    await start();
    expect(server.port).toBeGreaterThan(0);
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
  });

  it('answers /healthz with 200 when the database, gateway and poller are fine', async () => {
    await start();
    const { status, body } = await getHealth();
    expect(status).toBe(200);
    expect(body).toEqual({
      status: 'ok',
      checks: { database: { ok: true }, gateway: { ok: true }, poller: { ok: true } },
    });
  });

  it('answers 503 naming the gateway when Discord is disconnected', async () => {
    await start();
    connected = false;
    const { status, body } = await getHealth();
    expect(status).toBe(503);
    expect(body.status).toBe('failing');
    expect(body.failing).toEqual(['gateway']);
    expect(body.checks.gateway?.reason).toMatch(/gateway/);
    expect(body.checks.database?.ok).toBe(true);
  });

  it('answers 503 naming the poller when it has not ticked within 30 s', async () => {
    await start();
    now = lastTickAt + 30_000;
    expect((await getHealth()).status).toBe(200);
    now = lastTickAt + 45_000;
    const { status, body } = await getHealth();
    expect(status).toBe(503);
    expect(body.failing).toEqual(['poller']);
    expect(body.checks.poller?.reason).toMatch(/45 s ago/);
  });

  it('counts a poller that never ticked as failing', async () => {
    lastTickAt = 0;
    await start();
    const { status, body } = await getHealth();
    expect(status).toBe(503);
    expect(body.failing).toEqual(['poller']);
  });

  it('answers 503 naming the database when another connection holds the write lock', async () => {
    await start();
    const other = new Database(temp.file('bot.db'));
    try {
      other.exec('BEGIN IMMEDIATE');
      const { status, body } = await getHealth();
      expect(status).toBe(503);
      expect(body.failing).toEqual(['database']);
      expect(body.checks.database?.reason).toMatch(/write lock.*locked/i);
      other.exec('ROLLBACK');
      expect((await getHealth()).status).toBe(200);
    } finally {
      other.close();
    }
  });

  it('names every failing check at once, including a closed database', async () => {
    await start();
    connected = false;
    await storage.close();
    const { status, body } = await getHealth();
    expect(status).toBe(503);
    expect(body.failing).toEqual(['database', 'gateway']);
    storage = await open();
  });

  it('answers 503 when the health check itself throws', async () => {
    await start(() => {
      throw new Error('boom');
    });
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ status: 'failing' });
  });

  it('serves Prometheus text with every metric and the recorded values', async () => {
    counts = { queued: 2, running: 1 };
    metrics.recordSubmission('queued');
    metrics.recordSubmission('queued');
    metrics.recordSubmission('outcome_unknown');
    metrics.recordProviderRequest('status');
    metrics.recordProviderRequest('submit');
    metrics.recordProviderError('rate_limited');
    metrics.observeDelivery(1500);
    metrics.observeAck(120);
    metrics.observeAck(3500);
    await start();

    const res = await fetch(`${server.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const text = await res.text();

    for (const name of [
      'videobot_jobs',
      'videobot_submissions_total',
      'videobot_provider_errors_total',
      'videobot_provider_requests_total',
      'videobot_delivery_latency_seconds',
      'videobot_interaction_ack_seconds',
      'process_cpu_seconds_total',
      'nodejs_eventloop_lag_seconds',
    ]) {
      expect(text).toContain(`# TYPE ${name} `);
    }
    expect(text).toContain('videobot_jobs{state="queued"} 2');
    expect(text).toContain('videobot_jobs{state="running"} 1');
    for (const state of JOB_STATES.filter((s) => s !== 'queued' && s !== 'running')) {
      expect(text).toContain(`videobot_jobs{state="${state}"} 0`);
    }
    expect(text).toContain('videobot_submissions_total{outcome="queued"} 2');
    expect(text).toContain('videobot_submissions_total{outcome="outcome_unknown"} 1');
    expect(text).toContain('videobot_submissions_total{outcome="failed"} 0');
    expect(text).toContain('videobot_provider_requests_total{kind="status"} 1');
    expect(text).toContain('videobot_provider_requests_total{kind="submit"} 1');
    expect(text).toContain('videobot_provider_requests_total{kind="cancel"} 0');
    expect(text).toContain('videobot_provider_errors_total{kind="rate_limited"} 1');
    expect(text).toContain('videobot_delivery_latency_seconds_sum 1.5');
    expect(text).toContain('videobot_delivery_latency_seconds_count 1');
    expect(text).toContain('videobot_delivery_latency_seconds_bucket{le="1"} 0');
    expect(text).toContain('videobot_delivery_latency_seconds_bucket{le="2"} 1');
    // One ack inside Discord's 3 s deadline, one past it.
    expect(text).toContain('videobot_interaction_ack_seconds_bucket{le="0.15"} 1');
    expect(text).toContain('videobot_interaction_ack_seconds_bucket{le="3"} 1');
    expect(text).toContain('videobot_interaction_ack_seconds_bucket{le="+Inf"} 2');
  });

  it('reads job counts afresh on every scrape', async () => {
    await start();
    counts = { succeeded: 4 };
    expect(await (await fetch(`${server.url}/metrics`)).text()).toContain('videobot_jobs{state="succeeded"} 4');
    counts = {};
    expect(await (await fetch(`${server.url}/metrics`)).text()).toContain('videobot_jobs{state="succeeded"} 0');
  });

  it('keeps separate registries apart', async () => {
    const other = createMetrics({ countByState: async () => ({}) });
    other.recordSubmission('failed');
    await start();
    const text = await (await fetch(`${server.url}/metrics`)).text();
    expect(text).toContain('videobot_submissions_total{outcome="failed"} 0');
  });

  it('answers 404 for an unknown path and 405 for a wrong method', async () => {
    await start();
    const missing = await fetch(`${server.url}/nope`);
    expect(missing.status).toBe(404);
    await missing.text();
    const posted = await fetch(`${server.url}/metrics`, { method: 'POST' });
    expect(posted.status).toBe(405);
    expect(posted.headers.get('allow')).toBe('GET, HEAD');
    await posted.text();
    const query = await fetch(`${server.url}/healthz?verbose=1`);
    expect(query.status).toBe(200);
    await query.text();
  });

  it('closes promptly while a client holds a keep-alive connection', async () => {
    await start();
    await (await fetch(`${server.url}/healthz`)).text();
    const started = performance.now();
    await server.close();
    expect(performance.now() - started).toBeLessThan(1000);
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
  });

  it('refuses to start on a port already in use, naming it', async () => {
    await start();
    await expect(
      startOpsServer({
        host: '127.0.0.1',
        port: server.port,
        metrics,
        logger,
        health: () => ({ status: 'ok', checks: { database: { ok: true }, gateway: { ok: true }, poller: { ok: true } } }),
      }),
    ).rejects.toThrow(new RegExp(`127\\.0\\.0\\.1:${server.port}`));
  });
});
