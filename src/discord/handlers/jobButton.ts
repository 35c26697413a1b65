/**
 * What every job button carries: the job id from its custom id (a string anyone could forge)
 * and who clicked. Each handler re-reads the job and checks its server before acting.
 */
import type { Actor } from '../../community/actor.js';
import type { Job } from '../../jobs/job.js';
import type { HandlerDeps } from '../context.js';
import { copyForLocale } from '../copy.js';
import { type MemberInput, type MessageView, message } from '../handler.js';

export interface JobButtonInput {
  member: MemberInput;
  /** Undefined when the custom id did not decode. */
  jobId: string | undefined;
}

export function actorOf(member: MemberInput): Actor {
  return { userId: member.userId, isModerator: member.isModerator };
}

/** The job the button names, if it is in the clicker's server; else the refusal to send. */
export async function jobOfButton(input: JobButtonInput, deps: HandlerDeps): Promise<Job | MessageView> {
  const job = input.jobId ? await deps.store.get(input.jobId) : undefined;
  if (!job || job.guildId !== input.member.guildId) {
    deps.logger.warn({ jobId: input.jobId, userId: input.member.userId }, 'button for an unknown job');
    return message(copyForLocale(input.member.locale).t('refusal.foreignButton'));
  }
  return job;
}

export function isView(value: Job | MessageView): value is MessageView {
  return 'type' in value && value.type === 'message';
}
