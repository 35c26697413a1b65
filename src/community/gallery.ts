/**
 * The finished videos of a server as the web gallery reads them: a search over the prompts with
 * filters, newest first. A plain-data port like the other stores; each database answers the words
 * with its own full-text index (SQLite FTS5, PostgreSQL `to_tsvector`).
 */
import type { Job } from '../jobs/job.js';

/** What the gallery asks for; every filter is optional except the server and its visible channels. */
export interface GalleryQuery {
  guildId: string;
  /**
   * The channels whose videos the member may see (Discord's View Channel there). A video made in
   * any other channel is left out, so an invisible channel's prompts never reach a search result.
   */
  channelIds: readonly string[];
  /** Words of the prompt, as the member typed them; every word must appear. */
  words?: string;
  /** Made by this member. */
  userId?: string;
  /** Made with one of these models (a model, or every model of a tier). */
  modelIds?: readonly string[];
  /** Only videos shared to the showcase (true), or only those not shared (false). */
  showcased?: boolean;
  /** Made at or after this time (epoch ms). */
  createdFrom?: number;
  /** Made before this time (epoch ms). */
  createdBefore?: number;
  /** The next page: videos older than this one in the listing's order. */
  after?: { createdAt: number; id: string };
  /** At most this many. */
  limit: number;
}

/** One video of the gallery: its job, and whether it is on the showcase. */
export interface GalleryEntry {
  job: Job;
  showcased: boolean;
}

export interface GalleryStore {
  /** Finished, undeleted videos matching the query, newest first (ties by id). */
  search(query: GalleryQuery): Promise<GalleryEntry[]>;
  /** One finished, undeleted video of the server; undefined for any other id. */
  video(guildId: string, jobId: string): Promise<GalleryEntry | undefined>;
}

/** At most this many words are searched; more only slows the index down. */
export const MAX_SEARCH_WORDS = 8;

/**
 * The words of a search, as letters and digits only: what both indexes split a prompt into, so a
 * quote, an operator or a parenthesis typed by a member is never read as query syntax.
 */
export function searchWords(text: string | undefined): string[] {
  if (!text) return [];
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return [...new Set(words)].slice(0, MAX_SEARCH_WORDS);
}
