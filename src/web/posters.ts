/**
 * Poster frames for the gallery's grid. The frames themselves come from the video studio's
 * ffmpeg runner (`src/media/posters.ts`, wired in `app.ts`); the gallery asks through this port and
 * never runs ffmpeg itself. A video the bot holds no copy of shows the neutral placeholder.
 */
import type { Job } from '../jobs/job.js';

export interface Poster {
  bytes: Buffer;
  /** `image/jpeg`, `image/png` or `image/webp`. */
  contentType: string;
}

/** Where a job's poster frame comes from; undefined when it has none (yet). */
export interface PosterSource {
  poster(job: Job): Promise<Poster | undefined>;
}

export const NO_POSTERS: PosterSource = { poster: async () => undefined };

/** A neutral frame with a play mark, the size of the job's aspect ratio. */
export function placeholderPoster(aspectRatio: string | undefined): Poster {
  const [w, h] = aspectRatio === '9:16' ? [180, 320] : aspectRatio === '1:1' ? [320, 320] : [320, 180];
  const cx = w / 2;
  const cy = h / 2;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}"><rect width="${w}" height="${h}" fill="#2b2d31"/><circle cx="${cx}" cy="${cy}" r="28" fill="#4e5058"/><path d="M${cx - 9} ${cy - 14} L${cx + 15} ${cy} L${cx - 9} ${cy + 14} Z" fill="#dbdee1"/></svg>`;
  return { bytes: Buffer.from(svg), contentType: 'image/svg+xml' };
}
