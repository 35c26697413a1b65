/** Each /video-settings action, run with a plain input on a temporary database. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NO_DEFER } from '../../src/discord/handler.js';
import type { SettingsInput } from '../../src/discord/handlers/settings/applySettings.js';
import { settingsAutoShare } from '../../src/discord/handlers/settings/autoShare.js';
import { settingsBlocked } from '../../src/discord/handlers/settings/blocked.js';
import { settingsBudgets } from '../../src/discord/handlers/settings/budgets.js';
import { settingsChannels } from '../../src/discord/handlers/settings/channels.js';
import { settingsLimits } from '../../src/discord/handlers/settings/limits.js';
import { settingsRole } from '../../src/discord/handlers/settings/role.js';
import { settingsShow } from '../../src/discord/handlers/settings/show.js';
import { settingsShowcase } from '../../src/discord/handlers/settings/showcase.js';
import { GUILD, type Harness, makeHarness, OWNER } from './harness.js';

let h: Harness;
beforeEach(async () => {
  h = await makeHarness();
});
afterEach(async () => {
  await h.close();
});

const text = (view: { type: string; content?: string }) => (view.type === 'message' ? (view.content ?? '') : `(${view.type})`);
const asManager = <O>(options: O, canManageServer = true): SettingsInput<O> => ({
  guildId: GUILD,
  userId: OWNER,
  canManageServer,
  options,
});
const CH = '540000000000000000';

describe('settings.show', () => {
  it('shows the defaults without saying anything was saved', async () => {
    const view = text(await settingsShow.run(asManager({}), h.deps, NO_DEFER));
    expect(view.split('\n')[0]).toBe('**Video bot settings**');
    expect(view).toContain('Allowed channels: everywhere');
  });

  it('refuses a member without Manage Server', async () => {
    expect(text(await settingsShow.run(asManager({}, false), h.deps, NO_DEFER))).toContain('Manage Server');
  });
});

describe('settings.showcase', () => {
  it('sets and clears the showcase channel', async () => {
    expect(text(await settingsShowcase.run(asManager({ channel: CH }), h.deps, NO_DEFER))).toContain(
      `Saved.\n**Video bot settings**\nShowcase channel: <#${CH}>`,
    );
    expect((await h.storage.settings.get(GUILD)).showcaseChannelId).toBe(CH);
    await settingsShowcase.run(asManager({}), h.deps, NO_DEFER);
    expect((await h.storage.settings.get(GUILD)).showcaseChannelId).toBeNull();
  });
});

describe('settings.auto-share', () => {
  it('turns auto-share on', async () => {
    expect(text(await settingsAutoShare.run(asManager({ enabled: true }), h.deps, NO_DEFER))).toContain('Auto-share finished videos: on');
  });
});

describe('settings.channels', () => {
  it('adds, removes and clears allowed channels, and asks for a channel when one is missing', async () => {
    await settingsChannels.run(asManager({ action: 'add', channel: CH }), h.deps, NO_DEFER);
    expect((await h.storage.settings.get(GUILD)).allowedChannelIds).toEqual([CH]);
    await settingsChannels.run(asManager({ action: 'remove', channel: CH }), h.deps, NO_DEFER);
    expect((await h.storage.settings.get(GUILD)).allowedChannelIds).toEqual([]);
    expect(text(await settingsChannels.run(asManager({ action: 'add' }), h.deps, NO_DEFER))).toBe('Pick a channel for that action.');
  });
});

describe('settings.role', () => {
  it('requires a role', async () => {
    expect(text(await settingsRole.run(asManager({ role: '550000000000000000' }), h.deps, NO_DEFER))).toContain(
      'Required role: <@&550000000000000000>',
    );
  });
});

describe('settings.blocked', () => {
  it('blocks a phrase once whatever its case, and asks for one when missing', async () => {
    await settingsBlocked.run(asManager({ action: 'add', phrase: 'Red Panda' }), h.deps, NO_DEFER);
    await settingsBlocked.run(asManager({ action: 'add', phrase: ' red panda ' }), h.deps, NO_DEFER);
    expect((await h.storage.settings.get(GUILD)).blockedPhrases).toEqual(['red panda']);
    expect(text(await settingsBlocked.run(asManager({ action: 'remove', phrase: '  ' }), h.deps, NO_DEFER))).toBe(
      'Give the phrase for that action.',
    );
  });
});

describe('settings.limits', () => {
  it('sets the videos in progress per member', async () => {
    expect(text(await settingsLimits.run(asManager({ concurrent: 4 }), h.deps, NO_DEFER))).toContain('Videos in progress per member: 4');
  });
});

describe('settings.budgets', () => {
  it('sets a budget, and the no-limit switch wins over a value', async () => {
    const options = { member: 3, server: 50, no_member_limit: false, no_server_limit: true };
    const view = text(await settingsBudgets.run(asManager(options), h.deps, NO_DEFER));
    expect(view).toContain('Daily budget per member: $3.00');
    expect(view).toContain('Daily budget for the server: no limit');
  });
});
