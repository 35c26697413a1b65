/**
 * The real bot (`startApp`, production defaults) in the benchmark's own process, pointed at fakes
 * running in another process, so what this process measures is the bot alone.
 */
import { type App, type AppOptions, startApp } from '../src/app.js';
import { type Config, loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { APPLICATION_ID, DISCORD_TOKEN, RUNCOMFY_TOKEN } from '../testkit/world/botWorld.js';
import { logLines } from '../testkit/world/logLines.js';
import { makeTempDir } from '../testkit/world/tempDir.js';
import type { HostReady } from './fakesProtocol.js';

export interface BotUnderTest {
  app: App;
  /** Every line the bot logged, at the production default level (`info`). */
  logs: string[];
  /** Lines at `warn` or above: a benchmark reports how many there were. */
  warnings(): string[];
  stop(): Promise<void>;
}

/** pino's numeric level for `warn`. */
const WARN = 40;

function levelOf(line: string): number {
  try {
    const parsed: unknown = JSON.parse(line);
    return typeof parsed === 'object' && parsed !== null && 'level' in parsed && typeof parsed.level === 'number' ? parsed.level : 0;
  } catch {
    return 0;
  }
}

export async function startBotAgainst(
  fakes: HostReady,
  options: {
    env?: Record<string, string>;
    app?: Partial<Omit<AppOptions, 'config' | 'logger'>>;
    /** Runs before the bot starts, with its config: e.g. to fill its database as a restart would find it. */
    prepare?: (config: Config) => void | Promise<void>;
  } = {},
): Promise<BotUnderTest> {
  const temp = makeTempDir('kling-bench-');
  const config = loadConfig({
    DISCORD_TOKEN,
    DISCORD_APPLICATION_ID: APPLICATION_ID,
    DISCORD_GUILD_ID: fakes.guildId,
    DISCORD_API_BASE_URL: fakes.discordApiBase,
    RUNCOMFY_API_TOKEN: RUNCOMFY_TOKEN,
    RUNCOMFY_API_BASE_URL: fakes.runcomfyUrl,
    // The loopback fake serves the result files over http.
    MEDIA_ALLOWED_ORIGINS: fakes.runcomfyUrl,
    DATABASE_PATH: temp.file('bot.db'),
    MEDIA_CACHE_DIR: temp.file('media'),
    // Logging costs CPU (child loggers, redaction): measure at the level the bot ships with.
    LOG_LEVEL: 'info',
    // The fakes render in seconds; the learned schedule's prior expects minutes (its own figure is \`schedule\`).
    POLL_SCHEDULE: 'fixed',
    ...options.env,
  });
  const { lines: logs, sink } = logLines();
  const logger = createLogger(config.logLevel, sink, [DISCORD_TOKEN, RUNCOMFY_TOKEN]);
  await options.prepare?.(config);
  const app = await startApp({ config, logger, ...options.app });
  return {
    app,
    logs,
    warnings: () => logs.filter((line) => levelOf(line) >= WARN),
    async stop() {
      await app.stop();
      temp.remove();
    },
  };
}
