/**
 * The languages the bot speaks, as plain codes the core can store (a server's chosen language, a
 * member's) without knowing how the Discord layer words anything in them.
 */
export const LANGUAGES = ['en', 'de', 'fr', 'es-ES', 'pt-BR', 'ja'] as const;

export type Language = (typeof LANGUAGES)[number];

export const DEFAULT_LANGUAGE: Language = 'en';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/**
 * The language for a Discord locale (`en-US`, `de`, `es-419`, …): the exact code when the bot has
 * it, else the same language of another region, else English.
 */
export function languageOf(locale: string | null | undefined): Language {
  if (!locale) return DEFAULT_LANGUAGE;
  if (isLanguage(locale)) return locale;
  const base = locale.split('-')[0]?.toLowerCase();
  // Latin American Spanish and European Portuguese read the regional catalogue better than English.
  const sameLanguage = LANGUAGES.find((language) => language.split('-')[0] === base);
  return sameLanguage ?? DEFAULT_LANGUAGE;
}
