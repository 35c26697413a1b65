import { type ChatInputCommandInteraction, MessageFlags } from 'discord.js';
import { formatTimeUntil } from '../community/admission.js';
import type { GuildSettingsStore } from '../community/guildSettings.js';
import { nextResetAt, type SpendLedger, startOfUtcDay } from '../community/spendLedger.js';
import type { JobStore } from '../jobs/jobStore.js';
import { formatUsd } from '../model/pricing.js';

/** /video usage: today's spend against both budgets, and the member's jobs. */
export async function replyWithUsage(
  interaction: ChatInputCommandInteraction,
  deps: { settings: GuildSettingsStore; ledger: SpendLedger; store: JobStore; now: () => number },
): Promise<void> {
  const guildId = interaction.guildId as string;
  const userId = interaction.user.id;
  const settings = await deps.settings.get(guildId);
  const mine = await deps.ledger.spentToday(guildId, userId);
  const server = await deps.ledger.spentToday(guildId);
  const against = (spent: number, budget: number | null) =>
    budget === null
      ? `${formatUsd(spent)} (no limit)`
      : `${formatUsd(spent)} of ${formatUsd(budget)} (${formatUsd(Math.max(0, budget - spent))} left)`;
  const unfinished = await deps.store.countUnfinishedByUser(guildId, userId);
  const recent = await deps.store.recentByUser(guildId, userId, 50);
  const startOfDay = startOfUtcDay(deps.now());
  const today = recent.filter((job) => job.createdAt >= startOfDay);
  const byState = new Map<string, number>();
  for (const job of today) byState.set(job.state, (byState.get(job.state) ?? 0) + 1);
  const states = [...byState].map(([state, n]) => `${n} ${state.replace('_', ' ')}`).join(', ') || 'none';
  await interaction.reply({
    content: [
      '**Your usage today** (UTC day)',
      `You: ${against(mine, settings.dailyBudgetPerMemberUsd)}`,
      `Whole server: ${against(server, settings.dailyBudgetPerServerUsd)}`,
      `Your videos today: ${states}`,
      `In progress now: ${unfinished} of ${settings.maxConcurrentPerMember} allowed at once`,
      `Budgets reset at 00:00 UTC, in ${formatTimeUntil(nextResetAt(deps.now()) - deps.now())}.`,
    ].join('\n'),
    flags: MessageFlags.Ephemeral,
    allowedMentions: { parse: [] },
  });
}
