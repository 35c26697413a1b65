/**
 * Fairness of the line: one member asks for 10 videos, then three others for one each, on a
 * server with the default limits (2 per member, 4 at once). Each video renders for 5 minutes from
 * the moment it is sent. The real store decides (SQLite, `createWithinLimits` and
 * `promoteWaiting`); a plain oldest-first line, computed alongside, shows what round-robin avoids.
 */
import pino from 'pino';
import { limitsOf, lineOfSettings } from '../src/community/admission.js';
import { DEFAULT_GUILD_SETTINGS } from '../src/community/guildSettings.js';
import type { Job } from '../src/jobs/job.js';
import { parseVideoInput } from '../src/model/videoInput.js';
import { openSqliteStorage } from '../src/storage/sqlite/index.js';
import { setFields, step } from '../testkit/jobSteps.js';
import { ManualClock } from '../testkit/world/manualClock.js';
import { makeTempDir } from '../testkit/world/tempDir.js';
import type { FigureResult, Progress } from './figure.js';

const RENDER_MS = 5 * 60_000;
const HEAVY = 'heavy';
const OTHERS = ['A', 'B', 'C'];

/** Start times (ms after the first request) by job label, under the real store's line. */
async function roundRobin(): Promise<Map<string, number>> {
  const clock = new ManualClock();
  const t0 = clock.now();
  const temp = makeTempDir();
  const storage = await openSqliteStorage({ path: temp.file('bot.db'), logger: pino({ level: 'silent' }), now: () => clock.now() });
  try {
    const limits = limitsOf(DEFAULT_GUILD_SETTINGS);
    const labels = new Map<string, string>();
    const starts = new Map<string, number>();
    const endsAt = new Map<string, number>();
    const send = async (job: Job) => {
      await storage.jobs.transition(job.id, step('created', 'submitting'));
      await storage.jobs.transition(job.id, step('submitting', 'queued', { requestId: `r-${job.id}` }));
      starts.set(labels.get(job.id) as string, clock.now() - t0);
      endsAt.set(job.id, clock.now() + RENDER_MS);
    };
    const requests = [...Array.from({ length: 10 }, (_, i) => [HEAVY, `${HEAVY} #${i + 1}`]), ...OTHERS.map((m) => [m, m])];
    for (const [userId, label] of requests) {
      clock.advance(1000);
      const made = await storage.jobs.createWithinLimits(
        { guildId: '1', channelId: '2', userId: userId as string, input: parseVideoInput({ prompt: label as string }), estimateUsd: 0 },
        { ...limits, maxWaitingPerMember: 10, memberDailyBudgetUsd: null, serverDailyBudgetUsd: null },
      );
      if (!made.ok) throw new Error(`refused ${label}: ${made.refusal.kind}`);
      // Its status card, as the chat layer records it at once: the line sends on only jobs that have one.
      await storage.jobs.transition(made.job.id, setFields(['waiting', 'created'], { statusMessageId: `card-${made.job.id}` }));
      labels.set(made.job.id, label as string);
      if (made.job.state === 'created') await send(made.job);
    }
    while (starts.size < requests.length) {
      const next = Math.min(...endsAt.values());
      clock.advance(next - clock.now());
      for (const [id, at] of [...endsAt]) {
        if (at > clock.now()) continue;
        await storage.jobs.transition(id, step('queued', 'succeeded'));
        endsAt.delete(id);
      }
      for (const job of (await storage.jobs.promoteWaiting('1', lineOfSettings(DEFAULT_GUILD_SETTINGS))).promoted) await send(job);
    }
    return starts;
  } finally {
    await storage.close();
    temp.remove();
  }
}

/** The same requests under an oldest-first line with the same limits. */
function oldestFirst(): Map<string, number> {
  const perMember = DEFAULT_GUILD_SETTINGS.maxConcurrentPerMember;
  const perServer = DEFAULT_GUILD_SETTINGS.maxConcurrentPerServer;
  const waiting = [...Array.from({ length: 10 }, (_, i) => [HEAVY, `${HEAVY} #${i + 1}`]), ...OTHERS.map((m) => [m, m])].map(
    ([user, label], i) => ({ user: user as string, label: label as string, at: (i + 1) * 1000 }),
  );
  const running: { user: string; end: number }[] = [];
  const starts = new Map<string, number>();
  let now = 0;
  while (waiting.length > 0) {
    const arrived = waiting.filter((w) => w.at <= now);
    const startable = arrived.find((w) => running.length < perServer && running.filter((r) => r.user === w.user).length < perMember);
    if (startable) {
      starts.set(startable.label, now);
      running.push({ user: startable.user, end: now + RENDER_MS });
      waiting.splice(waiting.indexOf(startable), 1);
      continue;
    }
    const nextArrival = waiting.find((w) => w.at > now)?.at ?? Number.POSITIVE_INFINITY;
    const nextEnd = Math.min(...running.map((r) => r.end));
    now = Math.min(nextArrival, nextEnd);
    for (let i = running.length - 1; i >= 0; i--) if ((running[i] as { end: number }).end <= now) running.splice(i, 1);
  }
  return starts;
}

const minutes = (ms: number | undefined): string => (ms === undefined ? '—' : `${(ms / 60_000).toFixed(1)} min`);

export async function run(progress: Progress): Promise<FigureResult[]> {
  progress('fair line: 10 videos from one member, then one each from three others…');
  const fair = await roundRobin();
  const fifo = oldestFirst();
  const third = `${HEAVY} #3`;
  const describe = (starts: Map<string, number>) =>
    `${OTHERS.map((m) => `${m} starts at ${minutes(starts.get(m))}`).join(', ')}; the heavy member's 3rd at ${minutes(starts.get(third))}, their 10th at ${minutes(starts.get(`${HEAVY} #10`))}`;
  const worstOther = Math.max(...OTHERS.map((m) => fair.get(m) ?? Number.POSITIVE_INFINITY));
  return [
    {
      figure: 'Fair line: one member sends 10, three others 1 each (round-robin, the bot)',
      aim: "each of the three starts no later than the heavy member's 3rd",
      result: describe(fair),
      met: worstOther <= (fair.get(third) ?? 0),
      note:
        'Default limits (2 per member, 4 for the server), every video rendering 5 minutes from the moment it is sent, requests ' +
        '1 s apart. Round-robin gives each member a turn per free slot, counting the slots they already hold: when two ' +
        "slots free at once, the newcomer takes the first and the heavy member's next video the second.",
    },
    {
      figure: 'Fair line: the same requests, oldest first (for comparison)',
      aim: 'for comparison',
      result: describe(fifo),
      met: undefined,
    },
  ];
}
