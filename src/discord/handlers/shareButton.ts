/** Share to the server's showcase channel, once however often it is clicked. */
import { canActOn } from '../../community/actor.js';
import { copyForLocale } from '../copy.js';
import { type Handler, message } from '../handler.js';
import { channelMention } from '../markup.js';
import { shareProblemText } from '../problemText.js';
import { actorOf, isView, type JobButtonInput, jobOfButton } from './jobButton.js';

export const shareButton: Handler<JobButtonInput> = {
  name: 'button.share',
  async run(input, deps, ack) {
    const job = await jobOfButton(input, deps);
    if (isView(job)) return job;
    const { t, language } = copyForLocale(input.member.locale);
    if (!canActOn(job, actorOf(input.member), 'share').ok) return message(t('refusal.shareNotOwner'));
    await ack.defer();
    const result = await deps.showcase.share(job, input.member.userId);
    if (!result.ok) return message(shareProblemText(language, result.problem));
    const link = `https://discord.com/channels/${job.guildId}/${result.channelId}/${result.messageId}`;
    return message(result.already ? t('share.already', { link }) : t('share.shared', { channel: channelMention(result.channelId), link }));
  },
};
