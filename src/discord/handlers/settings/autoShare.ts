/** `/video-settings auto-share enabled:<bool>`. */
import type { Handler } from '../../handler.js';
import { applySettings, type SettingsArgs, type SettingsInput } from './applySettings.js';

export const settingsAutoShare: Handler<SettingsInput<SettingsArgs<'auto-share'>>> = {
  name: 'settings.auto-share',
  run: (input, deps) => applySettings(input, deps, (o) => ({ autoShare: o.enabled })),
};
