/** A filled multi-shot or remix form. */
import type { APIAttachment } from 'discord.js';
import type { Job, JobInput } from '../../jobs/job.js';
import { modelById, parseModelInput } from '../../model/models.js';
import { draftFromForm } from '../../model/videoForm.js';
import { parseVideoInput } from '../../model/videoInput.js';
import type { HandlerDeps } from '../context.js';
import { copyForLocale } from '../copy.js';
import type { VideoFormTarget } from '../customIds.js';
import { type ChannelFacts, type Handler, type MemberInput, type MessageView, message } from '../handler.js';
import { startJob } from '../startJob.js';
import { firstPicture, sameModelAs, startAnimation } from './animate.js';
import { parseOrProblem } from './videoCreate.js';

export interface VideoFormInput {
  member: MemberInput;
  /** Undefined when the form's id did not decode; `parentId` set for a remix, `animate` for a picture. */
  form: VideoFormTarget | undefined;
  fields: { prompt: string; shots?: string | undefined; negativePrompt?: string | undefined; settings?: string | undefined };
  /** A channel other than the one the form was sent from, as the client knows it. */
  channelFacts: (channelId: string) => ChannelFacts;
  /** Whether the member may see and post in that channel (read through REST). */
  canPostIn: (channelId: string) => Promise<boolean>;
}

/** The "Animate with Kling" form: the message is read again, so its picture is the one it holds now. */
async function animateFromForm(
  input: VideoFormInput,
  deps: HandlerDeps,
  target: { channelId: string; messageId: string },
): Promise<MessageView> {
  const copy = copyForLocale(input.member.locale);
  let attachments: APIAttachment[];
  try {
    attachments = (await deps.poster.fetchMessage(target.channelId, target.messageId)).attachments;
  } catch (error) {
    deps.logger.info({ err: error, messageId: target.messageId }, 'the message to animate could not be read');
    return message(copy.IMAGES.messageGone);
  }
  const picture = firstPicture(
    attachments.map((a) => ({
      url: a.url,
      filename: a.filename,
      contentType: a.content_type,
      size: a.size,
      width: a.width,
      height: a.height,
    })),
  );
  if (!picture) return message(copy.IMAGES.noImage);
  const parsed = parseOrProblem(() => ({ draft: draftFromForm(input.fields) }));
  if ('problem' in parsed) return message(parsed.problem);
  return startAnimation(deps, input.member, parsed.draft, { start: picture });
}

export const videoFormSubmit: Handler<VideoFormInput> = {
  name: 'form.submit',
  async run(input, deps, ack) {
    const { member, form } = input;
    const { REFUSALS } = copyForLocale(member.locale);
    if (!form) return message(REFUSALS.foreignForm);
    await ack.defer();
    if (form.animate) return animateFromForm(input, deps, form.animate);
    let parent: Job | undefined;
    if (form.parentId) {
      parent = await deps.store.get(form.parentId);
      if (!parent || parent.guildId !== member.guildId || parent.deletedAt !== null) return message(REFUSALS.remixParentGone);
    }
    const model = parent ? modelById(parent.modelId) : undefined;
    const parsed = model
      ? parseOrProblem(() => parseModelInput<JobInput>(model, draftFromForm(input.fields)))
      : parseOrProblem<JobInput>(() => parseVideoInput(draftFromForm(input.fields)));
    if ('problem' in parsed) return message(parsed.problem);
    if (parent?.images?.end && parsed.multi_prompt?.length && model?.imageLimits?.endFrameWithShots === false) {
      return message(copyForLocale(member.locale).imageProblemText({ kind: 'end_with_shots', role: 'end' }));
    }
    // A remix keeps its parent's model and pictures.
    const same = parent ? await sameModelAs(deps, parent, member.locale) : {};
    if ('view' in same) return same.view;
    // A remix asked for from the showcase is made where its parent was, not in the showcase.
    const showcaseId = parent ? (await deps.settings.get(parent.guildId)).showcaseChannelId : null;
    const backTo = parent && member.channel.id === showcaseId ? parent.channelId : undefined;
    if (backTo && backTo !== member.channel.id && !(await input.canPostIn(backTo))) return message(REFUSALS.remixChannelClosed);
    const { view } = await startJob(deps, {
      member,
      input: parsed,
      kind: parent ? 'remix' : 'new',
      parentId: parent?.id ?? null,
      ...same,
      ...(backTo ? { elsewhere: input.channelFacts(backTo) } : {}),
    });
    return view;
  },
};
