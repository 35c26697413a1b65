/**
 * A slash command's options as its handler reads them, typed from the command's `as const`
 * definition (yuudachi's `ArgsParam<typeof Command>`): an option is declared once, in
 * `commands/`, and a handler that reads a name the sub-command does not have, or reads it as the
 * wrong type, does not compile.
 */
import { ApplicationCommandOptionType, type Attachment, type CommandInteractionOption } from 'discord.js';
import type { AttachmentFacts } from './handlers/animate.js';

/** A picture given as an option or an upload, as the handlers need it (no discord.js object past the router). */
export function attachmentFacts(attachment: Attachment): AttachmentFacts {
  return {
    url: attachment.url,
    filename: attachment.name,
    contentType: attachment.contentType,
    size: attachment.size,
    width: attachment.width,
    height: attachment.height,
  };
}

/** What {@link readArgs} gives for each option type. */
interface ValueByType {
  // Choices are not narrowed to their values: Discord checks them, but a forged payload can send
  // any string, so a handler compares a choice against its own list (as it does today).
  [ApplicationCommandOptionType.String]: string;
  [ApplicationCommandOptionType.Integer]: number;
  [ApplicationCommandOptionType.Number]: number;
  [ApplicationCommandOptionType.Boolean]: boolean;
  // Discord sends a user, channel, role or mentionable option's id as its value (the objects are in `resolved`).
  [ApplicationCommandOptionType.User]: string;
  [ApplicationCommandOptionType.Channel]: string;
  [ApplicationCommandOptionType.Role]: string;
  [ApplicationCommandOptionType.Mentionable]: string;
  [ApplicationCommandOptionType.Attachment]: AttachmentFacts;
}

interface DeclaredOption {
  readonly type: ApplicationCommandOptionType;
  readonly name: string;
  readonly required?: boolean;
  readonly options?: readonly DeclaredOption[];
}

type ValueOf<O extends DeclaredOption> = O['type'] extends keyof ValueByType ? ValueByType[O['type']] : never;

/** Options whose name is a literal: declared in the command file, typed precisely. */
type Named<O> = O extends DeclaredOption ? (string extends O['name'] ? never : O) : never;
/** Options built at run time from a model's schema (`deriveModelOptions`): their names are only `string`. */
type Derived<O> = O extends DeclaredOption ? (string extends O['name'] ? O : never) : never;

type RequiredArgs<O extends DeclaredOption> = {
  [E in Named<O> as E['required'] extends true ? E['name'] : never]: ValueOf<E>;
};
// Discord leaves out an option the member did not give: it reads as undefined.
type OptionalArgs<O extends DeclaredOption> = {
  [E in Named<O> as E['required'] extends true ? never : E['name']]?: ValueOf<E> | undefined;
};
// The schema-derived options are validated by the model's zod schema in the handler.
type DerivedArgs<O extends DeclaredOption> = [Derived<O>] extends [never] ? unknown : Readonly<Record<string, unknown>>;

/** The values of a list of options, by name. */
export type ArgsOf<L extends readonly DeclaredOption[] | undefined> = L extends readonly DeclaredOption[]
  ? Readonly<RequiredArgs<L[number]> & OptionalArgs<L[number]>> & DerivedArgs<L[number]>
  : Readonly<Record<never, never>>;

/** A slash command's `as const` definition, as far as its options' types need it. */
export interface SlashCommandDefinition {
  readonly name: string;
  readonly options?: readonly DeclaredOption[];
}

type Child<L, N extends string> = L extends readonly DeclaredOption[] ? Extract<L[number], { readonly name: N }> : never;

/** The sub-command at `path` (`status`, or `group/sub-command`) of a command. */
type SubcommandAt<C extends SlashCommandDefinition, P extends string> = P extends `${infer G}/${infer S}`
  ? Child<Child<C['options'], G>['options'], S>
  : Child<C['options'], P>;

/** The sub-command paths of a command: `create`, `preferences/set`, … */
export type SubcommandPath<C extends SlashCommandDefinition> = PathsOf<C['options']>;
type PathsOf<L> = L extends readonly DeclaredOption[]
  ? L[number] extends infer O
    ? O extends DeclaredOption
      ? O['type'] extends ApplicationCommandOptionType.SubcommandGroup
        ? `${O['name']}/${PathsOf<O['options']> & string}`
        : O['type'] extends ApplicationCommandOptionType.Subcommand
          ? O['name']
          : never
      : never
    : never
  : never;

/** The options of the sub-command at `path`, typed from the command's definition. */
export type CommandArgs<C extends SlashCommandDefinition, P extends SubcommandPath<C>> = ArgsOf<SubcommandAt<C, P>['options']>;

/**
 * The options of the sub-command an interaction ran, by name. The router's one reader: each value
 * is what {@link ValueByType} says for its type; the route ties the result to the sub-command's
 * {@link CommandArgs}.
 */
export function readArgs(given: readonly CommandInteractionOption[]): Record<string, unknown> {
  const [first] = given;
  if (first?.type === ApplicationCommandOptionType.SubcommandGroup || first?.type === ApplicationCommandOptionType.Subcommand) {
    return readArgs(first.options ?? []);
  }
  return Object.fromEntries(given.map((option) => [option.name, option.attachment ? attachmentFacts(option.attachment) : option.value]));
}
