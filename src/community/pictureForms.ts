/**
 * The picture an "Animate with Kling" form animates, kept between the menu and the form's submit.
 *
 * A bot without the Message Content intent reads another member's message over REST with its
 * attachments blanked; the message arrives whole only in the interaction that targets it. So the
 * picture's facts are taken there, kept here under a short id that the form's custom id carries,
 * and read back when the form comes back, by whichever process takes the submit.
 */
import { randomBytes } from 'node:crypto';

/** What Discord said of the picture when the member picked it; any fact may be missing. */
export interface PictureFacts {
  url: string;
  filename: string | null;
  contentType: string | null;
  size: number | null;
  width: number | null;
  height: number | null;
}

/** Who opened the form, where, and on which message's picture. */
export interface PictureForm {
  guildId: string;
  userId: string;
  channelId: string;
  messageId: string;
  picture: PictureFacts;
}

/**
 * How long a kept picture answers: the life of the interaction token that opened the form, which
 * is as long as Discord lets a member keep a form open and still answer it.
 */
export const PICTURE_FORM_TTL_MS = 15 * 60 * 1000;

/** Short, unguessable, and safe inside a Discord custom id (at most 100 characters in all). */
export function newPictureFormId(): string {
  return randomBytes(12).toString('base64url').replace(/[-_]/g, 'x').slice(0, 16).toLowerCase();
}

export const PICTURE_FORM_ID = /^[a-z0-9]{16}$/;

/**
 * What a submit finds under its id: the form, once; `unknown` when no such id is kept (never
 * made, expired, or taken already); `foreign` when it was made by another member or in another
 * server, which leaves it in place for its owner.
 */
export type PictureFormTake = { kind: 'taken'; form: PictureForm } | { kind: 'unknown' } | { kind: 'foreign' };

export interface PictureFormStore {
  /**
   * Keeps `form` for {@link PICTURE_FORM_TTL_MS} from the store's clock and returns its new id;
   * forms past their time are swept on the way.
   */
  save(form: PictureForm): Promise<string>;
  /**
   * The form kept under `id` if it is still within its time and was made by `owner` in
   * `owner.guildId`, removed as it is read so that only one submit (from any process) gets it.
   */
  take(id: string, owner: { guildId: string; userId: string }): Promise<PictureFormTake>;
}

/** The stored JSON back to facts; a field of the wrong kind reads as missing. */
export function readPictureFacts(json: string): PictureFacts | undefined {
  let stored: unknown;
  try {
    stored = JSON.parse(json);
  } catch {
    return undefined;
  }
  if (stored === null || typeof stored !== 'object') return undefined;
  const value = stored as Record<string, unknown>;
  if (typeof value.url !== 'string') return undefined;
  const text = (v: unknown) => (typeof v === 'string' ? v : null);
  const count = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
  return {
    url: value.url,
    filename: text(value.filename),
    contentType: text(value.contentType),
    size: count(value.size),
    width: count(value.width),
    height: count(value.height),
  };
}
