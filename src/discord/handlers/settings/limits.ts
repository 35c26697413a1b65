/** `/video-settings limits concurrent:<n>`: videos one member may have in progress. */
import type { Handler } from '../../handler.js';
import { applySettings, type SettingsInput } from './applySettings.js';

export const settingsLimits: Handler<SettingsInput<{ concurrent: number }>> = {
  name: 'settings.limits',
  run: (input, deps) => applySettings(input, deps, (o) => ({ maxConcurrentPerMember: o.concurrent })),
};
