/** `/video usage`: today's spend against both budgets, and the member's jobs. */
import { nextResetAt, startOfUtcDay } from '../../community/spendLedger.js';
import { copyForLocale } from '../copy.js';
import { type Handler, type MemberInput, message } from '../handler.js';
import { usageText } from '../views/usageText.js';

export const videoUsage: Handler<{ member: MemberInput }> = {
  name: 'video.usage',
  async run({ member }, deps) {
    const { guildId, userId } = member;
    const now = deps.clock.now();
    const settings = await deps.settings.get(guildId);
    const recent = await deps.store.recentByUser(guildId, userId, 50);
    const line = await deps.store.waitingIn(guildId);
    const unfinished = await deps.store.countUnfinishedByUser(guildId, userId);
    const startOfDay = startOfUtcDay(now);
    const byState = new Map<string, number>();
    for (const job of recent) if (job.createdAt >= startOfDay) byState.set(job.state, (byState.get(job.state) ?? 0) + 1);
    return message(
      usageText(
        {
          mineUsd: await deps.ledger.spentToday(guildId, userId),
          serverUsd: await deps.ledger.spentToday(guildId),
          memberBudgetUsd: settings.dailyBudgetPerMemberUsd,
          serverBudgetUsd: settings.dailyBudgetPerServerUsd,
          byState: [...byState],
          // Waiting jobs hold no slot: they are shown with the line, not against the limit.
          inProgress: unfinished.inProgress,
          maxConcurrent: settings.maxConcurrentPerMember,
          msUntilReset: nextResetAt(now) - now,
          // Two reads: a job that joined the line in between is counted in both figures.
          line: { waiting: Math.max(line.length, unfinished.waiting), mine: unfinished.waiting },
        },
        copyForLocale(member.locale),
      ),
    );
  },
};
