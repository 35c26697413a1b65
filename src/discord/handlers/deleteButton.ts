/** Delete a finished video: the row is marked first, then what it left on Discord is taken down. */
import { canActOn } from '../../community/actor.js';
import { copyForLocale } from '../copy.js';
import { type Handler, message } from '../handler.js';
import { actorOf, isView, type JobButtonInput, jobOfButton } from './jobButton.js';

export const deleteButton: Handler<JobButtonInput> = {
  name: 'button.delete',
  async run(input, deps, ack) {
    const job = await jobOfButton(input, deps);
    if (isView(job)) return job;
    const { t } = copyForLocale(input.member.locale);
    if (!canActOn(job, actorOf(input.member), 'delete').ok) return message(t('refusal.deleteNotOwner'));
    await ack.defer();
    const marked = await deps.service.markDeleted(job);
    if (!marked) return message(t('refusal.deleteChanged'));
    const { finalGone, postGone, hadPost } = await deps.showcase.takeDown(marked);
    deps.logger.info({ jobId: job.id, by: input.member.userId }, 'delete clicked');
    if (!finalGone || !postGone) return message(t('delete.partly'));
    return message(hadPost ? t('delete.done') : t('delete.doneVideoOnly'));
  },
};
