/**
 * Interaction acknowledgement under a burst: 200 `/video create` at once through the loopback
 * Discord, timed by the fake from dispatching INTERACTION_CREATE to receiving the first callback.
 * Discord fails an interaction that is not acknowledged within 3 s; the aim leaves room for a
 * slow network between the bot and Discord.
 */
import { startBotAgainst } from './botUnderTest.js';
import { startFakes } from './fakesClient.js';
import type { FigureResult, Progress } from './figure.js';
import { formatMs, percentile } from './stats.js';

const BURST = 200;
/** Admission caps videos in progress per member at 20 at most, so the burst needs 10 members. */
const PER_MEMBER = 20;
const MEMBERS = BURST / PER_MEMBER;
const AIM_P99_MS = 50;

export async function run(progress: Progress): Promise<FigureResult[]> {
  // Jobs wait in the provider's queue for 10 minutes: nothing finishes during the measurement,
  // so only acknowledgements, status posts and submits compete for the bot.
  const fakes = await startFakes({ scenario: { queueMs: 600_000, runMs: 1000, queuePositions: 50 }, members: MEMBERS + 1 });
  const bot = await startBotAgainst(fakes.ready, {
    // The submits that follow each acknowledgement share the provider rate cap; at the default
    // 5/s, 200 of them would take 40 s. They are not what this figure measures.
    env: { PROVIDER_MAX_REQUESTS_PER_SECOND: '1000' },
  });
  try {
    bot.app.settings.update(
      fakes.ready.guildId,
      { maxConcurrentPerMember: PER_MEMBER, dailyBudgetPerMemberUsd: null, dailyBudgetPerServerUsd: null },
      'bench',
    );
    const burstMembers = fakes.ready.memberIds.slice(0, MEMBERS);
    const warmupMember = fakes.ready.memberIds.slice(MEMBERS);
    // A warm bot: the first interaction pays for lazy imports, JIT and new connections.
    await fakes.request({ type: 'burst', userIds: warmupMember, count: 3, prompt: 'warm-up', timeoutMs: 15_000 });
    progress(`ack latency: ${BURST} × /video create at once from ${MEMBERS} members…`);
    const reply = await fakes.request({ type: 'burst', userIds: burstMembers, count: BURST, prompt: 'a burst of videos', timeoutMs: 60_000 });
    const p50 = percentile(reply.ackMs, 50);
    const p99 = percentile(reply.ackMs, 99);
    const max = percentile(reply.ackMs, 100);
    const all = reply.unacknowledged === 0;
    const answered = reply.allAnsweredMs === null ? 'not all answered within 60 s' : `all ${BURST} answered (job queued) within ${formatMs(reply.allAnsweredMs)}`;
    progress(`ack latency: p50 ${formatMs(p50)}, p99 ${formatMs(p99)}, max ${formatMs(max)}; ${answered}`);
    const warnings = bot.logs.length;
    return [
      {
        figure: `Interaction acknowledgement, ${BURST} \`/video create\` at once`,
        aim: `p99 < ${AIM_P99_MS} ms`,
        result:
          `p50 ${formatMs(p50)}, p99 ${formatMs(p99)}, max ${formatMs(max)}` +
          `${all ? '' : `; ${reply.unacknowledged} never acknowledged`}; ${answered}` +
          `${warnings ? `; ${warnings} warnings logged` : ''}`,
        met: all && p99 < AIM_P99_MS,
      },
    ];
  } finally {
    await bot.stop();
    await fakes.stop();
  }
}
