import type { GuildSettingsStore } from '../community/guildSettings.js';
import type { ShowcaseStore } from '../community/showcaseStore.js';
import type { Job } from '../jobs/job.js';
import type { JobStore } from '../jobs/jobStore.js';
import type { RenderFlags } from './render.js';

/** Which of a job's buttons make sense now: read from the stores each time a card is drawn. */
export function renderFlagsFrom(stores: {
  store: JobStore;
  settings: GuildSettingsStore;
  showcases: ShowcaseStore;
}): (job: Job) => Promise<RenderFlags> {
  const { store, settings, showcases } = stores;
  return async (job) => ({
    retried: (await store.retryOf(job.id)) !== undefined,
    showcase: (await settings.get(job.guildId)).showcaseChannelId !== null,
    shared: (await showcases.get(job.id))?.messageId != null,
  });
}
