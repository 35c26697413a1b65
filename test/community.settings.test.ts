import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_GUILD_SETTINGS, type GuildSettings, GuildSettingsStore, InvalidSettingsError } from '../src/community/guildSettings.js';
import { type Db, openDatabase } from '../src/jobs/database.js';
import { makeTempDir } from '../testkit/world/tempDir.js';

const GUILD = '100000';
const MOD = '900000';

function updateError(store: GuildSettingsStore, patch: Partial<GuildSettings>): InvalidSettingsError {
  try {
    store.update(GUILD, patch, MOD);
  } catch (error) {
    if (error instanceof InvalidSettingsError) return error;
    throw error;
  }
  throw new Error('update was accepted');
}

describe('server settings', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let db: Db;
  let now: number;
  let store: GuildSettingsStore;

  beforeEach(() => {
    temp = makeTempDir();
    db = openDatabase(temp.file('bot.db'));
    now = 1_000_000;
    store = new GuildSettingsStore(db, () => now);
  });
  afterEach(() => {
    db.close();
    temp.remove();
  });

  it('gives a server that never changed anything the defaults', () => {
    expect(store.get(GUILD)).toEqual({
      showcaseChannelId: null,
      allowedChannelIds: [],
      requiredRoleId: null,
      blockedPhrases: [],
      autoShare: false,
      maxConcurrentPerMember: 2,
      dailyBudgetPerMemberUsd: 5,
      dailyBudgetPerServerUsd: 50,
    });
    expect(store.get(GUILD)).toEqual(DEFAULT_GUILD_SETTINGS);
  });

  it('hands out copies, so a caller changing one cannot change the defaults', () => {
    store.get(GUILD).blockedPhrases.push('cat');
    expect(store.get(GUILD).blockedPhrases).toEqual([]);
    expect(DEFAULT_GUILD_SETTINGS.blockedPhrases).toEqual([]);
  });

  it('keeps an update, with who made it and when, across a reopen', () => {
    const saved = store.update(GUILD, { autoShare: true, blockedPhrases: ['  cat '], dailyBudgetPerMemberUsd: null }, MOD);
    expect(saved).toMatchObject({ autoShare: true, blockedPhrases: ['cat'], dailyBudgetPerMemberUsd: null, maxConcurrentPerMember: 2 });
    db.close();
    db = openDatabase(temp.file('bot.db'));
    store = new GuildSettingsStore(db, () => now);
    expect(store.get(GUILD)).toEqual(saved);
    expect(db.prepare('SELECT updated_at, updated_by FROM guild_settings WHERE guild_id = ?').get(GUILD)).toEqual({
      updated_at: 1_000_000,
      updated_by: MOD,
    });
  });

  it('merges a patch over what was saved before', () => {
    store.update(GUILD, { showcaseChannelId: '555' }, MOD);
    now += 1;
    const saved = store.update(GUILD, { requiredRoleId: '777' }, '901');
    expect(saved).toMatchObject({ showcaseChannelId: '555', requiredRoleId: '777' });
    expect(store.get('other-guild')).toEqual(DEFAULT_GUILD_SETTINGS);
  });

  it('fills fields a row from an older version lacks with their defaults', () => {
    db.prepare('INSERT INTO guild_settings (guild_id, settings_json, updated_at) VALUES (?, ?, 0)').run(
      GUILD,
      JSON.stringify({ autoShare: true, retiredSetting: 'x' }),
    );
    expect(store.get(GUILD)).toEqual({ ...DEFAULT_GUILD_SETTINGS, autoShare: true });
  });

  it('drops only the stored field this version no longer accepts', () => {
    db.prepare('INSERT INTO guild_settings (guild_id, settings_json, updated_at) VALUES (?, ?, 0)').run(
      GUILD,
      JSON.stringify({ blockedPhrases: ['cat'], maxConcurrentPerMember: 500 }),
    );
    expect(store.get(GUILD)).toEqual({ ...DEFAULT_GUILD_SETTINGS, blockedPhrases: ['cat'] });
  });

  it('refuses to read unreadable settings rather than lifting the server’s restrictions', () => {
    db.prepare("INSERT INTO guild_settings (guild_id, settings_json, updated_at) VALUES (?, '{oops', 0)").run(GUILD);
    expect(() => store.get(GUILD)).toThrow(/guild 100000.*not valid JSON/);
  });

  it('refuses a value past a limit, naming the setting and the limit, and saves nothing', () => {
    store.update(GUILD, { autoShare: true }, MOD);
    const error = updateError(store, { maxConcurrentPerMember: 21 });
    expect(error.userMessage).toBe('Settings not saved: videos in progress per member must be at most 20.');
    expect(store.get(GUILD).maxConcurrentPerMember).toBe(2);
    expect(store.get(GUILD).autoShare).toBe(true);
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
    expect(updateError(store, patch).problems).toEqual([problem]);
  });

  it('accepts the limits themselves', () => {
    const saved = store.update(
      GUILD,
      {
        maxConcurrentPerMember: 20,
        dailyBudgetPerMemberUsd: 0,
        dailyBudgetPerServerUsd: 0,
        blockedPhrases: Array.from({ length: 100 }, (_, i) => `${'x'.repeat(97)}${i}`),
      },
      MOD,
    );
    expect(saved.blockedPhrases).toHaveLength(100);
  });

  it('lists every problem when there are several', () => {
    const error = updateError(store, { maxConcurrentPerMember: 99, dailyBudgetPerServerUsd: -5 });
    expect(error.userMessage).toBe(
      'Settings not saved:\n• videos in progress per member must be at most 20\n• daily budget per server must not be negative',
    );
  });

  it('refuses a setting it does not know, from a caller outside the type system', () => {
    const patch = JSON.parse('{"maxConcurentPerMember": 3}') as Partial<GuildSettings>;
    expect(updateError(store, patch).problems).toEqual(['unknown setting maxConcurentPerMember']);
  });
});
