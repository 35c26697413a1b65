/** `/video-settings blocked action [phrase]`: words refused in prompts. */
import type { Handler } from '../../handler.js';
import { applySettings, type SettingsArgs, type SettingsInput } from './applySettings.js';

export const settingsBlocked: Handler<SettingsInput<SettingsArgs<'blocked'>>> = {
  name: 'settings.blocked',
  run: (input, deps) =>
    applySettings(input, deps, ({ action, phrase: raw }, current, { t }) => {
      const phrase = raw?.trim();
      if (action === 'clear') return { blockedPhrases: [] };
      if (!phrase) return { problem: t('refusal.givePhrase') };
      const rest = current.blockedPhrases.filter((p) => p.toLowerCase() !== phrase.toLowerCase());
      return { blockedPhrases: action === 'add' ? [...rest, phrase] : rest };
    }),
};
