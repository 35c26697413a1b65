/** Remix (and Edit & retry): the form, prefilled from the job's input. */
import { modelById } from '../../model/models.js';
import { copyForLocale } from '../copy.js';
import { type Handler, message } from '../handler.js';
import { isView, type JobButtonInput, jobOfButton } from './jobButton.js';
import { remixForm } from './videoForms.js';

export const remixButton: Handler<JobButtonInput> = {
  name: 'button.remix',
  async run(input, deps) {
    const job = await jobOfButton(input, deps);
    if (isView(job)) return job;
    const copy = copyForLocale(input.member.locale);
    if (job.deletedAt !== null) return message(copy.t('refusal.remixRemoved'));
    // A job from a newer release, or of a model since taken out: no form can be drawn for it.
    if (!modelById(job.modelId)) return message(copy.t('refusal.remixModelUnknown'));
    return remixForm(job, input.member.locale);
  },
};
