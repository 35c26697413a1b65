/**
 * Everything the bot keeps, behind the ports that `jobs/` and `community/` declare. One
 * implementation per database lives in a folder of its own beside this file (`sqlite/`,
 * `postgres/`); it is
 * the only code that knows the database or writes its queries.
 */
import type { GalleryStore } from '../community/gallery.js';
import type { GuildFactsStore } from '../community/guildFacts.js';
import type { GuildSettingsStore } from '../community/guildSettings.js';
import type { MemberPreferencesStore } from '../community/memberPreferences.js';
import type { PictureFormStore } from '../community/pictureForms.js';
import type { ShowcaseStore } from '../community/showcaseStore.js';
import type { SpendLedger } from '../community/spendLedger.js';
import type { WebSessionStore } from '../community/webSessions.js';
import type { CoordinationStore } from '../jobs/coordination.js';
import type { JobStore } from '../jobs/jobStore.js';

export interface Storage {
  jobs: JobStore;
  settings: GuildSettingsStore;
  ledger: SpendLedger;
  showcases: ShowcaseStore;
  preferences: MemberPreferencesStore;
  /** The pictures of open "Animate with Kling" forms, for whichever process takes the submit. */
  pictureForms: PictureFormStore;
  /** The finished videos as the web gallery searches them. */
  gallery: GalleryStore;
  /** Who is signed in to the web gallery. */
  webSessions: WebSessionStore;
  /** What interactions told of each server, for processes that do not hold its shard. */
  guildFacts: GuildFactsStore;
  /** What several processes on one database decide together. */
  coordination: CoordinationStore;
  /**
   * Resolves when the database would take a write now; rejects with an error whose message says
   * why not (health checks).
   */
  ping(): Promise<void>;
  /** Finishes background work and closes the connection; the stores must not be used after. */
  close(): Promise<void>;
}
