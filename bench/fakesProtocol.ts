/**
 * Messages between a benchmark and the fakes it runs in a separate process (fakesHost.ts), so the
 * bot's CPU and memory figures are the bot's alone, as they would be against the real Discord and
 * RunComfy, which do not share its machine.
 */
import type { Scenario } from '../testkit/runcomfy/index.js';

export interface HostConfig {
  /** The provider's default scenario; prompts starting with "warmup" get a quick, small video. */
  scenario: Partial<Scenario>;
  /** Attachment limit of the fake Discord (and what interactions report). */
  uploadLimitBytes?: number;
  /** Extra members to add to the seeded guild (admission caps videos in progress per member). */
  members: number;
}

export interface HostReady {
  type: 'ready';
  discordApiBase: string;
  runcomfyUrl: string;
  guildId: string;
  generalChannelId: string;
  requesterId: string;
  memberIds: string[];
}

export type HostCommand =
  /** `count` × `/video create` at once, round robin over `userIds`; replies when all are answered. */
  | { id: number; type: 'burst'; userIds: string[]; count: number; prompt: string; timeoutMs: number }
  /** One `/video create`; replies once dispatched. */
  | { id: number; type: 'video'; userId: string; prompt: string; duration?: number }
  /** Jobs that exist at the provider without a submit, for the bot's store to point at. */
  | { id: number; type: 'seedProviderJobs'; count: number }
  | { id: number; type: 'providerRequests' }
  | { id: number; type: 'stop' };

export type HostReply =
  | {
      id: number;
      type: 'burst';
      /** Per acknowledged interaction: when the fake dispatched INTERACTION_CREATE and received the first callback (epoch ms). */
      acks: { interactionId: string; createdAt: number; ackAt: number }[];
      /** Interactions with no callback by the timeout. */
      unacknowledged: number;
      /** First dispatch → the last member's ephemeral answer (the edit after the submit). */
      allAnsweredMs: number | null;
    }
  | { id: number; type: 'video'; dispatchedAt: number }
  | { id: number; type: 'seedProviderJobs'; requestIds: string[] }
  | { id: number; type: 'providerRequests'; count: number }
  | { id: number; type: 'stop' }
  | { id: number; type: 'error'; message: string };

export type HostCommandType = HostCommand['type'];
type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;
export type HostCommandInput = WithoutId<HostCommand>;
export type ReplyTo<K extends HostCommandType> = Extract<HostReply, { type: K }>;
