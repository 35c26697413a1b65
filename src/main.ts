/**
 * `npm start`: reads the environment (and .env), connects to Discord, registers the commands if
 * they changed, resumes unfinished jobs, and runs until SIGTERM or SIGINT.
 */
import { startApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { loadDotEnv } from './envFile.js';
import { createLogger } from './logger.js';
import { FfmpegMissing } from './media/ffmpeg.js';

/** Docker and systemd wait about 10 s before SIGKILL; finish well within that. */
const SHUTDOWN_DEADLINE_MS = 8000;

async function main(): Promise<void> {
  loadDotEnv();
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\nSee .env.example for every setting.\n`);
      process.exit(2);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel, undefined, [
    config.discord.token,
    config.runcomfy.token,
    ...(config.web ? [config.web.clientSecret] : []),
    ...databasePassword(config.databaseUrl),
  ]);
  // A stray rejection (a discord.js event, a late edit) must not take down every member's jobs.
  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled rejection'));
  process.on('uncaughtException', (error) => logger.error({ err: error }, 'uncaught exception'));

  let app: Awaited<ReturnType<typeof startApp>>;
  try {
    app = await startApp({ config, logger });
  } catch (error) {
    if (error instanceof FfmpegMissing) {
      process.stderr.write(
        `The bot cannot start: ${error.message}.\nInstall ffmpeg with libx264 and aac, or point FFMPEG_PATH and FFPROBE_PATH at working binaries.\n`,
      );
      process.exit(2);
    }
    throw error;
  }
  logger.info('bot is running');

  let shuttingDown = false;
  const shutdown = (signal: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    logger.info({ signal }, 'shutting down');
    setTimeout(() => {
      logger.error('shutdown took too long; exiting');
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS).unref();
    app
      .stop()
      .then(() => {
        logger.info('stopped cleanly');
        process.exit(0);
      })
      .catch((error: unknown) => {
        logger.error({ err: error }, 'error while stopping');
        process.exit(1);
      });
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

/** The PostgreSQL password, for the logger to blank out should it ever appear in a line. */
function databasePassword(url: string | undefined): string[] {
  if (url === undefined) return [];
  try {
    const password = decodeURIComponent(new URL(url).password);
    return password ? [password] : [];
  } catch {
    return [];
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`The bot could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
