import { describe, expect, it } from 'vitest';
import { applySettingsPatch, DEFAULT_GUILD_SETTINGS, type GuildSettings, InvalidSettingsError } from '../src/community/guildSettings.js';
import { problemsErrorText, problemText } from '../src/discord/problemText.js';

/** The problems as the Discord layer words them in English. */
function wordsOf(error: InvalidSettingsError): string[] {
  return error.problems.map((problem) => problemText('en', 'settings', problem));
}

// How settings are kept (defaults, merging, refusing without saving, rows from older versions) is
// part of the storage contract (test/storage/contract.ts) and the SQLite tests.
function updateError(patch: Partial<GuildSettings>): InvalidSettingsError {
  try {
    applySettingsPatch(DEFAULT_GUILD_SETTINGS, patch);
  } catch (error) {
    if (error instanceof InvalidSettingsError) return error;
    throw error;
  }
  throw new Error('update was accepted');
}

describe('validating server settings', () => {
  it('refuses a value past a limit, naming the setting and the limit', () => {
    const error = updateError({ maxConcurrentPerMember: 21 });
    expect(error.problems).toEqual([{ field: 'maxConcurrentPerMember', code: 'too_large', limit: 20 }]);
    expect(problemsErrorText('en', error)).toBe('Settings not saved: videos in progress per member must be at most 20.');
    expect(problemsErrorText('fr', error)).toBe('Paramètres non enregistrés : Vidéos en cours par membre : 20 au maximum.');
  });

  it.each<[string, Partial<GuildSettings>]>([
    ['videos in progress per member must be at least 1', { maxConcurrentPerMember: 0 }],
    ['videos in progress per member must be a whole number', { maxConcurrentPerMember: 1.5 }],
    ['daily budget per member must not be negative', { dailyBudgetPerMemberUsd: -1 }],
    ['daily budget per server must not be negative', { dailyBudgetPerServerUsd: -0.01 }],
    ['blocked phrase 2 must be at most 100 characters', { blockedPhrases: ['ok', 'x'.repeat(101)] }],
    ['blocked phrase 1 must not be empty', { blockedPhrases: ['   '] }],
    ['blocked phrase 1 has no letters or digits, so it could never match anything', { blockedPhrases: ['?!'] }],
    ['blocked phrases: at most 100 are allowed', { blockedPhrases: Array.from({ length: 101 }, (_, i) => `word${i}`) }],
    ['showcase channel must be a Discord id (digits only)', { showcaseChannelId: '#general' }],
    ['allowed channel 2 must be a Discord id (digits only)', { allowedChannelIds: ['1', 'abc'] }],
  ])('says "%s"', (problem, patch) => {
    expect(wordsOf(updateError(patch))).toEqual([problem]);
  });

  it('keeps what the patch leaves out, and trims phrases', () => {
    const current = { ...DEFAULT_GUILD_SETTINGS, showcaseChannelId: '555', autoShare: true };
    expect(applySettingsPatch(current, { blockedPhrases: ['  cat '] })).toEqual({ ...current, blockedPhrases: ['cat'] });
  });

  it('lists every problem when there are several', () => {
    const error = updateError({ maxConcurrentPerMember: 99, dailyBudgetPerServerUsd: -5 });
    expect(problemsErrorText('en', error)).toBe(
      'Settings not saved:\n• videos in progress per member must be at most 20\n• daily budget per server must not be negative',
    );
  });

  it('refuses a setting it does not know, from a caller outside the type system', () => {
    const patch = JSON.parse('{"maxConcurentPerMember": 3}') as Partial<GuildSettings>;
    expect(updateError(patch).problems).toEqual([{ code: 'unknown_settings', fields: ['maxConcurentPerMember'] }]);
    expect(wordsOf(updateError(patch))).toEqual(['an unknown setting: maxConcurentPerMember']);
  });
});
