import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nextResetAt, SpendLedger, startOfUtcDay } from '../src/community/spendLedger.js';
import { type Db, openDatabase } from '../src/jobs/database.js';
import type { Job } from '../src/jobs/job.js';
import { JobStore } from '../src/jobs/jobStore.js';
import { parseVideoInput } from '../src/model/videoInput.js';
import { ManualClock } from '../testkit/world/manualClock.js';
import { makeTempDir } from '../testkit/world/tempDir.js';

const GUILD = '100000';
const ALICE = '300001';
const BOB = '300002';
const input = parseVideoInput({ prompt: 'a lighthouse at dusk' });
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describe('the spend ledger', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let db: Db;
  let clock: ManualClock;
  let jobs: JobStore;
  let ledger: SpendLedger;

  function create(estimateUsd: number, userId = ALICE, guildId = GUILD): Job {
    return jobs.create({ guildId, channelId: '200000', userId, input, estimateUsd });
  }
  function submitted(estimateUsd: number, userId = ALICE): Job {
    const job = create(estimateUsd, userId);
    jobs.transition(job.id, 'created', 'submitting');
    return jobs.transition(job.id, 'submitting', 'queued', { requestId: `req-${job.id}` }) as Job;
  }
  function running(estimateUsd: number, userId = ALICE): Job {
    const job = submitted(estimateUsd, userId);
    return jobs.transition(job.id, 'queued', 'running', { startedAt: clock.now() }) as Job;
  }

  beforeEach(() => {
    temp = makeTempDir();
    db = openDatabase(temp.file('bot.db'));
    clock = new ManualClock(Date.UTC(2026, 10, 25, 12));
    jobs = new JobStore(db, () => clock.now());
    ledger = new SpendLedger(db, () => clock.now());
  });
  afterEach(() => {
    db.close();
    temp.remove();
  });

  it('is zero for a server with no jobs', () => {
    expect(ledger.spentToday(GUILD)).toBe(0);
    expect(ledger.spentToday(GUILD, ALICE)).toBe(0);
  });

  it('counts unfinished jobs at their estimate, so two quick requests cannot both fit a budget', () => {
    create(0.84);
    const submitting = create(1);
    jobs.transition(submitting.id, 'created', 'submitting');
    submitted(0.5);
    running(0.25);
    expect(ledger.spentToday(GUILD)).toBeCloseTo(2.59, 9);
  });

  it('counts a finished job at its real cost when the provider reported one', () => {
    const job = running(0.84);
    jobs.transition(job.id, 'running', 'succeeded', { costUsd: 0.7 });
    const unpriced = running(0.5);
    jobs.transition(unpriced.id, 'running', 'succeeded');
    expect(ledger.spentToday(GUILD)).toBeCloseTo(1.2, 9);
  });

  it('gives the estimate back for a job cancelled while still queued', () => {
    const job = submitted(0.84);
    expect(ledger.spentToday(GUILD)).toBeCloseTo(0.84, 9);
    jobs.transition(job.id, 'queued', 'cancelled');
    expect(ledger.spentToday(GUILD)).toBe(0);
    const unsent = create(0.5);
    jobs.transition(unsent.id, 'created', 'cancelled');
    expect(ledger.spentToday(GUILD)).toBe(0);
  });

  it('still counts a job cancelled once running, since the provider bills it', () => {
    const job = running(0.84);
    jobs.transition(job.id, 'running', 'cancelled');
    expect(ledger.spentToday(GUILD)).toBeCloseTo(0.84, 9);
  });

  it('counts a failure only when the provider had accepted the job', () => {
    const neverSent = create(1);
    jobs.transition(neverSent.id, 'created', 'failed');
    const rejected = create(2);
    jobs.transition(rejected.id, 'created', 'submitting');
    jobs.transition(rejected.id, 'submitting', 'failed');
    const accepted = submitted(0.5);
    jobs.transition(accepted.id, 'queued', 'failed');
    expect(ledger.spentToday(GUILD)).toBeCloseTo(0.5, 9);
  });

  it('counts timeouts and unknown outcomes, which may have been billed', () => {
    const late = submitted(0.5);
    jobs.transition(late.id, 'queued', 'timed_out');
    const unknown = create(0.25);
    jobs.transition(unknown.id, 'created', 'submitting');
    jobs.transition(unknown.id, 'submitting', 'outcome_unknown');
    expect(ledger.spentToday(GUILD)).toBeCloseTo(0.75, 9);
  });

  it('sums per member and per server, never across servers', () => {
    submitted(1, ALICE);
    submitted(2, ALICE);
    submitted(4, BOB);
    create(8, ALICE, '100001');
    expect(ledger.spentToday(GUILD, ALICE)).toBeCloseTo(3, 9);
    expect(ledger.spentToday(GUILD, BOB)).toBeCloseTo(4, 9);
    expect(ledger.spentToday(GUILD)).toBeCloseTo(7, 9);
    expect(ledger.spentToday('100001')).toBeCloseTo(8, 9);
  });

  it('starts over at 00:00 UTC, counting jobs by the day they were asked for', () => {
    clock.advance(11 * HOUR + 59 * MINUTE); // 23:59 UTC
    const job = submitted(1);
    expect(ledger.spentToday(GUILD)).toBe(1);
    clock.advance(MINUTE - 1);
    expect(ledger.spentToday(GUILD)).toBe(1);
    clock.advance(1); // 00:00 UTC the next day
    expect(ledger.spentToday(GUILD)).toBe(0);
    // A job from yesterday finishing today is yesterday's spend.
    jobs.transition(job.id, 'queued', 'succeeded', { costUsd: 1.2 });
    expect(ledger.spentToday(GUILD)).toBe(0);
    submitted(0.5);
    expect(ledger.spentToday(GUILD)).toBe(0.5);
  });

  it('knows when the day starts and when it ends', () => {
    const noon = Date.UTC(2026, 10, 25, 12);
    expect(startOfUtcDay(noon)).toBe(Date.UTC(2026, 10, 25));
    expect(nextResetAt(noon)).toBe(Date.UTC(2026, 10, 26));
    expect(nextResetAt(Date.UTC(2026, 10, 25))).toBe(Date.UTC(2026, 10, 26));
    expect(nextResetAt(Date.UTC(2026, 10, 26) - 1)).toBe(Date.UTC(2026, 10, 26));
    expect(nextResetAt(Date.UTC(2026, 11, 31, 23, 30))).toBe(Date.UTC(2027, 0, 1));
    expect(ledger.nextResetAt()).toBe(Date.UTC(2026, 10, 26));
  });

  it('reads through the jobs_spend index and refuses to run without it', () => {
    db.exec('DROP INDEX jobs_spend');
    expect(() => new SpendLedger(db)).toThrow(/no such index: jobs_spend/);
  });
});
