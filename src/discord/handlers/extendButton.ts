/**
 * Extend: a form for the continuation of a finished video (its prompt prefilled, a length), made
 * from the video's last frame by a model that starts from a picture. Refused, before any form,
 * when the chain is already as long as the server allows.
 */
import { DURATION_MIN_SECONDS } from '../../model/videoInput.js';
import { copyForLocale } from '../copy.js';
import { chainSeconds } from '../extensions.js';
import { type Handler, message } from '../handler.js';
import { isView, type JobButtonInput, jobOfButton } from './jobButton.js';
import { extendForm, extensionModel } from './videoForms.js';

export const extendButton: Handler<JobButtonInput> = {
  name: 'button.extend',
  async run(input, deps) {
    const job = await jobOfButton(input, deps);
    if (isView(job)) return job;
    const { t } = copyForLocale(input.member.locale);
    if (job.deletedAt !== null) return message(t('refusal.extendRemoved'));
    if (job.state !== 'succeeded') return message(t('refusal.extendNotFinished'));
    if (!extensionModel(job)) return message(t('refusal.remixModelUnknown'));
    const { extendMaxSeconds } = await deps.settings.get(job.guildId);
    const total = await chainSeconds(deps.store, job);
    // Even the shortest extension would pass the server's total: say so before a form is filled in.
    const shortest = total + DURATION_MIN_SECONDS;
    if (shortest > extendMaxSeconds) return message(t('refusal.extendTooLong', { total: shortest, limit: extendMaxSeconds }));
    return extendForm(job, input.member.locale, extendMaxSeconds - total);
  },
};
