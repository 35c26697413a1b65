/**
 * Button and modal ids. They come back from Discord as plain strings anyone could forge, so
 * decoding is strict and every handler still checks who may act on the job it names.
 */
import { PICTURE_FORM_ID } from '../community/pictureForms.js';

export const JOB_ACTIONS = ['cancel', 'retry', 'remix', 'share', 'delete', 'gif', 'upgrade', 'extend'] as const;
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

/** The form of an Extend: the continuation of this job's video. */
export function extendFormId(parentId: string): string {
  return `form:extend:${parentId}`;
}

/**
 * The form of "Animate with Kling": the id under which the bot keeps the picture it was opened on
 * (`PictureFormStore`); 29 characters, well within Discord's 100.
 */
export function animateFormId(pictureFormId: string): string {
  return `form:animate:${pictureFormId}`;
}

/** The form that takes a picture as an upload, for `/video animate` without one and the help's button. */
export const UPLOAD_FORM_ID = 'form:picture';

/** Buttons that open something for whoever clicks them, not tied to a job. */
export const OPEN_ACTIONS = ['animate'] as const;
export type OpenAction = (typeof OPEN_ACTIONS)[number];

export function openButtonId(action: OpenAction): string {
  return `open:${action}`;
}

export function parseOpenButtonId(customId: string): OpenAction | undefined {
  const [scope, action, ...rest] = customId.split(':');
  if (scope !== 'open' || rest.length) return undefined;
  return OPEN_ACTIONS.find((a) => a === action);
}

export interface VideoFormTarget {
  /** A remix of this job. */
  parentId?: string;
  /**
   * An animation of the picture kept under this id; null for an id that cannot be one (a form
   * opened before an upgrade, or a forged one), which is answered like an expired form.
   */
  animate?: { pictureFormId: string | null };
  /** An animation of a picture uploaded in the form. */
  upload?: true;
  /** The tier named when the form was opened (`/video animate tier:…`), as it came back: checked on submit. */
  tier?: string;
  /** A continuation of this job's video. */
  extendOf?: string;
}

/** The upload form, with the tier `/video animate` named before it opened the form. */
export function uploadFormId(tier?: string): string {
  return tier ? `${UPLOAD_FORM_ID}:${tier}` : UPLOAD_FORM_ID;
}

export function parseVideoFormId(customId: string): VideoFormTarget | undefined {
  if (customId === 'form:new') return {};
  if (customId === UPLOAD_FORM_ID) return { upload: true };
  if (customId.startsWith(`${UPLOAD_FORM_ID}:`))
    return { upload: true, tier: customId.slice(UPLOAD_FORM_ID.length + 1, UPLOAD_FORM_ID.length + 21) };
  if (customId.startsWith('form:animate:')) {
    const id = customId.slice('form:animate:'.length);
    return { animate: { pictureFormId: PICTURE_FORM_ID.test(id) ? id : null } };
  }
  const [scope, kind, parentId, ...rest] = customId.split(':');
  if (scope === 'form' && kind === 'remix' && parentId && JOB_ID.test(parentId) && !rest.length) return { parentId };
  if (scope === 'form' && kind === 'extend' && parentId && JOB_ID.test(parentId) && !rest.length) return { extendOf: parentId };
  return undefined;
}
