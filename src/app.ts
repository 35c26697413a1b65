/**
 * Wiring: every part made from the config and handed what it needs. `main.ts` calls this with
 * the environment; tests and the demo call it with loopback addresses.
 */
import type { Logger } from 'pino';
import { COMMAND_DEFINITIONS } from './commandList.js';
import { makeAdmission } from './community/admission.js';
import type { GuildSettingsStore } from './community/guildSettings.js';
import type { Config } from './config.js';
import { ChannelPoster } from './discord/channelPoster.js';
import { DiscordBot } from './discord/discordBot.js';
import { JobMessages } from './discord/jobMessages.js';
import { registerCommands } from './discord/registerCommands.js';
import { createInteractionRouter } from './discord/router.js';
import { Showcase } from './discord/showcase.js';
import { UploadLimits } from './discord/uploadLimits.js';
import { type Clock, systemClock } from './jobs/clock.js';
import { JobService } from './jobs/jobService.js';
import type { JobStore } from './jobs/jobStore.js';
import { Poller, type PollSchedule } from './jobs/poller.js';
import { RateLimiter } from './jobs/rateLimiter.js';
import { MediaCache } from './media/cache.js';
import { checkVideoLink } from './media/download.js';
import { makeHealthCheck } from './ops/health.js';
import { type OpsServer, startOpsServer } from './ops/httpServer.js';
import { createMetrics, type Metrics } from './ops/metrics.js';
import { RunComfyClient } from './runcomfy/client.js';
import { openSqliteStorage } from './storage/sqlite/index.js';
import type { Storage } from './storage/storage.js';

export interface AppOptions {
  config: Config;
  logger: Logger;
  clock?: Clock;
  /** Tests: fewer REST retries, a shorter timeout. */
  discordRest?: { retries?: number; timeout?: number };
  /** Tests: faster polling. */
  schedule?: Partial<PollSchedule>;
  /** Tests: first status check after submit. */
  firstPollDelayMs?: number;
  /** Skip registering commands on start. */
  skipRegister?: boolean;
}

export interface App {
  storage: Storage;
  store: JobStore;
  service: JobService;
  poller: Poller;
  bot: DiscordBot;
  messages: JobMessages;
  metrics: Metrics;
  settings: GuildSettingsStore;
  ops: OpsServer | undefined;
  stop(): Promise<void>;
}

export async function startApp(options: AppOptions): Promise<App> {
  const { config, logger } = options;
  const clock = options.clock ?? systemClock;
  const storage = await openSqliteStorage({ path: config.databasePath, logger, now: () => clock.now() });
  const { jobs: store, settings, ledger, showcases } = storage;
  const limiter = new RateLimiter(config.poller.maxRequestsPerSecond, clock);
  await showcases.releaseUnposted();
  const metrics = createMetrics({ countByState: () => store.countByState() });
  const provider = new RunComfyClient({
    baseUrl: config.runcomfy.baseUrl,
    token: config.runcomfy.token,
    logger: logger.child({ part: 'runcomfy' }),
    sleep: (ms) => clock.sleep(ms),
    now: () => clock.now(),
  });
  const service = new JobService({
    store,
    provider,
    clock,
    logger: logger.child({ part: 'jobs' }),
    prices: config.prices,
    limiter,
    onSubmitted: (job) => {
      metrics.recordProviderRequest('submit');
      metrics.recordSubmission(job.state === 'queued' ? 'queued' : job.state === 'outcome_unknown' ? 'outcome_unknown' : 'failed');
      if (job.state !== 'queued' && job.errorKind) metrics.recordProviderError(job.errorKind);
    },
    ...(options.firstPollDelayMs !== undefined ? { firstPollDelayMs: options.firstPollDelayMs } : {}),
  });
  const uploadLimits = new UploadLimits();
  const uploadLimitFor = uploadLimits.limitFor;
  const cache = new MediaCache({ dir: config.media.cacheDir, maxBytes: config.media.cacheMaxBytes });
  // Half-written downloads of a process that was killed; nothing downloads before this.
  await cache
    .removeStrayFiles()
    .then((removed) => removed > 0 && logger.info({ removed }, 'removed stray temporary files from the media cache'))
    .catch((error: unknown) => logger.warn({ err: error }, 'could not clear stray temporary files from the media cache'));

  const bot = new DiscordBot(
    {
      token: config.discord.token,
      apiBaseUrl: config.discord.apiBaseUrl,
      logger: logger.child({ part: 'discord' }),
      ...(options.discordRest ? { rest: options.discordRest } : {}),
    },
    (interaction) => route(interaction),
    metrics.observeAck,
  );
  const poster = new ChannelPoster(bot.client.rest);
  const messages: JobMessages = new JobMessages({
    poster,
    store,
    clock,
    logger: logger.child({ part: 'delivery' }),
    cache,
    download: {
      maxBytes: config.media.downloadMaxBytes,
      timeoutMs: config.media.downloadTimeoutMs,
      allowedOrigins: config.media.allowedOrigins,
    },
    statusEditIntervalMs: config.statusEditIntervalMs,
    uploadLimitFor,
    renderFlags: async (job) => ({
      retried: (await store.retryOf(job.id)) !== undefined,
      showcase: (await settings.get(job.guildId)).showcaseChannelId !== null,
      shared: (await showcases.get(job.id))?.messageId != null,
    }),
    afterDelivered: (job): Promise<void> => showcase.autoShare(job),
  });
  const showcase: Showcase = new Showcase({
    store,
    showcases,
    settings,
    poster,
    cache,
    messages: (): JobMessages => messages,
    download: { timeoutMs: config.media.downloadTimeoutMs, allowedOrigins: config.media.allowedOrigins },
    uploadLimitFor,
    clock,
    logger: logger.child({ part: 'showcase' }),
  });

  const route = createInteractionRouter({
    service,
    store,
    messages,
    poster,
    clock,
    logger,
    admit: makeAdmission({ settings, jobs: store, now: () => clock.now() }),
    settings,
    ledger,
    showcase,
    uploadLimits,
    metrics,
  });

  const poller = new Poller({
    store,
    service,
    provider,
    events: messages,
    clock,
    logger: logger.child({ part: 'poller' }),
    limiter,
    concurrency: config.poller.concurrency,
    maxJobAgeMs: config.poller.maxJobAgeMs,
    ...(options.schedule ? { schedule: options.schedule } : {}),
    isVideo: async (job, videoUrl) => {
      const { result, error } = await checkVideoLink(videoUrl, {
        timeoutMs: config.media.downloadTimeoutMs,
        allowedOrigins: config.media.allowedOrigins,
      });
      if (result === 'not_video') {
        logger.warn({ jobId: job.id, where: error?.where, reason: error?.message }, 'the provider returned something that is not a video');
      }
      return result !== 'not_video';
    },
    onProviderRequest: metrics.recordProviderRequest,
    onProviderError: metrics.recordProviderError,
    onDelivered: (_job, ms) => metrics.observeDelivery(ms),
  });
  service.wake = () => poller.wake();

  await bot.start();
  if (!options.skipRegister) {
    await registerCommands(bot.client.rest, config.discord.applicationId, config.discord.guildId, COMMAND_DEFINITIONS, logger).catch(
      (error: unknown) => logger.error({ err: error }, 'command registration failed; the old commands stay'),
    );
  }
  await poller.start();
  const ops = config.http
    ? await startOpsServer({
        ...config.http,
        metrics,
        logger: logger.child({ part: 'ops' }),
        health: makeHealthCheck({
          ping: () => storage.ping(),
          isGatewayConnected: () => bot.isConnected,
          pollerLastTickAt: () => poller.lastTickAt,
          now: () => clock.now(),
        }),
      })
    : undefined;

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      await ops?.close();
      // Deliveries in flight still need the REST client: drain both sides before closing it.
      await Promise.all([bot.drain(), poller.stop()]);
      messages.stop();
      await bot.destroy();
      await storage.close();
    })();
    return stopping;
  };
  return { storage, store, service, poller, bot, messages, metrics, settings, ops, stop };
}
