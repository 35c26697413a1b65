/** `/video create`: one prompt, options derived from the model's schema, in the tier chosen. */

import type { videoCommand } from '../../../commands/video.js';
import { languageOf } from '../../community/languages.js';
import type { MemberPreferences } from '../../community/memberPreferences.js';
import { withMemberDefaults } from '../../community/memberPreferences.js';
import { chooseTier } from '../../community/tierChoice.js';
import type { JobInput } from '../../jobs/job.js';
import { FormError } from '../../model/formPlan.js';
import type { ModelDefinition, ModelMode } from '../../model/modelDefinition.js';
import { modelFor, parseModelInput } from '../../model/models.js';
import { InvalidInputError, type VideoInput } from '../../model/videoInput.js';
import type { CommandArgs } from '../commandArgs.js';
import type { HandlerDeps } from '../context.js';
import { copyForLocale } from '../copy.js';
import { type Handler, type MemberInput, type MessageView, message, type SlashInput } from '../handler.js';
import { problemsErrorText } from '../problemText.js';
import { startTakes, TAKES_KEY, takesOf } from '../takes.js';

/** The member's own mistake, in their language: which field, what limit, from the model's facts. */
export function inputProblem(locale: string | undefined, error: unknown): string | undefined {
  if (error instanceof InvalidInputError || error instanceof FormError) return problemsErrorText(languageOf(locale), error);
  return undefined;
}

/** `parse()`, or the member's mistake worded for `locale` (any other error is thrown on). */
export function parseOrProblem<T extends object = VideoInput>(locale: string | undefined, parse: () => T): T | { problem: string } {
  try {
    return parse();
  } catch (error) {
    const problem = inputProblem(locale, error);
    if (problem === undefined) throw error;
    return { problem };
  }
}

/**
 * The model a member's request is made with: `mode` in the tier they named, else their own
 * default the server allows, else the server's. A tier the server does not allow (or a forged
 * value) is the member's answer, before anything is written or sent.
 */
export async function modelOfRequest(
  deps: Pick<HandlerDeps, 'settings'>,
  member: MemberInput,
  mode: ModelMode,
  requested: unknown,
  preferences: Pick<MemberPreferences, 'tier'>,
): Promise<ModelDefinition | { view: MessageView }> {
  const chosen = chooseTier(requested, await deps.settings.get(member.guildId), preferences.tier);
  if (!chosen.ok) return { view: message(copyForLocale(member.locale).admissionRefusalText(chosen.refusal)) };
  return modelFor(mode, chosen.tier);
}

/** The options are the model's schema (validated by it) and the tier. */
export const videoCreate: Handler<SlashInput<CommandArgs<typeof videoCommand, 'create'>>> = {
  name: 'video.create',
  async run(input, deps, ack) {
    await ack.defer();
    const { tier, [TAKES_KEY]: takes, ...options } = input.options;
    const preferences = await deps.preferences.get(input.member.guildId, input.member.userId);
    const model = await modelOfRequest(deps, input.member, 'text', tier, preferences);
    if ('view' in model) return model.view;
    const parsed = parseOrProblem(input.member.locale, () => parseModelInput<JobInput>(model, withMemberDefaults(options, preferences)));
    if ('problem' in parsed) return message(parsed.problem);
    return startTakes(deps, { member: input.member, input: parsed, modelId: model.id }, takesOf(takes));
  },
};
