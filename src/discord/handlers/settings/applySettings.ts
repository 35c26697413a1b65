/**
 * What every `/video-settings` action shares: only Manage Server may change the rules (Discord
 * hides the command from others, but a server can override that), and every answer shows the
 * settings as they now stand.
 */
import type { GuildSettings } from '../../../community/guildSettings.js';
import type { HandlerDeps } from '../../context.js';
import { REFUSALS } from '../../copy.js';
import { type MessageView, message } from '../../handler.js';
import { settingsText } from '../../views/settingsText.js';

export interface SettingsInput<O> {
  guildId: string;
  userId: string;
  canManageServer: boolean;
  options: O;
}

/** A patch to save, or the refusal to send when the options do not make one. */
export type PatchOrProblem = Partial<GuildSettings> | { problem: string };

export async function applySettings<O>(
  input: SettingsInput<O>,
  deps: HandlerDeps,
  patchFor: (options: O, current: GuildSettings) => PatchOrProblem,
): Promise<MessageView> {
  if (!input.canManageServer) return message(REFUSALS.manageServerOnly);
  const current = await deps.settings.get(input.guildId);
  const patch = patchFor(input.options, current);
  if ('problem' in patch && typeof patch.problem === 'string') return message(patch.problem);
  const changes = patch as Partial<GuildSettings>;
  if (!Object.keys(changes).length) return message(settingsText(current));
  try {
    return message(settingsText(await deps.settings.update(input.guildId, changes, input.userId), true));
  } catch (error) {
    // The settings store words a value it refuses for the member (which field, what limit).
    const problem = error && typeof error === 'object' && 'userMessage' in error ? String(error.userMessage) : undefined;
    if (!problem) throw error;
    return message(problem);
  }
}

/** The list actions (`add`, `remove`, `clear`) shared by the channel and phrase lists. */
export type ListAction = 'add' | 'remove' | 'clear';
