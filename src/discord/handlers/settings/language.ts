/** `/video-settings language [language]`: the language of public messages; none follows Discord's. */
import { isLanguage } from '../../../community/languages.js';
import type { Handler } from '../../handler.js';
import { applySettings, type SettingsArgs, type SettingsInput } from './applySettings.js';

/** The choice that hands the language back to the server's Discord setting. */
export const FOLLOW_DISCORD = 'discord';

export const settingsLanguage: Handler<SettingsInput<SettingsArgs<'language'>>> = {
  name: 'settings.language',
  run: (input, deps) =>
    applySettings(input, deps, (o) => {
      if (o.language === undefined) return {};
      return { language: isLanguage(o.language) ? o.language : null };
    }),
};
