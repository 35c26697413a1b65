/**
 * The text form of a video request, for chat surfaces that only have text boxes (a Discord
 * modal): shots as `seconds | prompt` lines and the other settings as `key=value` pairs. Parsing
 * produces a draft that still goes through the one schema; nothing here re-states a limit.
 */

import { z } from 'zod';
import { truncate } from '../text/truncate.js';
import { ProblemsError } from './problemsError.js';
import { type FamilyInput, type Shot, type VideoInputDraft, videoInputSchema } from './videoInput.js';

export class FormError extends ProblemsError {
  override readonly name = 'FormError';
  constructor(problems: readonly string[]) {
    super('Your request was not sent', problems);
  }
}

// Zero-width and other invisible format characters a paste can carry; they would otherwise make
// "5" fail to read as a number with no visible reason.
const INVISIBLE = /[\u200B-\u200F\u2060-\u2064\uFEFF\u00AD]/g;

/** `seconds | prompt` per line; blank lines are skipped. A bare prompt gets the shot default. */
export function parseShotLines(text: string): { prompt: string; duration: number }[] {
  const problems: string[] = [];
  const shots: { prompt: string; duration: number }[] = [];
  const lines = text.replace(INVISIBLE, '').split(/\r?\n/);
  lines.forEach((raw, index) => {
    const line = raw.trim();
    if (!line) return;
    const bar = line.indexOf('|');
    if (bar === -1) {
      problems.push(`shot line ${index + 1} needs the form "seconds | prompt", for example "5 | a fox runs through snow"`);
      return;
    }
    const secondsText = line
      .slice(0, bar)
      .trim()
      .replace(/\s*s(ec(onds?)?)?$/i, '');
    const prompt = line.slice(bar + 1).trim();
    if (!/^\d{1,3}$/.test(secondsText)) {
      problems.push(`shot line ${index + 1}: "${truncate(line.slice(0, bar).trim(), 20)}" is not a whole number of seconds`);
      return;
    }
    shots.push({ prompt, duration: Number(secondsText) });
  });
  if (problems.length) throw new FormError(problems);
  return shots;
}

export function formatShotLines(shots: readonly Shot[]): string {
  return shots.map((shot) => `${shot.duration} | ${shot.prompt}`).join('\n');
}

/** Settings a form may set as `key=value`, derived from the schema: every scalar field but the prompts. */
const shape = videoInputSchema.shape;
export const FORM_SETTING_KEYS = (Object.keys(shape) as (keyof typeof shape)[]).filter(
  (key) => !['prompt', 'negative_prompt', 'multi_prompt'].includes(key),
);

const TRUE_WORDS = new Set(['true', 'yes', 'on', '1']);
const FALSE_WORDS = new Set(['false', 'no', 'off', '0']);

function readSetting(key: (typeof FORM_SETTING_KEYS)[number], value: string): unknown {
  const field = shape[key];
  const json = z.toJSONSchema(field, { io: 'input' }) as { type?: string };
  if (json.type === 'boolean') {
    const word = value.toLowerCase();
    if (TRUE_WORDS.has(word)) return true;
    if (FALSE_WORDS.has(word)) return false;
    return value;
  }
  if (json.type === 'integer' || json.type === 'number') {
    return /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value;
  }
  return value;
}

/** `duration=10 aspect_ratio=9:16 sound=off`; separators may be spaces, commas or semicolons. */
export function parseSettingsLine(text: string): Partial<Record<(typeof FORM_SETTING_KEYS)[number], unknown>> {
  const settings: Partial<Record<(typeof FORM_SETTING_KEYS)[number], unknown>> = {};
  const problems: string[] = [];
  for (const pair of text
    .replace(INVISIBLE, '')
    .split(/[\s,;]+/)
    .filter(Boolean)) {
    const eq = pair.indexOf('=');
    const key = (eq === -1 ? pair : pair.slice(0, eq)).trim().toLowerCase().replace(/-/g, '_');
    const value = eq === -1 ? '' : pair.slice(eq + 1).trim();
    const known = FORM_SETTING_KEYS.find((k) => k === key);
    if (!known) {
      problems.push(`"${truncate(key, 30)}" is not a setting; use ${FORM_SETTING_KEYS.join(', ')}`);
      continue;
    }
    if (!value) {
      problems.push(`${known} needs a value, as in ${known}=…`);
      continue;
    }
    settings[known] = readSetting(known, value);
  }
  if (problems.length) throw new FormError(problems);
  return settings;
}

export function formatSettingsLine(input: FamilyInput): string {
  const parts: string[] = [];
  for (const key of FORM_SETTING_KEYS) {
    const value = input[key];
    if (value === undefined) continue;
    // With shots, the video lasts as long as they do: a fixed duration would refuse every edit to them.
    if (key === 'duration' && input.multi_prompt) continue;
    parts.push(`${key}=${typeof value === 'boolean' ? (value ? 'on' : 'off') : String(value)}`);
  }
  return parts.join(' ');
}

export interface VideoFormFields {
  prompt: string;
  negativePrompt?: string | undefined;
  shots?: string | undefined;
  settings?: string | undefined;
}

/**
 * Turns a filled form into a draft for the schema. When shots are given without a duration
 * setting, the video lasts as long as its shots.
 */
export function draftFromForm(fields: VideoFormFields): VideoInputDraft {
  const settings = fields.settings?.trim() ? parseSettingsLine(fields.settings) : {};
  const shots = fields.shots?.trim() ? parseShotLines(fields.shots) : undefined;
  const draft: Record<string, unknown> = { ...settings, prompt: fields.prompt };
  if (fields.negativePrompt?.trim()) draft.negative_prompt = fields.negativePrompt;
  if (shots) {
    draft.multi_prompt = shots;
    if (draft.duration === undefined) draft.duration = shots.reduce((sum, s) => sum + s.duration, 0);
  }
  return draft as VideoInputDraft;
}
