import type { Logger } from 'pino';
import type { Clock } from '../jobs/clock.js';
import type { Job, JobKind } from '../jobs/job.js';
import type { JobService } from '../jobs/jobService.js';
import type { JobStore } from '../jobs/jobStore.js';
import type { VideoInput } from '../model/videoInput.js';
import type { ChannelPoster } from './channelPoster.js';
import type { JobMessages } from './jobMessages.js';

/** A request to start a job, as admission sees it. */
export interface AdmissionRequest {
  guildId: string;
  channelId: string;
  /** The parent channel when the command was used in a thread. */
  parentChannelId: string | null;
  userId: string;
  roleIds: readonly string[];
  input: VideoInput;
  estimateUsd: number;
  kind: JobKind;
  /** The job retried or remixed. */
  parentId?: string | null;
}

export type AdmissionDecision = { ok: true } | { ok: false; message: string };

/** Everything a command or button handler needs, handed in by main.ts. */
export interface BotContext {
  service: JobService;
  store: JobStore;
  messages: JobMessages;
  poster: ChannelPoster;
  clock: Clock;
  logger: Logger;
  /**
   * Admits the job and writes its row, as one step of the store so that concurrent requests
   * cannot overshoot a limit; or refuses it (channel, role, limits, budgets, words) with nothing
   * written or sent.
   */
  admit: (request: AdmissionRequest) => Promise<{ ok: true; job: Job } | Extract<AdmissionDecision, { ok: false }>>;
  /** The server's showcase channel, if it has one. */
  showcaseChannelId: (guildId: string) => Promise<string | null>;
  /** Remembers a server's upload limit as interactions report it. */
  noteUploadLimit: (guildId: string, bytes: number) => void;
}
