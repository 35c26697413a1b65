import type { Language } from '../../community/languages.js';

/** Each language by its own name, as a member looking for theirs would read it. */
export const LANGUAGE_NAMES: Readonly<Record<Language, string>> = {
  en: 'English',
  de: 'Deutsch',
  fr: 'Français',
  'es-ES': 'Español (España)',
  'pt-BR': 'Português (Brasil)',
  ja: '日本語',
};
