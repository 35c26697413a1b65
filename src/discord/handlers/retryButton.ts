/** Retry under a failed job's card: the same input again, as a job of its own. */
import { canActOn } from '../../community/actor.js';
import { copyForLocale } from '../copy.js';
import { type Handler, message } from '../handler.js';
import { code } from '../markup.js';
import { startJob } from '../startJob.js';
import { sameModelAs } from './animate.js';
import { actorOf, isView, type JobButtonInput, jobOfButton } from './jobButton.js';

export const retryButton: Handler<JobButtonInput> = {
  name: 'button.retry',
  async run(input, deps, ack) {
    const job = await jobOfButton(input, deps);
    if (isView(job)) return job;
    const { t } = copyForLocale(input.member.locale);
    const allowed = canActOn(job, actorOf(input.member), 'retry');
    if (!allowed.ok) return message(allowed.why === 'not_owner' ? t('refusal.retryNotOwner') : t('refusal.retryWrongState'));
    await ack.defer();
    // A quick answer for the usual case; two clicks at once are settled by the store, which writes
    // one retry per job and refuses the other in the same transaction.
    const earlier = await deps.store.retryOf(job.id);
    if (earlier) return message(t('admission.alreadyRetried', { job: code(earlier.id) }));
    const model = await sameModelAs(deps, job, input.member.locale);
    if ('view' in model) return model.view;
    const { view } = await startJob(deps, { member: input.member, input: job.input, kind: 'retry', parentId: job.id, ...model });
    await deps.messages.refreshStatus(await deps.store.require(job.id)).catch(() => {});
    return view;
  },
};
