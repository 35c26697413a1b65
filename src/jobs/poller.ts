import type { Logger } from 'pino';
import type { Clock } from './clock.js';
import {
  type DecideContext,
  type Decision,
  decide,
  decideDeliveryFailure,
  failure,
  type ProviderAnswer,
  type ResultLook,
  RUNNING_GRACE_MS,
} from './decide.js';
import type { JobEventBus } from './events.js';
import { type ActiveJob, isActive, type Job } from './job.js';
import type { JobService } from './jobService.js';
import { isTerminal } from './jobState.js';
import { DEFAULT_LEASE_MS, type JobStore, newLeaseOwner } from './jobStore.js';
import { type LearnedOptions, learnedOptions, pollPriority, RenderTimes } from './learnedSchedule.js';
import { LeaseKeeper } from './leases.js';
import type { LineLimits } from './line.js';
import { recordAnswer, reschedule, strandSubmit } from './moves.js';
import { providerErrorKind, type VideoProvider } from './provider.js';
import type { RateLimiter } from './rateLimiter.js';
import { DEFAULT_SCHEDULE, type PollSchedule } from './schedule.js';

export { DEFAULT_SCHEDULE, type PollSchedule } from './schedule.js';

/**
 * Posts a job's one final message: a call the poller awaits, because a failure is retried.
 * After a crash between posting and recording it is called a second time for the same job, so
 * it must make a repeated post harmless (the Discord adapter uses a message nonce for that).
 */
export interface JobDelivery {
  /** Throw to be called again later (with the shared backoff). */
  deliver(job: Job): Promise<void>;
}

export interface PollerOptions {
  store: JobStore;
  service: JobService;
  provider: VideoProvider;
  /** Posts final messages. */
  delivery: JobDelivery;
  /** Where progress, provider requests, errors and deliveries are told; `work.available` wakes the loop. */
  events: JobEventBus;
  clock: Clock;
  logger: Logger;
  limiter: RateLimiter;
  /** Jobs worked on at once. @defaultValue 8 */
  concurrency?: number;
  /** After this long since submission a job is cancelled and marked timed out. @defaultValue 30 minutes */
  maxJobAgeMs?: number;
  /**
   * How long a claimed job stays hidden from other claims; renewed while the job is in hand, so
   * it bounds how long a killed process's jobs wait for another. @defaultValue 30000
   */
  leaseMs?: number;
  /**
   * Renews the leases of the jobs in hand; share it with the `JobService`, so a submit the chat
   * layer runs keeps its lease too. @defaultValue one of the poller's own, with its owner and lease
   */
  leases?: LeaseKeeper;
  /** Whose leases this poller's claims are, unique per process. @defaultValue host, pid and a random part */
  owner?: string;
  /** Longest idle sleep; new work also wakes the loop. @defaultValue 1000 */
  idleMs?: number;
  schedule?: Partial<PollSchedule>;
  random?: () => number;
  /**
   * Looks at a finished job's result before the job is recorded as succeeded: false when its
   * body is not a video, `refused_address` when the address rules refuse its link, and the job
   * then ends failed. A fault that may pass answers true and is left to the delivery.
   * @defaultValue every result counts as a video
   */
  isVideo?: (job: Job, videoUrl: string) => Promise<ResultLook>;
  /**
   * The servers' lines: each turn of the loop moves them (the store decides who goes, see
   * `JobStore.promoteWaiting`) and tells the chat layer about each job sent on or moved up.
   * @defaultValue jobs in a line are never sent on (tools, tests without a line)
   */
  line?: { limitsFor(guildId: string): Promise<LineLimits> };
  /**
   * Learn render times from finished jobs (the store's history at start, then each success) and
   * ask about a job when its renders usually end, instead of at the fixed pace. `true` takes the
   * defaults (learnedSchedule.ts), a partial object tunes them. @defaultValue false
   */
  learn?: boolean | Partial<LearnedOptions>;
}

/** Finished jobs read at start to learn from. */
const HISTORY_SAMPLES = 2000;

/**
 * The background loop: takes due jobs through the store's index, asks the provider about them
 * under a shared rate cap, writes what `decide` says, and hands finished ones to the delivery
 * exactly once.
 */
export class Poller {
  private readonly schedule: PollSchedule;
  private readonly concurrency: number;
  private readonly owner: string;
  private readonly leases: LeaseKeeper;
  private readonly inFlight = new Set<Promise<void>>();
  /** Jobs in hand, so a job that falls due again while it is worked on is not taken (or leased) twice. */
  private readonly busy = new Set<string>();
  private running = false;
  private loop: Promise<void> | undefined;
  private wakeController = new AbortController();
  /** Last time a tick completed, for health checks. */
  lastTickAt = 0;
  private readonly learned: { times: RenderTimes; options: LearnedOptions } | undefined;

  constructor(private readonly options: PollerOptions) {
    this.schedule = { ...DEFAULT_SCHEDULE, ...options.schedule };
    this.concurrency = options.concurrency ?? 8;
    this.owner = options.leases?.owner ?? options.owner ?? newLeaseOwner();
    this.leases =
      options.leases ??
      new LeaseKeeper({ store: options.store, owner: this.owner, clock: options.clock, logger: options.logger, leaseMs: this.leaseMs });
    const learn = options.learn ?? false;
    this.learned =
      learn === false ? undefined : { times: new RenderTimes(), options: learnedOptions(this.schedule, learn === true ? {} : learn) };
    options.events.on('work.available', () => this.wake());
  }

  private get leaseMs(): number {
    return this.options.leaseMs ?? DEFAULT_LEASE_MS;
  }

  private context(): DecideContext {
    return {
      now: this.options.clock.now(),
      schedule: this.schedule,
      maxJobAgeMs: this.options.maxJobAgeMs ?? 30 * 60_000,
      runningGraceMs: RUNNING_GRACE_MS,
      leaseMs: this.leaseMs,
      random: this.options.random ?? Math.random,
      ...(this.learned ? { learned: this.learned } : {}),
    };
  }

  /** Resumes every unfinished job and every finished-but-undelivered one, then loops. */
  async start(): Promise<void> {
    if (this.running) return;
    const { stranded, resumed, undelivered } = await this.options.store.resume(null);
    this.options.logger.info({ resumed, undelivered, stranded: stranded.length }, 'poller starting');
    if (this.learned) {
      for (const sample of await this.options.store.renderHistory(HISTORY_SAMPLES)) this.learned.times.add(sample);
    }
    for (const job of stranded) this.options.logger.warn({ jobId: job.id }, 'job was mid-submit at shutdown; outcome unknown');
    this.running = true;
    this.loop = this.run();
  }

  /** Stops taking jobs and waits for the ones in hand. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake();
    await this.loop;
    await Promise.allSettled([...this.inFlight]);
    await this.leases.idle();
  }

  wake(): void {
    this.wakeController.abort();
  }

  private async run(): Promise<void> {
    while (this.running) {
      let taken = 0;
      try {
        taken = await this.tick();
        this.lastTickAt = this.options.clock.now();
      } catch (error) {
        // A locked or full database must not end the loop: every job would stall until a restart.
        this.options.logger.error({ err: error }, 'poll tick failed; trying again');
      }
      if (taken > 0 && this.inFlight.size < this.concurrency) continue;
      const wakeSignal = this.wakeController.signal;
      const idle = this.options.idleMs ?? 1000;
      // Every sleep is awaited to its end (a finished job wakes it, see tick), so no timer or
      // abort listener outlives its turn of the loop.
      if (this.inFlight.size >= this.concurrency) {
        await this.options.clock.sleep(idle, wakeSignal);
      } else {
        let next: number | undefined;
        try {
          next = await this.options.store.nextDueAt();
        } catch (error) {
          this.options.logger.error({ err: error }, 'next-due query failed');
        }
        const now = this.options.clock.now();
        // Due but nothing taken: the due jobs are the ones in hand, and finishing one wakes the loop.
        const wait = next === undefined || (taken === 0 && next <= now) ? idle : Math.min(idle, Math.max(0, next - now));
        await this.options.clock.sleep(wait, wakeSignal);
      }
      if (wakeSignal.aborted) this.wakeController = new AbortController();
    }
  }

  /** Claims as many due jobs as there is room for and starts them; returns how many. */
  async tick(): Promise<number> {
    const room = this.concurrency - this.inFlight.size;
    if (room <= 0) return 0;
    await this.moveLines();
    let started = 0;
    const now = this.options.clock.now();
    const claimed = await this.options.store.claimDue(this.owner, now, this.leaseMs, room, this.busy);
    // The shared cap serves requests in turn: when it binds, the jobs likeliest to have finished
    // ask first, so the bot learns of an end soonest. Stable, so ties keep the store's order.
    if (this.learned) {
      const times = this.learned.times;
      claimed.sort((a, b) => pollPriority(a, now, times) - pollPriority(b, now, times));
    }
    for (const job of claimed) {
      this.busy.add(job.id);
      // Its lease is renewed until the work ends: a long download or upload keeps the job here.
      this.leases.hold(job.id, job.nextPollAt);
      started++;
      const work = this.process(job).finally(() => {
        this.leases.release(job.id);
        this.busy.delete(job.id);
        this.inFlight.delete(work);
        // A slot is free: let the loop fill it now rather than after its idle wait.
        this.wake();
      });
      this.inFlight.add(work);
    }
    return started;
  }

  /** Fills free slots from every server's line; a failure is logged and tried again next turn. */
  private async moveLines(): Promise<void> {
    const { line, store, events, logger } = this.options;
    if (!line) return;
    try {
      for (const guildId of await store.waitingGuilds()) {
        const { promoted, moved } = await store.promoteWaiting(guildId, await line.limitsFor(guildId));
        if (promoted.length > 0) logger.info({ guildId, jobIds: promoted.map((job) => job.id) }, 'line moved: jobs sent on');
        // Told, not awaited: redrawing twenty cards of one server's line must not hold the others' polls.
        for (const job of [...promoted, ...moved]) events.notify('job.progress', { job });
      }
    } catch (error) {
      logger.error({ err: error }, 'moving the line failed; trying again');
    }
  }

  /** Waits until nothing is in flight (tests and shutdown). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  private async process(job: Job): Promise<void> {
    const log = this.options.logger.child({ jobId: job.id, requestId: job.requestId });
    try {
      if (isTerminal(job.state)) {
        if (job.deliveredAt === null) await this.deliver(job);
        return;
      }
      if (job.state === 'waiting') {
        // Due only at its deadline (the line sends a job on by making it `created`).
        await this.options.service.expireWaiting(job.id);
        return;
      }
      if (job.state === 'created') {
        const submitted = await this.options.service.submit(job.id);
        // Sent on from the line (or after a restart): its card still says it is waiting.
        if (!isTerminal(submitted.state)) await this.options.events.emit('job.progress', { job: submitted });
        return;
      }
      if (job.state === 'submitting') {
        await this.strand(job, log);
        return;
      }
      if (isActive(job)) await this.check(job, log);
      else throw new Error(`a ${job.state} job has no request id to ask about`);
    } catch (error) {
      log.error({ err: error }, 'unexpected error while processing a job');
      try {
        await this.options.store.transition(job.id, reschedule(job.state, failure(job, this.context()).patch));
      } catch (scheduleError) {
        log.error({ err: scheduleError }, 'could not reschedule the job; its lease will bring it back');
      }
    }
  }

  /**
   * A submit is due only once its lease ran out: the process sending it died (or is stuck past
   * any timeout). The provider may have it, so it is never sent again; its end is due at once.
   */
  private async strand(job: Job, log: Logger): Promise<void> {
    const now = this.options.clock.now();
    const ended = await this.options.store.transition(job.id, strandSubmit(now));
    if (!ended) return;
    log.warn('a submit outlived its lease; outcome unknown');
    await this.options.events.emit('job.ended', { job: ended });
    this.wake();
  }

  /** Asks the provider until `decide` has a verdict: status, then the result or a cancel if needed. */
  private async check(job: ActiveJob, log: Logger): Promise<void> {
    let answer = await this.ask(job, 'status', log);
    for (;;) {
      const decision = decide(job, answer, this.context());
      if (decision.ask === undefined) {
        await this.apply(job, decision, answer, log);
        return;
      }
      answer = await this.ask(job, decision.ask, log);
    }
  }

  /** One request to the provider under the shared cap, turned into an answer for `decide`. */
  private async ask(job: ActiveJob, what: 'status' | 'result' | 'cancel', log: Logger): Promise<ProviderAnswer> {
    const { provider, limiter, events } = this.options;
    try {
      await limiter.take();
      await events.emit('provider.request', { kind: what });
      switch (what) {
        case 'status':
          return { to: 'status', status: await provider.status(job.requestId) };
        case 'result': {
          const result = await provider.result(job.requestId);
          // Before the job is recorded as succeeded: a succeeded job stays succeeded.
          const isVideo =
            result.status === 'succeeded' && result.videoUrl !== undefined ? await this.isVideo(job, result.videoUrl, log) : true;
          return { to: 'result', result, isVideo };
        }
        case 'cancel':
          return { to: 'cancel', outcome: (await provider.cancel(job.requestId)).outcome };
      }
    } catch (error) {
      if (what === 'cancel') {
        log.warn({ err: error }, 'cancel of a timed-out job failed');
        return { to: 'cancel', outcome: 'failed' };
      }
      const kind = providerErrorKind(error) ?? 'unexpected';
      await events.emit('provider.error', { kind });
      if (kind !== 'not_found')
        log[kind === 'auth' ? 'error' : 'warn']({ err: error, kind, failures: job.pollFailures + 1 }, `${what} check failed`);
      else log.warn({ err: error }, 'provider lost the request');
      return { to: 'error', during: what, errorKind: kind };
    }
  }

  /** Writes the decision (as a compare-and-set on the state claimed) and acts on it. */
  private async apply(job: ActiveJob, decision: Decision & { ask?: undefined }, answer: ProviderAnswer, log: Logger): Promise<void> {
    const { store, events } = this.options;
    const written = await store.transition(job.id, recordAnswer(job.state, decision));
    if (decision.note === 'unknown_status' && answer.to === 'status') {
      log.warn({ status: answer.status.rawStatus }, 'provider sent an unknown status; treating it as pending');
    } else if (decision.note === 'timed_out') {
      log.warn('job timed out');
    } else if (decision.note === 'cancelled_after_wait') {
      log.warn('job cancelled after waiting too long in the queue');
    }
    // Someone else moved the job first (a cancel): their write stands and they tell the member.
    if (!written) return;
    // An end this poller delivers at once carries a fresh lease, kept while the delivery runs.
    if (decision.deliver) this.leases.adopt(job.id, written.nextPollAt);
    if (this.learned && written.state === 'succeeded' && written.startedAt !== null && written.finishedAt !== null) {
      this.learned.times.add({
        duration: written.input.duration,
        sound: written.input.sound,
        queueMs: Math.max(0, written.startedAt - (written.submittedAt ?? written.createdAt)),
        renderMs: written.finishedAt - written.startedAt,
      });
    }
    if (decision.progress) await events.emit('job.progress', { job: written });
    if (decision.deliver) {
      await events.emit('job.ended', { job: written });
      await this.deliver(written);
    }
  }

  private async isVideo(job: Job, videoUrl: string, log: Logger): Promise<ResultLook> {
    if (!this.options.isVideo) return true;
    try {
      return await this.options.isVideo(job, videoUrl);
    } catch (error) {
      log.warn({ err: error }, 'could not check the result; leaving it to the delivery');
      return true;
    }
  }

  private async deliver(job: Job): Promise<void> {
    const { store, clock, logger } = this.options;
    try {
      await this.options.delivery.deliver(job);
    } catch (error) {
      const retry = decideDeliveryFailure(job, this.context());
      const attempts = job.deliveryAttempts + 1;
      if (retry.giveUp) {
        logger.error({ err: error, jobId: job.id, attempts }, 'giving up on posting the final message');
        await store.markDelivered(job.id);
        return;
      }
      logger.warn({ err: error, jobId: job.id, attempts }, 'posting the final message failed; will retry');
      await store.transition(job.id, reschedule(job.state, retry.patch));
      return;
    }
    if (await store.markDelivered(job.id)) {
      await this.options.events.emit('job.delivered', { job, latencyMs: job.finishedAt === null ? 0 : clock.now() - job.finishedAt });
    }
  }
}
