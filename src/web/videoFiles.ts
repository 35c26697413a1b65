/**
 * The bot's own copy of a video: the file it delivered, kept in its media cache on this machine.
 * The gallery plays it from there when it can (no call to Discord, no link that expires), and
 * falls back to the final message's renewed link when this process holds no copy (another
 * process delivered it, or the cache let it go).
 */
import type { Job } from '../jobs/job.js';

export interface VideoFileSource {
  /** The path of the job's MP4 on local disk, or undefined when this process holds none. */
  file(job: Job): Promise<string | undefined>;
}

export const NO_VIDEO_FILES: VideoFileSource = { file: async () => undefined };
