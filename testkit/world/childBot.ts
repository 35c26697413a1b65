/**
 * The real bot as a child process (`node --import tsx src/main.ts`, the production entry), for
 * tests that must end it the way an OOM killer or a power cut would, and for benchmarks that run
 * several bot processes side by side. A SIGKILL gives the bot no
 * chance to tidy up, which an in-process `app.stop()` cannot imitate; and a SIGTERM exercises
 * `main.ts`'s own shutdown path and exit code.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { APPLICATION_ID, DISCORD_TOKEN, RUNCOMFY_TOKEN } from './botWorld.js';

/** `src/main.ts` resolves `./data` and `tsx` against the working directory: run it from the root. */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** How the process ended: an exit code, or the signal that ended it. */
export interface ChildExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** One pino line from the child's stdout. */
export interface LogLine {
  level?: number;
  msg?: string;
  [key: string]: unknown;
}

export interface ChildBotEnvInput {
  /** The fake Discord's `apiBase`. */
  discordApiBase: string;
  /** The fake RunComfy's `url`. */
  runcomfyUrl: string;
  guildId: string;
  /** A temp folder that holds the SQLite file and the media cache; shared by every restart. */
  dir: string;
  /** Overrides and additions. */
  extra?: Record<string, string>;
}

/** What the child inherits from the process that starts it: enough to find `node` and a temp folder, and nothing that configures the bot. */
const INHERITED = ['PATH', 'HOME', 'TMPDIR', 'TEMP', 'TMP', 'LANG', 'SystemRoot'] as const;

/** The bot's environment, pointing at loopback fakes, with the same tokens and ids as `botWorld`. */
export function childBotEnv(input: ChildBotEnvInput): Record<string, string> {
  const inherited: Record<string, string> = {};
  for (const name of INHERITED) {
    const value = process.env[name];
    if (value !== undefined) inherited[name] = value;
  }
  return {
    ...inherited,
    DISCORD_TOKEN,
    DISCORD_APPLICATION_ID: APPLICATION_ID,
    DISCORD_GUILD_ID: input.guildId,
    DISCORD_API_BASE_URL: input.discordApiBase,
    RUNCOMFY_API_TOKEN: RUNCOMFY_TOKEN,
    RUNCOMFY_API_BASE_URL: input.runcomfyUrl,
    // The loopback fake serves the result files over http on 127.0.0.1, which is refused unless allowed.
    MEDIA_ALLOWED_ORIGINS: input.runcomfyUrl,
    DATABASE_PATH: join(input.dir, 'bot.db'),
    MEDIA_CACHE_DIR: join(input.dir, 'media'),
    STATUS_EDIT_INTERVAL_SECONDS: '1',
    PROVIDER_MAX_REQUESTS_PER_SECOND: '1000',
    // A killed process's jobs come back when its leases run out: seconds here, not minutes.
    POLL_LEASE_SECONDS: '5',
    // The fake renders in milliseconds; the learned schedule's prior expects minutes.
    POLL_SCHEDULE: 'fixed',
    LOG_LEVEL: 'info',
    ...input.extra,
  };
}

export interface ChildBotOptions {
  env: Record<string, string>;
  /** Longest wait for `bot is running`. @defaultValue 30000 */
  readyTimeoutMs?: number;
}

/** Every child not yet reaped, so a failed test (or a dying worker) can still kill them. */
const live = new Set<ChildProcess>();

// A vitest worker or a benchmark that exits (a crash, a timeout) must not leave bots running against dead fakes.
process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

type LineListener = (line: LogLine) => void;

/** One run of the bot process, from spawn to exit. A restart is a new `ChildBot`. */
export class ChildBot {
  /** Raw stdout lines (pino JSON), in order. */
  readonly stdout: string[] = [];
  readonly stderr: string[] = [];
  /** Resolves once the process is gone and its output is read to the end. */
  readonly exited: Promise<ChildExit>;
  readonly pid: number | undefined;

  readonly #child: ChildProcess;
  readonly #listeners = new Set<LineListener>();
  #exit: ChildExit | undefined;

  constructor(options: ChildBotOptions) {
    this.#child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: REPO_ROOT,
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.pid = this.#child.pid;
    live.add(this.#child);
    const stdout = this.#child.stdout;
    const stderr = this.#child.stderr;
    if (stdout) {
      createInterface({ input: stdout }).on('line', (raw) => {
        this.stdout.push(raw);
        const parsed = parseLogLine(raw);
        if (parsed) for (const listener of this.#listeners) listener(parsed);
      });
    }
    if (stderr) createInterface({ input: stderr }).on('line', (raw) => this.stderr.push(raw));
    this.exited = new Promise<ChildExit>((resolve) => {
      // 'close' rather than 'exit': it comes after stdout and stderr are drained, so the last
      // log lines (`stopped cleanly`) are in `stdout` by the time a test reads them.
      this.#child.once('close', (code, signal) => {
        live.delete(this.#child);
        this.#exit = { code, signal };
        resolve(this.#exit);
      });
      this.#child.once('error', (error) => {
        live.delete(this.#child);
        this.stderr.push(`spawn failed: ${error.message}`);
        this.#exit = { code: null, signal: null };
        resolve(this.#exit);
      });
    });
  }

  /** True until the process has exited. */
  get running(): boolean {
    return this.#exit === undefined;
  }

  /** The parsed JSON log lines so far (non-JSON lines are skipped). */
  logs(): LogLine[] {
    return this.stdout.map(parseLogLine).filter((line): line is LogLine => line !== undefined);
  }

  /**
   * The first log line, past or future, that matches. Rejects when the process exits first or
   * after `timeoutMs`, quoting stderr so the failure says why the bot died.
   */
  waitForLog(predicate: (line: LogLine) => boolean, timeoutMs: number, what = 'a log line'): Promise<LogLine> {
    const seen = this.logs().find(predicate);
    if (seen) return Promise.resolve(seen);
    return new Promise<LogLine>((resolve, reject) => {
      const done = () => {
        this.#listeners.delete(listener);
        clearTimeout(timer);
      };
      const listener: LineListener = (line) => {
        if (!predicate(line)) return;
        done();
        resolve(line);
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`bot ${this.pid}: no ${what} within ${timeoutMs} ms\n${this.#tail()}`));
      }, timeoutMs);
      this.#listeners.add(listener);
      this.exited.then((exit) => {
        if (!this.#listeners.has(listener)) return;
        done();
        reject(new Error(`bot ${this.pid} exited (${exit.code ?? exit.signal}) before ${what}\n${this.#tail()}`));
      }, reject);
    });
  }

  /** Sends `signal` (if the process still runs) and resolves when it has exited. */
  kill(signal: NodeJS.Signals): Promise<ChildExit> {
    if (this.running) this.#child.kill(signal);
    return this.exited;
  }

  #tail(): string {
    const last = (lines: string[]) => lines.slice(-15).join('\n');
    return `--- stderr ---\n${last(this.stderr)}\n--- stdout ---\n${last(this.stdout)}`;
  }
}

function parseLogLine(raw: string): LogLine | undefined {
  if (!raw.startsWith('{')) return undefined;
  try {
    const value: unknown = JSON.parse(raw);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as LogLine) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Spawns the bot and resolves once `main.ts` logged `bot is running`: Discord is connected, the
 * commands are registered and the poller has resumed the jobs a previous run left.
 */
export async function startChildBot(options: ChildBotOptions): Promise<ChildBot> {
  const bot = new ChildBot(options);
  try {
    await bot.waitForLog((line) => line.msg === 'bot is running', options.readyTimeoutMs ?? 30_000, '"bot is running"');
  } catch (error) {
    await bot.kill('SIGKILL');
    throw error;
  }
  return bot;
}

/** SIGKILLs every child still running and waits until they are gone (for afterAll). */
export async function killAllChildBots(): Promise<void> {
  const waiting = [...live].map(
    (child) =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) {
          resolve();
          return;
        }
        child.once('close', () => resolve());
        child.kill('SIGKILL');
      }),
  );
  await Promise.all(waiting);
}
