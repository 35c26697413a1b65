/** `/video-settings budgets`: daily spending limits; the "no limit" switches win over a value. */
import type { GuildSettings } from '../../../community/guildSettings.js';
import type { Handler } from '../../handler.js';
import { applySettings, type SettingsArgs, type SettingsInput } from './applySettings.js';

export const settingsBudgets: Handler<SettingsInput<SettingsArgs<'budgets'>>> = {
  name: 'settings.budgets',
  run: (input, deps) =>
    applySettings(input, deps, (o) => {
      const patch: Partial<GuildSettings> = {};
      if (o.member !== undefined) patch.dailyBudgetPerMemberUsd = o.member;
      if (o.server !== undefined) patch.dailyBudgetPerServerUsd = o.server;
      if (o.no_member_limit) patch.dailyBudgetPerMemberUsd = null;
      if (o.no_server_limit) patch.dailyBudgetPerServerUsd = null;
      return patch;
    }),
};
