import type { Logger } from 'pino';
import type { Clock } from '../jobs/clock.js';
import type { JobKind } from '../jobs/job.js';
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
  /** Refuses a job before anything is written or sent (channel, role, limits, budgets, words). */
  admit: (request: AdmissionRequest) => AdmissionDecision;
  /** The server's showcase channel, if it has one. */
  showcaseChannelId: (guildId: string) => string | null;
  /** Remembers a server's upload limit as interactions report it. */
  noteUploadLimit: (guildId: string, bytes: number) => void;
}
