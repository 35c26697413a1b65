/** A GIF of a finished video, posted in its thread, for places that do not play video. */
import { canActOn } from '../../community/actor.js';
import { copyForLocale } from '../copy.js';
import { type Handler, message } from '../handler.js';
import { gifProblemText } from '../problemText.js';
import { actorOf, isView, type JobButtonInput, jobOfButton } from './jobButton.js';

export const gifButton: Handler<JobButtonInput> = {
  name: 'button.gif',
  async run(input, deps, ack) {
    const job = await jobOfButton(input, deps);
    if (isView(job)) return job;
    const copy = copyForLocale(input.member.locale);
    // Posting in the thread is the maker's call, as sharing is.
    if (!canActOn(job, actorOf(input.member), 'share').ok) return message(copy.t('gif.notOwner'));
    if (job.state !== 'succeeded' || job.deletedAt !== null) return message(gifProblemText(copy.language, { kind: 'not_finished' }));
    // Making a GIF takes seconds: past Discord's 3 s for a first answer.
    await ack.defer();
    const result = await deps.gifs.post(job, input.member.userId);
    if (!result.ok) return message(gifProblemText(copy.language, result.problem));
    return message(copy.t('gif.posted', { link: `https://discord.com/channels/${job.guildId}/${result.channelId}/${result.messageId}` }));
  },
};
