/**
 * What any implementation of the storage ports must do, as one suite: an implementation's test
 * file calls {@link describeStorageContract} with a way to make an empty database and connect
 * to it. Everything here goes through the ports only, so it runs unchanged against each
 * database; what only one database can show (its files, its indexes) stays in that one's file.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AdmissionRefusal } from '../../src/community/admission.js';
import { makeAdmission } from '../../src/community/admission.js';
import { DEFAULT_GUILD_SETTINGS, type GuildSettings, InvalidSettingsError } from '../../src/community/guildSettings.js';
import { defaultMemberPreferences } from '../../src/community/memberPreferences.js';
import { SHOWCASE_CLAIM_STALE_MS } from '../../src/community/showcaseStore.js';
import type { AdmissionRequest } from '../../src/discord/context.js';
import { admissionRefusalText } from '../../src/discord/copy.js';
import type { Job } from '../../src/jobs/job.js';
import { DEFAULT_LEASE_MS, type LineMove, type NewJob } from '../../src/jobs/jobStore.js';
import type { AdmissionLimits } from '../../src/jobs/limits.js';
import { UNPLACED_GRACE_MS } from '../../src/jobs/line.js';
import { parseVideoInput } from '../../src/model/videoInput.js';
import type { Storage } from '../../src/storage/storage.js';
import { setFields, step } from '../../testkit/jobSteps.js';
import { ManualClock } from '../../testkit/world/manualClock.js';

/** A refusal with the words a member reads, as the Discord layer puts them. */
function worded<T extends { ok: boolean }>(outcome: T): T & { message?: string } {
  return 'refusal' in outcome ? { ...outcome, message: admissionRefusalText(outcome.refusal as AdmissionRefusal) } : outcome;
}

/** One empty database of the implementation under test. */
export interface StorageHarness {
  /** A connection to this database with its own clock; each call is another connection, as another process would hold. */
  connect(now: () => number): Promise<Storage>;
  /** Removes the database; every connection is closed by then. */
  dispose(): Promise<void>;
}

const GUILD = '100000';
const OTHER_GUILD = '100001';
const CHANNEL = '200000';
const ALICE = '300000';
const BOB = '300001';
const MOD = '900000';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** 20:48 UTC: the daily budgets reset in 3 h 12 min. */
const EVENING = Date.UTC(2026, 10, 25, 20, 48);

const input = parseVideoInput({ prompt: 'a lighthouse at dusk' });
const origin = { guildId: GUILD, channelId: CHANNEL, userId: ALICE };
const NO_LIMITS: AdmissionLimits = { maxUnfinishedPerMember: 1000, memberDailyBudgetUsd: null, serverDailyBudgetUsd: null };

export function describeStorageContract(name: string, fresh: () => Promise<StorageHarness>): void {
  describe(`${name} storage, by the ports' contract`, () => {
    let harness: StorageHarness;
    let clock: ManualClock;
    let storage: Storage;
    let open: Storage[];

    /** Another connection to the same database, on the same clock. */
    async function connect(): Promise<Storage> {
      const connection = await harness.connect(() => clock.now());
      open.push(connection);
      return connection;
    }

    async function newJob(job: Partial<NewJob> = {}, on: Storage = storage): Promise<Job> {
      return on.jobs.create({ ...origin, input, estimateUsd: 1, ...job });
    }

    async function queued(job: Partial<NewJob> = {}, patch: { nextPollAt?: number } = {}): Promise<Job> {
      const created = await newJob(job);
      await storage.jobs.transition(created.id, step('created', 'submitting'));
      return (await storage.jobs.transition(created.id, step('submitting', 'queued', { requestId: `req-${created.id}`, ...patch }))) as Job;
    }

    async function running(job: Partial<NewJob> = {}): Promise<Job> {
      const job1 = await queued(job);
      return (await storage.jobs.transition(job1.id, step('queued', 'running', { startedAt: clock.now() }))) as Job;
    }

    beforeEach(async () => {
      clock = new ManualClock();
      open = [];
      harness = await fresh();
      storage = await connect();
    });
    afterEach(async () => {
      for (const connection of open) await connection.close();
      await harness.dispose();
    });

    describe('jobs', () => {
      it('keeps each job’s model, text-to-video unless told, and the links to its pictures', async () => {
        const plain = await newJob();
        expect(plain).toMatchObject({ modelId: 'kling-3.0-pro-t2v', images: null });
        const animated = await newJob({ modelId: 'kling-3.0-pro-i2v' });
        expect(animated).toMatchObject({ modelId: 'kling-3.0-pro-i2v', images: null });
        const links = {
          start: 'https://cdn.example/attachments/1/2/start.png?ex=1&is=2&hm=3',
          end: 'https://cdn.example/attachments/1/3/end.jpg',
        };
        const placed = await storage.jobs.transition(animated.id, setFields('created', { statusMessageId: '55', images: links }));
        expect(placed).toMatchObject({ statusMessageId: '55', images: links });
        expect((await (await connect()).jobs.get(animated.id))?.images).toEqual(links);
        // An update that does not name the pictures keeps them.
        await storage.jobs.transition(animated.id, step('created', 'submitting'));
        expect((await storage.jobs.require(animated.id)).images).toEqual(links);
      });

      it('keeps who asked, where, and the validated input', async () => {
        const job = await storage.jobs.create({ ...origin, input, estimateUsd: 0.84 });
        expect(job).toMatchObject({
          ...origin,
          state: 'created',
          input,
          estimateUsd: 0.84,
          kind: 'new',
          parentId: null,
          nextPollAt: null,
          leaseOwner: null,
          deliveredAt: null,
          createdAt: clock.now(),
        });
        expect(await storage.jobs.get(job.id)).toEqual(job);
        expect(await storage.jobs.require(job.id)).toEqual(job);
        expect(await storage.jobs.get('nosuchjob')).toBeUndefined();
        await expect(storage.jobs.require('nosuchjob')).rejects.toThrow(/does not exist/);
      });

      it('only allows transitions in the table', async () => {
        const job = await newJob();
        await expect(storage.jobs.transition(job.id, step('created', 'succeeded'))).rejects.toThrow(/illegal/);
        await expect(storage.jobs.transition(job.id, step('created', 'running'))).rejects.toThrow(/illegal/);
        expect((await storage.jobs.require(job.id)).state).toBe('created');
      });

      it('moves a job only from the state it is in, setting the patch with it', async () => {
        const job = await newJob();
        clock.advance(5);
        const moved = await storage.jobs.transition(job.id, step(['queued', 'created'], 'cancelled', { errorKind: 'cancelled' }));
        expect(moved).toMatchObject({ state: 'cancelled', errorKind: 'cancelled', updatedAt: clock.now() });
        expect(await storage.jobs.transition(job.id, step('created', 'submitting'))).toBeUndefined();
        expect(await storage.jobs.transition('nosuchjob', step('created', 'submitting'))).toBeUndefined();
      });

      it('lets exactly one of a cancel and a completion racing each other win', async () => {
        const job = await queued();
        // A second connection plays the other process.
        const other = await connect();
        const completed = await other.jobs.transition(job.id, step('queued', 'succeeded', { resultUrl: 'https://cdn.example/v.mp4' }));
        const cancelled = await storage.jobs.transition(job.id, step('queued', 'cancelled'));
        expect(completed?.state).toBe('succeeded');
        expect(cancelled).toBeUndefined();
        expect(await storage.jobs.require(job.id)).toMatchObject({ state: 'succeeded', resultUrl: 'https://cdn.example/v.mp4' });
      });

      it('lets one of two transitions sent at the same moment win, and the loser sees undefined', async () => {
        const job = await queued();
        const other = await connect();
        const [completed, cancelled] = await Promise.all([
          other.jobs.transition(job.id, step('queued', 'succeeded', { resultUrl: 'https://cdn.example/v.mp4' })),
          storage.jobs.transition(job.id, step('queued', 'cancelled')),
        ]);
        expect([completed, cancelled].filter((j) => j !== undefined)).toHaveLength(1);
        const final = await storage.jobs.require(job.id);
        expect(final.state).toBe(completed ? 'succeeded' : 'cancelled');
        expect(final.resultUrl).toBe(completed ? 'https://cdn.example/v.mp4' : null);
      });

      it('updates fields only while the job is in the state the caller saw', async () => {
        const job = await queued();
        expect(await storage.jobs.transition(job.id, setFields('queued', { queuePosition: 3, pollFailures: 2 }))).toMatchObject({
          state: 'queued',
          queuePosition: 3,
          pollFailures: 2,
        });
        expect(await storage.jobs.transition(job.id, setFields(['running', 'created'], { queuePosition: 9 }))).toBeUndefined();
        expect(
          await storage.jobs.transition(job.id, setFields(['running', 'queued'], { queuePosition: null, errorKind: 'no_video' })),
        ).toMatchObject({
          queuePosition: null,
          errorKind: 'no_video',
        });
      });

      it('gives a due job to only one of two pollers', async () => {
        const now = clock.now();
        const ids = new Set<string>();
        for (let i = 0; i < 20; i++) ids.add((await queued({}, { nextPollAt: now - 1 })).id);
        const other = await connect();
        const first = (await storage.jobs.claimDue('poller-a', now, 60_000, 15)).map((j) => j.id);
        const second = (await other.jobs.claimDue('poller-b', now, 60_000, 15)).map((j) => j.id);
        expect(first).toHaveLength(15);
        expect(second).toHaveLength(5);
        expect(new Set([...first, ...second])).toEqual(ids);
        expect(await storage.jobs.claimDue('poller-a', now, 60_000, 10)).toEqual([]);
        clock.advance(60_001);
        expect(await storage.jobs.claimDue('poller-a', clock.now(), 60_000, 100)).toHaveLength(20);
      });

      it('does not lease a job still in hand, so a "due now" set meanwhile stands', async () => {
        const now = clock.now();
        const inHand = await queued({}, { nextPollAt: now - 10 });
        const other = await queued({}, { nextPollAt: now - 10 });
        const claimed = await storage.jobs.claimDue('poller-a', now, 120_000, 1, new Set([inHand.id]));
        expect(claimed.map((j) => j.id)).toEqual([other.id]);
        expect((await storage.jobs.require(inHand.id)).nextPollAt).toBe(now - 10);
        expect((await storage.jobs.require(other.id)).nextPollAt).toBe(now + 120_000);
      });

      it('leases a claimed job to its owner until the lease runs out, then to whoever claims it', async () => {
        const now = clock.now();
        const ids = new Set<string>();
        for (let i = 0; i < 20; i++) ids.add((await queued({}, { nextPollAt: now - 1 })).id);
        const other = await connect();
        const [first, second] = await Promise.all([
          storage.jobs.claimDue('poller-a', now, 60_000, 15),
          other.jobs.claimDue('poller-b', now, 60_000, 15),
        ]);
        expect(first.length + second.length).toBe(20);
        expect(new Set([...first, ...second].map((j) => j.id))).toEqual(ids);
        for (const job of first) expect(job).toMatchObject({ leaseOwner: 'poller-a', nextPollAt: now + 60_000 });
        for (const job of second) expect(job).toMatchObject({ leaseOwner: 'poller-b', nextPollAt: now + 60_000 });
        const held = first[0] ?? second[0];
        expect(await storage.jobs.get(held?.id ?? '')).toMatchObject({ leaseOwner: held?.leaseOwner, nextPollAt: now + 60_000 });
        expect(await other.jobs.claimDue('poller-b', now + 60_000 - 1, 60_000, 10)).toEqual([]);
        const after = await other.jobs.claimDue('poller-b', now + 60_001, 60_000, 100);
        expect(after).toHaveLength(20);
        expect(after.every((job) => job.leaseOwner === 'poller-b' && job.nextPollAt === now + 120_001)).toBe(true);
      });

      it('lets a poller whose lease ran out while it was stuck overwrite nothing the next owner did', async () => {
        const now = clock.now();
        const job = await queued({}, { nextPollAt: now - 1 });
        const other = await connect();
        const [stuck] = await storage.jobs.claimDue('poller-a', now, 30_000, 1);
        expect(stuck).toMatchObject({ id: job.id, leaseOwner: 'poller-a' });
        clock.advance(30_001);
        const [taken] = await other.jobs.claimDue('poller-b', clock.now(), 30_000, 1);
        expect(taken).toMatchObject({ id: job.id, leaseOwner: 'poller-b' });
        await other.jobs.transition(job.id, step('queued', 'running', { startedAt: clock.now(), providerStatus: 'in_progress' }));
        // The stuck poller wakes with what it saw when it claimed the job: queued.
        expect(await storage.jobs.transition(job.id, step('queued', 'failed', { errorKind: 'not_found' }))).toBeUndefined();
        expect(
          await storage.jobs.transition(job.id, setFields('queued', { providerStatus: 'in_queue', queuePosition: 4 })),
        ).toBeUndefined();
        expect(await storage.jobs.require(job.id)).toMatchObject({
          state: 'running',
          providerStatus: 'in_progress',
          queuePosition: null,
          errorKind: null,
          leaseOwner: 'poller-b',
        });
      });

      it('renews a lease only while it is the one its holder wrote, from any connection', async () => {
        const now = clock.now();
        const held = await queued({}, { nextPollAt: now - 1 });
        const madeDue = await queued({}, { nextPollAt: now - 1 });
        const claimed = await storage.jobs.claimDue('poller-a', now, 30_000, 10);
        expect(claimed.map((j) => j.nextPollAt)).toEqual([now + 30_000, now + 30_000]);
        // A cancel makes one due now while the holder still works on it.
        await storage.jobs.transition(madeDue.id, setFields('queued', { nextPollAt: now }));
        const other = await connect();
        clock.advance(10_000);
        const leases = claimed.map((j) => ({ id: j.id, seen: j.nextPollAt as number }));
        expect(await other.jobs.renewLeases('poller-a', leases, clock.now() + 30_000)).toEqual([held.id]);
        expect(await storage.jobs.require(held.id)).toMatchObject({ leaseOwner: 'poller-a', nextPollAt: clock.now() + 30_000 });
        expect((await storage.jobs.require(madeDue.id)).nextPollAt).toBe(now);
        // Past the first lease, the renewed job is still hidden from others; the due one is not.
        clock.advance(25_000);
        expect((await other.jobs.claimDue('poller-b', clock.now(), 30_000, 10)).map((j) => j.id)).toEqual([madeDue.id]);
        // A renewal that comes with a lease it no longer holds changes nothing.
        expect(await other.jobs.renewLeases('poller-a', leases, clock.now() + 30_000)).toEqual([]);
        expect(await storage.jobs.require(madeDue.id)).toMatchObject({ leaseOwner: 'poller-b', nextPollAt: clock.now() + 30_000 });
        expect(await storage.jobs.renewLeases('poller-a', [], clock.now())).toEqual([]);
      });

      it('lets a lease that was not renewed run out, and the job go to whoever claims it', async () => {
        const now = clock.now();
        const job = await queued({}, { nextPollAt: now - 1 });
        const [first] = await storage.jobs.claimDue('poller-a', now, 30_000, 1);
        const renewedUntil = now + 10_000 + 30_000;
        expect(await storage.jobs.renewLeases('poller-a', [{ id: job.id, seen: first?.nextPollAt as number }], renewedUntil)).toEqual([
          job.id,
        ]);
        const other = await connect();
        expect(await other.jobs.claimDue('poller-b', renewedUntil - 1, 30_000, 1)).toEqual([]);
        expect((await other.jobs.claimDue('poller-b', renewedUntil, 30_000, 1)).map((j) => j.leaseOwner)).toEqual(['poller-b']);
      });

      it('claims each due job once among three claimers racing over many jobs', async () => {
        const now = clock.now();
        const ids = new Set<string>();
        for (let i = 0; i < 60; i++) ids.add((await queued({}, { nextPollAt: now - 60 + i })).id);
        const claimers = [storage, await connect(), await connect()];
        const rounds = await Promise.all(
          claimers.map(async (on, c) => {
            const got: string[] = [];
            for (let round = 0; round < 10; round++) {
              for (const job of await on.jobs.claimDue(`poller-${c}`, now, 60_000, 4)) got.push(job.id);
            }
            return got;
          }),
        );
        const claimed = rounds.flat();
        expect(claimed).toHaveLength(60);
        expect(new Set(claimed)).toEqual(ids);
      });

      it('claims the jobs due longest first, and none that are not due yet', async () => {
        const now = clock.now();
        const late = await queued({}, { nextPollAt: now - 10 });
        const later = await queued({}, { nextPollAt: now - 5 });
        await queued({}, { nextPollAt: now + 1 });
        await newJob();
        const claimed = await storage.jobs.claimDue('p', now, 1000, 10);
        expect(claimed.map((j) => j.id)).toEqual([late.id, later.id]);
        expect((await storage.jobs.claimDue('p', now + 1, 1000, 1)).map((j) => j.state)).toEqual(['queued']);
      });

      it('knows when the next job falls due', async () => {
        expect(await storage.jobs.nextDueAt()).toBeUndefined();
        await queued({}, { nextPollAt: clock.now() + 500 });
        await queued({}, { nextPollAt: clock.now() + 200 });
        expect(await storage.jobs.nextDueAt()).toBe(clock.now() + 200);
      });

      it('records delivery once', async () => {
        const job = await newJob();
        expect(await storage.jobs.markDelivered(job.id)).toBe(false); // not finished yet
        await storage.jobs.transition(job.id, step('created', 'cancelled'));
        const other = await connect();
        const [a, b] = await Promise.all([storage.jobs.markDelivered(job.id), other.jobs.markDelivered(job.id)]);
        expect([a, b].filter(Boolean)).toHaveLength(1);
        expect(await storage.jobs.markDelivered(job.id)).toBe(false);
        expect(await storage.jobs.require(job.id)).toMatchObject({ nextPollAt: null, deliveredAt: clock.now() });
      });

      it('makes a finished job due at once so its final message goes out', async () => {
        const job = await newJob();
        expect((await storage.jobs.transition(job.id, step('created', 'failed')))?.nextPollAt).toBe(clock.now());
        const other = await newJob();
        expect((await storage.jobs.transition(other.id, step('created', 'failed', { nextPollAt: null })))?.nextPollAt).toBeNull();
      });

      it('on resume, ends mid-submit jobs whose lease ran out as outcome unknown and makes the rest due', async () => {
        const mid = await newJob();
        await storage.jobs.transition(mid.id, step('created', 'submitting'));
        const unsent = await newJob();
        const overdue = await queued({}, { nextPollAt: clock.now() - 5 });
        const waiting = await queued({}, { nextPollAt: clock.now() + DEFAULT_LEASE_MS + 50_000 });
        const done = await newJob();
        await storage.jobs.transition(done.id, step('created', 'failed', { nextPollAt: null }));
        const delivered = await newJob();
        await storage.jobs.transition(delivered.id, step('created', 'failed'));
        await storage.jobs.markDelivered(delivered.id);

        // Within the submit's lease, the submit may be another process's, still on the wire.
        clock.advance(10);
        const early = await storage.jobs.resume('unknown');
        expect(early).toMatchObject({ stranded: [], resumed: 2, undelivered: 1 });
        expect(await storage.jobs.require(mid.id)).toMatchObject({ state: 'submitting', nextPollAt: mid.createdAt + DEFAULT_LEASE_MS });
        expect((await storage.jobs.require(overdue.id)).nextPollAt).toBe(clock.now());

        clock.advance(DEFAULT_LEASE_MS);
        const now = clock.now();
        const result = await storage.jobs.resume('unknown');
        expect(result.stranded.map((j) => j.id)).toEqual([mid.id]);
        expect(result).toMatchObject({ resumed: 2, undelivered: 2 });
        expect(await storage.jobs.require(mid.id)).toMatchObject({ state: 'outcome_unknown', errorMessage: 'unknown', nextPollAt: now });
        expect((await storage.jobs.require(unsent.id)).nextPollAt).toBe(now);
        expect((await storage.jobs.require(overdue.id)).nextPollAt).toBe(now);
        // A poll time still to come is left as it is: it may be a live process's lease.
        expect((await storage.jobs.require(waiting.id)).nextPollAt).toBe(waiting.nextPollAt);
        expect((await storage.jobs.require(done.id)).nextPollAt).toBe(now);
        expect((await storage.jobs.require(delivered.id)).nextPollAt).toBeNull();
      });

      it('on resume in another process, leaves the jobs a live process has leased to it', async () => {
        const now = clock.now();
        const held = await queued({}, { nextPollAt: now });
        const ended = await newJob();
        await storage.jobs.transition(ended.id, step('created', 'failed'));
        expect((await storage.jobs.claimDue('alive', now, 60_000, 10)).map((j) => j.id).sort()).toEqual([held.id, ended.id].sort());
        const restarted = await connect();
        clock.advance(1000);
        expect(await restarted.jobs.resume('unknown')).toMatchObject({ resumed: 0, undelivered: 0, stranded: [] });
        expect(await restarted.jobs.claimDue('restarted', clock.now(), 60_000, 10)).toEqual([]);
        for (const id of [held.id, ended.id]) {
          expect(await restarted.jobs.require(id)).toMatchObject({ leaseOwner: 'alive', nextPollAt: now + 60_000 });
        }
        // Once the lease runs out (the holder died), the jobs are anyone's again.
        clock.advance(60_000);
        expect(await restarted.jobs.resume('unknown')).toMatchObject({ resumed: 1, undelivered: 1 });
        expect(await restarted.jobs.claimDue('restarted', clock.now(), 60_000, 10)).toHaveLength(2);
      });

      it('counts a member’s unfinished jobs and lists their recent ones, newest first', async () => {
        const a = await newJob();
        clock.advance(1);
        const b = await newJob();
        await newJob({ userId: '999999' });
        await newJob({ guildId: OTHER_GUILD });
        await storage.jobs.transition(a.id, step('created', 'cancelled'));
        expect(await storage.jobs.countUnfinishedByUser(GUILD, ALICE)).toEqual({ inProgress: 1, waiting: 0 });
        expect((await storage.jobs.recentByUser(GUILD, ALICE)).map((j) => j.id)).toEqual([b.id, a.id]);
        expect(await storage.jobs.recentByUser(GUILD, ALICE, 1)).toHaveLength(1);
      });

      it('counts jobs by state and lists them all, oldest first', async () => {
        const first = await newJob();
        clock.advance(1);
        const second = await queued();
        clock.advance(1);
        const third = await newJob();
        await storage.jobs.transition(third.id, step('created', 'cancelled'));
        expect(await storage.jobs.countByState()).toMatchObject({ created: 1, queued: 1, cancelled: 1 });
        expect((await storage.jobs.all()).map((j) => j.id)).toEqual([first.id, second.id, third.id]);
      });

      it('writes at most one retry of a job, even for two clicks at once', async () => {
        const failed = await newJob();
        await storage.jobs.transition(failed.id, step('created', 'failed'));
        const other = await connect();
        const retry = { ...origin, input, estimateUsd: 1, kind: 'retry' as const, parentId: failed.id };
        const results = await Promise.all([
          storage.jobs.createWithinLimits(retry, NO_LIMITS),
          other.jobs.createWithinLimits(retry, NO_LIMITS),
        ]);
        const written = results.flatMap((r) => (r.ok ? [r.job] : []));
        expect(written).toHaveLength(1);
        expect(written[0]).toMatchObject({ kind: 'retry', parentId: failed.id });
        expect(results.find((r) => !r.ok)).toEqual({ ok: false, refusal: { kind: 'already_retried', retryId: written[0]?.id } });
        expect((await storage.jobs.retryOf(failed.id))?.id).toBe(written[0]?.id);
        expect(await storage.jobs.retryOf(written[0]?.id ?? '')).toBeUndefined();
        await expect(storage.jobs.create(retry)).rejects.toThrow();
      });

      it('lists the takes of one request, oldest first, and only theirs', async () => {
        const first = await storage.jobs.createWithinLimits({ ...origin, input, estimateUsd: 1, takeGroup: 'group-1' }, NO_LIMITS);
        if (!first.ok) throw new Error('refused');
        clock.advance(1);
        const second = await newJob({ takeGroup: 'group-1' });
        await newJob({ takeGroup: 'group-2' });
        const alone = await newJob();
        expect(alone.takeGroup).toBeNull();
        expect(first.job.takeGroup).toBe('group-1');
        expect((await storage.jobs.takesOf('group-1')).map((j) => j.id)).toEqual([first.job.id, second.id]);
        expect(await storage.jobs.takesOf('none')).toEqual([]);
      });

      it('admits jobs up to a member’s limit and refuses the rest with the figures', async () => {
        const limits: AdmissionLimits = { maxUnfinishedPerMember: 2, memberDailyBudgetUsd: null, serverDailyBudgetUsd: null };
        const first = await storage.jobs.createWithinLimits({ ...origin, input, estimateUsd: 1 }, limits);
        expect(first).toMatchObject({ ok: true, job: { state: 'created', userId: ALICE } });
        await storage.jobs.createWithinLimits({ ...origin, input, estimateUsd: 1 }, limits);
        expect(await storage.jobs.createWithinLimits({ ...origin, input, estimateUsd: 1 }, limits)).toEqual({
          ok: false,
          refusal: { kind: 'concurrency', unfinishedJobs: 2, limit: 2 },
        });
        expect((await storage.jobs.createWithinLimits({ ...origin, userId: BOB, input, estimateUsd: 1 }, limits)).ok).toBe(true);
        expect(await storage.jobs.countUnfinishedByUser(GUILD, ALICE)).toEqual({ inProgress: 2, waiting: 0 });
      });

      it('refuses past a budget with what was spent, counting the jobs written in the same race', async () => {
        const member: AdmissionLimits = { maxUnfinishedPerMember: 20, memberDailyBudgetUsd: 2, serverDailyBudgetUsd: null };
        const other = await connect();
        const results = await Promise.all(
          Array.from({ length: 6 }, (_, i) =>
            (i % 2 ? other : storage).jobs.createWithinLimits({ ...origin, input, estimateUsd: 0.84 }, member),
          ),
        );
        expect(results.filter((r) => r.ok)).toHaveLength(2);
        for (const refused of results.filter((r) => !r.ok)) {
          expect(refused).toEqual({ ok: false, refusal: { kind: 'member_budget', spentUsd: 1.68, budgetUsd: 2 } });
        }
        const server: AdmissionLimits = { maxUnfinishedPerMember: 20, memberDailyBudgetUsd: null, serverDailyBudgetUsd: 2 };
        expect(await storage.jobs.createWithinLimits({ ...origin, userId: BOB, input, estimateUsd: 0.5 }, server)).toEqual({
          ok: false,
          refusal: { kind: 'server_budget', spentUsd: 1.68, budgetUsd: 2 },
        });
        expect(await storage.jobs.countUnfinishedByUser(GUILD, ALICE)).toEqual({ inProgress: 2, waiting: 0 });
      });

      it('admits no more jobs than a member may have going when requests race across connections', async () => {
        const limits: AdmissionLimits = { maxUnfinishedPerMember: 3, memberDailyBudgetUsd: 100, serverDailyBudgetUsd: 100 };
        const others = [await connect(), await connect()];
        const results = await Promise.all(
          Array.from({ length: 12 }, (_, i) =>
            [storage, ...others][i % 3]?.jobs.createWithinLimits({ ...origin, input, estimateUsd: 0.84 }, limits),
          ),
        );
        expect(results.filter((r) => r?.ok)).toHaveLength(3);
        expect(await storage.jobs.countUnfinishedByUser(GUILD, ALICE)).toEqual({ inProgress: 3, waiting: 0 });
      });

      it('never lets members racing across connections overshoot the server’s budget together', async () => {
        const limits: AdmissionLimits = { maxUnfinishedPerMember: 20, memberDailyBudgetUsd: null, serverDailyBudgetUsd: 3 };
        const others = [await connect(), await connect()];
        const members = [ALICE, BOB, '300002', '300003'];
        const results = await Promise.all(
          Array.from({ length: 12 }, (_, i) =>
            [storage, ...others][i % 3]?.jobs.createWithinLimits(
              { ...origin, userId: members[i % 4] as string, input, estimateUsd: 1 },
              limits,
            ),
          ),
        );
        expect(results.filter((r) => r?.ok)).toHaveLength(3);
        expect(await storage.ledger.spentToday(GUILD)).toBe(3);
      });
    });

    describe('the line', () => {
      const LINE: AdmissionLimits = {
        maxUnfinishedPerMember: 2,
        maxActivePerServer: 4,
        maxWaitingPerMember: 10,
        maxWaitMs: 2 * HOUR,
        memberDailyBudgetUsd: null,
        serverDailyBudgetUsd: null,
      };
      const SLOTS = { perMember: 2, perServer: 4 };
      const HEAVY = '300009';
      const CAROL = '300002';

      let cards = 0;
      /** A member's request as the chat layer makes it: admission, then its status card recorded. */
      async function ask(userId: string, limits: AdmissionLimits = LINE, on: Storage = storage): Promise<Job> {
        const job = await admitOnly(userId, limits, on);
        cards += 1;
        await on.jobs.transition(job.id, setFields(['waiting', 'created'], { statusMessageId: String(700_000 + cards) }));
        return job;
      }

      /** Admission alone: the card is still being posted (or its process died before it). */
      async function admitOnly(userId: string, limits: AdmissionLimits = LINE, on: Storage = storage): Promise<Job> {
        clock.advance(1);
        const result = await on.jobs.createWithinLimits({ ...origin, userId, input, estimateUsd: 0.84 }, limits);
        if (!result.ok) throw new Error(`refused: ${result.refusal.kind}`);
        return result.job;
      }

      /** Sends a created job and ends it with a video, as the service and the poller would. */
      async function finish(job: Job): Promise<void> {
        await storage.jobs.transition(job.id, step('created', 'submitting'));
        await storage.jobs.transition(job.id, step('submitting', 'queued', { requestId: `req-${job.id}` }));
        await storage.jobs.transition(job.id, step('queued', 'succeeded', { costUsd: 0.84 }));
      }

      it('puts a job over a slot limit in the line, numbered, due only when it has waited too long', async () => {
        const first = await ask(ALICE);
        await ask(ALICE);
        const third = await ask(ALICE);
        expect(first).toMatchObject({ state: 'created', nextPollAt: null });
        expect(third).toMatchObject({ state: 'waiting', queuePosition: 1, nextPollAt: clock.now() + 2 * HOUR });
        expect(await storage.jobs.waitingGuilds()).toEqual([GUILD]);
        expect((await storage.jobs.waitingIn(GUILD)).map((j) => j.id)).toEqual([third.id]);
        expect(await storage.jobs.countByState()).toMatchObject({ created: 2, waiting: 1 });
      });

      it('counts a member’s jobs in progress apart from those waiting in the line', async () => {
        const first = await ask(ALICE);
        await ask(ALICE);
        await ask(ALICE);
        await ask(ALICE);
        await ask(BOB);
        expect(await storage.jobs.countUnfinishedByUser(GUILD, ALICE)).toEqual({ inProgress: 2, waiting: 2 });
        await finish(first);
        expect(await storage.jobs.countUnfinishedByUser(GUILD, ALICE)).toEqual({ inProgress: 1, waiting: 2 });
        await storage.jobs.promoteWaiting(GUILD, SLOTS);
        expect(await storage.jobs.countUnfinishedByUser(GUILD, ALICE)).toEqual({ inProgress: 2, waiting: 1 });
        expect(await storage.jobs.countUnfinishedByUser(GUILD, BOB)).toEqual({ inProgress: 1, waiting: 0 });
        expect(await storage.jobs.countUnfinishedByUser(OTHER_GUILD, ALICE)).toEqual({ inProgress: 0, waiting: 0 });
      });

      it('sends the line on round-robin across members when slots free, never past a limit', async () => {
        // One member asks for ten, then three others for one each.
        const heavy: Job[] = [];
        for (let i = 0; i < 10; i++) heavy.push(await ask(HEAVY));
        const bob = await ask(BOB);
        const carol = await ask(CAROL);
        const dave = await ask('300003');
        expect([bob.state, carol.state, dave.state]).toEqual(['created', 'created', 'waiting']);
        expect((await storage.jobs.promoteWaiting(GUILD, SLOTS)).promoted).toEqual([]);

        const order: string[] = [];
        const held = [heavy[0], heavy[1], bob, carol] as Job[];
        while (held.length > 0) {
          await finish(held.shift() as Job);
          const { promoted } = await storage.jobs.promoteWaiting(GUILD, SLOTS);
          expect(promoted.length).toBeLessThanOrEqual(1);
          for (const job of promoted) {
            expect(job).toMatchObject({ state: 'created', queuePosition: null, nextPollAt: clock.now() });
            order.push(job.id === dave.id ? 'dave' : `heavy${heavy.findIndex((h) => h.id === job.id) + 1}`);
            held.push(job);
          }
          const holding = (await storage.jobs.all()).filter((j) => j.state === 'created');
          expect(holding.length).toBeLessThanOrEqual(4);
          expect(holding.filter((j) => j.userId === HEAVY).length).toBeLessThanOrEqual(2);
        }
        expect(order).toEqual(['dave', ...Array.from({ length: 8 }, (_, i) => `heavy${i + 3}`)]);
        // Dave goes at the first free slot, ahead of the heavy member's third.
        expect(order.slice(0, 3)).toEqual(['dave', 'heavy3', 'heavy4']);
      });

      it('sends on no job whose status card is not recorded yet, and one whose card never came once it is long overdue', async () => {
        const first = await ask(ALICE);
        await ask(ALICE);
        // Bob's card is being posted when Alice's slot frees; Carol's was recorded already.
        const bob = await admitOnly(BOB, { ...LINE, maxActivePerServer: 2 });
        const carol = await ask(CAROL, { ...LINE, maxActivePerServer: 2 });
        expect([bob.state, carol.state]).toEqual(['waiting', 'waiting']);
        await finish(first);
        const move = await storage.jobs.promoteWaiting(GUILD, { perMember: 2, perServer: 2 });
        expect(move.promoted.map((j) => j.id)).toEqual([carol.id]);
        // Bob keeps his place: first in the line.
        expect((await storage.jobs.waitingIn(GUILD)).map((j) => [j.id, j.queuePosition])).toEqual([[bob.id, 1]]);
        await finish(move.promoted[0] as Job);
        expect((await storage.jobs.promoteWaiting(GUILD, { perMember: 2, perServer: 2 })).promoted).toEqual([]);
        // Its card recorded, it goes at the next move, with the links the card holds.
        const links = { start: 'https://cdn.example/attachments/1/2/start.png' };
        await storage.jobs.transition(bob.id, setFields(['waiting', 'created'], { statusMessageId: '7999', images: links }));
        expect((await storage.jobs.promoteWaiting(GUILD, { perMember: 2, perServer: 2 })).promoted).toMatchObject([
          { id: bob.id, state: 'created', statusMessageId: '7999', images: links },
        ]);

        // A row whose process died before its card: held back, then sent on so it still ends.
        const orphan = await admitOnly(CAROL, { ...LINE, maxActivePerServer: 2 });
        expect(orphan.state).toBe('waiting');
        await finish((await storage.jobs.require(bob.id)) as Job);
        clock.advance(UNPLACED_GRACE_MS - 1);
        expect((await storage.jobs.promoteWaiting(GUILD, { perMember: 2, perServer: 2 })).promoted).toEqual([]);
        clock.advance(1);
        const late = await (await connect()).jobs.promoteWaiting(GUILD, { perMember: 2, perServer: 2 });
        expect(late.promoted.map((j) => [j.id, j.statusMessageId])).toEqual([[orphan.id, null]]);
      });

      it('renumbers the jobs left in the line and reports those that moved', async () => {
        await ask(ALICE);
        const held = await ask(ALICE);
        const a3 = await ask(ALICE);
        const a4 = await ask(ALICE);
        const bob1 = await ask(BOB, { ...LINE, maxActivePerServer: 2 });
        // Bob's first goes ahead of Alice's backlog: she already holds two slots.
        expect(bob1).toMatchObject({ state: 'waiting', queuePosition: 1 });
        const moved = await storage.jobs.promoteWaiting(GUILD, { perMember: 2, perServer: 2 });
        expect(moved.promoted).toEqual([]);
        expect(moved.moved.map((j) => [j.id, j.queuePosition])).toEqual([
          [a3.id, 2],
          [a4.id, 3],
        ]);
        await finish(held);
        const next = await storage.jobs.promoteWaiting(GUILD, { perMember: 2, perServer: 2 });
        expect(next.promoted.map((j) => j.id)).toEqual([bob1.id]);
        expect(next.moved.map((j) => [j.id, j.queuePosition])).toEqual([
          [a3.id, 1],
          [a4.id, 2],
        ]);
      });

      it('cancels a waiting job at no cost, freeing no slot it did not hold', async () => {
        await storage.settings.update(GUILD, {}, MOD);
        await ask(ALICE);
        await ask(ALICE);
        const waiting = await ask(ALICE);
        const after = await ask(ALICE);
        expect(await storage.ledger.spentToday(GUILD, ALICE)).toBeCloseTo(4 * 0.84);
        const cancelled = await storage.jobs.transition(waiting.id, step('waiting', 'cancelled', { errorKind: 'cancelled' }));
        expect(cancelled).toMatchObject({ state: 'cancelled', nextPollAt: clock.now() });
        expect(await storage.ledger.spentToday(GUILD, ALICE)).toBeCloseTo(3 * 0.84);
        const { promoted, moved } = await storage.jobs.promoteWaiting(GUILD, SLOTS);
        expect(promoted).toEqual([]);
        expect(moved.map((j) => [j.id, j.queuePosition])).toEqual([[after.id, 1]]);
      });

      it('keeps the line, its order and its deadlines across a restart', async () => {
        await ask(ALICE);
        await ask(ALICE);
        const a3 = await ask(ALICE);
        const a4 = await ask(ALICE);
        const b1 = await ask(BOB, { ...LINE, maxActivePerServer: 2 });
        await storage.jobs.promoteWaiting(GUILD, { perMember: 2, perServer: 2 });
        await storage.close();
        open = open.filter((c) => c !== storage);
        storage = await connect();
        clock.advance(MINUTE);
        await storage.jobs.resume(null);
        const line = await storage.jobs.waitingIn(GUILD);
        expect(line.map((j) => [j.id, j.queuePosition])).toEqual([
          [b1.id, 1],
          [a3.id, 2],
          [a4.id, 3],
        ]);
        expect(line.map((j) => j.nextPollAt)).toEqual([b1.createdAt, a3.createdAt, a4.createdAt].map((t) => t + 2 * HOUR));
        expect(await storage.jobs.claimDue('p', clock.now(), 1000, 10)).toHaveLength(2);
      });

      it('reserves the estimate at acceptance, so a line can never spend past a budget', async () => {
        const budget: AdmissionLimits = { ...LINE, maxUnfinishedPerMember: 1, memberDailyBudgetUsd: 2 };
        const first = await ask(ALICE, budget);
        const second = await ask(ALICE, budget);
        expect(second.state).toBe('waiting');
        const third = await storage.jobs.createWithinLimits({ ...origin, input, estimateUsd: 0.84 }, budget);
        expect(third).toMatchObject({ ok: false, refusal: { kind: 'member_budget', spentUsd: 1.68, budgetUsd: 2 } });
        await finish(first);
        expect((await storage.jobs.promoteWaiting(GUILD, { perMember: 1, perServer: 4 })).promoted.map((j) => j.id)).toEqual([second.id]);
        expect(await storage.ledger.spentToday(GUILD, ALICE)).toBeCloseTo(1.68);
      });

      it('refuses a member whose line is as long as the server allows', async () => {
        const short: AdmissionLimits = { ...LINE, maxWaitingPerMember: 1 };
        await ask(ALICE, short);
        await ask(ALICE, short);
        await ask(ALICE, short);
        expect(await storage.jobs.createWithinLimits({ ...origin, input, estimateUsd: 0.84 }, short)).toMatchObject({
          ok: false,
          refusal: { kind: 'line_full', waitingJobs: 1, limit: 1 },
        });
      });

      it('never puts more jobs at the provider than the limits allow when several connections move the line at once', async () => {
        for (let i = 0; i < 3; i++) await ask(ALICE);
        for (let i = 0; i < 3; i++) await ask(BOB);
        for (let i = 0; i < 3; i++) await ask(CAROL);
        const created = (await storage.jobs.all()).filter((j) => j.state === 'created');
        expect(created).toHaveLength(4);
        for (const job of created) await finish(job);
        const connections = [storage, await connect(), await connect()];
        const moves = await Promise.all(
          Array.from({ length: 6 }, (_, i) => connections[i % 3]?.jobs.promoteWaiting(GUILD, SLOTS) as Promise<LineMove>),
        );
        expect(moves.flatMap((m) => m.promoted)).toHaveLength(4);
        const counts = await storage.jobs.countByState();
        expect(counts).toMatchObject({ created: 4, waiting: 1 });
      });

      it('hands the poll schedule the timings of the latest successes', async () => {
        const long = parseVideoInput({ prompt: 'a lighthouse at dusk', duration: 10, sound: false });
        for (const [i, which] of [input, long].entries()) {
          const job = await newJob({ input: which });
          const t = clock.now();
          await storage.jobs.transition(job.id, step('created', 'submitting'));
          await storage.jobs.transition(job.id, step('submitting', 'queued', { requestId: `r${i}`, submittedAt: t }));
          await storage.jobs.transition(job.id, step('queued', 'running', { startedAt: t + 30_000 }));
          await storage.jobs.transition(job.id, step('running', 'succeeded', { finishedAt: t + 30_000 + (i + 1) * 100_000 }));
          clock.advance(1000);
        }
        const failed = await newJob();
        await storage.jobs.transition(failed.id, step('created', 'failed', { finishedAt: clock.now() }));
        expect(await storage.jobs.renderHistory(10)).toEqual([
          { duration: 10, sound: false, queueMs: 30_000, renderMs: 200_000 },
          { duration: 5, sound: true, queueMs: 30_000, renderMs: 100_000 },
        ]);
        expect(await storage.jobs.renderHistory(1)).toHaveLength(1);
      });
    });

    describe('coordination between processes', () => {
      it('gives an interaction to the first process that claims it, from any connection', async () => {
        const other = await connect();
        const now = clock.now();
        const claims = await Promise.all([
          storage.coordination.claimInteraction('1300000000000000001', 'proc-a', now),
          other.coordination.claimInteraction('1300000000000000001', 'proc-b', now),
          other.coordination.claimInteraction('1300000000000000001', 'proc-c', now),
        ]);
        expect(claims.filter(Boolean)).toHaveLength(1);
        expect(await storage.coordination.claimInteraction('1300000000000000001', 'proc-a', now + 1)).toBe(false);
        expect(await other.coordination.claimInteraction('1300000000000000002', 'proc-b', now)).toBe(true);
      });

      it('forgets claims older than an hour, and only those', async () => {
        const now = clock.now();
        expect(await storage.coordination.claimInteraction('old', 'proc-a', now)).toBe(true);
        expect(await storage.coordination.claimInteraction('recent', 'proc-a', now + 30 * MINUTE)).toBe(true);
        // A later claim prunes on the way: the hour-old one is gone, the recent one stays.
        expect(await storage.coordination.claimInteraction('new', 'proc-b', now + HOUR + 1)).toBe(true);
        expect(await storage.coordination.claimInteraction('old', 'proc-b', now + HOUR + 2)).toBe(true);
        expect(await storage.coordination.claimInteraction('recent', 'proc-b', now + HOUR + 2)).toBe(false);
      });

      it('spaces provider requests from every connection to one rate, after a burst', async () => {
        const other = await connect();
        const now = clock.now();
        // 4 a second with bursts of 2: two go now, then one every 250 ms, whoever asks.
        const waits: number[] = [];
        for (let i = 0; i < 6; i++) waits.push(await (i % 2 ? other : storage).coordination.takeProviderTokens(now, 4, 2));
        expect(waits).toEqual([0, 0, 250, 500, 750, 1000]);
        // Idle time refills the bucket, but never past the burst.
        expect(await storage.coordination.takeProviderTokens(now + 10_000, 4, 2)).toBe(0);
        expect(await other.coordination.takeProviderTokens(now + 10_000, 4, 2)).toBe(0);
        expect(await storage.coordination.takeProviderTokens(now + 10_000, 4, 2)).toBe(250);
      });

      it('hands out distinct slots to callers racing on several connections', async () => {
        const others = [await connect(), await connect()];
        const now = clock.now();
        const waits = await Promise.all(
          Array.from({ length: 30 }, (_, i) => [storage, ...others][i % 3]?.coordination.takeProviderTokens(now, 10, 1)),
        );
        expect([...waits].sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual(Array.from({ length: 30 }, (_, i) => i * 100));
      });
    });

    describe('the spend ledger', () => {
      beforeEach(() => {
        clock = new ManualClock(Date.UTC(2026, 10, 25, 12));
      });

      it('is zero for a server with no jobs', async () => {
        expect(await storage.ledger.spentToday(GUILD)).toBe(0);
        expect(await storage.ledger.spentToday(GUILD, ALICE)).toBe(0);
      });

      it('counts unfinished jobs at their estimate, so two quick requests cannot both fit a budget', async () => {
        await newJob({ estimateUsd: 0.84 });
        const submitting = await newJob({ estimateUsd: 1 });
        await storage.jobs.transition(submitting.id, step('created', 'submitting'));
        await queued({ estimateUsd: 0.5 });
        await running({ estimateUsd: 0.25 });
        expect(await storage.ledger.spentToday(GUILD)).toBeCloseTo(2.59, 9);
      });

      it('counts a finished job at its real cost when the provider reported one', async () => {
        const job = await running({ estimateUsd: 0.84 });
        await storage.jobs.transition(job.id, step('running', 'succeeded', { costUsd: 0.7 }));
        const unpriced = await running({ estimateUsd: 0.5 });
        await storage.jobs.transition(unpriced.id, step('running', 'succeeded'));
        expect(await storage.ledger.spentToday(GUILD)).toBeCloseTo(1.2, 9);
      });

      it('gives the estimate back for a job cancelled while still queued', async () => {
        const job = await queued({ estimateUsd: 0.84 });
        expect(await storage.ledger.spentToday(GUILD)).toBeCloseTo(0.84, 9);
        await storage.jobs.transition(job.id, step('queued', 'cancelled'));
        expect(await storage.ledger.spentToday(GUILD)).toBe(0);
        const unsent = await newJob({ estimateUsd: 0.5 });
        await storage.jobs.transition(unsent.id, step('created', 'cancelled'));
        expect(await storage.ledger.spentToday(GUILD)).toBe(0);
      });

      it('still counts a job cancelled once running, since the provider bills it', async () => {
        const job = await running({ estimateUsd: 0.84 });
        await storage.jobs.transition(job.id, step('running', 'cancelled'));
        expect(await storage.ledger.spentToday(GUILD)).toBeCloseTo(0.84, 9);
      });

      it('counts a failure only when the provider had accepted the job', async () => {
        const neverSent = await newJob({ estimateUsd: 1 });
        await storage.jobs.transition(neverSent.id, step('created', 'failed'));
        const rejected = await newJob({ estimateUsd: 2 });
        await storage.jobs.transition(rejected.id, step('created', 'submitting'));
        await storage.jobs.transition(rejected.id, step('submitting', 'failed'));
        const accepted = await queued({ estimateUsd: 0.5 });
        await storage.jobs.transition(accepted.id, step('queued', 'failed'));
        expect(await storage.ledger.spentToday(GUILD)).toBeCloseTo(0.5, 9);
      });

      it('counts timeouts and unknown outcomes, which may have been billed', async () => {
        const late = await queued({ estimateUsd: 0.5 });
        await storage.jobs.transition(late.id, step('queued', 'timed_out'));
        const unknown = await newJob({ estimateUsd: 0.25 });
        await storage.jobs.transition(unknown.id, step('created', 'submitting'));
        await storage.jobs.transition(unknown.id, step('submitting', 'outcome_unknown'));
        expect(await storage.ledger.spentToday(GUILD)).toBeCloseTo(0.75, 9);
      });

      it('sums per member and per server, never across servers', async () => {
        await queued({ estimateUsd: 1, userId: ALICE });
        await queued({ estimateUsd: 2, userId: ALICE });
        await queued({ estimateUsd: 4, userId: BOB });
        await newJob({ estimateUsd: 8, guildId: OTHER_GUILD });
        expect(await storage.ledger.spentToday(GUILD, ALICE)).toBeCloseTo(3, 9);
        expect(await storage.ledger.spentToday(GUILD, BOB)).toBeCloseTo(4, 9);
        expect(await storage.ledger.spentToday(GUILD)).toBeCloseTo(7, 9);
        expect(await storage.ledger.spentToday(OTHER_GUILD)).toBeCloseTo(8, 9);
      });

      it('starts over at 00:00 UTC, counting jobs by the day they were asked for', async () => {
        clock.advance(11 * HOUR + 59 * MINUTE); // 23:59 UTC
        const job = await queued({ estimateUsd: 1 });
        expect(await storage.ledger.spentToday(GUILD)).toBe(1);
        clock.advance(MINUTE - 1);
        expect(await storage.ledger.spentToday(GUILD)).toBe(1);
        clock.advance(1); // 00:00 UTC the next day
        expect(await storage.ledger.spentToday(GUILD)).toBe(0);
        // A job from yesterday finishing today is yesterday's spend.
        await storage.jobs.transition(job.id, step('queued', 'succeeded', { costUsd: 1.2 }));
        expect(await storage.ledger.spentToday(GUILD)).toBe(0);
        await queued({ estimateUsd: 0.5 });
        expect(await storage.ledger.spentToday(GUILD)).toBe(0.5);
      });
    });

    describe('server settings', () => {
      it('keeps the allowed tiers and the default tier, and refuses a default outside them', async () => {
        expect(await storage.settings.get(GUILD)).toMatchObject({ allowedTiers: ['standard', 'pro', '4k'], defaultTier: 'pro' });
        await storage.settings.update(GUILD, { allowedTiers: ['4k', 'standard'], defaultTier: 'standard' }, MOD);
        expect(await storage.settings.get(GUILD)).toMatchObject({ allowedTiers: ['standard', '4k'], defaultTier: 'standard' });
        await expect(storage.settings.update(GUILD, { allowedTiers: ['4k'] }, MOD)).rejects.toThrow(InvalidSettingsError);
        await expect(storage.settings.update(GUILD, { allowedTiers: [] }, MOD)).rejects.toThrow(InvalidSettingsError);
        expect((await storage.settings.get(GUILD)).allowedTiers).toEqual(['standard', '4k']);
      });

      async function updateError(patch: Partial<GuildSettings>): Promise<InvalidSettingsError> {
        try {
          await storage.settings.update(GUILD, patch, MOD);
        } catch (error) {
          if (error instanceof InvalidSettingsError) return error;
          throw error;
        }
        throw new Error('update was accepted');
      }

      it('gives a server that never changed anything the defaults', async () => {
        expect(await storage.settings.get(GUILD)).toEqual({
          showcaseChannelId: null,
          allowedChannelIds: [],
          requiredRoleId: null,
          blockedPhrases: [],
          autoShare: false,
          maxConcurrentPerMember: 2,
          maxConcurrentPerServer: 4,
          maxWaitingPerMember: 5,
          maxWaitMinutes: 120,
          dailyBudgetPerMemberUsd: 5,
          dailyBudgetPerServerUsd: 50,
          language: null,
          allowedTiers: ['standard', 'pro', '4k'],
          defaultTier: 'pro',
          extendMaxSeconds: 60,
        });
        expect(await storage.settings.get(GUILD)).toEqual(DEFAULT_GUILD_SETTINGS);
      });

      it('hands out copies, so a caller changing one cannot change the defaults or the saved ones', async () => {
        (await storage.settings.get(GUILD)).blockedPhrases.push('cat');
        expect((await storage.settings.get(GUILD)).blockedPhrases).toEqual([]);
        expect(DEFAULT_GUILD_SETTINGS.blockedPhrases).toEqual([]);
        (await storage.settings.update(GUILD, { blockedPhrases: ['dog'] }, MOD)).blockedPhrases.push('cat');
        expect((await storage.settings.get(GUILD)).blockedPhrases).toEqual(['dog']);
      });

      it('keeps an update across a reconnect, seen by every connection', async () => {
        const saved = await storage.settings.update(
          GUILD,
          { autoShare: true, blockedPhrases: ['  cat '], dailyBudgetPerMemberUsd: null },
          MOD,
        );
        expect(saved).toMatchObject({ autoShare: true, blockedPhrases: ['cat'], dailyBudgetPerMemberUsd: null, maxConcurrentPerMember: 2 });
        const other = await connect();
        expect(await other.settings.get(GUILD)).toEqual(saved);
        await storage.close();
        storage = await connect();
        expect(await storage.settings.get(GUILD)).toEqual(saved);
      });

      it('merges a patch over what was saved before', async () => {
        await storage.settings.update(GUILD, { showcaseChannelId: '555' }, MOD);
        clock.advance(1);
        const saved = await storage.settings.update(GUILD, { requiredRoleId: '777' }, '901');
        expect(saved).toMatchObject({ showcaseChannelId: '555', requiredRoleId: '777' });
        expect(await storage.settings.get(OTHER_GUILD)).toEqual(DEFAULT_GUILD_SETTINGS);
      });

      it('keeps both of two moderators’ changes to different fields made at once', async () => {
        const other = await connect();
        await Promise.all([
          storage.settings.update(GUILD, { autoShare: true }, MOD),
          other.settings.update(GUILD, { blockedPhrases: ['storm'] }, '901'),
          storage.settings.update(GUILD, { maxConcurrentPerMember: 4 }, MOD),
        ]);
        expect(await storage.settings.get(GUILD)).toMatchObject({ autoShare: true, blockedPhrases: ['storm'], maxConcurrentPerMember: 4 });
      });

      it('refuses a value past a limit, naming the setting and the limit, and saves nothing', async () => {
        await storage.settings.update(GUILD, { autoShare: true }, MOD);
        const error = await updateError({ maxConcurrentPerMember: 21, blockedPhrases: ['cat'] });
        expect(error.problems).toEqual([{ field: 'maxConcurrentPerMember', code: 'too_large', limit: 20 }]);
        expect(await storage.settings.get(GUILD)).toEqual({ ...DEFAULT_GUILD_SETTINGS, autoShare: true });
      });

      it('accepts the limits themselves', async () => {
        const saved = await storage.settings.update(
          GUILD,
          {
            maxConcurrentPerMember: 20,
            dailyBudgetPerMemberUsd: 0,
            dailyBudgetPerServerUsd: 0,
            blockedPhrases: Array.from({ length: 100 }, (_, i) => `${'x'.repeat(97)}${i}`),
          },
          MOD,
        );
        expect(saved.blockedPhrases).toHaveLength(100);
        expect((await storage.settings.get(GUILD)).blockedPhrases).toHaveLength(100);
      });
    });

    describe('guild facts', () => {
      it('knows nothing of a server no interaction described', async () => {
        expect(await storage.guildFacts.get(GUILD)).toEqual({ locale: null, uploadLimitBytes: null, name: null });
      });

      it('keeps the latest of each fact, per server, and keeps what a later note leaves out', async () => {
        await storage.guildFacts.note(GUILD, { locale: 'de', uploadLimitBytes: 50 * 1024 * 1024, name: 'Kling Club' });
        await storage.guildFacts.note('other-guild', { locale: 'ja' });
        await storage.guildFacts.note(GUILD, { locale: 'fr', name: null });
        expect(await storage.guildFacts.get(GUILD)).toEqual({ locale: 'fr', uploadLimitBytes: 50 * 1024 * 1024, name: 'Kling Club' });
        expect(await storage.guildFacts.get('other-guild')).toEqual({ locale: 'ja', uploadLimitBytes: null, name: null });
        // A figure past 32-bit integers comes back whole.
        await storage.guildFacts.note(GUILD, { uploadLimitBytes: 5 * 1024 * 1024 * 1024 });
        expect((await storage.guildFacts.get(GUILD)).uploadLimitBytes).toBe(5 * 1024 * 1024 * 1024);
      });

      it('lands two notes of one server at once', async () => {
        const other = await connect();
        await Promise.all([storage.guildFacts.note(GUILD, { locale: 'es-ES' }), other.guildFacts.note(GUILD, { name: 'Both' })]);
        expect(await storage.guildFacts.get(GUILD)).toMatchObject({ locale: 'es-ES', name: 'Both' });
      });
    });

    describe('member preferences', () => {
      it('gives a member who never set anything the defaults', async () => {
        expect(await storage.preferences.get(GUILD, ALICE)).toEqual(defaultMemberPreferences());
      });

      it('keeps a member’s default tier, and forgets it with the rest', async () => {
        expect((await storage.preferences.get(GUILD, ALICE)).tier).toBeNull();
        await storage.preferences.update(GUILD, ALICE, { tier: 'standard' });
        expect((await storage.preferences.get(GUILD, ALICE)).tier).toBe('standard');
        await storage.preferences.clear(GUILD, ALICE);
        expect((await storage.preferences.get(GUILD, ALICE)).tier).toBeNull();
      });

      it('keeps preferences per member and per server, across connections', async () => {
        await storage.preferences.update(GUILD, ALICE, { duration: 10, aspectRatio: '9:16', language: 'de' });
        await storage.preferences.update(GUILD, ALICE, { sound: false, delivery: 'dm' });
        const other = await connect();
        expect(await other.preferences.get(GUILD, ALICE)).toEqual({
          duration: 10,
          aspectRatio: '9:16',
          sound: false,
          delivery: 'dm',
          language: 'de',
          tier: null,
        });
        expect(await other.preferences.get(GUILD, BOB)).toEqual(defaultMemberPreferences());
        expect(await other.preferences.get(OTHER_GUILD, ALICE)).toEqual(defaultMemberPreferences());
      });

      it('refuses a value outside the model and saves nothing', async () => {
        await expect(storage.preferences.update(GUILD, ALICE, { duration: 99 })).rejects.toThrow();
        expect((await storage.preferences.get(GUILD, ALICE)).duration).toBeNull();
      });

      it('forgets a member’s preferences on clear', async () => {
        await storage.preferences.update(GUILD, ALICE, { duration: 10 });
        await storage.preferences.clear(GUILD, ALICE);
        expect(await storage.preferences.get(GUILD, ALICE)).toEqual(defaultMemberPreferences());
      });

      it('tells of a refused direct message once, even to two connections asking at once', async () => {
        expect(await storage.preferences.takeDmRefused(GUILD, ALICE)).toBe(false);
        await storage.preferences.noteDmRefused(GUILD, ALICE);
        const other = await connect();
        const taken = await Promise.all([storage.preferences.takeDmRefused(GUILD, ALICE), other.preferences.takeDmRefused(GUILD, ALICE)]);
        expect(taken.filter(Boolean)).toHaveLength(1);
        expect(await storage.preferences.takeDmRefused(GUILD, ALICE)).toBe(false);
        // The note does not touch what the member chose.
        await storage.preferences.update(GUILD, BOB, { delivery: 'dm' });
        await storage.preferences.noteDmRefused(GUILD, BOB);
        expect((await storage.preferences.get(GUILD, BOB)).delivery).toBe('dm');
        expect(await storage.preferences.takeDmRefused(GUILD, BOB)).toBe(true);
      });
    });

    describe('picture forms', () => {
      const form = {
        guildId: GUILD,
        userId: ALICE,
        channelId: CHANNEL,
        messageId: '200001',
        picture: {
          url: 'https://cdn.example/a.png?ex=1',
          filename: 'a.png',
          contentType: 'image/png',
          size: 1234,
          width: 640,
          height: 360,
        },
      };

      it('keeps a picture under a short id that another connection takes back once', async () => {
        const id = await storage.pictureForms.save(form);
        expect(id).toMatch(/^[a-z0-9]{16}$/);
        const other = await connect();
        const takes = await Promise.all([
          storage.pictureForms.take(id, { guildId: GUILD, userId: ALICE }),
          other.pictureForms.take(id, { guildId: GUILD, userId: ALICE }),
        ]);
        expect(takes.filter((t) => t.kind === 'taken')).toEqual([{ kind: 'taken', form }]);
        expect(takes.filter((t) => t.kind === 'unknown')).toHaveLength(1);
      });

      it('keeps facts Discord left out as missing', async () => {
        const bare = {
          ...form,
          picture: { url: 'https://cdn.example/b', filename: null, contentType: null, size: null, width: null, height: null },
        };
        const id = await storage.pictureForms.save(bare);
        expect(await storage.pictureForms.take(id, { guildId: GUILD, userId: ALICE })).toEqual({ kind: 'taken', form: bare });
      });

      it('gives each form its own id', async () => {
        const ids = await Promise.all(Array.from({ length: 20 }, () => storage.pictureForms.save(form)));
        expect(new Set(ids).size).toBe(20);
      });

      it('refuses another member or another server, and leaves the form to its owner', async () => {
        const id = await storage.pictureForms.save(form);
        expect(await storage.pictureForms.take(id, { guildId: GUILD, userId: BOB })).toEqual({ kind: 'foreign' });
        expect(await storage.pictureForms.take(id, { guildId: OTHER_GUILD, userId: ALICE })).toEqual({ kind: 'foreign' });
        expect((await storage.pictureForms.take(id, { guildId: GUILD, userId: ALICE })).kind).toBe('taken');
      });

      it('knows no id it never made', async () => {
        expect(await storage.pictureForms.take('aaaaaaaaaaaaaaaa', { guildId: GUILD, userId: ALICE })).toEqual({ kind: 'unknown' });
      });

      it('forgets a form fifteen minutes after it was made', async () => {
        const id = await storage.pictureForms.save(form);
        const kept = await storage.pictureForms.save(form);
        clock.advance(15 * MINUTE - 1);
        const late = await storage.pictureForms.save(form);
        expect((await storage.pictureForms.take(kept, { guildId: GUILD, userId: ALICE })).kind).toBe('taken');
        clock.advance(1);
        // Expired: neither its owner nor anyone else is told it exists.
        expect(await storage.pictureForms.take(id, { guildId: GUILD, userId: BOB })).toEqual({ kind: 'unknown' });
        expect(await storage.pictureForms.take(id, { guildId: GUILD, userId: ALICE })).toEqual({ kind: 'unknown' });
        expect((await storage.pictureForms.take(late, { guildId: GUILD, userId: ALICE })).kind).toBe('taken');
      });
    });

    describe('showcase shares', () => {
      let jobId: string;

      beforeEach(async () => {
        jobId = (await newJob({ estimateUsd: 0.84 })).id;
        clock.advance(4_000);
      });

      it('shares a video once however many times Share is pressed', async () => {
        expect(await storage.showcases.claim(jobId, GUILD, '555', '300000')).toBe(true);
        expect(await storage.showcases.claim(jobId, GUILD, '555', '300000')).toBe(false);
        expect(await storage.showcases.claim(jobId, GUILD, '555', '300001')).toBe(false);
        expect(await storage.showcases.get(jobId)).toEqual({
          jobId,
          guildId: GUILD,
          channelId: '555',
          messageId: null,
          sharedBy: '300000',
          createdAt: clock.now(),
        });
      });

      it('gives a share to one of several clicks arriving at once, from any connection', async () => {
        const other = await connect();
        const claims = await Promise.all([
          storage.showcases.claim(jobId, GUILD, '555', '300000'),
          other.showcases.claim(jobId, GUILD, '555', '300001'),
          storage.showcases.claim(jobId, GUILD, '555', 'auto'),
        ]);
        expect(claims.filter(Boolean)).toHaveLength(1);
        expect((await other.showcases.get(jobId))?.sharedBy).toBe(['300000', '300001', 'auto'][claims.indexOf(true)]);
      });

      it('records the showcase message once posted', async () => {
        await storage.showcases.claim(jobId, GUILD, '555', '300000');
        expect(await storage.showcases.setMessage(jobId, '888')).toBe(true);
        expect((await storage.showcases.get(jobId))?.messageId).toBe('888');
        expect(await storage.showcases.setMessage('no-such-job', '889')).toBe(false);
      });

      it('lets Share be tried again after a failed post, but never unshares a posted one', async () => {
        await storage.showcases.claim(jobId, GUILD, '555', '300000');
        expect(await storage.showcases.release(jobId)).toBe(true);
        expect(await storage.showcases.claim(jobId, GUILD, '555', '300001')).toBe(true);
        await storage.showcases.setMessage(jobId, '888');
        expect(await storage.showcases.release(jobId)).toBe(false);
        expect((await storage.showcases.get(jobId))?.messageId).toBe('888');
      });

      it('forgets a share when it is removed', async () => {
        await storage.showcases.claim(jobId, GUILD, '555', '300000');
        await storage.showcases.setMessage(jobId, '888');
        expect(await storage.showcases.remove(jobId)).toBe(true);
        expect(await storage.showcases.get(jobId)).toBeUndefined();
        expect(await storage.showcases.remove(jobId)).toBe(false);
      });

      it('at start, releases only the claims whose post never went out and that no live process can still be making', async () => {
        const posted = (await newJob()).id;
        await storage.showcases.claim(posted, GUILD, '555', '300000');
        await storage.showcases.setMessage(posted, '888');
        await storage.showcases.claim(jobId, GUILD, '555', '300000');
        // A young claim may be another live process's post in flight.
        clock.advance(SHOWCASE_CLAIM_STALE_MS - 1);
        expect(await storage.showcases.releaseUnposted()).toBe(0);
        expect((await storage.showcases.get(jobId))?.messageId).toBeNull();
        clock.advance(2);
        expect(await storage.showcases.releaseUnposted()).toBe(1);
        expect(await storage.showcases.get(jobId)).toBeUndefined();
        expect((await storage.showcases.get(posted))?.messageId).toBe('888');
      });
    });

    describe('the gallery', () => {
      const SECRET_CHANNEL = '200009';

      /** A finished video made `ago` ms before the clock's time when the test started. */
      async function finished(prompt: string, job: Partial<NewJob> = {}, extra: Record<string, unknown> = {}): Promise<Job> {
        const made = await running({ input: parseVideoInput({ prompt, ...extra }), ...job });
        clock.advance(1_000);
        return (await storage.jobs.transition(made.id, step('running', 'succeeded', { finishedAt: clock.now() }))) as Job;
      }

      const ids = (entries: { job: Job }[]) => entries.map((entry) => entry.job.id);
      const all = { guildId: GUILD, channelIds: [CHANNEL, SECRET_CHANNEL], limit: 50 };

      it("lists finished videos of the server newest first, leaving out unfinished, deleted and other servers' ones", async () => {
        const harbour = await finished('a fishing harbour at dawn');
        const forest = await finished('a misty forest');
        await newJob({ input: parseVideoInput({ prompt: 'a harbour still rendering' }) });
        const removed = await finished('a harbour that was deleted');
        await storage.jobs.transition(removed.id, setFields('succeeded', { deletedAt: clock.now() }));
        await finished('a harbour elsewhere', { guildId: OTHER_GUILD });
        expect(ids(await storage.gallery.search(all))).toEqual([forest.id, harbour.id]);
        expect((await storage.gallery.video(GUILD, harbour.id))?.job.input.prompt).toBe('a fishing harbour at dawn');
        expect(await storage.gallery.video(OTHER_GUILD, harbour.id)).toBeUndefined();
        expect(await storage.gallery.video(GUILD, removed.id)).toBeUndefined();
      });

      it('finds videos by every word of the prompt or of a shot, whatever their case', async () => {
        const harbour = await finished('A Fishing HARBOUR at dawn, café lights');
        const shots = await finished(
          'two shots',
          {},
          {
            multi_prompt: [
              { prompt: 'boats leave the harbour', duration: 3 },
              { prompt: 'gulls overhead', duration: 3 },
            ],
            duration: 6,
          },
        );
        await finished('a misty forest');
        expect(ids(await storage.gallery.search({ ...all, words: 'harbour' }))).toEqual([shots.id, harbour.id]);
        expect(ids(await storage.gallery.search({ ...all, words: 'harbour DAWN' }))).toEqual([harbour.id]);
        expect(ids(await storage.gallery.search({ ...all, words: 'Café' }))).toEqual([harbour.id]);
        expect(ids(await storage.gallery.search({ ...all, words: 'gulls' }))).toEqual([shots.id]);
        expect(await storage.gallery.search({ ...all, words: 'volcano' })).toEqual([]);
      });

      it('reads query syntax typed by a member as plain words', async () => {
        const quoted = await finished('he said "hello" OR NOT (goodbye)*');
        for (const words of ['"hello', 'hello OR', 'NOT goodbye', '(goodbye)*', "'; DROP TABLE jobs; --", 'hello & | ! :*']) {
          expect(ids(await storage.gallery.search({ ...all, words }))).toEqual(words.includes('DROP') ? [] : [quoted.id]);
        }
        expect(await storage.jobs.get(quoted.id)).toBeDefined();
      });

      it('shows only the videos of the channels the member may see', async () => {
        const open = await finished('a harbour in the open');
        const secret = await finished('a secret harbour', { channelId: SECRET_CHANNEL });
        expect(ids(await storage.gallery.search({ ...all, channelIds: [CHANNEL], words: 'harbour' }))).toEqual([open.id]);
        expect(ids(await storage.gallery.search({ ...all, channelIds: [SECRET_CHANNEL] }))).toEqual([secret.id]);
        expect(await storage.gallery.search({ ...all, channelIds: [] })).toEqual([]);
      });

      it('filters by member, model, showcase and date, and pages on', async () => {
        const first = await finished('one');
        const morning = clock.now();
        const bobs = await finished('two', { userId: BOB });
        const shared = await finished('three');
        await storage.showcases.claim(shared.id, GUILD, '555', ALICE);
        await storage.showcases.setMessage(shared.id, '888');
        const claimedOnly = await finished('four');
        await storage.showcases.claim(claimedOnly.id, GUILD, '555', ALICE);
        expect(ids(await storage.gallery.search({ ...all, userId: BOB }))).toEqual([bobs.id]);
        expect(ids(await storage.gallery.search({ ...all, showcased: true }))).toEqual([shared.id]);
        expect((await storage.gallery.search({ ...all, showcased: true }))[0]?.showcased).toBe(true);
        expect(ids(await storage.gallery.search({ ...all, showcased: false }))).toEqual([claimedOnly.id, bobs.id, first.id]);
        expect(ids(await storage.gallery.search({ ...all, modelIds: [first.modelId] }))).toHaveLength(4);
        expect(await storage.gallery.search({ ...all, modelIds: ['no-such-model'] })).toEqual([]);
        // A tier is several models: any of them matches.
        expect(ids(await storage.gallery.search({ ...all, modelIds: ['no-such-model', first.modelId] }))).toHaveLength(4);
        expect(await storage.gallery.search({ ...all, modelIds: [] })).toEqual([]);
        expect(ids(await storage.gallery.search({ ...all, createdBefore: morning }))).toEqual([first.id]);
        expect(ids(await storage.gallery.search({ ...all, createdFrom: morning, limit: 2 }))).toEqual([claimedOnly.id, shared.id]);
        const page = await storage.gallery.search({ ...all, limit: 2 });
        const last = page[1]?.job as Job;
        const next = await storage.gallery.search({ ...all, limit: 2, after: { createdAt: last.createdAt, id: last.id } });
        expect(ids(next)).toEqual([bobs.id, first.id]);
      });
    });

    describe('web sessions', () => {
      const session = { idHash: 'a'.repeat(64), userId: ALICE, userName: 'alice', locale: 'de', sealedToken: 'sealed', expiresAt: 0 };

      it('keeps a session until it expires, on every connection', async () => {
        await storage.webSessions.create({ ...session, expiresAt: clock.now() + HOUR });
        const other = await connect();
        expect(await other.webSessions.get(session.idHash)).toEqual({ ...session, expiresAt: clock.now() + HOUR, createdAt: clock.now() });
        expect(await other.webSessions.get('b'.repeat(64))).toBeUndefined();
        clock.advance(HOUR);
        expect(await other.webSessions.get(session.idHash)).toBeUndefined();
        expect(await storage.webSessions.purge()).toBe(1);
      });

      it('ends a session on sign-out, and every session of a member on revocation', async () => {
        await storage.webSessions.create({ ...session, expiresAt: clock.now() + HOUR });
        await storage.webSessions.create({ ...session, idHash: 'b'.repeat(64), expiresAt: clock.now() + HOUR });
        await storage.webSessions.create({ ...session, idHash: 'c'.repeat(64), userId: BOB, expiresAt: clock.now() + HOUR });
        expect(await storage.webSessions.revoke(session.idHash)).toBe(true);
        expect(await storage.webSessions.revoke(session.idHash)).toBe(false);
        expect(await storage.webSessions.get(session.idHash)).toBeUndefined();
        expect(await storage.webSessions.revokeUser(ALICE)).toBe(1);
        expect(await storage.webSessions.get('b'.repeat(64))).toBeUndefined();
        expect(await storage.webSessions.get('c'.repeat(64))).toBeDefined();
        expect(await storage.webSessions.purge()).toBe(2);
      });
    });

    describe('admission over the store', () => {
      let admit: ReturnType<typeof makeAdmission>;

      function request(overrides: Partial<AdmissionRequest> = {}): AdmissionRequest {
        return {
          guildId: GUILD,
          channelId: CHANNEL,
          parentChannelId: null,
          userId: ALICE,
          roleIds: [],
          input: parseVideoInput({ prompt: 'a lighthouse at dusk, waves crashing' }),
          estimateUsd: 0.84,
          kind: 'new',
          ...overrides,
        };
      }

      beforeEach(() => {
        clock = new ManualClock(EVENING);
        admit = makeAdmission({ settings: storage.settings, jobs: storage.jobs, now: () => clock.now() });
      });

      it('reads the server’s saved settings, and writes the job it admits', async () => {
        const admitted = await admit(request());
        expect(admitted).toMatchObject({ ok: true, job: { guildId: GUILD, userId: ALICE, state: 'created', estimateUsd: 0.84 } });
        await storage.settings.update(GUILD, { requiredRoleId: '777000' }, MOD);
        expect(await admit(request())).toMatchObject({ ok: false, reason: 'role' });
        expect((await admit(request({ guildId: OTHER_GUILD }))).ok).toBe(true);
        expect(await storage.jobs.countUnfinishedByUser(GUILD, ALICE)).toEqual({ inProgress: 1, waiting: 0 });
      });

      it('counts the member’s unfinished jobs, and frees a slot when one finishes (a server without a line)', async () => {
        await storage.settings.update(GUILD, { dailyBudgetPerMemberUsd: null, dailyBudgetPerServerUsd: null, maxWaitingPerMember: 0 }, MOD);
        const first = await queued({ estimateUsd: 1 });
        await queued({ estimateUsd: 1 });
        expect(worded(await admit(request()))).toMatchObject({
          ok: false,
          reason: 'concurrency',
          message: 'You already have 2 videos in progress; the limit here is 2. One frees up when a video finishes.',
        });
        expect((await admit(request({ userId: BOB }))).ok).toBe(true);
        await storage.jobs.transition(first.id, step('queued', 'succeeded', { costUsd: 1 }));
        expect((await admit(request())).ok).toBe(true);
      });

      it('charges the budget real costs once known and estimates until then', async () => {
        await storage.settings.update(GUILD, { dailyBudgetPerMemberUsd: 2, maxConcurrentPerMember: 20 }, MOD);
        const job = await queued({ estimateUsd: 1.5 });
        expect(await admit(request({ estimateUsd: 0.84 }))).toMatchObject({ ok: false, reason: 'member_budget' });
        await storage.jobs.transition(job.id, step('queued', 'succeeded', { costUsd: 1.1 }));
        expect((await admit(request({ estimateUsd: 0.84 }))).ok).toBe(true);
      });

      it('gives the estimate back when a job is cancelled while queued', async () => {
        await storage.settings.update(GUILD, { dailyBudgetPerServerUsd: 1, maxConcurrentPerMember: 20 }, MOD);
        const waiting = await queued({ estimateUsd: 0.84, userId: BOB });
        expect(await admit(request())).toMatchObject({ ok: false, reason: 'server_budget' });
        await storage.jobs.transition(waiting.id, step('queued', 'cancelled'));
        expect((await admit(request())).ok).toBe(true);
      });

      it('lets the member make videos again after 00:00 UTC', async () => {
        await storage.settings.update(GUILD, { dailyBudgetPerMemberUsd: 1, maxConcurrentPerMember: 20 }, MOD);
        const job = await queued({ estimateUsd: 0.84 });
        await storage.jobs.transition(job.id, step('queued', 'succeeded', { costUsd: 0.84 }));
        expect(worded(await admit(request()))).toMatchObject({
          ok: false,
          message: expect.stringContaining('resets at 00:00 UTC, in 3 h 12 min.'),
        });
        clock.advance(3 * HOUR + 11 * MINUTE);
        expect(worded(await admit(request()))).toMatchObject({
          ok: false,
          message: expect.stringContaining('resets at 00:00 UTC, in 1 min.'),
        });
        clock.advance(MINUTE);
        expect((await admit(request())).ok).toBe(true);
      });

      it('never lets concurrent requests overshoot the member’s budget', async () => {
        await storage.settings.update(GUILD, { dailyBudgetPerMemberUsd: 2, maxConcurrentPerMember: 20 }, MOD);
        const other = await connect();
        const viaOther = makeAdmission({ settings: other.settings, jobs: other.jobs, now: () => clock.now() });
        const results = await Promise.all(Array.from({ length: 8 }, (_, i) => (i % 2 ? viaOther : admit)(request())));
        expect(results.filter((r) => r.ok)).toHaveLength(2);
        expect(await storage.ledger.spentToday(GUILD, ALICE)).toBeCloseTo(1.68, 9);
      });

      it('refuses a second retry of the same job, naming the first', async () => {
        const failed = await newJob();
        await storage.jobs.transition(failed.id, step('created', 'failed'));
        const first = await admit(request({ kind: 'retry', parentId: failed.id }));
        if (!first.ok) throw new Error(first.reason);
        const second = await admit(request({ kind: 'retry', parentId: failed.id }));
        expect(second.ok ? second : { ok: false, reason: second.reason, message: admissionRefusalText(second.refusal) }).toEqual({
          ok: false,
          reason: 'already_retried',
          message: `This video was already retried: job \`${first.job.id}\`.`,
        });
      });
    });
  });
}
