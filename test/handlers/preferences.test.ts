/** `/video preferences` and `/video-settings language`, run with a plain input on a temporary database. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NO_DEFER } from '../../src/discord/handler.js';
import { preferencesClear } from '../../src/discord/handlers/preferences/preferencesClear.js';
import { preferencesSet } from '../../src/discord/handlers/preferences/preferencesSet.js';
import { preferencesShow } from '../../src/discord/handlers/preferences/preferencesShow.js';
import { settingsLanguage } from '../../src/discord/handlers/settings/language.js';
import { GUILD, type Harness, makeHarness, OTHER, OWNER } from './harness.js';

let h: Harness;
beforeEach(async () => {
  h = await makeHarness();
});
afterEach(async () => {
  await h.close();
});

const text = (view: { type: string; content?: string }) => (view.type === 'message' ? (view.content ?? '') : `(${view.type})`);

describe('preferences.show', () => {
  it('lists the server defaults for a member who never set any', async () => {
    const view = text(await preferencesShow.run({ member: h.member(OWNER) }, h.deps, NO_DEFER));
    expect(view.split('\n')[0]).toBe('**Your preferences on this server**');
    expect(view).toContain('(default)');
  });
});

describe('preferences.set', () => {
  it('saves only the options given, for this member on this server, and says so in their language', async () => {
    const view = text(
      await preferencesSet.run(
        { member: h.member(OWNER, { locale: 'de' }), options: { duration: 10, aspect_ratio: '9:16', delivery: 'dm' } },
        h.deps,
        NO_DEFER,
      ),
    );
    expect(view).toContain('Gespeichert.');
    expect(await h.storage.preferences.get(GUILD, OWNER)).toMatchObject({
      duration: 10,
      aspectRatio: '9:16',
      delivery: 'dm',
      language: 'de',
    });
    // Another member keeps the defaults.
    const other = await h.storage.preferences.get(GUILD, OTHER);
    expect(other.duration).not.toBe(10);
    expect(other.delivery).toBe('thread');
  });

  it('ignores an aspect ratio or a delivery that Discord never offers (a forged payload)', async () => {
    await preferencesSet.run({ member: h.member(OWNER), options: { aspect_ratio: '4:3', delivery: 'carrier-pigeon' } }, h.deps, NO_DEFER);
    const saved = await h.storage.preferences.get(GUILD, OWNER);
    expect(saved.aspectRatio).not.toBe('4:3');
    expect(saved.delivery).toBe('thread');
  });
});

describe('preferences.clear', () => {
  it('forgets the member’s preferences and shows the defaults again', async () => {
    await preferencesSet.run({ member: h.member(OWNER), options: { duration: 12, sound: false } }, h.deps, NO_DEFER);
    const view = text(await preferencesClear.run({ member: h.member(OWNER, { locale: 'ja' }) }, h.deps, NO_DEFER));
    expect(view).toContain('このサーバーでのあなたの設定を消去しました');
    const cleared = await h.storage.preferences.get(GUILD, OWNER);
    expect(cleared.duration).not.toBe(12);
    expect(cleared.sound).not.toBe(false);
  });
});

describe('settings.language', () => {
  const asManager = (language: string, canManageServer = true) => ({
    guildId: GUILD,
    userId: OWNER,
    canManageServer,
    options: { language },
  });

  it('sets the language of public messages, and hands it back to Discord’s setting', async () => {
    expect(text(await settingsLanguage.run(asManager('fr'), h.deps, NO_DEFER))).toContain('Saved.');
    expect((await h.storage.settings.get(GUILD)).language).toBe('fr');
    await settingsLanguage.run(asManager('discord'), h.deps, NO_DEFER);
    expect((await h.storage.settings.get(GUILD)).language).toBeNull();
  });

  it('refuses a member without Manage Server and changes nothing', async () => {
    expect(text(await settingsLanguage.run(asManager('ja', false), h.deps, NO_DEFER))).toContain('Manage Server');
    expect((await h.storage.settings.get(GUILD)).language).toBeNull();
  });
});
