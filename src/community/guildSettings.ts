/**
 * A server's settings, written once as a zod schema with defaults. A server that never changed
 * anything has no row and gets the defaults; a row written by an older bot gets defaults for the
 * fields it lacks.
 */
import { z } from 'zod';
import { ProblemsError } from '../model/problemsError.js';
import { DEFAULT_TIER, TIERS } from '../model/tiers.js';
import { normalizeForMatching } from './blockedPhrases.js';
import { LANGUAGES } from './languages.js';

export const BLOCKED_PHRASE_MAX_CHARS = 100;
export const BLOCKED_PHRASES_MAX = 100;
export const MAX_CONCURRENT_PER_MEMBER_LIMIT = 20;
export const MAX_CONCURRENT_PER_SERVER_LIMIT = 100;
export const MAX_WAITING_PER_MEMBER_LIMIT = 50;
/** A day: a job waiting longer than that is better asked for again. */
export const MAX_WAIT_MINUTES_LIMIT = 24 * 60;

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
          message: 'has no letters or digits, so it could never match anything',
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

/** Plain-word names for settings, used in messages moderators read. */
const FIELD_LABELS: Record<keyof GuildSettings, { field: string; item?: string }> = {
  showcaseChannelId: { field: 'showcase channel' },
  allowedChannelIds: { field: 'allowed channels', item: 'allowed channel' },
  requiredRoleId: { field: 'required role' },
  blockedPhrases: { field: 'blocked phrases', item: 'blocked phrase' },
  autoShare: { field: 'auto-share' },
  maxConcurrentPerMember: { field: 'videos in progress per member' },
  maxConcurrentPerServer: { field: 'videos in progress for the server' },
  maxWaitingPerMember: { field: 'waiting videos per member' },
  maxWaitMinutes: { field: 'longest wait in the line (minutes)' },
  dailyBudgetPerMemberUsd: { field: 'daily budget per member' },
  dailyBudgetPerServerUsd: { field: 'daily budget per server' },
  language: { field: 'language' },
  allowedTiers: { field: 'allowed tiers', item: 'allowed tier' },
  defaultTier: { field: 'default tier' },
};

function isSettingKey(key: PropertyKey | undefined): key is keyof GuildSettings {
  return typeof key === 'string' && Object.hasOwn(FIELD_LABELS, key);
}

export class InvalidSettingsError extends ProblemsError {
  override readonly name = 'InvalidSettingsError';
  constructor(problems: readonly string[]) {
    super('Settings not saved', problems);
  }
}

function fieldName(path: readonly PropertyKey[]): string {
  const [head, index] = path;
  if (!isSettingKey(head)) return String(head ?? 'settings');
  const labels = FIELD_LABELS[head];
  return typeof index === 'number' && labels.item ? `${labels.item} ${index + 1}` : labels.field;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const field = fieldName(issue.path);
  switch (issue.code) {
    case 'too_big':
      if (issue.origin === 'string') return `${field} must be at most ${String(issue.maximum)} characters`;
      if (issue.origin === 'array') return `${field}: at most ${String(issue.maximum)} are allowed`;
      return `${field} must be at most ${String(issue.maximum)}`;
    case 'too_small':
      if (issue.origin === 'string') return `${field} must not be empty`;
      if (issue.origin === 'number' && Number(issue.minimum) === 0) return `${field} must not be negative`;
      return `${field} must be at least ${String(issue.minimum)}`;
    case 'invalid_format':
      return `${field} must be a Discord id (digits only)`;
    case 'invalid_type':
      if (issue.expected === 'int') return `${field} must be a whole number`;
      if (issue.expected === 'boolean') return `${field} must be true or false`;
      return `${field} must be a ${issue.expected}`;
    case 'unrecognized_keys':
      return `unknown setting${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}`;
    default:
      return `${field} ${issue.message}`;
  }
}

/** Validates a complete settings object; throws {@link InvalidSettingsError} naming each problem. */
export function parseGuildSettings(value: unknown): GuildSettings {
  const parsed = guildSettingsSchema.strict().safeParse(value);
  if (!parsed.success) throw new InvalidSettingsError(parsed.error.issues.map(describeIssue));
  // A default members could not use would refuse every video that names no tier.
  if (!parsed.data.allowedTiers.includes(parsed.data.defaultTier)) {
    throw new InvalidSettingsError([`default tier ${parsed.data.defaultTier} must be one of the allowed tiers`]);
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
  for (const key of Object.keys(FIELD_LABELS)) {
    if (isSettingKey(key)) readField(stored as Record<string, unknown>, key, settings);
  }
  return settings;
}

/** A fresh copy of the defaults, for a server that never saved any settings. */
export function defaultGuildSettings(): GuildSettings {
  return guildSettingsSchema.parse({});
}

/**
 * `patch` over `current`, validated: throws {@link InvalidSettingsError} naming each problem
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
