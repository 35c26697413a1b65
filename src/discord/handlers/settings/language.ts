/** `/video-settings language [language]`: the language of public messages; none follows Discord's. */
import { isLanguage } from '../../../community/languages.js';
import type { Handler } from '../../handler.js';
import { applySettings, type SettingsInput } from './applySettings.js';

/** The choice that hands the language back to the server's Discord setting. */
export const FOLLOW_DISCORD = 'discord';

export const settingsLanguage: Handler<SettingsInput<{ language: string | null }>> = {
  name: 'settings.language',
  run: (input, deps) =>
    applySettings(input, deps, (o) => {
      if (o.language === null) return {};
      return { language: isLanguage(o.language) ? o.language : null };
    }),
};
