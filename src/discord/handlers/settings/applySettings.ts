/**
 * What every `/video-settings` action shares: only Manage Server may change the rules (Discord
 * hides the command from others, but a server can override that), and every answer shows the
 * settings as they now stand.
 */
import type { settingsCommand } from '../../../../commands/settings.js';
import { type GuildSettings, InvalidSettingsError } from '../../../community/guildSettings.js';
import type { CommandArgs, SubcommandPath } from '../../commandArgs.js';
import type { HandlerDeps } from '../../context.js';
import { type Copy, copyForLocale, languageOf } from '../../copy.js';
import { type MessageView, message } from '../../handler.js';
import { problemsErrorText } from '../../problemText.js';
import { settingsText } from '../../views/settingsText.js';

export interface SettingsInput<O> {
  guildId: string;
  userId: string;
  canManageServer: boolean;
  options: O;
  /** The member's Discord locale: the answer is in it. */
  locale?: string;
  /** The server's Discord locale, which public messages follow unless a language is set. */
  guildLocale?: string | null;
}

/** The options of the `/video-settings` action at `path`, typed from its definition in `commands/settings.ts`. */
export type SettingsArgs<P extends SubcommandPath<typeof settingsCommand>> = CommandArgs<typeof settingsCommand, P>;

/** A patch to save, or the refusal to send when the options do not make one. */
export type PatchOrProblem = Partial<GuildSettings> | { problem: string };

export async function applySettings<O>(
  input: SettingsInput<O>,
  deps: HandlerDeps,
  patchFor: (options: O, current: GuildSettings, copy: Copy) => PatchOrProblem,
): Promise<MessageView> {
  const copy = copyForLocale(input.locale);
  if (!input.canManageServer) return message(copy.t('refusal.manageServerOnly'));
  const current = await deps.settings.get(input.guildId);
  const patch = patchFor(input.options, current, copy);
  const show = (settings: GuildSettings, saved = false) => settingsText(settings, copy, languageOf(input.guildLocale), saved);
  if ('problem' in patch && typeof patch.problem === 'string') return message(patch.problem);
  const changes = patch as Partial<GuildSettings>;
  if (!Object.keys(changes).length) return message(show(current));
  try {
    return message(show(await deps.settings.update(input.guildId, changes, input.userId), true));
  } catch (error) {
    // The settings store refuses a value with facts (which field, what limit), worded here.
    const problem = error instanceof InvalidSettingsError ? problemsErrorText(copy.language, error) : undefined;
    if (!problem) throw error;
    return message(problem);
  }
}
