/**
 * Remix asked for from the web gallery, under the Remix button's rules: the parent's model and
 * pictures, the model's schema over the parent's input with the member's new prompt, then the one
 * path to a job (`startJob`: admission with the member's roles in the video's channel, limits,
 * budgets, blocked phrases, the status card and thread, the submit). The gallery hands in plain
 * data and gets a fact back, or the refusal worded as Discord would word it to the member.
 */
import type { Job, JobInput } from '../jobs/job.js';
import { modelById, parseModelInput } from '../model/models.js';
import type { HandlerDeps } from './context.js';
import { copyForLocale } from './copy.js';
import type { ChannelFacts } from './handler.js';
import { sameModelAs } from './handlers/animate.js';
import { parseOrProblem } from './handlers/videoCreate.js';
import { startJob } from './startJob.js';

export interface WebRemixRequest {
  parent: Job;
  userId: string;
  /** The member's roles in the server, as Discord told the gallery. */
  roleIds: readonly string[];
  /** Manage Messages in the video's channel. */
  isModerator: boolean;
  /** The member's Discord locale: a refusal is worded in it. */
  locale: string;
  prompt: string;
}

export type WebRemixResult = { ok: true; jobId: string; waiting: boolean } | { ok: false; reason: string };

export function createWebRemix(
  deps: HandlerDeps,
  channelFacts: (channelId: string) => ChannelFacts,
): (request: WebRemixRequest) => Promise<WebRemixResult> {
  return async ({ parent, userId, roleIds, isModerator, locale, prompt }) => {
    const copy = copyForLocale(locale);
    const refused = (reason: string): WebRemixResult => ({ ok: false, reason });
    // Read again: the page was drawn a while ago, and Delete may have been pressed meanwhile.
    const current = await deps.store.get(parent.id);
    if (!current || current.guildId !== parent.guildId || current.deletedAt !== null) return refused(copy.t('refusal.remixRemoved'));
    const model = modelById(current.modelId);
    if (!model) return refused(copy.t('refusal.remixModelUnknown'));
    // As the Remix form does: what the page has no field for comes from the parent.
    const parsed = parseOrProblem(locale, () => parseModelInput<JobInput>(model, { ...current.input, prompt }));
    if ('problem' in parsed) return refused(parsed.problem);
    const same = await sameModelAs(deps, current, locale);
    if ('view' in same) return refused(same.view.content);
    const channel = channelFacts(current.channelId);
    const { view, job } = await startJob(deps, {
      member: { guildId: current.guildId, userId, roleIds, isModerator, channel, locale },
      input: parsed,
      kind: 'remix',
      parentId: current.id,
      ...same,
    });
    if (!job) return refused(view.content);
    deps.logger.info({ jobId: job.id, parentId: current.id, userId }, 'remix from the gallery');
    // Started, waiting in the line, or refused by the provider at once: the card in the channel tells the rest.
    return { ok: true, jobId: job.id, waiting: job.state === 'waiting' };
  };
}
