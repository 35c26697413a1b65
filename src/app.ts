/**
 * Wiring: every part made from the config, in dependency order, and handed what it needs.
 * `main.ts` calls this with the environment; tests and the demo call it with loopback addresses.
 */
import { join } from 'node:path';
import type { Logger } from 'pino';
import { COMMAND_DEFINITIONS } from './commandList.js';
import { lineOfSettings } from './community/admission.js';
import type { GuildSettingsStore } from './community/guildSettings.js';
import type { Config } from './config.js';
import type { DiscordBot } from './discord/discordBot.js';
import { createDiscordEdge } from './discord/edge.js';
import type { JobMessages } from './discord/jobMessages.js';
import { registerCommands } from './discord/registerCommands.js';
import { createSourceImages } from './discord/sourceImages.js';
import { type Clock, systemClock } from './jobs/clock.js';
import { JobEventBus } from './jobs/events.js';
import { JobService } from './jobs/jobService.js';
import type { JobStore } from './jobs/jobStore.js';
import { newLeaseOwner } from './jobs/jobStore.js';
import { LeaseKeeper } from './jobs/leases.js';
import { Poller } from './jobs/poller.js';
import { ProviderPrices } from './jobs/providerPrices.js';
import { providerLimiter } from './jobs/rateLimiter.js';
import type { PollSchedule } from './jobs/schedule.js';
import { clearStrayFiles, MediaCache } from './media/cache.js';
import { makeVideoCheck } from './media/download.js';
import { FfmpegRunner, resolveFfmpegBinaries } from './media/ffmpeg.js';
import { PosterFrames } from './media/posters.js';
import { UploadFitter } from './media/uploadFitter.js';
import { largestImageBytes, MODELS } from './model/models.js';
import { makeHealthCheck } from './ops/health.js';
import { type OpsServer, startOpsServer } from './ops/httpServer.js';
import { createMetrics, type Metrics, subscribeMetrics } from './ops/metrics.js';
import { RunComfyClient } from './runcomfy/client.js';
import { openStorage } from './storage/open.js';
import type { Storage } from './storage/storage.js';
import { DiscordApi } from './web/discordApi.js';
import type { PosterSource } from './web/posters.js';
import { startWebServer, type WebServer } from './web/server.js';

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
  /** Where the web gallery's poster frames come from. @defaultValue none: placeholders */
  posters?: PosterSource;
}

/** How often the provider's prices are read again. */
const PRICE_REFRESH_MS = 24 * 60 * 60 * 1000;

export interface App {
  storage: Storage;
  store: JobStore;
  service: JobService;
  poller: Poller;
  bot: DiscordBot;
  messages: JobMessages;
  metrics: Metrics;
  settings: GuildSettingsStore;
  events: JobEventBus;
  ops: OpsServer | undefined;
  /** The web gallery, when `WEB_PORT` is set. */
  web: WebServer | undefined;
  /** The one runner of ffmpeg and ffprobe. */
  media: FfmpegRunner;
  stop(): Promise<void>;
}

export async function startApp(options: AppOptions): Promise<App> {
  const { config, logger } = options;
  const clock = options.clock ?? systemClock;
  const media = config.media;
  const { leaseMs } = config.poller;
  const ffmpeg = new FfmpegRunner({
    binaries: resolveFfmpegBinaries(media),
    ...(media.concurrency === undefined ? {} : { concurrency: media.concurrency }),
  });
  // Before anything else: a missing or broken binary is named now (FfmpegMissing carries the
  // path), not when a member's first large video would need it.
  const versions = await ffmpeg.check();
  logger.info({ ffmpeg: versions.ffmpeg, concurrency: ffmpeg.concurrency }, 'ffmpeg found');
  const storage = await openStorage({ ...config, leaseMs }, logger, () => clock.now());
  /** This process, in leases and interaction claims. */
  const owner = newLeaseOwner();
  const { jobs: store, settings, showcases } = storage;
  await showcases.releaseUnposted();
  const events = new JobEventBus((err, name) => logger.warn({ err, event: name }, 'a job event listener failed'));
  const metrics = createMetrics({ countByState: () => store.countByState() });
  subscribeMetrics(events, metrics);
  // Several processes may share a PostgreSQL database and one provider token, so one rate.
  const onFallback = (err: unknown) =>
    logger.warn({ err }, 'could not reserve a provider slot in the database; using this process’s own rate');
  const sharedRate = config.databaseUrl === undefined ? undefined : { slots: storage.coordination, onFallback };
  const limiter = providerLimiter(config.poller.maxRequestsPerSecond, clock, sharedRate);
  const provider = new RunComfyClient({
    ...config.runcomfy,
    logger: logger.child({ part: 'runcomfy' }),
    sleep: (ms) => clock.sleep(ms),
    now: () => clock.now(),
  });
  const first = options.firstPollDelayMs === undefined ? {} : { firstPollDelayMs: options.firstPollDelayMs };
  const sourceImages = createSourceImages({
    discord: config.discord,
    ...(options.discordRest ? { rest: options.discordRest } : {}),
    now: () => clock.now(),
    // One byte over the largest picture a model takes, so a bigger one is told as too large.
    download: { maxBytes: largestImageBytes() + 1, timeoutMs: media.downloadTimeoutMs, allowedOrigins: media.allowedOrigins },
    logger: logger.child({ part: 'images' }),
  });
  // One heartbeat for the process: the poller's claims and the submits the chat layer runs.
  const leases = new LeaseKeeper({ store, owner, clock, logger: logger.child({ part: 'leases' }), leaseMs });
  const service = new JobService({
    store,
    leases,
    provider,
    clock,
    logger: logger.child({ part: 'jobs' }),
    prices: config.prices,
    modelPrices: config.modelPrices,
    imageLinks: sourceImages,
    limiter,
    events,
    ...first,
  });
  const cache = new MediaCache({ dir: media.cacheDir, maxBytes: media.cacheMaxBytes });
  // The gallery's grid: a frame of each video the bot holds, made once by the one ffmpeg runner.
  const posterFrames = new PosterFrames({ runner: ffmpeg, dir: join(media.cacheDir, 'posters'), videoOf: (jobId) => cache.get(jobId) });
  await clearStrayFiles(cache, logger); // before anything downloads into the folder

  const fitter = new UploadFitter({
    runner: ffmpeg,
    cache,
    onFailure: (jobId, err) => logger.warn({ err, jobId }, 'could not fit the video under the upload limit; posting the link'),
  });
  const edge = createDiscordEdge({
    ...{ config, storage, service, events, metrics, cache, clock, logger, owner, images: sourceImages, fitter, ffmpeg },
    ...(options.discordRest ? { rest: options.discordRest } : {}),
  });
  const { bot, messages } = edge;

  const isVideo = makeVideoCheck({ timeoutMs: media.downloadTimeoutMs, allowedOrigins: media.allowedOrigins }, logger);
  const { concurrency, maxJobAgeMs } = config.poller;
  const schedule = options.schedule ? { schedule: options.schedule } : {};
  const poller = new Poller({
    store,
    service,
    provider,
    delivery: messages,
    events,
    clock,
    logger: logger.child({ part: 'poller' }),
    limiter,
    concurrency,
    maxJobAgeMs,
    leaseMs,
    leases,
    isVideo,
    learn: config.poller.schedule === 'learned',
    line: { limitsFor: async (guildId) => lineOfSettings(await settings.get(guildId)) },
    ...schedule,
  });

  await edge.start();
  if (!options.skipRegister && config.discord.registerCommands) {
    await registerCommands(bot.client.rest, config.discord.applicationId, config.discord.guildId, COMMAND_DEFINITIONS, logger).catch(
      (error: unknown) => logger.error({ err: error }, 'command registration failed; the old commands stay'),
    );
  }
  await poller.start();
  const health = makeHealthCheck({
    ping: () => storage.ping(),
    isGatewayConnected: () => bot.isConnected,
    pollerLastTickAt: () => poller.lastTickAt,
    now: () => clock.now(),
  });
  const ops = config.http ? await startOpsServer({ ...config.http, metrics, logger: logger.child({ part: 'ops' }), health }) : undefined;

  const web = config.web
    ? await startWebServer({
        ...config.web,
        api: new DiscordApi({
          apiBaseUrl: config.discord.apiBaseUrl,
          botToken: config.discord.token,
          applicationId: config.discord.applicationId,
          clientSecret: config.web.clientSecret,
        }),
        gallery: storage.gallery,
        sessions: storage.webSessions,
        settings,
        markDeleted: (job) => service.markDeleted(job),
        actions: {
          share: (job, sharedBy) => edge.showcase.share(job, sharedBy),
          takeDown: (marked) => edge.showcase.takeDown(marked),
          remix: edge.remix,
        },
        posters: options.posters ?? { poster: (job) => posterFrames.poster(job.id) },
        videoFiles: { file: (job) => cache.get(job.id) },
        models: MODELS.map((model) => ({ id: model.id, name: model.name, tier: model.tier })),
        logger: logger.child({ part: 'web' }),
        now: () => clock.now(),
      })
    : undefined;

  // Prices from the provider when it says so: at start (not awaited: a slow answer must not hold
  // the bot back) and daily; a configured price wins.
  const providerPrices = new ProviderPrices({
    // Under the same rate cap as every other provider call.
    source: {
      modelPrice: async (path) => {
        await limiter.take();
        return provider.modelPrice(path);
      },
    },
    models: MODELS,
    configured: new Set(config.configuredPrices ?? []),
    current: (modelId) => service.pricesOf(modelId),
    apply: (modelId, prices) => service.useProviderPrices(modelId, prices),
    logger: logger.child({ part: 'prices' }),
  });
  const readPrices = () => providerPrices.refresh().catch((error: unknown) => logger.warn({ err: error }, 'reading prices failed'));
  void readPrices();
  const priceTimer = setInterval(readPrices, PRICE_REFRESH_MS);
  priceTimer.unref();

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      clearInterval(priceTimer);
      await ops?.close();
      await web?.close();
      // Deliveries in flight still need the REST client: drain both sides before closing it.
      await Promise.all([bot.drain(), poller.stop()]);
      await messages.stop();
      await bot.destroy();
      await storage.close();
    })();
    return stopping;
  };
  return { storage, store, service, poller, bot, messages, metrics, settings, events, ops, web, media: ffmpeg, stop };
}
