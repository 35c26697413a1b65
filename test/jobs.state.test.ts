import { describe, expect, it } from 'vitest';
import { canTransition, isTerminal, JOB_STATES, TERMINAL_STATES } from '../src/jobs/jobState.js';
import { transitionPatch } from '../src/jobs/jobStore.js';
import { checkLimits, exceedsBudget } from '../src/jobs/limits.js';

describe('the job state table', () => {
  it('lets nothing leave a final state', () => {
    for (const terminal of TERMINAL_STATES) {
      for (const to of JOB_STATES) expect(canTransition(terminal, to)).toBe(false);
    }
  });

  it('checks every state a transition may start from, and makes an ending job due at once', () => {
    expect(() => transitionPatch(['created', 'queued'], 'running', {}, 5)).toThrow(/illegal job transition created → running/);
    expect(transitionPatch(['queued'], 'running', { startedAt: 1 }, 5)).toEqual({ startedAt: 1 });
    for (const to of TERMINAL_STATES) expect(isTerminal(to)).toBe(true);
    expect(transitionPatch(['queued', 'running'], 'failed', { errorKind: 'no_video' }, 5)).toEqual({
      errorKind: 'no_video',
      nextPollAt: 5,
    });
    expect(transitionPatch(['created'], 'failed', { nextPollAt: null }, 5)).toEqual({ nextPollAt: null });
  });
});

describe('the admission limits', () => {
  const limits = { maxUnfinishedPerMember: 2, memberDailyBudgetUsd: 5, serverDailyBudgetUsd: 50 };
  const idle = { unfinishedJobs: 0, memberSpentUsd: 0, serverSpentUsd: 0 };

  it('admits at the budget to the micro-dollar, and refuses a micro-dollar past it', () => {
    expect(exceedsBudget(4.16, 0.84, 5)).toBe(false);
    expect(exceedsBudget(4.161, 0.84, 5)).toBe(true);
  });

  it('checks videos in progress, then the member’s budget, then the server’s', () => {
    const busy = { unfinishedJobs: 2, memberSpentUsd: 5, serverSpentUsd: 50 };
    expect(checkLimits(busy, limits, 1)).toEqual({ kind: 'concurrency', unfinishedJobs: 2, limit: 2 });
    expect(checkLimits({ ...busy, unfinishedJobs: 1 }, limits, 1)).toEqual({ kind: 'member_budget', spentUsd: 5, budgetUsd: 5 });
    expect(checkLimits({ ...busy, unfinishedJobs: 1, memberSpentUsd: 0 }, limits, 1)).toEqual({
      kind: 'server_budget',
      spentUsd: 50,
      budgetUsd: 50,
    });
    expect(checkLimits(idle, limits, 1)).toBeUndefined();
    expect(
      checkLimits({ ...busy, unfinishedJobs: 0 }, { ...limits, memberDailyBudgetUsd: null, serverDailyBudgetUsd: null }, 1),
    ).toBeUndefined();
  });
});
