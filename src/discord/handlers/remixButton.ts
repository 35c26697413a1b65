/** Remix (and Edit & retry): the form, prefilled from the job's input. */
import { copyForLocale } from '../copy.js';
import { videoFormId } from '../customIds.js';
import { type Handler, message, modal } from '../handler.js';
import { videoFormView } from '../views/videoForm.js';
import { isView, type JobButtonInput, jobOfButton } from './jobButton.js';

export const remixButton: Handler<JobButtonInput> = {
  name: 'button.remix',
  async run(input, deps) {
    const job = await jobOfButton(input, deps);
    if (isView(job)) return job;
    const copy = copyForLocale(input.member.locale);
    if (job.deletedAt !== null) return message(copy.REFUSALS.remixRemoved);
    return modal(videoFormView(copy.FORM.remixTitle, videoFormId(job.id), job.input, copy));
  },
};
