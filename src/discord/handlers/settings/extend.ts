/** `/video-settings extend seconds:<n>`: how long Extend may make a video, its first part and every extension together. */
import type { Handler } from '../../handler.js';
import { applySettings, type SettingsArgs, type SettingsInput } from './applySettings.js';

export const settingsExtend: Handler<SettingsInput<SettingsArgs<'extend'>>> = {
  name: 'settings.extend',
  run: (input, deps) => applySettings(input, deps, (o) => ({ extendMaxSeconds: o.seconds })),
};
