/**
 * Which finished videos were shared to a server's showcase channel. A record is a claim first and
 * a post second: it is written before posting, so two Share clicks (or a click racing auto-share)
 * post once, and its message id is filled in once the post exists.
 */

export interface ShowcasePost {
  jobId: string;
  guildId: string;
  channelId: string;
  /** Null while the post is being made, or if making it failed and was not released. */
  messageId: string | null;
  sharedBy: string;
  createdAt: number;
}

/** A share's post takes seconds; a claim without its message for this long was left by a process that died. */
export const SHOWCASE_CLAIM_STALE_MS = 10 * 60_000;

export interface ShowcaseStore {
  /**
   * Claims the job's share, as a compare-and-set on there being no record yet: true only for
   * the first caller, who then posts. The job must exist; the record goes when the job goes.
   */
  claim(jobId: string, guildId: string, channelId: string, sharedBy: string): Promise<boolean>;
  /** Records the showcase message once posted; false when there is no claim for the job. */
  setMessage(jobId: string, messageId: string): Promise<boolean>;
  get(jobId: string): Promise<ShowcasePost | undefined>;
  /**
   * Gives up a claim whose post failed, so Share can be tried again; false when already posted,
   * so a late failure report cannot unshare a video whose post did go out.
   */
  release(jobId: string): Promise<boolean>;
  /**
   * At start: claims left by a process that died mid-post belong to nobody now; without this
   * they would answer "being shared right now" for ever. Only claims older than
   * {@link SHOWCASE_CLAIM_STALE_MS} (by the store's clock) go: a younger one may be another
   * live process's post in flight. Returns how many were released.
   */
  releaseUnposted(): Promise<number>;
  /** Forgets the share entirely (its showcase message was deleted, or the video was). */
  remove(jobId: string): Promise<boolean>;
}
