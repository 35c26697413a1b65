/**
 * What the interaction handlers are handed: plain ports onto the core and the outgoing side of
 * Discord, so a handler runs against a temporary database and a recording poster in a test.
 */
import type { Logger } from 'pino';
import type { AdmissionJobRequest, AdmissionOutcome, AdmissionVerdict } from '../community/admission.js';
import type { GuildSettingsStore } from '../community/guildSettings.js';
import type { Language } from '../community/languages.js';
import type { MemberPreferencesStore } from '../community/memberPreferences.js';
import type { PictureFormStore } from '../community/pictureForms.js';
import type { SpendLedger } from '../community/spendLedger.js';
import type { Clock } from '../jobs/clock.js';
import type { JobKind } from '../jobs/job.js';
import type { JobService } from '../jobs/jobService.js';
import type { JobStore } from '../jobs/jobStore.js';
import type { ChannelPoster } from './channelPoster.js';
import type { Extensions } from './extensions.js';
import type { Gifs } from './gifs.js';
import type { JobMessages } from './jobMessages.js';
import type { Showcase } from './showcase.js';
import type { SourceImages } from './sourceImages.js';

/** A request to start a job, as admission sees it (the retry or remix names its parent). */
export type AdmissionRequest = AdmissionJobRequest & { kind: JobKind };

export type AdmissionDecision = AdmissionVerdict;

/** The job store as the edge may use it: reads only; every write goes through the service. */
export type JobReader = Pick<JobStore, 'get' | 'require' | 'recentByUser' | 'retryOf' | 'countUnfinishedByUser' | 'waitingIn'>;

export type Poster = Pick<ChannelPoster, 'post' | 'startThread' | 'delete' | 'rename' | 'unarchive' | 'fetchMessage'>;

/** Everything a handler needs, handed in by the wiring. */
export interface HandlerDeps {
  service: Pick<
    JobService,
    'prices' | 'pricesOf' | 'estimate' | 'submit' | 'cancel' | 'failUnsent' | 'refuseUnpostable' | 'recordPlacement' | 'markDeleted'
  >;
  store: JobReader;
  messages: Pick<JobMessages, 'refreshStatus'>;
  poster: Poster;
  clock: Clock;
  logger: Logger;
  /**
   * Admits the job and writes its row, as one step of the store so that concurrent requests
   * cannot overshoot a limit; or refuses it (channel, role, limits, budgets, words) with nothing
   * written or sent.
   */
  admit: (request: AdmissionRequest) => Promise<AdmissionOutcome>;
  settings: GuildSettingsStore;
  ledger: SpendLedger;
  showcase: Pick<Showcase, 'share' | 'takeDown'>;
  /** Makes and posts a GIF of a finished video. */
  gifs: Pick<Gifs, 'post'>;
  /** Extend's last frame of a finished video. */
  extensions: Pick<Extensions, 'lastFrame'>;
  /** The language of the server's public messages (the status card a start posts). */
  publicLanguage: (guildId: string) => Promise<Language>;
  /** Members' own defaults and where their videos reach them. */
  preferences: MemberPreferencesStore;
  /** Reads a picture a job starts from (a member's attachment, or a job's own copy). */
  images: Pick<SourceImages, 'read'>;
  /**
   * The picture an "Animate with Kling" form was opened on, from the interaction itself: a later
   * read of a member's message comes without its attachments (no Message Content intent).
   */
  pictureForms: PictureFormStore;
}
