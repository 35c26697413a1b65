/** `/video usage`: today's spend against both budgets, and the member's jobs. */
import type { JobState } from '../../jobs/jobState.js';
import type { Copy } from '../copy.js';

export interface UsageFacts {
  mineUsd: number;
  serverUsd: number;
  memberBudgetUsd: number | null;
  serverBudgetUsd: number | null;
  /** Today's jobs by state, in the order first seen. */
  byState: readonly (readonly [string, number])[];
  /** The member's jobs holding a slot (what `maxConcurrent` limits); waiting ones are in `line`. */
  inProgress: number;
  maxConcurrent: number;
  msUntilReset: number;
  /** The server's line: how many wait, and how many of them are the member's. */
  line?: { waiting: number; mine: number };
}

/** The job states that have words of their own; a state from a newer release shows as it is stored. */
const STATES_WITH_WORDS: ReadonlySet<string> = new Set<JobState>([
  'waiting',
  'created',
  'submitting',
  'queued',
  'running',
  'succeeded',
  'failed',
  'cancelled',
  'timed_out',
  'outcome_unknown',
]);

export function usageLines(facts: UsageFacts, { t, usd, timeUntil }: Copy): string[] {
  const against = (spent: number, budget: number | null) =>
    budget === null
      ? t('usage.noLimit', { spent: usd(spent) })
      : t('usage.against', { spent: usd(spent), budget: usd(budget), left: usd(Math.max(0, budget - spent)) });
  const stateName = (state: string) => (STATES_WITH_WORDS.has(state) ? t(`jobState.${state as JobState}`) : state.replace('_', ' '));
  const states =
    facts.byState.map(([state, count]) => t('usage.stateCount', { count, state: stateName(state) })).join(', ') || t('usage.none');
  return [
    t('usage.title'),
    t('usage.you', { value: against(facts.mineUsd, facts.memberBudgetUsd) }),
    t('usage.server', { value: against(facts.serverUsd, facts.serverBudgetUsd) }),
    t('usage.videos', { states }),
    t('usage.inProgress', { count: facts.inProgress, max: facts.maxConcurrent }),
    ...(facts.line && facts.line.waiting > 0 ? [t('usage.line', { count: facts.line.waiting, mine: facts.line.mine })] : []),
    t('usage.resets', { time: timeUntil(facts.msUntilReset) }),
  ];
}

export function usageText(facts: UsageFacts, copy: Copy): string {
  return usageLines(facts, copy).join('\n');
}
