/** `/video-settings limits concurrent:<n> [server:<n>] [waiting:<n>] [wait_minutes:<n>]`: videos in progress and the line. */
import type { GuildSettings } from '../../../community/guildSettings.js';
import type { Handler } from '../../handler.js';
import { applySettings, type SettingsArgs, type SettingsInput } from './applySettings.js';

export const settingsLimits: Handler<SettingsInput<SettingsArgs<'limits'>>> = {
  name: 'settings.limits',
  run: (input, deps) =>
    applySettings(input, deps, (o): Partial<GuildSettings> => {
      const patch: Partial<GuildSettings> = { maxConcurrentPerMember: o.concurrent };
      if (o.server !== undefined) patch.maxConcurrentPerServer = o.server;
      if (o.waiting !== undefined) patch.maxWaitingPerMember = o.waiting;
      if (o.wait_minutes !== undefined) patch.maxWaitMinutes = o.wait_minutes;
      return patch;
    }),
};
