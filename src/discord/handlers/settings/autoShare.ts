/** `/video-settings auto-share enabled:<bool>`. */
import type { Handler } from '../../handler.js';
import { applySettings, type SettingsInput } from './applySettings.js';

export const settingsAutoShare: Handler<SettingsInput<{ enabled: boolean }>> = {
  name: 'settings.auto-share',
  run: (input, deps) => applySettings(input, deps, (o) => ({ autoShare: o.enabled })),
};
