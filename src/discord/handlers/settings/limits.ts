/** `/video-settings limits concurrent:<n> [server:<n>] [waiting:<n>] [wait_minutes:<n>]`: videos in progress and the line. */
import type { GuildSettings } from '../../../community/guildSettings.js';
import type { Handler } from '../../handler.js';
import { applySettings, type SettingsInput } from './applySettings.js';

export interface LimitsOptions {
  concurrent: number;
  server?: number | undefined;
  waiting?: number | undefined;
  waitMinutes?: number | undefined;
}

export const settingsLimits: Handler<SettingsInput<LimitsOptions>> = {
  name: 'settings.limits',
  run: (input, deps) =>
    applySettings(input, deps, (o): Partial<GuildSettings> => {
      const patch: Partial<GuildSettings> = { maxConcurrentPerMember: o.concurrent };
      if (o.server !== undefined) patch.maxConcurrentPerServer = o.server;
      if (o.waiting !== undefined) patch.maxWaitingPerMember = o.waiting;
      if (o.waitMinutes !== undefined) patch.maxWaitMinutes = o.waitMinutes;
      return patch;
    }),
};
