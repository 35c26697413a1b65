/**
 * The words of the slash commands, read from the catalogues by key (`command.video.create.description`),
 * so rewording the English never orphans a translation. Names stay English (members type them);
 * descriptions and choice names carry Discord's `description_localizations` / `name_localizations`
 * for every other language the bot speaks.
 */
import { LANGUAGES, type Language } from '../../community/languages.js';
import type { MessageKey } from './en.js';
import { t, type ValuesArgument } from './translate.js';

export type CommandLocale = Exclude<Language, 'en'>;

export const COMMAND_LOCALES: readonly CommandLocale[] = LANGUAGES.filter((language): language is CommandLocale => language !== 'en');

/** A text in English and in each of the other languages, as Discord takes it. */
export function localized(say: (language: Language) => string): { text: string; localizations: Record<CommandLocale, string> } {
  const localizations = Object.fromEntries(COMMAND_LOCALES.map((language) => [language, say(language)])) as Record<CommandLocale, string>;
  return { text: say('en'), localizations };
}

/** A command's or an option's description, from the catalogues. */
export function described<K extends MessageKey>(
  key: K,
  ...values: ValuesArgument<K>
): { description: string; description_localizations: Record<CommandLocale, string> } {
  const { text, localizations } = localized((language) => t(language, key, ...values));
  return { description: text, description_localizations: localizations };
}

/** A choice whose name is said in each language; its value is what the handler reads. */
export function choice<const V extends string, K extends MessageKey>(
  value: V,
  key: K,
  ...values: ValuesArgument<K>
): { name: string; name_localizations: Record<CommandLocale, string>; value: V } {
  const { text, localizations } = localized((language) => t(language, key, ...values));
  return { name: text, name_localizations: localizations, value };
}

/** A message command's name: the Apps menu shows it, so it is the name that is translated. */
export function menuNamed<K extends MessageKey>(
  key: K,
  ...values: ValuesArgument<K>
): { name: string; name_localizations: Record<CommandLocale, string> } {
  const { text, localizations } = localized((language) => t(language, key, ...values));
  return { name: text, name_localizations: localizations };
}
