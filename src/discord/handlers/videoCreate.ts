/** `/video create`: one prompt, options derived from the model's schema. */
import { languageOf } from '../../community/languages.js';
import { withMemberDefaults } from '../../community/memberPreferences.js';
import { FormError } from '../../model/videoForm.js';
import { InvalidInputError, parseVideoInput, type VideoInput } from '../../model/videoInput.js';
import { type Handler, type MemberInput, message } from '../handler.js';
import { problemsErrorText } from '../problemText.js';
import { startJob } from '../startJob.js';

export interface VideoCreateInput {
  member: MemberInput;
  /** The sub-command's options by name, as Discord sent them. */
  options: Readonly<Record<string, unknown>>;
}

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

export const videoCreate: Handler<VideoCreateInput> = {
  name: 'video.create',
  async run(input, deps, ack) {
    await ack.defer();
    const preferences = await deps.preferences.get(input.member.guildId, input.member.userId);
    const parsed = parseOrProblem(input.member.locale, () => parseVideoInput(withMemberDefaults(input.options, preferences)));
    if ('problem' in parsed) return message(parsed.problem);
    return (await startJob(deps, { member: input.member, input: parsed })).view;
  },
};
