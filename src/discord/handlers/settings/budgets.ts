/** `/video-settings budgets`: daily spending limits; the "no limit" switches win over a value. */
import type { GuildSettings } from '../../../community/guildSettings.js';
import type { Handler } from '../../handler.js';
import { applySettings, type SettingsInput } from './applySettings.js';

export interface BudgetOptions {
  member: number | null;
  server: number | null;
  noMemberLimit: boolean;
  noServerLimit: boolean;
}

export const settingsBudgets: Handler<SettingsInput<BudgetOptions>> = {
  name: 'settings.budgets',
  run: (input, deps) =>
    applySettings(input, deps, (o) => {
      const patch: Partial<GuildSettings> = {};
      if (o.member !== null) patch.dailyBudgetPerMemberUsd = o.member;
      if (o.server !== null) patch.dailyBudgetPerServerUsd = o.server;
      if (o.noMemberLimit) patch.dailyBudgetPerMemberUsd = null;
      if (o.noServerLimit) patch.dailyBudgetPerServerUsd = null;
      return patch;
    }),
};
