/**
 * The server's line, as pure rules: who goes next when a slot frees, and where each waiting job
 * stands. Both stores run these inside the transaction that moves jobs out of the line, so the
 * order is the same whichever database holds it.
 *
 * The order is round-robin across members: a job's turn is the number of its member's jobs that
 * hold a slot plus the number of that member's waiting jobs ahead of it. A member with ten jobs
 * waiting has one turn per round like everyone else, so their tenth job does not hold back
 * another member's first. Ties go to the job that arrived first.
 */

/** A job in the line, in arrival order. */
export interface WaitingEntry {
  id: string;
  userId: string;
  /** Where the job stood at the last count (1 = next); null before its first. */
  position: number | null;
  /** False while the job may not be sent on yet (see {@link readyToSend}). @defaultValue true */
  ready?: boolean;
}

/**
 * How long a waiting job whose status card was never recorded is held back: longer than any post
 * of a card takes (discord.js gives up on a request and its retries within a minute or two), and
 * the life of the interaction that posts it. Past it, the process that wrote the row died before
 * its card, and the job goes on without one (its final message goes to the channel).
 */
export const UNPLACED_GRACE_MS = 15 * 60_000;

/**
 * Whether a waiting job may be sent on: only once its card is recorded, because the card holds
 * the bot's copies of the job's pictures (their links are recorded with it, and a submit without
 * them fails) and is the message its progress edits; or once its card is long overdue.
 */
export function readyToSend(job: { statusMessageId: string | null; createdAt: number }, now: number): boolean {
  return job.statusMessageId !== null || now - job.createdAt >= UNPLACED_GRACE_MS;
}

export interface LineLimits {
  /** Jobs one member may have at the provider at once. */
  perMember: number;
  /** Jobs the server may have at the provider at once; null means no limit. */
  perServer: number | null;
}

export interface LinePlan {
  /** Jobs to move out of the line now, in the order they take their slots. */
  promote: string[];
  /** Where each job left in the line now stands, 1 = next. */
  positions: Map<string, number>;
}

/** The line in round-robin order, given how many slots each member holds. */
export function lineOrder<T extends WaitingEntry>(waiting: readonly T[], active: ReadonlyMap<string, number>): T[] {
  const ahead = new Map<string, number>();
  const keyed = waiting.map((entry, arrival) => {
    const mine = ahead.get(entry.userId) ?? 0;
    ahead.set(entry.userId, mine + 1);
    return { entry, turn: (active.get(entry.userId) ?? 0) + mine, arrival };
  });
  keyed.sort((a, b) => a.turn - b.turn || a.arrival - b.arrival);
  return keyed.map((k) => k.entry);
}

function hasRoom(active: ReadonlyMap<string, number>, userId: string, limits: LineLimits): boolean {
  return (active.get(userId) ?? 0) < limits.perMember;
}

/**
 * Fills the free slots from the line, one at a time: each time the first job in round-robin
 * order whose member is under the limit, then the order is taken again with that member's new
 * count. `active` is every member's slot count, `serverActive` the server's.
 */
export function planLine(
  waiting: readonly WaitingEntry[],
  active: ReadonlyMap<string, number>,
  serverActive: number,
  limits: LineLimits,
): LinePlan {
  const counts = new Map(active);
  let left = [...waiting];
  let used = serverActive;
  const promote: string[] = [];
  while (left.length > 0 && (limits.perServer === null || used < limits.perServer)) {
    // A job not ready keeps its place in the line; the ones behind it may go meanwhile.
    const next = lineOrder(left, counts).find((entry) => entry.ready !== false && hasRoom(counts, entry.userId, limits));
    if (!next) break;
    promote.push(next.id);
    counts.set(next.userId, (counts.get(next.userId) ?? 0) + 1);
    used++;
    left = left.filter((entry) => entry.id !== next.id);
  }
  const positions = new Map<string, number>();
  for (const [index, entry] of lineOrder(left, counts).entries()) positions.set(entry.id, index + 1);
  return { promote, positions };
}

/** How many in the line could take a slot now (for admission: a newcomer must not overtake them). */
export function promotableCount(waiting: readonly WaitingEntry[], active: ReadonlyMap<string, number>, limits: LineLimits): number {
  return waiting.filter((entry) => hasRoom(active, entry.userId, limits)).length;
}
