/**
 * The real bot (`startApp`, production defaults) in the benchmark's own process, pointed at fakes
 * running in another process, so what this process measures is the bot alone.
 */
import { Writable } from 'node:stream';
import { type App, type AppOptions, startApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { makeTempDir } from '../test/helpers/tempDir.js';
import { APPLICATION_ID, DISCORD_TOKEN, RUNCOMFY_TOKEN } from '../test/helpers/botWorld.js';
import type { HostReady } from './fakesProtocol.js';

export interface BotUnderTest {
  app: App;
  /** Warnings and errors the bot logged (the level is `warn`): a benchmark reports them. */
  logs: string[];
  stop(): Promise<void>;
}

export async function startBotAgainst(
  fakes: HostReady,
  options: { env?: Record<string, string>; app?: Partial<Omit<AppOptions, 'config' | 'logger'>> } = {},
): Promise<BotUnderTest> {
  const temp = makeTempDir('kling-bench-');
  const config = loadConfig({
    DISCORD_TOKEN,
    DISCORD_APPLICATION_ID: APPLICATION_ID,
    DISCORD_GUILD_ID: fakes.guildId,
    DISCORD_API_BASE_URL: fakes.discordApiBase,
    RUNCOMFY_API_TOKEN: RUNCOMFY_TOKEN,
    RUNCOMFY_API_BASE_URL: fakes.runcomfyUrl,
    DATABASE_PATH: temp.file('bot.db'),
    MEDIA_CACHE_DIR: temp.file('media'),
    LOG_LEVEL: 'warn',
    ...options.env,
  });
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logs.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  const logger = createLogger(config.logLevel, sink, [DISCORD_TOKEN, RUNCOMFY_TOKEN]);
  const app = await startApp({ config, logger, ...options.app });
  return {
    app,
    logs,
    async stop() {
      await app.stop();
      temp.remove();
    },
  };
}
