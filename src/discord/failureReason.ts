/**
 * The sentence a member reads about why a job ended without a video, chosen by the job's
 * `errorKind` and the facts on the job (its times, the provider's own words in `errorMessage`).
 * The core records kinds and data only, so the wording lives here.
 */
import type { Job } from '../jobs/job.js';

const OUTCOME_UNKNOWN =
  'The connection to the video provider broke while this job was being submitted, so it is not known whether the provider accepted it. ' +
  'It was not sent again, to avoid paying twice. If no video arrives, try again.';

/** Sentences by kind when the job carries no more than its kind. */
const BY_KIND: Readonly<Record<string, string>> = {
  no_video: 'The provider finished the job but returned no video.',
  not_a_video: 'The provider returned something that is not a video, so the bot did not post it.',
  not_found: 'The provider no longer knows this job (its record expired), so its result cannot be fetched.',
  outcome_unknown: OUTCOME_UNKNOWN,
  start_failed: 'The bot hit an error while starting this video; nothing was sent to the provider. Please try again.',
  cannot_post: 'The bot cannot post messages in this channel.',
  submit_failed: 'The video provider could not take this job. Try again in a few minutes.',
  // The provider client's error kinds, as a submit can end with them.
  auth: "The video service refused the bot's credentials. The bot's operator must fix its RunComfy token or settings.",
  balance: "The bot's video service account is out of credit. The bot's operator needs to top it up.",
  input_rejected: 'The video service rejected this request.',
  rate_limited: 'The video service is busy right now. Try again in a minute.',
  unavailable: 'The video service is having trouble. Try again later.',
  malformed: 'The video service sent an answer the bot could not understand. Try again later.',
};

/** Whole minutes from submission to the end: how long the member's video waited. */
function waitedMinutes(job: Job): number {
  const from = job.submittedAt ?? job.createdAt;
  return Math.max(1, Math.floor(((job.finishedAt ?? job.updatedAt) - from) / 60_000));
}

/** Why the job ended without a video, for a member; null for a job that has no reason to give. */
export function failureReason(job: Job): string | null {
  switch (job.errorKind) {
    case null:
      return job.errorMessage;
    case 'provider_failed':
      // An earlier release stored the whole sentence.
      if (job.errorMessage?.startsWith('The provider could not make this video')) return job.errorMessage;
      return job.errorMessage ? `The provider could not make this video: ${job.errorMessage}` : 'The provider could not make this video.';
    case 'input_rejected':
      // The provider's own words say which field and what limit.
      return job.errorMessage ?? BY_KIND.input_rejected ?? null;
    case 'cancelled':
      if (job.submittedAt === null) return 'Your video was cancelled before it was sent to the provider.';
      if (job.startedAt === null) return 'Your video was cancelled while it waited in the queue; it was not billed.';
      return 'Your video was cancelled at the provider.';
    case 'timed_out':
      return job.state === 'cancelled'
        ? `Your video waited more than ${waitedMinutes(job)} minutes in the provider's queue, so the bot cancelled it; it was not billed.`
        : `The provider did not finish this video within ${waitedMinutes(job)} minutes, so the bot stopped waiting.`;
    default:
      // A row written by an earlier release carries its sentence; an unknown kind says no more than it did.
      return BY_KIND[job.errorKind] ?? job.errorMessage;
  }
}
