/**
 * Polling from experience: how long renders take, learned from the bot's own finished jobs, and
 * when to ask about a job given that. Pure: the samples come in (the store's `renderHistory`),
 * delays and priorities come out, so the rules are tested as tables.
 *
 * A render's length depends on the model, the video's duration and its sound; the bot makes
 * one model, so the key is duration and sound. Before a key has enough history, a prior stands
 * in: wide, so that an early finish is still seen soon.
 */
import { spread } from './backoff.js';
import type { RenderSample } from './jobStore.js';
import type { PollSchedule } from './schedule.js';

/** When a render is likely to end, as milliseconds since it was first seen rendering. */
export interface RenderWindow {
  /** Almost no render ends before this (the 2nd percentile, less a margin). */
  earliest: number;
  /** Most renders end between `early` and `late` (the 10th and 90th percentiles). */
  early: number;
  late: number;
  /** Almost every render has ended by this (the 98th percentile, plus a margin). */
  latest: number;
  /** Where the window came from. */
  source: 'history' | 'prior';
}

export interface LearnedOptions {
  /** Samples a key needs before its history replaces the prior. @defaultValue 8 */
  minSamples: number;
  /** Between checks where most renders end. @defaultValue 4000 */
  nearMs: number;
  /** Between checks at the edges of the window. @defaultValue 8000 */
  edgeMs: number;
  /** Longest wait between checks of a rendering job, past the window too. @defaultValue 60000 */
  farMaxMs: number;
  /** Between checks of a job in the provider's queue: less often than rendering. @defaultValue 10000 */
  queuedMs: number;
  /** The queued wait grows to this. @defaultValue 20000 */
  queuedMaxMs: number;
  /** Next in the provider's queue (position 0 or 1): checked like a rendering job. */
  queuedNextMs: number;
}

export const DEFAULT_LEARNED: LearnedOptions = {
  minSamples: 8,
  nearMs: 4000,
  edgeMs: 8000,
  farMaxMs: 60_000,
  queuedMs: 10_000,
  queuedMaxMs: 20_000,
  queuedNextMs: 5000,
};

/** Spread of every delay, so that jobs submitted together do not poll together forever. */
const SPREAD = 0.2;
/** The bot keeps this many samples per key: recent ones say most about the provider today. */
const KEEP_PER_KEY = 200;

const keyOf = (duration: number, sound: boolean): string => `${duration}:${sound ? 'sound' : 'silent'}`;

/**
 * Before there is history: about 30 s of set-up plus 25 s per second of video, a quarter more
 * with sound, and a window from a third to three times that, so a fast render is not missed.
 */
export function priorWindow(duration: number, sound: boolean): RenderWindow {
  const median = (30_000 + 25_000 * duration) * (sound ? 1.25 : 1);
  return { earliest: median / 3, early: median / 2, late: median * 2, latest: median * 3, source: 'prior' };
}

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: readonly number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] as number;
}

/** What the bot has learned about render times, by key. */
export class RenderTimes {
  private readonly byKey = new Map<string, number[]>();
  private readonly windows = new Map<string, RenderWindow>();

  constructor(
    samples: readonly RenderSample[] = [],
    private readonly options: Pick<LearnedOptions, 'minSamples'> = DEFAULT_LEARNED,
  ) {
    // Oldest first, so `add` keeps the most recent.
    for (const sample of [...samples].reverse()) this.add(sample);
  }

  add(sample: RenderSample): void {
    const key = keyOf(sample.duration, sample.sound);
    const list = this.byKey.get(key) ?? [];
    list.push(sample.renderMs);
    if (list.length > KEEP_PER_KEY) list.shift();
    this.byKey.set(key, list);
    this.windows.delete(key);
  }

  /** How many samples the key has. */
  count(duration: number, sound: boolean): number {
    return this.byKey.get(keyOf(duration, sound))?.length ?? 0;
  }

  window(duration: number, sound: boolean): RenderWindow {
    const key = keyOf(duration, sound);
    const cached = this.windows.get(key);
    if (cached) return cached;
    const list = this.byKey.get(key);
    let window: RenderWindow;
    if (!list || list.length < this.options.minSamples) {
      window = priorWindow(duration, sound);
    } else {
      const sorted = [...list].sort((a, b) => a - b);
      // A margin of a tenth of the spread, so a render a little outside what was seen is still caught early.
      const p02 = percentile(sorted, 2);
      const p98 = percentile(sorted, 98);
      const margin = Math.max(2000, (p98 - p02) * 0.1);
      window = {
        earliest: Math.max(0, p02 - margin),
        early: percentile(sorted, 10),
        late: percentile(sorted, 90),
        latest: p98 + margin,
        source: 'history',
      };
    }
    this.windows.set(key, window);
    return window;
  }
}

/**
 * The wait before the next check of a job that has rendered for `elapsedMs`: one long wait up to
 * the start of the window (a check halfway, should the window be wrong), often inside it, a
 * little less often at its edges, and backing off once past it.
 */
export function learnedRunningDelay(window: RenderWindow, elapsedMs: number, options: LearnedOptions, random: () => number): number {
  let delay: number;
  if (elapsedMs < window.earliest) {
    const left = window.earliest - elapsedMs;
    delay = left <= options.edgeMs ? left : Math.min(options.farMaxMs, Math.max(options.edgeMs, left / 2));
    // Not spread: the check should land at the window's start, not past it.
    return Math.max(1, delay);
  }
  if (elapsedMs < window.early || (elapsedMs > window.late && elapsedMs <= window.latest)) delay = options.edgeMs;
  else if (elapsedMs <= window.late) delay = options.nearMs;
  else delay = Math.min(options.farMaxMs, options.edgeMs * (1 + (elapsedMs - window.latest) / Math.max(1, window.latest)));
  return spread(delay, random, SPREAD);
}

/** The wait before the next check of a job in the provider's queue: less often than rendering, soon when next up. */
export function learnedQueuedDelay(
  options: LearnedOptions,
  waitedMs: number,
  queuePosition: number | null | undefined,
  random: () => number,
): number {
  if (queuePosition !== null && queuePosition !== undefined && queuePosition <= 1) return spread(options.queuedNextMs, random, SPREAD);
  const grown = options.queuedMs * (1 + waitedMs / 120_000);
  return spread(Math.min(options.queuedMaxMs, grown), random, SPREAD);
}

/**
 * Which due job gets the provider's next request when the shared cap binds: a rendering job by how
 * far into its window it is (closest to finishing first), then queued jobs. Lower goes first.
 */
export function pollPriority(
  job: { state: string; startedAt: number | null; input: { duration: number; sound: boolean } },
  now: number,
  times: RenderTimes | undefined,
): number {
  if (job.state !== 'running' || job.startedAt === null) return job.state === 'queued' ? 2 : 0;
  if (!times) return 1;
  const window = times.window(job.input.duration, job.input.sound);
  const elapsed = now - job.startedAt;
  // 0 … 1 inside the window: the further in, the likelier it is done.
  if (elapsed < window.earliest) return 1.9;
  return 1 - Math.min(1, (elapsed - window.earliest) / Math.max(1, window.latest - window.earliest)) * 0.9;
}

/** Fills in `LearnedOptions` from a partial and the fixed schedule's running pace. */
export function learnedOptions(schedule: Pick<PollSchedule, 'runningMs'>, partial: Partial<LearnedOptions> = {}): LearnedOptions {
  return { ...DEFAULT_LEARNED, nearMs: schedule.runningMs, edgeMs: schedule.runningMs * 2, ...partial };
}
