/**
 * The operator's HTTP port: `/healthz` for Docker and orchestrators, `/metrics` for Prometheus.
 * No Discord or member data is served here, but it is still bound to loopback by default.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { HealthCheckName, HealthReport } from './health.js';
import type { Metrics } from './metrics.js';

export interface OpsServerOptions {
  /** Interface to listen on; the bot passes 127.0.0.1 unless HTTP_HOST says otherwise. */
  host: string;
  /** 0 picks a free port (tests). */
  port: number;
  metrics: Pick<Metrics, 'registry'>;
  health: () => HealthReport | Promise<HealthReport>;
  logger: Logger;
}

export interface OpsServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

const JSON_TYPE = 'application/json; charset=utf-8';

export async function startOpsServer(opts: OpsServerOptions): Promise<OpsServer> {
  const { logger } = opts;

  const send = (res: ServerResponse, status: number, type: string, body: string, headers: Record<string, string> = {}) => {
    // Health and metrics are live readings; a cached answer would hide an outage.
    res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', ...headers });
    res.end(body);
  };

  const healthz = async (res: ServerResponse): Promise<void> => {
    let report: HealthReport;
    try {
      report = await opts.health();
    } catch (error) {
      logger.error({ err: error }, 'health check threw');
      send(res, 503, JSON_TYPE, JSON.stringify({ status: 'failing', error: 'the health check itself failed' }));
      return;
    }
    const failing = (Object.keys(report.checks) as HealthCheckName[]).filter((name) => !report.checks[name].ok);
    if (failing.length === 0 && report.status === 'ok') {
      send(res, 200, JSON_TYPE, JSON.stringify({ status: 'ok', checks: report.checks }));
      return;
    }
    logger.warn({ failing, checks: report.checks }, 'health check failing');
    send(res, 503, JSON_TYPE, JSON.stringify({ status: 'failing', failing, checks: report.checks }));
  };

  const metrics = async (res: ServerResponse): Promise<void> => {
    const { registry } = opts.metrics;
    try {
      send(res, 200, registry.contentType, await registry.metrics());
    } catch (error) {
      logger.error({ err: error }, 'collecting metrics failed');
      send(res, 500, 'text/plain; charset=utf-8', 'collecting metrics failed\n');
    }
  };

  const routes: Record<string, (res: ServerResponse) => Promise<void>> = { '/healthz': healthz, '/metrics': metrics };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    // The base only lets URL parse a request-target; the host header is never trusted.
    const path = new URL(req.url ?? '/', 'http://ops.invalid').pathname;
    const route = routes[path];
    if (!route) {
      send(res, 404, 'text/plain; charset=utf-8', 'not found\n');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(res, 405, 'text/plain; charset=utf-8', 'method not allowed\n', { allow: 'GET, HEAD' });
      return;
    }
    await route(res);
  };

  const server = createServer({ requestTimeout: 10_000, headersTimeout: 5_000 }, (req, res) => {
    handle(req, res).catch((error: unknown) => {
      logger.error({ err: error, path: req.url }, 'ops request failed');
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', 'internal error\n');
      else res.destroy();
    });
  });

  await new Promise<void>((resolve, reject) => {
    const onError = (error: Error) =>
      reject(new Error(`cannot listen on ${opts.host}:${opts.port} for /healthz and /metrics: ${error.message}`));
    server.once('error', onError);
    server.listen(opts.port, opts.host, () => {
      server.off('error', onError);
      resolve();
    });
  });
  server.on('error', (error) => logger.error({ err: error }, 'ops server error'));

  const { port } = server.address() as AddressInfo;
  const hostPart = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
  const url = `http://${hostPart}:${port}`;
  logger.info({ url }, 'ops server listening');

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= new Promise<void>((resolve, reject) => {
      server.close((error) => (error ? reject(error) : resolve()));
      // A scraper's keep-alive connection would otherwise hold shutdown open until it times out.
      server.closeAllConnections();
    });
    return closing;
  };

  return { url, port, close };
}
