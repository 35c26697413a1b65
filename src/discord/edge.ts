/**
 * The Discord adapter put together: the client, the REST poster, delivery, the showcase and the
 * interaction router, subscribed to the core's events. `app.ts` hands in the core's parts; nothing
 * here is reached by assignment after construction.
 */
import type { Logger } from 'pino';
import { makeAdmission } from '../community/admission.js';
import type { Config } from '../config.js';
import type { Clock } from '../jobs/clock.js';
import type { JobEventBus } from '../jobs/events.js';
import type { JobService } from '../jobs/jobService.js';
import type { MediaCache } from '../media/cache.js';
import type { Metrics } from '../ops/metrics.js';
import type { Storage } from '../storage/storage.js';
import { ChannelPoster } from './channelPoster.js';
import { DiscordBot } from './discordBot.js';
import { JobMessages } from './jobMessages.js';
import { renderFlagsFrom } from './renderFlags.js';
import { createInteractionRouter } from './router.js';
import { Showcase } from './showcase.js';
import { UploadLimits } from './uploadLimits.js';

export interface DiscordEdgeDeps {
  config: Pick<Config, 'discord' | 'media' | 'statusEditIntervalMs'>;
  storage: Storage;
  service: JobService;
  events: JobEventBus;
  metrics: Metrics;
  cache: MediaCache;
  clock: Clock;
  logger: Logger;
  /** This process, in interaction claims. */
  owner: string;
  /** Tests: fewer REST retries, a shorter timeout. */
  rest?: { retries?: number; timeout?: number };
}

export interface DiscordEdge {
  bot: DiscordBot;
  messages: JobMessages;
  /** Connects to the gateway and starts taking interactions. */
  start(): Promise<void>;
}

export function createDiscordEdge(deps: DiscordEdgeDeps): DiscordEdge {
  const { config, storage, service, events, metrics, cache, clock, logger, owner } = deps;
  const { jobs: store, settings, ledger, showcases } = storage;
  // Claimed by id on SQLite too: two processes on one file during a rolling restart both receive it.
  const claimInteraction = (interactionId: string) => storage.coordination.claimInteraction(interactionId, owner, clock.now());
  const rest = deps.rest ? { rest: deps.rest } : {};
  const bot = new DiscordBot(
    { ...config.discord, logger: logger.child({ part: 'discord' }), claimInteraction, ...rest },
    metrics.observeAck,
  );
  const poster = new ChannelPoster(bot.client.rest);
  const uploadLimits = new UploadLimits();
  const uploadLimitFor = uploadLimits.limitFor;
  const { media } = config;
  const download = { maxBytes: media.downloadMaxBytes, timeoutMs: media.downloadTimeoutMs, allowedOrigins: media.allowedOrigins };
  const deliveryLog = logger.child({ part: 'delivery' });
  const messages = new JobMessages({
    poster,
    store,
    clock,
    logger: deliveryLog,
    cache,
    download,
    statusEditIntervalMs: config.statusEditIntervalMs,
    uploadLimitFor,
    renderFlags: renderFlagsFrom({ store, settings, showcases }),
  });
  const showcase = new Showcase({
    store,
    showcases,
    settings,
    poster,
    cache,
    messages,
    download,
    uploadLimitFor,
    clock,
    logger: logger.child({ part: 'showcase' }),
  });
  events.on('job.progress', ({ job }) => messages.progress(job));
  // Best effort: the final message is out, so a failure here must not re-post it.
  events.on('job.delivered', ({ job }) =>
    showcase.autoShare(job).catch((err: unknown) => deliveryLog.warn({ err, jobId: job.id }, 'after-delivery step failed')),
  );
  const admit = makeAdmission({ settings, jobs: store, now: () => clock.now() });
  const route = createInteractionRouter({
    ...{ service, store, messages, poster, clock, logger, admit, settings, ledger, showcase },
    uploadLimits,
    metrics,
  });
  return { bot, messages, start: () => bot.start(route) };
}
