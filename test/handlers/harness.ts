/**
 * Handler deps on a real SQLite file in a temp folder, the real job service and showcase, a
 * provider that answers in process, and a poster that records what would go to Discord.
 */

import { type APIMessage, type APIThreadChannel, DiscordAPIError } from 'discord.js';
import pino from 'pino';
import { makeAdmission } from '../../src/community/admission.js';
import type { HandlerDeps, Poster } from '../../src/discord/context.js';
import { Extensions } from '../../src/discord/extensions.js';
import { Gifs } from '../../src/discord/gifs.js';
import type { MemberInput } from '../../src/discord/handler.js';
import type { JobMessages } from '../../src/discord/jobMessages.js';
import { Showcase } from '../../src/discord/showcase.js';
import type { Clock } from '../../src/jobs/clock.js';
import type { Job } from '../../src/jobs/job.js';
import { JobService } from '../../src/jobs/jobService.js';
import type { VideoProvider } from '../../src/jobs/provider.js';
import { MediaCache } from '../../src/media/cache.js';
import { FfmpegRunner, resolveFfmpegBinaries } from '../../src/media/ffmpeg.js';
import { DEFAULT_PRICES } from '../../src/model/pricing.js';
import { parseVideoInput } from '../../src/model/videoInput.js';
import { openSqliteStorage, type SqliteStorage } from '../../src/storage/sqlite/index.js';
import { makePng } from '../../testkit/images.js';
import { makeTempDir } from '../../testkit/world/tempDir.js';

export const GUILD = '500000000000000001';
export const CHANNEL = '500000000000000002';
export const OWNER = '500000000000000003';
export const OTHER = '500000000000000004';
export const MOD = '500000000000000005';

export interface Posted {
  channelId: string;
  body: unknown;
}

export interface Harness {
  deps: HandlerDeps;
  storage: SqliteStorage;
  posted: Posted[];
  deleted: { channelId: string; messageId: string }[];
  refreshed: Job[];
  submits: Record<string, unknown>[];
  clock: Clock & { advance(ms: number): void };
  /** Fails the next post with this Discord error code. */
  failNextPost(code: number, status?: number): void;
  member(userId?: string, overrides?: Partial<MemberInput>): MemberInput;
  /** A job written straight through the store, as admission would write it. */
  job(overrides?: { userId?: string; prompt?: string }): Promise<Job>;
  close(): Promise<void>;
}

export async function makeHarness(provider: Partial<VideoProvider> = {}): Promise<Harness> {
  const temp = makeTempDir('handlers-');
  let now = Date.UTC(2025, 5, 1, 12, 0, 0);
  const clock = {
    now: () => now,
    sleep: async (ms: number) => {
      now += ms;
    },
    advance: (ms: number) => {
      now += ms;
    },
  } as Clock & { advance(ms: number): void };
  const logger = pino({ level: 'silent' });
  const storage = await openSqliteStorage({ path: temp.file('bot.db'), logger, now: () => now });
  const posted: Posted[] = [];
  const deleted: { channelId: string; messageId: string }[] = [];
  const refreshed: Job[] = [];
  const submits: Record<string, unknown>[] = [];
  let nextId = 700000000000000000n;
  let failure: { code: number; status: number } | undefined;
  const id = () => String(nextId++);
  const poster: Poster = {
    post: async (channelId, body) => {
      if (failure) {
        const { code, status } = failure;
        failure = undefined;
        throw new DiscordAPIError({ code, message: 'refused' }, code, status, 'POST', `/channels/${channelId}/messages`, {});
      }
      posted.push({ channelId, body });
      return { id: id(), channel_id: channelId } as APIMessage;
    },
    startThread: async () => ({ id: id() }) as APIThreadChannel,
    delete: async (channelId, messageId) => void deleted.push({ channelId, messageId }),
    rename: async () => {},
    unarchive: async () => {},
    fetchMessage: async (channelId, messageId) => ({ id: messageId, channel_id: channelId, attachments: [] }) as unknown as APIMessage,
  };
  const service = new JobService({
    store: storage.jobs,
    clock,
    logger,
    prices: DEFAULT_PRICES,
    firstPollDelayMs: 1000,
    provider: {
      submit: async (body) => {
        submits.push({ ...body });
        return { requestId: `req-${submits.length}` };
      },
      status: async () => ({ status: 'in_queue', rawStatus: 'in_queue' }),
      result: async () => ({ status: 'in_queue' }),
      cancel: async () => ({ outcome: 'cancelled' }),
      ...provider,
    },
  });
  const messages: Pick<JobMessages, 'refreshStatus' | 'removeTake'> = {
    refreshStatus: async (job) => void refreshed.push(job),
    // No takes in these tests: a job alone never reaches it.
    removeTake: async () => true,
  };
  const cache = new MediaCache({ dir: temp.file('cache'), maxBytes: 10_000_000 });
  const showcase = new Showcase({
    store: storage.jobs,
    showcases: storage.showcases,
    settings: storage.settings,
    poster,
    cache,
    messages,
    download: { timeoutMs: 1000, allowedOrigins: ['http://127.0.0.1'] },
    uploadLimitFor: async () => 10_000_000,
    clock,
    logger,
    languageFor: async () => 'en',
  });
  const gifs = new Gifs({
    runner: new FfmpegRunner({ binaries: resolveFfmpegBinaries() }),
    cache,
    poster,
    download: { maxBytes: 10_000_000, timeoutMs: 1000, allowedOrigins: ['http://127.0.0.1'] },
    uploadLimitFor: async () => 10_000_000,
    logger,
    languageFor: async () => 'en',
  });
  const deps: HandlerDeps = {
    service,
    store: storage.jobs,
    messages,
    poster,
    clock,
    logger,
    admit: makeAdmission({ settings: storage.settings, jobs: storage.jobs, now: () => now }),
    settings: storage.settings,
    ledger: storage.ledger,
    showcase,
    gifs,
    extensions: new Extensions({
      runner: new FfmpegRunner({ binaries: resolveFfmpegBinaries() }),
      cache,
      store: storage.jobs,
      download: { maxBytes: 10_000_000, timeoutMs: 1000, allowedOrigins: ['http://127.0.0.1'] },
      logger,
    }),
    publicLanguage: async (guildId) => (await storage.settings.get(guildId)).language ?? 'en',
    preferences: storage.preferences,
    images: { read: async () => ({ bytes: makePng(640, 360), contentType: 'image/png' }) },
    pictureForms: storage.pictureForms,
  };
  return {
    deps,
    storage,
    posted,
    deleted,
    refreshed,
    submits,
    clock,
    failNextPost: (code, status = 403) => {
      failure = { code, status };
    },
    member: (userId = OWNER, overrides = {}) => ({
      guildId: GUILD,
      userId,
      roleIds: [],
      isModerator: userId === MOD,
      channel: { id: CHANNEL, type: 0, parentId: null },
      ...overrides,
    }),
    job: (overrides = {}) =>
      service.create(
        { guildId: GUILD, channelId: CHANNEL, userId: overrides.userId ?? OWNER },
        parseVideoInput({ prompt: overrides.prompt ?? 'a paper boat on a rainy street', duration: 5 }),
      ),
    close: async () => {
      await storage.close();
      temp.remove();
    },
  };
}

/** Counts the defers a handler asked for. */
export function countingAck(): { defer(): Promise<void>; count: number } {
  const ack = {
    count: 0,
    defer: async () => {
      ack.count++;
    },
  };
  return ack;
}
