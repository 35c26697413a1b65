/** `/video-settings role [role]`: no role lets everyone make videos. */
import type { Handler } from '../../handler.js';
import { applySettings, type SettingsInput } from './applySettings.js';

export const settingsRole: Handler<SettingsInput<{ roleId: string | null }>> = {
  name: 'settings.role',
  run: (input, deps) => applySettings(input, deps, (o) => ({ requiredRoleId: o.roleId })),
};
