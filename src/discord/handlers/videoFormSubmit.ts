/** A filled multi-shot or remix form. */
import type { Job } from '../../jobs/job.js';
import { draftFromForm } from '../../model/videoForm.js';
import { parseVideoInput } from '../../model/videoInput.js';
import { copyForLocale } from '../copy.js';
import { type ChannelFacts, type Handler, type MemberInput, message } from '../handler.js';
import { startJob } from '../startJob.js';
import { parseOrProblem } from './videoCreate.js';

export interface VideoFormInput {
  member: MemberInput;
  /** Undefined when the form's id did not decode; `parentId` set for a remix. */
  form: { parentId?: string } | undefined;
  fields: { prompt: string; shots?: string | undefined; negativePrompt?: string | undefined; settings?: string | undefined };
  /** A channel other than the one the form was sent from, as the client knows it. */
  channelFacts: (channelId: string) => ChannelFacts;
  /** Whether the member may see and post in that channel (read through REST). */
  canPostIn: (channelId: string) => Promise<boolean>;
}

export const videoFormSubmit: Handler<VideoFormInput> = {
  name: 'form.submit',
  async run(input, deps, ack) {
    const { member, form } = input;
    const { REFUSALS } = copyForLocale(member.locale);
    if (!form) return message(REFUSALS.foreignForm);
    await ack.defer();
    let parent: Job | undefined;
    if (form.parentId) {
      parent = await deps.store.get(form.parentId);
      if (!parent || parent.guildId !== member.guildId || parent.deletedAt !== null) return message(REFUSALS.remixParentGone);
    }
    const parsed = parseOrProblem(() => parseVideoInput(draftFromForm(input.fields)));
    if ('problem' in parsed) return message(parsed.problem);
    // A remix asked for from the showcase is made where its parent was, not in the showcase.
    const showcaseId = parent ? (await deps.settings.get(parent.guildId)).showcaseChannelId : null;
    const backTo = parent && member.channel.id === showcaseId ? parent.channelId : undefined;
    if (backTo && backTo !== member.channel.id && !(await input.canPostIn(backTo))) return message(REFUSALS.remixChannelClosed);
    const { view } = await startJob(deps, {
      member,
      input: parsed,
      kind: parent ? 'remix' : 'new',
      parentId: parent?.id ?? null,
      ...(backTo ? { elsewhere: input.channelFacts(backTo) } : {}),
    });
    return view;
  },
};
