/**
 * Catalogue lookups and locale-aware formatting. Messages are ICU MessageFormat, compiled once per
 * language and key by FormatJS; numbers, prices and lists go through `Intl` for the language.
 */
import { IntlMessageFormat } from 'intl-messageformat';
import { DEFAULT_LANGUAGE, type Language } from '../../community/languages.js';
import { de } from './de.js';
import { type Catalogue, en, type MessageKey } from './en.js';
import { esES } from './es-ES.js';
import { fr } from './fr.js';
import { ja } from './ja.js';
import { ptBR } from './pt-BR.js';

export const CATALOGUES: Readonly<Record<Language, Catalogue>> = {
  en,
  de,
  fr,
  'es-ES': esES,
  'pt-BR': ptBR,
  ja,
};

export type MessageValues = Readonly<Record<string, string | number>>;

/** Characters that cannot be in a placeholder's name: what follows `{` in plural text (`{# video}`) is not a name. */
type NotAName = ' ' | '#' | '{' | '}' | ',' | '\n';

/** `Text` when it can be a placeholder's name, else never. */
type NameOnly<Text extends string> = Text extends '' | `${string}${NotAName}${string}` ? never : Text;

/** The name opening `text`, the part after a `{`: up to the first `}`, and before a `,` in it (`{count, plural, …`). */
type NameAt<Text extends string> = Text extends `${infer Head}}${string}`
  ? NameOnly<Head extends `${infer Name},${string}` ? Name : Head>
  : never;

/** The name opening `text` when it is written `{name, number}`, `{name, plural, …}` or `{name, selectordinal, …}`. */
type NumericAt<Text extends string> = Text extends `${infer Name}, ${'number' | 'plural' | 'selectordinal'}${',' | '}'}${string}`
  ? NameOnly<Name>
  : never;

/**
 * The placeholders of an ICU message, read from its text by the type checker: the name at each
 * opening brace. Texts inside plural branches (`{# video}`) hold no names; a branch of one plain
 * word (`{field}`) would read as one, so the English catalogue writes branches of several words.
 */
type PlaceholdersOf<Message extends string, Found extends string = never> = Message extends `${string}{${infer After}`
  ? PlaceholdersOf<After, Found | NameAt<After>>
  : Found;

type NumericOf<Message extends string, Found extends string = never> = Message extends `${string}{${infer After}`
  ? NumericOf<After, Found | NumericAt<After>>
  : Found;

/** The values message `K` asks for, each typed from how the message uses it. */
export type ValuesOf<K extends MessageKey> = {
  readonly [Name in PlaceholdersOf<(typeof en)[K]>]: Name extends NumericOf<(typeof en)[K]> ? number : string | number;
};

/** The keys of messages without placeholders, for tables of them. */
export type PlainMessageKey = { [K in MessageKey]: ValuesArgument<K> extends [] ? K : never }[MessageKey];

/** A message's values as an argument: none for a message without placeholders. */
export type ValuesArgument<K extends MessageKey> = [PlaceholdersOf<(typeof en)[K]>] extends [never] ? [] : [values: ValuesOf<K>];

const compiled = new Map<string, IntlMessageFormat>();

function compile(language: Language, key: MessageKey): IntlMessageFormat {
  const id = `${language}\u0000${key}`;
  let format = compiled.get(id);
  if (!format) {
    // Tags are off: member text and Discord's `<@id>` arrive as values and must stay literal.
    format = new IntlMessageFormat(CATALOGUES[language][key] ?? en[key], language, undefined, { ignoreTag: true });
    compiled.set(id, format);
  }
  return format;
}

/** The message `key` in `language`, with `values` put in its placeholders. */
export function translate(language: Language, key: MessageKey, values?: MessageValues): string {
  return String(compile(language, key).format(values));
}

/**
 * The one way to say a sentence: message `key` in `language`, with exactly the values its English
 * text names. A key that does not exist, a missing value or a misspelled one does not compile.
 */
export function t<K extends MessageKey>(language: Language, key: K, ...values: ValuesArgument<K>): string {
  return translate(language, key, values[0]);
}

/** The placeholder names a message uses (for the catalogue tests). */
export function placeholdersOf(message: string, language: Language = DEFAULT_LANGUAGE): string[] {
  const names = new Set<string>();
  const walk = (nodes: unknown): void => {
    if (!Array.isArray(nodes)) return;
    for (const node of nodes as { type: number; value?: unknown; options?: Record<string, { value: unknown }> }[]) {
      // Literal (0) and pound (7) carry no name; everything else names its argument.
      if (node.type !== 0 && node.type !== 7 && typeof node.value === 'string') names.add(node.value);
      for (const option of Object.values(node.options ?? {})) walk(option.value);
    }
  };
  walk(new IntlMessageFormat(message, language, undefined, { ignoreTag: true }).getAst());
  return [...names].sort();
}

const numberFormats = new Map<string, Intl.NumberFormat>();

function numberFormat(language: Language, digits: number): Intl.NumberFormat {
  const id = `${language}:${digits}`;
  let format = numberFormats.get(id);
  if (!format) {
    format = new Intl.NumberFormat(language, {
      style: 'currency',
      currency: 'USD',
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });
    numberFormats.set(id, format);
  }
  return format;
}

/** US dollars as the language writes them; fractions of a cent show a third digit. */
export function formatUsdIn(language: Language, amount: number): string {
  const cents = amount * 100;
  const exactInCents = Math.abs(cents - Math.round(cents)) < 1e-6;
  return numberFormat(language, amount < 1 && !exactInCents ? 3 : 2).format(amount);
}

export function formatNumberIn(language: Language, value: number): string {
  return new Intl.NumberFormat(language).format(value);
}

const oneDecimalFormats = new Map<Language, Intl.NumberFormat>();

/** A size with one decimal: `MiB` (1024²) where Discord counts its limits so, `MB` (1000²) where the provider does. */
export function formatSizeIn(language: Language, bytes: number, unit: 'MiB' | 'MB'): string {
  let format = oneDecimalFormats.get(language);
  if (!format) {
    format = new Intl.NumberFormat(language, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
    oneDecimalFormats.set(language, format);
  }
  return `${format.format(bytes / (unit === 'MiB' ? 1024 * 1024 : 1000 * 1000))} ${unit}`;
}

export function formatMibIn(language: Language, bytes: number): string {
  return formatSizeIn(language, bytes, 'MiB');
}

/** "a, b or c" (`disjunction`) or "a, b and c" (`conjunction`) as the language joins them. */
export function formatListIn(language: Language, items: readonly string[], type: 'conjunction' | 'disjunction'): string {
  return new Intl.ListFormat(language, { type, style: 'long' }).format(items);
}
