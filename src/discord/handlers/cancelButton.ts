/** Cancel under a status card: the service decides what the provider still allows. */
import { canActOn } from '../../community/actor.js';
import type { CancelOutcome } from '../../jobs/jobService.js';
import { copyForLocale } from '../copy.js';
import { type Handler, message } from '../handler.js';
import type { PlainMessageKey } from '../i18n/translate.js';
import { actorOf, isView, type JobButtonInput, jobOfButton } from './jobButton.js';

/** What the member reads, by what the service could do. */
const CANCEL_REPLIES: Readonly<Record<CancelOutcome['outcome'], PlainMessageKey>> = {
  cancelled: 'cancel.cancelled',
  not_cancellable: 'cancel.notCancellable',
  already_finished: 'cancel.alreadyFinished',
  submitting: 'cancel.submitting',
  not_found: 'cancel.notFound',
};

export const cancelButton: Handler<JobButtonInput> = {
  name: 'button.cancel',
  async run(input, deps, ack) {
    const job = await jobOfButton(input, deps);
    if (isView(job)) return job;
    const copy = copyForLocale(input.member.locale);
    if (!canActOn(job, actorOf(input.member), 'cancel').ok) return message(copy.t('refusal.cancelNotOwner'));
    await ack.defer();
    const result = await deps.service.cancel(job.id);
    if ('job' in result) {
      await deps.messages
        .refreshStatus(result.job)
        .catch((error: unknown) => deps.logger.warn({ err: error, jobId: job.id }, 'status edit after cancel failed'));
    }
    deps.logger.info({ jobId: job.id, by: input.member.userId, outcome: result.outcome }, 'cancel clicked');
    return message(copy.t(CANCEL_REPLIES[result.outcome]));
  },
};
