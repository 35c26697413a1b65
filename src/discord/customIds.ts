/**
 * Button and modal ids. They come back from Discord as plain strings anyone could forge, so
 * decoding is strict and every handler still checks who may act on the job it names.
 */
export const JOB_ACTIONS = ['cancel', 'retry', 'remix', 'share', 'delete'] as const;
export type JobAction = (typeof JOB_ACTIONS)[number];

const JOB_ID = /^[a-z0-9]{6,20}$/;

export function jobButtonId(action: JobAction, jobId: string): string {
  return `job:${action}:${jobId}`;
}

export function parseJobButtonId(customId: string): { action: JobAction; jobId: string } | undefined {
  const [scope, action, jobId, ...rest] = customId.split(':');
  if (scope !== 'job' || rest.length || !jobId || !JOB_ID.test(jobId)) return undefined;
  const known = JOB_ACTIONS.find((a) => a === action);
  return known ? { action: known, jobId } : undefined;
}

/** A modal for a new multi-shot video, or a remix of `parentId`. */
export function videoFormId(parentId?: string): string {
  return parentId ? `form:remix:${parentId}` : 'form:new';
}

export function parseVideoFormId(customId: string): { parentId?: string } | undefined {
  if (customId === 'form:new') return {};
  const [scope, kind, parentId, ...rest] = customId.split(':');
  if (scope === 'form' && kind === 'remix' && parentId && JOB_ID.test(parentId) && !rest.length) return { parentId };
  return undefined;
}
