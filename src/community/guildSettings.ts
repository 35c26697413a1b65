/**
 * A server's settings, written once as a zod schema with defaults. A server that never changed
 * anything has no row and gets the defaults; a row written by an older bot gets defaults for the
 * fields it lacks.
 */
import { z } from 'zod';
import { ProblemsError, type ValueProblem, valueProblemOf } from '../model/problemsError.js';
import { DEFAULT_TIER, TIERS, type Tier } from '../model/tiers.js';
import { normalizeForMatching } from './blockedPhrases.js';
import { LANGUAGES } from './languages.js';

export const BLOCKED_PHRASE_MAX_CHARS = 100;
export const BLOCKED_PHRASES_MAX = 100;
export const MAX_CONCURRENT_PER_MEMBER_LIMIT = 20;
export const MAX_CONCURRENT_PER_SERVER_LIMIT = 100;
export const MAX_WAITING_PER_MEMBER_LIMIT = 50;
/** A day: a job waiting longer than that is better asked for again. */
export const MAX_WAIT_MINUTES_LIMIT = 24 * 60;

/** An extension is at least the shortest video, 3 s, onto at least as much. */
export const EXTEND_MAX_SECONDS_MIN = 6;
/** Ten minutes: beyond that, a joined video no longer fits any upload limit. */
export const EXTEND_MAX_SECONDS_LIMIT = 600;

/** Discord ids are decimal snowflakes; anything else would render as a broken mention. */
const discordId = z.string().regex(/^\d{1,20}$/);

export const guildSettingsSchema = z.object({
  /** Where shared videos are posted; null turns sharing off. */
  showcaseChannelId: discordId.nullable().default(null),
  /** Channels (or their threads) where videos may be made; empty means everywhere. */
  allowedChannelIds: z.array(discordId).default([]),
  /** A role a member needs to make videos; null means anyone. */
  requiredRoleId: discordId.nullable().default(null),
  /** Words or phrases refused in any prompt, matched as whole words after normalisation. */
  blockedPhrases: z
    .array(
      z
        .string()
        .trim()
        .min(1)
        .max(BLOCKED_PHRASE_MAX_CHARS)
        .refine((phrase) => phrase.length === 0 || normalizeForMatching(phrase).length > 0, {
          // The chat layer words it from this fact; the message is for developers only.
          params: { problem: 'no_letters' },
          message: 'no letters or digits',
        }),
    )
    .max(BLOCKED_PHRASES_MAX)
    .default([]),
  /** Post every finished video to the showcase channel without anyone pressing Share. */
  autoShare: z.boolean().default(false),
  /** Videos one member may have in progress at once. */
  maxConcurrentPerMember: z.number().int().min(1).max(MAX_CONCURRENT_PER_MEMBER_LIMIT).default(2),
  /** Videos the whole server may have at the provider at once; more wait in the line. */
  maxConcurrentPerServer: z.number().int().min(1).max(MAX_CONCURRENT_PER_SERVER_LIMIT).default(4),
  /** Videos one member may have waiting in the line; 0 turns the line off (over a limit is refused). */
  maxWaitingPerMember: z.number().int().min(0).max(MAX_WAITING_PER_MEMBER_LIMIT).default(5),
  /** Minutes a video may wait in the line before it is cancelled (unbilled). */
  maxWaitMinutes: z.number().int().min(1).max(MAX_WAIT_MINUTES_LIMIT).default(120),
  /** USD one member may spend per UTC day; null means no limit. */
  dailyBudgetPerMemberUsd: z.number().min(0).nullable().default(5),
  /** USD the whole server may spend per UTC day; null means no limit. */
  dailyBudgetPerServerUsd: z.number().min(0).nullable().default(50),
  /** The longest video Extend may make, its first part and every extension together, in seconds. */
  extendMaxSeconds: z.number().int().min(EXTEND_MAX_SECONDS_MIN).max(EXTEND_MAX_SECONDS_LIMIT).default(60),
  /** The language of public messages (status card, final message, showcase); null follows the server's Discord language. */
  language: z.enum(LANGUAGES).nullable().default(null),
  /** The quality tiers members may use; at least one, and the default among them. */
  allowedTiers: z
    .array(z.enum(TIERS))
    .min(1)
    .transform((tiers) => TIERS.filter((tier) => tiers.includes(tier)))
    .default([...TIERS]),
  /** The tier a video takes when its member names none and prefers none this server allows. */
  defaultTier: z.enum(TIERS).default(DEFAULT_TIER),
});

export type GuildSettings = z.output<typeof guildSettingsSchema>;

export const DEFAULT_GUILD_SETTINGS: Readonly<GuildSettings> = Object.freeze(guildSettingsSchema.parse({}));

/** The settings' keys, for reading a stored row field by field. */
const SETTING_KEYS = Object.keys(guildSettingsSchema.shape) as (keyof GuildSettings)[];

function isSettingKey(key: PropertyKey | undefined): key is keyof GuildSettings {
  return typeof key === 'string' && (SETTING_KEYS as string[]).includes(key);
}

/**
 * Why settings were refused, as facts: the setting, the item of a list setting (from 1), the rule
 * and its limit. The chat layer words it for the moderator.
 */
export type SettingsProblem =
  | (ValueProblem & { field: keyof GuildSettings; item?: number })
  /** A blocked phrase with no letters or digits could never match anything. */
  | { code: 'no_letters'; field: 'blockedPhrases'; item: number }
  | { code: 'unknown_settings'; fields: readonly string[] }
  /** The default tier must be one members may use. */
  | { code: 'default_tier_not_allowed'; field: 'defaultTier'; tier: Tier; allowed: readonly Tier[] };

export class InvalidSettingsError extends ProblemsError<SettingsProblem> {
  override readonly name = 'InvalidSettingsError';
  constructor(problems: readonly SettingsProblem[]) {
    super('settings', problems);
  }
}

function settingsProblemOf(issue: z.core.$ZodIssue, value: unknown): SettingsProblem {
  if (issue.code === 'unrecognized_keys') return { code: 'unknown_settings', fields: issue.keys };
  const [field, index] = issue.path;
  if (!isSettingKey(field)) return { code: 'unknown_settings', fields: [String(field)] };
  const item = typeof index === 'number' ? index + 1 : undefined;
  const params = issue.code === 'custom' ? (issue.params as Record<string, unknown> | undefined) : undefined;
  if (params?.problem === 'no_letters') return { code: 'no_letters', field: 'blockedPhrases', item: item ?? 1 };
  return { ...(valueProblemOf(issue, value) ?? { code: 'invalid' }), field, ...(item === undefined ? {} : { item }) };
}

/** Validates a complete settings object; throws {@link InvalidSettingsError} with each problem as data. */
export function parseGuildSettings(value: unknown): GuildSettings {
  const parsed = guildSettingsSchema.strict().safeParse(value);
  if (!parsed.success) throw new InvalidSettingsError(parsed.error.issues.map((issue) => settingsProblemOf(issue, value)));
  // A default members could not use would refuse every video that names no tier.
  if (!parsed.data.allowedTiers.includes(parsed.data.defaultTier)) {
    throw new InvalidSettingsError([
      { code: 'default_tier_not_allowed', field: 'defaultTier', tier: parsed.data.defaultTier, allowed: parsed.data.allowedTiers },
    ]);
  }
  return parsed.data;
}

function readField<K extends keyof GuildSettings>(stored: Record<string, unknown>, key: K, into: GuildSettings): void {
  const parsed = guildSettingsSchema.shape[key].safeParse(stored[key]);
  // A value this version no longer accepts falls back to its default alone, so one bad field
  // does not wipe the server's other settings (its blocked phrases above all).
  if (parsed.success) into[key] = parsed.data as GuildSettings[K];
}

/**
 * Stored JSON → settings: missing or no-longer-valid fields take their defaults. For
 * implementations of {@link GuildSettingsStore} that keep the settings as one JSON document.
 */
export function readStoredSettings(guildId: string, json: string): GuildSettings {
  let stored: unknown;
  try {
    stored = JSON.parse(json);
  } catch (error) {
    // Falling back to defaults here would silently lift the server's restrictions.
    throw new Error(`the settings stored for guild ${guildId} are not valid JSON`, { cause: error });
  }
  const settings = guildSettingsSchema.parse({});
  if (stored === null || typeof stored !== 'object' || Array.isArray(stored)) return settings;
  for (const key of SETTING_KEYS) readField(stored as Record<string, unknown>, key, settings);
  return settings;
}

/** A fresh copy of the defaults, for a server that never saved any settings. */
export function defaultGuildSettings(): GuildSettings {
  return guildSettingsSchema.parse({});
}

/**
 * `patch` over `current`, validated: throws {@link InvalidSettingsError} with each problem
 * when the result breaks a limit. Fields the patch leaves undefined keep their value.
 */
export function applySettingsPatch(current: GuildSettings, patch: Partial<GuildSettings>): GuildSettings {
  const merged: Record<string, unknown> = { ...current };
  for (const [key, value] of Object.entries(patch)) {
    if (value !== undefined) merged[key] = value;
  }
  return parseGuildSettings(merged);
}

/** Per-server settings. A server that never changed anything has none stored and gets the defaults. */
export interface GuildSettingsStore {
  /** The server's settings; defaults when it never changed any. Each call returns a fresh copy. */
  get(guildId: string): Promise<GuildSettings>;
  /**
   * Applies `patch` over the current settings ({@link applySettingsPatch}) and saves the result
   * with who saved it and when, as one step, so two moderators editing different fields at once
   * both keep their change. Throws {@link InvalidSettingsError} (nothing saved) when the result
   * breaks a limit.
   */
  update(guildId: string, patch: Partial<GuildSettings>, updatedBy: string): Promise<GuildSettings>;
}
