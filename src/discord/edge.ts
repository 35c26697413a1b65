/**
 * The Discord adapter put together: the client, the REST poster, delivery, the showcase and the
 * interaction router, subscribed to the core's events. `app.ts` hands in the core's parts; nothing
 * here is reached by assignment after construction.
 */
import type { Logger } from 'pino';
import { makeAdmission } from '../community/admission.js';
import type { GuildFactsStore } from '../community/guildFacts.js';
import type { GuildSettingsStore } from '../community/guildSettings.js';
import type { MemberPreferencesStore } from '../community/memberPreferences.js';
import type { PictureFormStore } from '../community/pictureForms.js';
import type { ShowcaseStore } from '../community/showcaseStore.js';
import type { SpendLedger } from '../community/spendLedger.js';
import type { Config } from '../config.js';
import type { Clock } from '../jobs/clock.js';
import type { CoordinationStore } from '../jobs/coordination.js';
import type { JobEventBus } from '../jobs/events.js';
import type { JobService } from '../jobs/jobService.js';
import type { JobStore } from '../jobs/jobStore.js';
import type { MediaCache } from '../media/cache.js';
import type { FfmpegRunner } from '../media/ffmpeg.js';
import type { UploadFitter } from '../media/uploadFitter.js';
import type { Metrics } from '../ops/metrics.js';
import { ChannelPoster } from './channelPoster.js';
import type { HandlerDeps } from './context.js';
import { DirectDelivery } from './directDelivery.js';
import { DiscordBot } from './discordBot.js';
import { Extensions } from './extensions.js';
import { Gifs } from './gifs.js';
import { JobMessages } from './jobMessages.js';
import { renderFlagsFrom } from './renderFlags.js';
import { createInteractionRouter } from './router.js';
import { ServerFacts } from './serverFacts.js';
import { ServerLanguages } from './serverLanguages.js';
import { Showcase } from './showcase.js';
import type { SourceImages } from './sourceImages.js';
import { DEFAULT_UPLOAD_LIMIT } from './uploadLimits.js';
import { createWebRemix, type WebRemixRequest, type WebRemixResult } from './webRemix.js';

/** The core's ports the edge reads and asks through; whichever database holds them is the wiring's business. */
export interface EdgeStores {
  jobs: JobStore;
  settings: GuildSettingsStore;
  ledger: SpendLedger;
  showcases: ShowcaseStore;
  preferences: MemberPreferencesStore;
  pictureForms: PictureFormStore;
  guildFacts: GuildFactsStore;
  coordination: CoordinationStore;
}

export interface DiscordEdgeDeps {
  config: Pick<Config, 'discord' | 'media' | 'statusEditIntervalMs'>;
  storage: EdgeStores;
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
  /** Reads the pictures jobs start from, and renews their links. */
  images: Pick<SourceImages, 'read' | 'fresh'>;
  /** Brings a video over a server's upload limit under it. */
  fitter?: UploadFitter;
  /** The one runner of ffmpeg (GIFs). */
  ffmpeg: FfmpegRunner;
}

export interface DiscordEdge {
  bot: DiscordBot;
  messages: JobMessages;
  /** Shares to the showcase and takes deleted videos down: the buttons' rules, for the web gallery too. */
  showcase: Showcase;
  /** Remix from the web gallery, under the Remix button's rules. */
  remix: (request: WebRemixRequest) => Promise<WebRemixResult>;
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
  // What interactions tell of each server, stored so that a process without its shard knows it too.
  const serverFacts = new ServerFacts(storage.guildFacts, logger.child({ part: 'discord' }), (guildId) =>
    bot.client.guilds.cache.get(guildId),
  );
  const { uploadLimitFor } = serverFacts;
  const { media } = config;
  const download = { maxBytes: media.downloadMaxBytes, timeoutMs: media.downloadTimeoutMs, allowedOrigins: media.allowedOrigins };
  // Public messages follow the server's language, read when each message is drawn.
  const serverLanguages = new ServerLanguages(settings, serverFacts.localeOf);
  const { languageFor } = serverLanguages;
  const deliveryLog = logger.child({ part: 'delivery' });
  const extensions = new Extensions({ runner: deps.ffmpeg, cache, store, download, logger: logger.child({ part: 'extend' }) });
  const messages = new JobMessages({
    poster,
    store,
    jobs: service,
    clock,
    logger: deliveryLog,
    cache,
    download,
    statusEditIntervalMs: config.statusEditIntervalMs,
    uploadLimitFor,
    renderFlags: renderFlagsFrom({ store, settings, showcases }),
    languageFor,
    imageLinks: deps.images,
    ...(deps.fitter ? { fitter: deps.fitter } : {}),
    extensions,
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
    languageFor,
    imageLinks: deps.images,
    logger: logger.child({ part: 'showcase' }),
  });
  events.on('job.progress', ({ job }) => messages.progress(job));
  // Best effort: the final message is out, so a failure here must not re-post it.
  events.on('job.delivered', ({ job }) =>
    showcase.autoShare(job).catch((err: unknown) => deliveryLog.warn({ err, jobId: job.id }, 'after-delivery step failed')),
  );
  const directDelivery = new DirectDelivery({
    store,
    poster,
    preferences: storage.preferences,
    cache,
    download,
    maxBytes: Math.min(DEFAULT_UPLOAD_LIMIT, media.downloadMaxBytes),
    serverName: serverFacts.nameOf,
    logger: deliveryLog,
  });
  events.on('job.delivered', ({ job }) => directDelivery.send(job));
  const gifs = new Gifs({
    runner: deps.ffmpeg,
    cache,
    poster,
    download,
    uploadLimitFor,
    languageFor,
    logger: logger.child({ part: 'gif' }),
  });
  const admit = makeAdmission({ settings, jobs: store, now: () => clock.now() });
  const handlerDeps: HandlerDeps = {
    ...{ service, store, messages, poster, clock, logger, admit, settings, ledger, showcase, gifs, extensions },
    publicLanguage: languageFor,
    preferences: storage.preferences,
    images: deps.images,
    pictureForms: storage.pictureForms,
  };
  const route = createInteractionRouter({ ...handlerDeps, serverFacts, metrics });
  const remix = createWebRemix({ ...handlerDeps, logger: logger.child({ part: 'web-remix' }) }, (channelId) => {
    // The gateway's cache knows the channel's type (whether a thread can hang off the card).
    const channel = bot.client.channels.cache.get(channelId);
    return { id: channelId, type: channel?.type, parentId: channel?.isThread() ? channel.parentId : null };
  });
  return { bot, messages, showcase, remix, start: () => bot.start(route) };
}
