/**
 * Configuration, read once from the environment at start and validated, so a bad setting stops
 * the bot with a message naming the variable instead of failing later mid-job.
 */
import { z } from 'zod';
import { DEFAULT_MODEL_ID, MODELS } from './model/models.js';
import { DEFAULT_PRICES, type Prices } from './model/pricing.js';

const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

const number = (fallback: number, opts: { min?: number; max?: number; int?: boolean } = {}) => {
  let schema = z.coerce.number({ error: 'must be a number' });
  if (opts.int) schema = schema.int({ error: 'must be a whole number' });
  if (opts.min !== undefined) schema = schema.min(opts.min, { error: `must be at least ${opts.min}` });
  if (opts.max !== undefined) schema = schema.max(opts.max, { error: `must be at most ${opts.max}` });
  return z.preprocess((v) => (v === '' || v === undefined ? fallback : v), schema);
};

const url = (fallback: string) =>
  z.preprocess(
    (v) => (v === '' || v === undefined ? fallback : v),
    z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).transform((v) => v.replace(/\/+$/, '')),
  );

/** A comma-separated list of http(s) origins; each entry is reduced to `scheme://host:port`. */
const originList = z
  .string()
  .default('')
  .transform((value, ctx) => {
    const origins: string[] = [];
    for (const entry of value
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean)) {
      let url: URL | undefined;
      try {
        url = new URL(entry);
      } catch {
        url = undefined;
      }
      if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
        ctx.addIssue({ code: 'custom', message: `has "${entry.slice(0, 100)}", which is not an http(s) origin` });
        continue;
      }
      origins.push(url.origin);
    }
    return origins;
  });

function isPostgresUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'postgres:' || url.protocol === 'postgresql:') && url.hostname !== '';
  } catch {
    return false;
  }
}

const snowflake = z
  .string()
  .trim()
  .regex(/^\d{5,25}$/, { error: 'must be a Discord id (digits only)' });

/** `DISCORD_SHARD_COUNT`: how many shards the whole bot runs, or `auto` for Discord's recommendation. */
const shardCountSetting = optionalString.transform((value, ctx): number | 'auto' => {
  if (value === undefined || value.toLowerCase() === 'auto') return 'auto';
  if (/^\d+$/.test(value) && Number(value) >= 1) return Number(value);
  ctx.addIssue({ code: 'custom', message: "must be a whole number of shards (1 or more) or 'auto'" });
  return z.NEVER;
});

/** `DISCORD_SHARD_IDS`: the shards this process holds, e.g. `0,1`. */
const shardIdsSetting = optionalString.transform((value, ctx): number[] | undefined => {
  if (value === undefined) return undefined;
  const parts = value.split(',').map((part) => part.trim());
  if (parts.some((part) => !/^\d+$/.test(part))) {
    ctx.addIssue({ code: 'custom', message: 'must be shard ids (0, 1, …) separated by commas, e.g. 0,1' });
    return z.NEVER;
  }
  const ids = parts.map(Number);
  const repeated = ids.find((id, index) => ids.indexOf(id) !== index);
  if (repeated !== undefined) {
    ctx.addIssue({ code: 'custom', message: `lists shard ${repeated} twice` });
    return z.NEVER;
  }
  return ids;
});

const envSchema = z.object({
  DISCORD_TOKEN: z.string({ error: 'is required: the bot token from the Discord developer portal' }).trim().min(1, {
    error: 'is required: the bot token from the Discord developer portal',
  }),
  DISCORD_APPLICATION_ID: z.string({ error: 'is required: the application id from the Discord developer portal' }).pipe(snowflake),
  DISCORD_GUILD_ID: optionalString.pipe(snowflake.optional()),
  DISCORD_API_BASE_URL: url('https://discord.com/api'),
  DISCORD_SHARD_COUNT: shardCountSetting,
  DISCORD_SHARD_IDS: shardIdsSetting,
  RUNCOMFY_API_TOKEN: z.string({ error: 'is required: your RunComfy API token' }).trim().min(1, {
    error: 'is required: your RunComfy API token',
  }),
  RUNCOMFY_API_BASE_URL: url('https://model-api.runcomfy.net'),
  DATABASE_PATH: z.string().trim().min(1).default('./data/bot.db'),
  DATABASE_URL: optionalString.pipe(
    z
      .string()
      // No value in the message: the URL carries the password.
      .refine(isPostgresUrl, { error: 'must be a postgres:// (or postgresql://) URL, like postgres://bot:secret@db:5432/bot' })
      .optional(),
  ),
  MEDIA_CACHE_DIR: z.string().trim().min(1).default('./data/media'),
  MEDIA_CACHE_MAX_MB: number(1024, { min: 1 }),
  DOWNLOAD_MAX_MB: number(200, { min: 1 }),
  DOWNLOAD_TIMEOUT_SECONDS: number(120, { min: 1 }),
  MEDIA_ALLOWED_ORIGINS: originList,
  FFMPEG_PATH: optionalString,
  FFPROBE_PATH: optionalString,
  MEDIA_CONCURRENCY: z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().int().min(1).max(64).optional()),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PRICE_PER_SECOND_USD: number(DEFAULT_PRICES.perSecond, { min: 0 }),
  PRICE_PER_SECOND_WITH_SOUND_USD: number(DEFAULT_PRICES.perSecondWithSound, { min: 0 }),
  // Each other model's price, under the names its definition gives (src/model/models/).
  ...Object.fromEntries(
    MODELS.filter((model) => model.id !== DEFAULT_MODEL_ID).flatMap((model) => [
      [model.priceEnv.perSecond, number(model.prices.perSecond, { min: 0 })],
      [model.priceEnv.perSecondWithSound, number(model.prices.perSecondWithSound, { min: 0 })],
    ]),
  ),
  POLL_CONCURRENCY: number(8, { min: 1, max: 256, int: true }),
  POLL_SCHEDULE: z.enum(['learned', 'fixed']).default('learned'),
  PROVIDER_MAX_REQUESTS_PER_SECOND: number(5, { min: 0.1 }),
  JOB_MAX_AGE_MINUTES: number(30, { min: 1 }),
  POLL_LEASE_SECONDS: number(30, { min: 1 }),
  STATUS_EDIT_INTERVAL_SECONDS: number(10, { min: 1 }),
  HTTP_PORT: z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().int().min(0).max(65535).optional()),
  HTTP_HOST: z.string().trim().min(1).default('127.0.0.1'),
  WEB_PORT: z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().int().min(0).max(65535).optional()),
  WEB_HOST: z.string().trim().min(1).default('127.0.0.1'),
  WEB_PUBLIC_URL: optionalString.pipe(
    z
      .url({ protocol: /^https?$/, error: 'must be the http(s) address members open, like https://videos.example.org' })
      .transform((v) => v.replace(/\/+$/, ''))
      .optional(),
  ),
  DISCORD_CLIENT_SECRET: optionalString,
});

/** The gateway shards this process connects. */
export interface ShardSettings {
  /** Shards of the whole bot: a number every process agrees on, or Discord's recommendation. */
  count: number | 'auto';
  /** This process's shards; undefined: all of them. */
  ids: readonly number[] | undefined;
}

export interface Config {
  discord: {
    token: string;
    applicationId: string;
    guildId: string | undefined;
    apiBaseUrl: string;
    shards: ShardSettings;
    /** Only the process holding shard 0 registers the slash commands (see `holdsShardZero`). */
    registerCommands: boolean;
  };
  runcomfy: { token: string; baseUrl: string };
  databasePath: string;
  /** PostgreSQL instead of the SQLite file at `databasePath` when set; holds the password. */
  databaseUrl: string | undefined;
  media: {
    cacheDir: string;
    cacheMaxBytes: number;
    downloadMaxBytes: number;
    downloadTimeoutMs: number;
    /** Origins a result may be fetched from over http or at a private address (tests, self-hosted mirrors). */
    allowedOrigins: string[];
    /** Another ffmpeg than the one bundled with the `@ffmpeg-installer/ffmpeg` package. */
    ffmpegPath: string | undefined;
    /** Another ffprobe than the one bundled with the `@ffprobe-installer/ffprobe` package. */
    ffprobePath: string | undefined;
    /** ffmpeg runs at once; undefined: one per core. */
    concurrency: number | undefined;
  };
  logLevel: string;
  /** The text-to-video price (the default model's). */
  prices: Prices;
  /** Every model's price, by model id. */
  modelPrices: Record<string, Prices>;
  /** Ids of the models whose price the environment set: these win over the provider's. @defaultValue none */
  configuredPrices?: string[];
  poller: {
    concurrency: number;
    maxRequestsPerSecond: number;
    maxJobAgeMs: number;
    /** How long a claimed job (or a submit) is held before another process, or a restart, may take it. */
    leaseMs: number;
    /** `learned`: ask about a job when its renders usually end; `fixed`: every few seconds. */
    schedule: 'learned' | 'fixed';
  };
  statusEditIntervalMs: number;
  http: { port: number; host: string } | undefined;
  /** The web gallery, when `WEB_PORT` is set; the client secret is a secret like the bot token. */
  web: { port: number; host: string; publicUrl: string; clientSecret: string } | undefined;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: readonly string[]) {
    super(`The bot cannot start; fix these settings (in .env or the environment):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

const MIB = 1024 * 1024;

/**
 * Problems between the two shard settings. With explicit ids the count must be a number: every
 * process has to route guilds with the same count, and Discord's recommendation can change
 * between one process's start and the next.
 */
function shardProblems(count: number | 'auto', ids: readonly number[] | undefined): string[] {
  if (ids === undefined) return [];
  if (count === 'auto') {
    return [
      'DISCORD_SHARD_IDS needs DISCORD_SHARD_COUNT set to a number (not auto): every process must use the same count, and Discord’s recommendation can change between starts',
    ];
  }
  return ids
    .filter((id) => id >= count)
    .map((id) => `DISCORD_SHARD_IDS lists shard ${id}, but DISCORD_SHARD_COUNT is ${count}: shard ids go from 0 to ${count - 1}`);
}

/**
 * Commands are registered by the process holding shard 0: there is always exactly one such shard,
 * and registering is idempotent (a GET and a compare), so a second copy of shard 0 during a
 * rolling restart costs one read and writes nothing.
 */
export function holdsShardZero(shards: ShardSettings): boolean {
  return shards.ids === undefined || shards.ids.includes(0);
}

function modelPricesOf(e: Readonly<Record<string, number>>, defaultModel: Prices): Record<string, Prices> {
  return Object.fromEntries(
    MODELS.map((model) => [
      model.id,
      model.id === DEFAULT_MODEL_ID
        ? defaultModel
        : {
            perSecond: e[model.priceEnv.perSecond] ?? model.prices.perSecond,
            perSecondWithSound: e[model.priceEnv.perSecondWithSound] ?? model.prices.perSecondWithSound,
          },
    ]),
  );
}

/** The gallery is off without `WEB_PORT`; with it, it needs where members reach it and the OAuth2 secret. */
function webProblems(e: {
  WEB_PORT?: number | undefined;
  WEB_PUBLIC_URL?: string | undefined;
  DISCORD_CLIENT_SECRET?: string | undefined;
}): string[] {
  if (e.WEB_PORT === undefined) return [];
  const problems: string[] = [];
  if (e.WEB_PUBLIC_URL === undefined) {
    problems.push(
      'WEB_PORT turns the web gallery on, which needs WEB_PUBLIC_URL: the https address members open (its /auth/callback is the redirect to register in the developer portal)',
    );
  }
  if (e.DISCORD_CLIENT_SECRET === undefined) {
    problems.push(
      'WEB_PORT turns the web gallery on, which needs DISCORD_CLIENT_SECRET: the OAuth2 client secret from the developer portal',
    );
  }
  return problems;
}

export function loadConfig(env: Readonly<Record<string, string | undefined>>): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`));
  }
  const e = parsed.data;
  const shards: ShardSettings = { count: e.DISCORD_SHARD_COUNT, ids: e.DISCORD_SHARD_IDS };
  const conflicts = [...shardProblems(shards.count, shards.ids), ...webProblems(e)];
  if (conflicts.length) throw new ConfigError(conflicts);
  return {
    discord: {
      token: e.DISCORD_TOKEN,
      applicationId: e.DISCORD_APPLICATION_ID,
      guildId: e.DISCORD_GUILD_ID,
      apiBaseUrl: e.DISCORD_API_BASE_URL,
      shards,
      registerCommands: holdsShardZero(shards),
    },
    runcomfy: { token: e.RUNCOMFY_API_TOKEN, baseUrl: e.RUNCOMFY_API_BASE_URL },
    databasePath: e.DATABASE_PATH,
    databaseUrl: e.DATABASE_URL,
    media: {
      cacheDir: e.MEDIA_CACHE_DIR,
      cacheMaxBytes: Math.round(e.MEDIA_CACHE_MAX_MB * MIB),
      downloadMaxBytes: Math.round(e.DOWNLOAD_MAX_MB * MIB),
      downloadTimeoutMs: e.DOWNLOAD_TIMEOUT_SECONDS * 1000,
      allowedOrigins: e.MEDIA_ALLOWED_ORIGINS,
      ffmpegPath: e.FFMPEG_PATH,
      ffprobePath: e.FFPROBE_PATH,
      concurrency: e.MEDIA_CONCURRENCY,
    },
    logLevel: e.LOG_LEVEL,
    prices: { perSecond: e.PRICE_PER_SECOND_USD, perSecondWithSound: e.PRICE_PER_SECOND_WITH_SOUND_USD },
    modelPrices: modelPricesOf(e as unknown as Record<string, number>, {
      perSecond: e.PRICE_PER_SECOND_USD,
      perSecondWithSound: e.PRICE_PER_SECOND_WITH_SOUND_USD,
    }),
    configuredPrices: MODELS.filter((model) =>
      [model.priceEnv.perSecond, model.priceEnv.perSecondWithSound].some((name) => (env[name] ?? '').trim() !== ''),
    ).map((model) => model.id),
    poller: {
      concurrency: e.POLL_CONCURRENCY,
      maxRequestsPerSecond: e.PROVIDER_MAX_REQUESTS_PER_SECOND,
      maxJobAgeMs: e.JOB_MAX_AGE_MINUTES * 60_000,
      leaseMs: Math.round(e.POLL_LEASE_SECONDS * 1000),
      schedule: e.POLL_SCHEDULE,
    },
    statusEditIntervalMs: e.STATUS_EDIT_INTERVAL_SECONDS * 1000,
    http: e.HTTP_PORT === undefined ? undefined : { port: e.HTTP_PORT, host: e.HTTP_HOST },
    web:
      e.WEB_PORT === undefined || e.WEB_PUBLIC_URL === undefined || e.DISCORD_CLIENT_SECRET === undefined
        ? undefined
        : { port: e.WEB_PORT, host: e.WEB_HOST, publicUrl: e.WEB_PUBLIC_URL, clientSecret: e.DISCORD_CLIENT_SECRET },
  };
}
