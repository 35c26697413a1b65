import { describe, expect, it } from 'vitest';
import { checkLimits, placeNewJob } from '../src/jobs/limits.js';
import {
  type LineLimits,
  lineOrder,
  planLine,
  promotableCount,
  readyToSend,
  UNPLACED_GRACE_MS,
  type WaitingEntry,
} from '../src/jobs/line.js';

/** Jobs named `<member><n>`, in arrival order: `h3` is member h's third. */
function line(...ids: string[]): WaitingEntry[] {
  return ids.map((id) => ({ id, userId: id.replace(/\d+$/, ''), position: null }));
}

const counts = (entries: Record<string, number>) => new Map(Object.entries(entries));
const LIMITS: LineLimits = { perMember: 2, perServer: 4 };

describe('the line (round-robin across members)', () => {
  it.each([
    ['one member: oldest first', line('h1', 'h2', 'h3'), {}, ['h1', 'h2', 'h3']],
    ['two members take turns', line('h1', 'h2', 'h3', 'a1', 'a2'), {}, ['h1', 'a1', 'h2', 'a2', 'h3']],
    ['a member holding slots goes after those holding fewer', line('h1', 'a1'), { h: 2 }, ['a1', 'h1']],
    ['a newcomer overtakes the heavy member’s backlog, not their first', line('h3', 'h4', 'h5', 'c1'), { h: 2 }, ['c1', 'h3', 'h4', 'h5']],
    ['ties go to the earlier arrival', line('b1', 'a1'), {}, ['b1', 'a1']],
  ])('%s', (_name, waiting, active, expected) => {
    expect(lineOrder(waiting, counts(active)).map((e) => e.id)).toEqual(expected);
  });

  it('fills each free slot with the next job whose member is under the limit', () => {
    // h holds 2 (its limit), a holds 1, the server 3 of 4: one slot, and h cannot take it.
    const plan = planLine(line('h3', 'h4', 'a2', 'b1'), counts({ h: 2, a: 1 }), 3, LIMITS);
    expect(plan.promote).toEqual(['b1']);
    expect([...plan.positions]).toEqual([
      ['a2', 1],
      ['h3', 2],
      ['h4', 3],
    ]);
  });

  it('sends one member’s ten and three others’ one each in turns, never past a limit', () => {
    const waiting = line(...Array.from({ length: 8 }, (_, i) => `h${i + 3}`), 'c1');
    // h1, h2, a1 and b1 went straight to the provider; two slots free up (h1 and a1 end).
    const plan = planLine(waiting, counts({ h: 1, b: 1 }), 2, LIMITS);
    expect(plan.promote).toEqual(['c1', 'h3']);
    expect(plan.positions.get('h4')).toBe(1);
  });

  it('promotes nothing when the server is full, and everything that fits when it has no limit', () => {
    expect(planLine(line('a1', 'b1'), counts({ c: 4 }), 4, LIMITS).promote).toEqual([]);
    expect(planLine(line('a1', 'a2', 'a3', 'b1'), new Map(), 0, { perMember: 2, perServer: null }).promote).toEqual(['a1', 'b1', 'a2']);
  });

  it('holds back a job whose card is not recorded yet, keeping its place, and lets the next go', () => {
    const waiting = line('a1', 'b1', 'c1').map((entry) => (entry.id === 'a1' ? { ...entry, ready: false } : entry));
    const plan = planLine(waiting, new Map(), 3, LIMITS);
    expect(plan.promote).toEqual(['b1']);
    expect([...plan.positions]).toEqual([
      ['a1', 1],
      ['c1', 2],
    ]);
  });

  it.each([
    ['a recorded card', { statusMessageId: '55', createdAt: 0 }, 1, true],
    ['no card yet, a moment after admission', { statusMessageId: null, createdAt: 0 }, 30_000, false],
    ['no card, just before it is overdue', { statusMessageId: null, createdAt: 0 }, UNPLACED_GRACE_MS - 1, false],
    ['no card, long overdue (its process died before posting it)', { statusMessageId: null, createdAt: 0 }, UNPLACED_GRACE_MS, true],
  ])('is ready to send with %s', (_name, job, now, ready) => {
    expect(readyToSend(job, now)).toBe(ready);
  });

  it('counts who in the line could take a slot now', () => {
    expect(promotableCount(line('h3', 'a1'), counts({ h: 2 }), LIMITS)).toBe(1);
  });
});

describe('admission into the line', () => {
  const base = { unfinishedJobs: 0, memberSpentUsd: 0, serverSpentUsd: 0 };
  const limits = {
    maxUnfinishedPerMember: 2,
    maxActivePerServer: 4,
    maxWaitingPerMember: 5,
    memberDailyBudgetUsd: 5,
    serverDailyBudgetUsd: 50,
  };

  it.each([
    ['room for the member and the server', base, 'now'],
    ['the member at their limit', { ...base, unfinishedJobs: 2 }, 'line'],
    ['the server at its limit', { ...base, serverActiveJobs: 4 }, 'line'],
    ['someone waiting who could go now', { ...base, serverActiveJobs: 1, promotableWaiting: 1 }, 'line'],
  ] as const)('with %s: %s', (_name, usage, expected) => {
    expect(placeNewJob(usage, limits)).toBe(expected);
  });

  it('still refuses a job that could never fit the budget, in the line or not', () => {
    expect(checkLimits({ ...base, unfinishedJobs: 2, memberSpentUsd: 4.5 }, limits, 0.84)).toMatchObject({ kind: 'member_budget' });
  });
});
