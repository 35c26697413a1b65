/**
 * A server owner who upgrades keeps everything. `fixtures/release-0.1.sqlite` was written by
 * release 0.1's own stores, stopped mid-work (its generator, `test/fixtures/makeRelease01.ts`,
 * is in the commit that added the fixture); `release-0.1.expected.json` is what release 0.1 read
 * back from it. The new code must read the same, and finish what was left unfinished.
 */
import { copyFileSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AdmissionRefusal } from '../src/community/admission.js';
import { makeAdmission } from '../src/community/admission.js';
import type { GuildSettings } from '../src/community/guildSettings.js';
import { SHOWCASE_CLAIM_STALE_MS, type ShowcasePost } from '../src/community/showcaseStore.js';
import { admissionRefusalText } from '../src/discord/copy.js';
import { type Clock, systemClock } from '../src/jobs/clock.js';
import type { Job } from '../src/jobs/job.js';
import { parseVideoInput } from '../src/model/videoInput.js';
import { SCHEMA_VERSION } from '../src/storage/sqlite/database.js';
import { openSqliteStorage, type SqliteStorage } from '../src/storage/sqlite/index.js';
import { startWorld, type World } from '../testkit/world/botWorld.js';
import { makeTempDir } from '../testkit/world/tempDir.js';
import { textOf } from './helpers/inspect.js';

/** A refusal with the words a member reads, as the Discord layer puts them. */
function worded<T extends { ok: boolean }>(outcome: T): T & { message?: string } {
  return 'refusal' in outcome ? { ...outcome, message: admissionRefusalText(outcome.refusal as AdmissionRefusal) } : outcome;
}

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

type Role = 'yesterday' | 'succeeded' | 'removed' | 'refused' | 'cancelled' | 'failed' | 'retry' | 'queued' | 'running' | 'unposted';

interface Expected {
  fixtureNow: number;
  ids: Record<'guild' | 'otherGuild' | 'channel' | 'showcaseChannel' | 'requester' | 'other' | 'admin', string>;
  jobs: Record<Role, Omit<Job, 'leaseOwner'>>;
  settings: Record<string, GuildSettings>;
  showcases: Record<string, ShowcasePost>;
  spentToday: { server: number; requester: number; other: number };
  countByState: Record<string, number>;
}

/** Settings added after release 0.1: an upgraded server gets their defaults. */
// Settings added by later releases: an older row reads their defaults.
const ADDED_SINCE = {
  maxConcurrentPerServer: 4,
  maxWaitingPerMember: 5,
  maxWaitMinutes: 120,
  allowedTiers: ['standard', 'pro', '4k'],
  defaultTier: 'pro',
  extendMaxSeconds: 60,
};
const expected = JSON.parse(readFileSync(fixture('release-0.1.expected.json'), 'utf8')) as Expected;
const { ids, jobs: was } = expected;
/** The schema release 0.1 wrote. */
const RELEASE_01_SCHEMA = 3;
const logger = pino({ level: 'silent' });

describe('a database written by release 0.1', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let path: string;

  beforeEach(() => {
    temp = makeTempDir('kling-upgrade-');
    path = temp.file('bot.db');
    copyFileSync(fixture('release-0.1.sqlite'), path);
  });
  afterEach(() => temp.remove());

  describe('opened by this version', () => {
    let storage: SqliteStorage;
    const now = expected.fixtureNow + 60_000;

    beforeEach(async () => {
      const before = new Database(path, { readonly: true });
      expect(before.pragma('user_version', { simple: true })).toBe(RELEASE_01_SCHEMA);
      before.close();
      storage = await openSqliteStorage({ path, logger, now: () => now });
    });
    afterEach(async () => {
      await storage.close();
    });

    it('migrates the schema forward', () => {
      expect(storage.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
      expect(SCHEMA_VERSION).toBeGreaterThan(RELEASE_01_SCHEMA);
    });

    it('reads every job field as release 0.1 did', async () => {
      for (const [role, job] of Object.entries(was)) {
        // Rows from before models were data are text-to-video, with no pictures, and alone (no takes).
        expect(await storage.jobs.get(job.id), role).toEqual({
          ...job,
          leaseOwner: null,
          modelId: 'kling-3.0-pro-t2v',
          images: null,
          takeGroup: null,
        });
      }
      expect((await storage.jobs.all()).map((j) => j.id).sort()).toEqual(
        Object.values(was)
          .map((j) => j.id)
          .sort(),
      );
      expect(await storage.jobs.countByState()).toEqual(expected.countByState);
      expect((await storage.jobs.retryOf(was.refused.id))?.id).toBe(was.retry.id);
      expect((await storage.jobs.recentByUser(ids.guild, ids.requester, 50)).map((j) => j.id)).toContain(was.queued.id);
    });

    it('keeps the servers’ settings', async () => {
      for (const [guildId, settings] of Object.entries(expected.settings)) {
        expect(await storage.settings.get(guildId)).toEqual({ ...ADDED_SINCE, ...settings });
      }
      expect((await storage.settings.get(ids.guild)).blockedPhrases).toEqual(['red panda', 'storm']);
    });

    it('keeps today’s spend, and enforces the budgets and phrases against it', async () => {
      expect(await storage.ledger.spentToday(ids.guild)).toBeCloseTo(expected.spentToday.server, 9);
      expect(await storage.ledger.spentToday(ids.guild, ids.requester)).toBeCloseTo(expected.spentToday.requester, 9);
      expect(await storage.ledger.spentToday(ids.guild, ids.other)).toBeCloseTo(expected.spentToday.other, 9);
      expect(expected.spentToday).toEqual({ server: 5.88, requester: 2.66, other: 3.22 });

      const admit = makeAdmission({ settings: storage.settings, jobs: storage.jobs, now: () => now });
      const request = (prompt: string, estimateUsd: number) => ({
        guildId: ids.guild,
        channelId: ids.channel,
        parentChannelId: null,
        userId: ids.requester,
        roleIds: [],
        input: parseVideoInput({ prompt }),
        estimateUsd,
      });
      expect(await admit(request('a storm at sea', 0.84))).toMatchObject({ ok: false, reason: 'blocked' });
      expect(worded(await admit(request('a calm sea', 1.5)))).toMatchObject({
        ok: false,
        reason: 'member_budget',
        message: expect.stringContaining('you have spent $2.66 today of your daily budget of $4.00'),
      });
      expect(await admit(request('a calm sea', 0.84))).toMatchObject({ ok: true, job: { state: 'created' } });
    });

    it('keeps the showcase records', async () => {
      for (const [jobId, post] of Object.entries(expected.showcases)) {
        expect(await storage.showcases.get(jobId)).toEqual(post);
      }
      expect(await storage.showcases.get(was.removed.id)).toBeUndefined();
      // A share whose post never went out is released at start, as release 0.1 did, once no
      // live process could still be making it.
      expect(await storage.showcases.releaseUnposted()).toBe(0);
      const later = await openSqliteStorage({ path, logger, now: () => now + SHOWCASE_CLAIM_STALE_MS });
      try {
        expect(await later.showcases.releaseUnposted()).toBe(1);
      } finally {
        await later.close();
      }
      expect(await storage.showcases.get(was.unposted.id)).toBeUndefined();
      expect((await storage.showcases.get(was.succeeded.id))?.messageId).toBe(expected.showcases[was.succeeded.id]?.messageId);
    });

    it('hands the unfinished jobs and the undelivered one to the poller', async () => {
      const report = await storage.jobs.resume('unknown');
      expect(report).toEqual({ resumed: 3, undelivered: 1, stranded: [] });
      const claimed = await storage.jobs.claimDue('upgraded', now, 120_000, 10);
      expect(claimed.map((j) => j.id).sort()).toEqual([was.failed.id, was.retry.id, was.queued.id, was.running.id].sort());
      expect(claimed.every((j) => j.leaseOwner === 'upgraded')).toBe(true);
    });
  });

  describe('run by the bot of this version', () => {
    let world: World | undefined;
    afterEach(async () => {
      await world?.stop();
      world = undefined;
    });

    it('finishes the unfinished jobs and posts the final message that was owed', async () => {
      // The bot's clock resumes a minute after the database was left, so the jobs are as young as they were.
      const shift = Date.now() - (expected.fixtureNow + 60_000);
      const clock: Clock = { now: () => Date.now() - shift, sleep: systemClock.sleep };
      world = await startWorld({
        dir: temp.dir,
        clock,
        beforeStart: ({ discord, runcomfy }) => {
          // The server, channels and members the database refers to, as Discord still has them.
          discord.addGuild({ id: ids.guild, name: 'Release 0.1 Server' });
          discord.addTextChannel(ids.guild, { id: ids.channel, name: 'videos' });
          discord.addTextChannel(ids.guild, { id: ids.showcaseChannel, name: 'showcase' });
          for (const id of [ids.requester, ids.other, ids.admin]) discord.addMember(ids.guild, { id });
          // The provider still knows the jobs it accepted before the upgrade.
          for (const [job, queueMs] of [
            [was.queued, 300],
            [was.running, 0],
          ] as const) {
            runcomfy.jobs.set(job.requestId as string, {
              requestId: job.requestId as string,
              input: { ...job.input },
              scenario: { queueMs, runMs: 400, outcome: 'succeed', video: { kind: 'small' } },
              submittedAt: Date.now(),
            });
          }
        },
      });
      const done = await Promise.all([was.queued, was.running, was.retry, was.failed].map((job) => world?.waitDelivered(job.id, 20_000)));
      const [queued, running, retry, failed] = done as [Job, Job, Job, Job];
      expect(queued).toMatchObject({ state: 'succeeded', requestId: was.queued.requestId, submittedAt: was.queued.submittedAt });
      expect(running).toMatchObject({ state: 'succeeded', requestId: was.running.requestId, startedAt: was.running.startedAt });
      expect(retry).toMatchObject({ state: 'succeeded', kind: 'retry', parentId: was.refused.id });
      expect(failed).toMatchObject({ state: 'failed', errorKind: 'provider_failed', deliveryAttempts: 1 });
      // Only the job that was never sent went to the provider; the others were not sent again.
      const submits = world.runcomfy.requests.filter((r) => r.method === 'POST' && r.path.startsWith('/v1/models/'));
      expect(submits).toHaveLength(1);
      expect(submits[0]?.body).toMatchObject({ prompt: was.retry.input.prompt });

      // Each got its one final message in the channel (their old threads are gone with the old fake).
      const finals = world.discord.messages(ids.channel).filter((m) => typeof m.nonce === 'string' && m.nonce.startsWith('final-'));
      const finalOf = (job: Job) => finals.filter((m) => m.nonce === `final-${job.id}`);
      for (const job of [queued, running, retry]) {
        expect(finalOf(job)).toHaveLength(1);
        expect(finalOf(job)[0]?.attachments).toHaveLength(1);
        expect(textOf(finalOf(job)[0])).toContain(`<@${job.userId}>`);
      }
      expect(finalOf(failed)).toHaveLength(1);
      expect(textOf(finalOf(failed)[0])).toContain('content policy');
      // Nothing finished and delivered before the upgrade was posted again.
      expect(finals).toHaveLength(4);

      // Settings and shares came through; the budget now counts the finished jobs at their cost.
      expect(await world.app.settings.get(ids.guild)).toEqual({ ...ADDED_SINCE, ...expected.settings[ids.guild] });
      expect(await world.app.storage.showcases.get(was.succeeded.id)).toEqual(expected.showcases[was.succeeded.id]);
      // Claimed three minutes before: it could be another process's post in flight, so it stays for now.
      expect(await world.app.storage.showcases.get(was.unposted.id)).toEqual(expected.showcases[was.unposted.id]);
      const billed = [queued, running, retry].reduce((sum, job) => sum + (job.costUsd ?? job.estimateUsd), 0);
      const unchanged = expected.spentToday.server - was.queued.estimateUsd - was.running.estimateUsd - was.retry.estimateUsd;
      expect(await world.app.storage.ledger.spentToday(ids.guild)).toBeCloseTo(unchanged + billed, 6);
    });
  });
});
