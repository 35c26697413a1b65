/**
 * Who may act on a job. Button ids arrive as strings anyone could forge, so every action on a
 * job asks this one rule: its maker may, and so may a moderator (Manage Messages).
 */
import type { Job } from '../jobs/job.js';
import { canRetry } from '../jobs/jobState.js';

export interface Actor {
  userId: string;
  /** Holds the moderator permission in the job's server. */
  isModerator: boolean;
}

export type JobActionName = 'cancel' | 'retry' | 'share' | 'delete';

export type ActDecision = { ok: true } | { ok: false; why: 'not_owner' | 'wrong_state' };

/**
 * Ownership first, then what the state table allows. Cancel, share and delete are settled again
 * by the core (a job can move while the click is on its way); the answer here is the quick one.
 */
export function canActOn(job: Pick<Job, 'userId' | 'state'>, actor: Actor, action: JobActionName): ActDecision {
  if (job.userId !== actor.userId && !actor.isModerator) return { ok: false, why: 'not_owner' };
  const stateAllows: Record<JobActionName, boolean> = {
    // A finished job still gets its answer ("already finished") from the service.
    cancel: true,
    retry: canRetry(job.state),
    share: true,
    delete: true,
  };
  return stateAllows[action] ? { ok: true } : { ok: false, why: 'wrong_state' };
}
