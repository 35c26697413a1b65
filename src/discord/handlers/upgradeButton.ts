/**
 * "Render again in <tier>" under a finished Standard or Pro video: the same request (prompt,
 * shots, pictures, length, sound) at the next tier up, as a job of its own with its own estimate
 * and card, its parent the draft. The server's allowed tiers and budgets decide as for any video.
 */
import { canActOn } from '../../community/actor.js';
import type { JobInput } from '../../jobs/job.js';
import type { ModelDefinition } from '../../model/modelDefinition.js';
import { modelById, modelFor } from '../../model/models.js';
import { tierAbove } from '../../model/tiers.js';
import { copyForLocale } from '../copy.js';
import { type Handler, message } from '../handler.js';
import { startJob } from '../startJob.js';
import { sameModelAs } from './animate.js';
import { actorOf, isView, type JobButtonInput, jobOfButton } from './jobButton.js';

/**
 * The draft's input as the higher tier takes it. A value only the draft's tier has (Standard's
 * `shot_type: intelligent`) takes the higher tier's default; everything the member chose stays.
 */
export function inputForTier(input: JobInput, model: ModelDefinition): JobInput | undefined {
  const first = model.schema.safeParse(input);
  if (first.success) return first.data as JobInput;
  const refused = new Set(first.error.issues.map((issue) => String(issue.path[0])));
  const kept = Object.fromEntries(Object.entries(input).filter(([key]) => !refused.has(key)));
  const second = model.schema.safeParse(kept);
  return second.success ? (second.data as JobInput) : undefined;
}

export const upgradeButton: Handler<JobButtonInput> = {
  name: 'button.upgrade',
  async run(input, deps, ack) {
    const draft = await jobOfButton(input, deps);
    if (isView(draft)) return draft;
    const { t } = copyForLocale(input.member.locale);
    // Its maker or a moderator, as for every action on a job (the state is checked below).
    if (canActOn(draft, actorOf(input.member), 'share').ok === false) return message(t('renderAgain.notOwner'));
    if (draft.state !== 'succeeded' || draft.deletedAt !== null) return message(t('renderAgain.notFinished'));
    const from = modelById(draft.modelId);
    const above = from ? tierAbove(from.tier) : undefined;
    if (!from || !above) return message(t('renderAgain.top'));
    const target = modelFor(from.mode, above);
    const request = inputForTier(draft.input, target);
    if (!request) return message(t('renderAgain.notFinished'));
    await ack.defer();
    // The draft's own copies of its pictures, read (and renewed) again for the new card.
    const same = await sameModelAs(deps, draft, input.member.locale);
    if ('view' in same) return same.view;
    const { view } = await startJob(deps, {
      member: input.member,
      input: request,
      kind: 'upgrade',
      parentId: draft.id,
      ...(same.images ? { images: same.images } : {}),
      modelId: target.id,
    });
    return view;
  },
};
