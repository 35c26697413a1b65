/**
 * WAL checkpoints on a worker thread. SQLite otherwise runs a checkpoint (copying pages back and
 * an fsync) inside whichever commit crosses 1,000 WAL pages: a few milliseconds in which the
 * event loop, and with it every interaction acknowledgement, stands still. A second connection
 * on its own thread checkpoints every second instead; the main connection keeps a far larger
 * automatic threshold only as a safety net should the worker die.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Logger } from 'pino';
import type { Db } from './database.js';

/** Pages (about 40 MiB) the WAL may reach before the main connection checkpoints by itself. */
const SAFETY_NET_PAGES = 10_000;

// Plain CommonJS: an eval worker gets no TypeScript loader, whatever runs the main thread.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.modulePath);
const db = new Database(workerData.path);
db.pragma('busy_timeout = 1000');
const checkpoint = () => {
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch (error) { parentPort.postMessage({ error: String(error) }); }
};
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  checkpoint();
  db.close();
  parentPort.postMessage({ stopped: true });
});
`;

export interface WalCheckpointer {
  stop(): Promise<void>;
}

export function startWalCheckpointer(db: Db, path: string, logger: Logger, intervalMs = 1000): WalCheckpointer {
  db.pragma(`wal_autocheckpoint = ${SAFETY_NET_PAGES}`);
  const modulePath = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { path, intervalMs, modulePath } });
  // The bot must be able to exit while the worker idles between checkpoints.
  worker.unref();
  worker.on('message', (message: { error?: string }) => {
    if (message.error) logger.warn({ error: message.error }, 'background checkpoint failed');
  });
  worker.on('error', (error) => logger.error({ err: error }, 'checkpoint worker died; SQLite will checkpoint inline'));
  let stopping: Promise<void> | undefined;
  return {
    stop() {
      stopping ??= new Promise<void>((resolve) => {
        const timer = setTimeout(() => void worker.terminate().then(() => resolve()), 2000);
        worker.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        worker.on('message', (message: { stopped?: boolean }) => {
          if (message.stopped) void worker.terminate();
        });
        worker.postMessage('stop');
      });
      return stopping;
    },
  };
}
