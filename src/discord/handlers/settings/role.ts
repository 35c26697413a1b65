/** `/video-settings role [role]`: no role lets everyone make videos. */
import type { Handler } from '../../handler.js';
import { applySettings, type SettingsArgs, type SettingsInput } from './applySettings.js';

export const settingsRole: Handler<SettingsInput<SettingsArgs<'role'>>> = {
  name: 'settings.role',
  run: (input, deps) => applySettings(input, deps, (o) => ({ requiredRoleId: o.role ?? null })),
};
