/** `/video create`: one prompt, options derived from the model's schema. */
import { withMemberDefaults } from '../../community/memberPreferences.js';
import { FormError } from '../../model/videoForm.js';
import { InvalidInputError, parseVideoInput, type VideoInput } from '../../model/videoInput.js';
import { type Handler, type MemberInput, message } from '../handler.js';
import { startJob } from '../startJob.js';

export interface VideoCreateInput {
  member: MemberInput;
  /** The sub-command's options by name, as Discord sent them. */
  options: Readonly<Record<string, unknown>>;
}

/** The member's own mistake, worded by the model's validation (which field, what limit). */
export function inputProblem(error: unknown): string | undefined {
  if (error instanceof InvalidInputError || error instanceof FormError) return error.userMessage;
  return undefined;
}

export function parseOrProblem<T extends object = VideoInput>(parse: () => T): T | { problem: string } {
  try {
    return parse();
  } catch (error) {
    const problem = inputProblem(error);
    if (problem === undefined) throw error;
    return { problem };
  }
}

export const videoCreate: Handler<VideoCreateInput> = {
  name: 'video.create',
  async run(input, deps, ack) {
    await ack.defer();
    const preferences = await deps.preferences.get(input.member.guildId, input.member.userId);
    const parsed = parseOrProblem(() => parseVideoInput(withMemberDefaults(input.options, preferences)));
    if ('problem' in parsed) return message(parsed.problem);
    return (await startJob(deps, { member: input.member, input: parsed })).view;
  },
};
