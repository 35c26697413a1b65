/**
 * A member's own defaults on one server: the length, frame and sound `/video create` uses when
 * the member leaves an option out, and where finished videos reach them. Written once as a zod
 * schema; a member who never set anything has no row and gets the defaults.
 */
import { z } from 'zod';
import { TIERS } from '../model/tiers.js';
import { ASPECT_RATIOS, DURATION_MAX_SECONDS, DURATION_MIN_SECONDS } from '../model/videoInput.js';
import { DEFAULT_LANGUAGE, LANGUAGES } from './languages.js';

/** `thread`: the final message in the job's thread only; `dm`: also a direct message with the video. */
export const DELIVERIES = ['thread', 'dm'] as const;
export type Delivery = (typeof DELIVERIES)[number];

export const memberPreferencesSchema = z.object({
  /** Seconds; null leaves the model's default. */
  duration: z.number().int().min(DURATION_MIN_SECONDS).max(DURATION_MAX_SECONDS).nullable().default(null),
  aspectRatio: z.enum(ASPECT_RATIOS).nullable().default(null),
  sound: z.boolean().nullable().default(null),
  /** The member's tier when they name none; null, or a tier the server no longer allows, leaves the server's default. */
  tier: z.enum(TIERS).nullable().default(null),
  delivery: z.enum(DELIVERIES).default('thread'),
  /**
   * The member's language when they last saved: a direct message is sent long after any
   * interaction, so there is no `locale` to read then.
   */
  language: z.enum(LANGUAGES).default(DEFAULT_LANGUAGE),
});

export type MemberPreferences = z.output<typeof memberPreferencesSchema>;

export function defaultMemberPreferences(): MemberPreferences {
  return memberPreferencesSchema.parse({});
}

/** Stored JSON → preferences; a field this version no longer accepts takes its default alone. */
export function readStoredPreferences(json: string): MemberPreferences {
  let stored: unknown;
  try {
    stored = JSON.parse(json);
  } catch {
    return defaultMemberPreferences();
  }
  const preferences = defaultMemberPreferences();
  if (stored === null || typeof stored !== 'object' || Array.isArray(stored)) return preferences;
  const shape = memberPreferencesSchema.shape;
  for (const key of Object.keys(shape) as (keyof MemberPreferences)[]) {
    const parsed = shape[key].safeParse((stored as Record<string, unknown>)[key]);
    if (parsed.success) (preferences as Record<string, unknown>)[key] = parsed.data;
  }
  return preferences;
}

/** `patch` over `current`; fields the patch leaves undefined keep their value. Throws on a bad value. */
export function applyPreferencesPatch(current: MemberPreferences, patch: Partial<MemberPreferences>): MemberPreferences {
  const merged: Record<string, unknown> = { ...current };
  for (const [key, value] of Object.entries(patch)) if (value !== undefined) merged[key] = value;
  return memberPreferencesSchema.strict().parse(merged);
}

/**
 * The member's defaults under the options they gave: an option they typed always wins, and the
 * validated input (so the card) carries the value used either way.
 */
export function withMemberDefaults(
  options: Readonly<Record<string, unknown>>,
  preferences: Pick<MemberPreferences, 'duration' | 'aspectRatio' | 'sound'>,
): Record<string, unknown> {
  const filled: Record<string, unknown> = { ...options };
  if (filled.duration === undefined && preferences.duration !== null) filled.duration = preferences.duration;
  if (filled.aspect_ratio === undefined && preferences.aspectRatio !== null) filled.aspect_ratio = preferences.aspectRatio;
  if (filled.sound === undefined && preferences.sound !== null) filled.sound = preferences.sound;
  return filled;
}

/** Members' preferences, per member and per server. */
export interface MemberPreferencesStore {
  /** The member's preferences on this server; the defaults when they never set any. */
  get(guildId: string, userId: string): Promise<MemberPreferences>;
  /** Applies `patch` ({@link applyPreferencesPatch}) and saves the result as one step. */
  update(guildId: string, userId: string, patch: Partial<MemberPreferences>): Promise<MemberPreferences>;
  /** Forgets the member's preferences on this server. */
  clear(guildId: string, userId: string): Promise<void>;
  /** A direct message to the member was refused (Discord's 50007): they are to be told, once. */
  noteDmRefused(guildId: string, userId: string): Promise<void>;
  /**
   * True when a refused DM is still to be told, clearing the note in the same statement, so
   * that of two interactions at once only one tells the member.
   */
  takeDmRefused(guildId: string, userId: string): Promise<boolean>;
}
