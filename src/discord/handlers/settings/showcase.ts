/** `/video-settings showcase [channel]`: no channel turns the showcase off. */
import type { Handler } from '../../handler.js';
import { applySettings, type SettingsArgs, type SettingsInput } from './applySettings.js';

export const settingsShowcase: Handler<SettingsInput<SettingsArgs<'showcase'>>> = {
  name: 'settings.showcase',
  run: (input, deps) => applySettings(input, deps, (o) => ({ showcaseChannelId: o.channel ?? null })),
};
