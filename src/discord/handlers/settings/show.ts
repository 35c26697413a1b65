/** `/video-settings show`. */
import type { Handler } from '../../handler.js';
import { applySettings, type SettingsInput } from './applySettings.js';

export const settingsShow: Handler<SettingsInput<Record<string, never>>> = {
  name: 'settings.show',
  run: (input, deps) => applySettings(input, deps, () => ({})),
};
