import type { Logger } from 'pino';
import { type Clock, jitter } from './clock.js';
import type { Job } from './job.js';
import type { JobService } from './jobService.js';
import { OUTCOME_UNKNOWN_MESSAGE } from './jobService.js';
import { isTerminal } from './jobState.js';
import { type JobPatch, type JobStore, newLeaseOwner } from './jobStore.js';
import { providerErrorKind, type VideoProvider } from './provider.js';
import type { RateLimiter } from './rateLimiter.js';

/** What the chat layer plugs in. Both may be called again after a restart; see `deliver`. */
export interface JobEvents {
  /** Progress changed (queue position, started running). Best effort: errors are logged only. */
  progress(job: Job): Promise<void>;
  /**
   * The job ended: post its one final message. Throw to be called again later. After a crash
   * between posting and recording, this is called a second time for the same job, so it must
   * make a repeated post harmless (the Discord adapter uses a message nonce for that).
   */
  deliver(job: Job): Promise<void>;
}

export const NOT_A_VIDEO_MESSAGE = 'The provider returned something that is not a video, so the bot did not post it.';

/** How long a job that is rendering may run past the maximum age before the bot gives up. */
const RUNNING_GRACE_MS = 15 * 60_000;

export interface PollSchedule {
  /** Between checks while queued; grows by `queuedGrowth` each check up to `queuedMaxMs`. @defaultValue 3000 */
  queuedMs: number;
  /** @defaultValue 1.5 */
  queuedGrowth: number;
  /** @defaultValue 15000 */
  queuedMaxMs: number;
  /** Between checks while rendering. @defaultValue 4000 */
  runningMs: number;
  /** First wait after a failed check; doubles per failure up to `failureMaxMs`. @defaultValue 2000 */
  failureBaseMs: number;
  /** @defaultValue 60000 */
  failureMaxMs: number;
  /**
   * How long after a job ends the bot keeps trying to post its final message (Discord down, the
   * bot locked out of a channel) before giving up. @defaultValue 24 hours
   */
  maxDeliveryAgeMs: number;
}

export const DEFAULT_SCHEDULE: PollSchedule = {
  queuedMs: 3000,
  queuedGrowth: 1.5,
  queuedMaxMs: 15_000,
  runningMs: 4000,
  failureBaseMs: 2000,
  failureMaxMs: 60_000,
  maxDeliveryAgeMs: 24 * 60 * 60_000,
};

export interface PollerOptions {
  store: JobStore;
  service: JobService;
  provider: VideoProvider;
  events: JobEvents;
  clock: Clock;
  logger: Logger;
  limiter: RateLimiter;
  /** Jobs worked on at once. @defaultValue 8 */
  concurrency?: number;
  /** After this long since submission a job is cancelled and marked timed out. @defaultValue 30 minutes */
  maxJobAgeMs?: number;
  /** How long a claimed job stays hidden from other claims. @defaultValue 120000 */
  leaseMs?: number;
  /** Whose leases this poller's claims are, unique per process. @defaultValue host, pid and a random part */
  owner?: string;
  /** Longest idle sleep; new work also wakes the loop. @defaultValue 1000 */
  idleMs?: number;
  schedule?: Partial<PollSchedule>;
  random?: () => number;
  /**
   * Looks at a finished job's result before the job is recorded as succeeded: false when it is
   * not a video the bot may fetch (a refused address, a body that is not a video), and the job
   * then ends failed. A fault that may pass answers true and is left to the delivery.
   * @defaultValue every result counts as a video
   */
  isVideo?: (job: Job, videoUrl: string) => Promise<boolean>;
  /** Observers for metrics. */
  onProviderRequest?: (kind: 'status' | 'result' | 'cancel') => void;
  onProviderError?: (kind: string) => void;
  onDelivered?: (job: Job, latencyMs: number) => void;
}

/**
 * The background loop: takes due jobs through the store's index, asks the provider about them
 * under a shared rate cap, and hands finished ones to `deliver` exactly once.
 */
export class Poller {
  private readonly schedule: PollSchedule;
  private readonly concurrency: number;
  private readonly owner: string;
  private readonly inFlight = new Set<Promise<void>>();
  /** Jobs in hand, so a job that falls due again while it is worked on is not taken (or leased) twice. */
  private readonly busy = new Set<string>();
  private running = false;
  private loop: Promise<void> | undefined;
  private wakeController = new AbortController();
  /** Last time a tick completed, for health checks. */
  lastTickAt = 0;

  constructor(private readonly options: PollerOptions) {
    this.schedule = { ...DEFAULT_SCHEDULE, ...options.schedule };
    this.concurrency = options.concurrency ?? 8;
    this.owner = options.owner ?? newLeaseOwner();
  }

  private get leaseMs(): number {
    return this.options.leaseMs ?? 120_000;
  }

  /** Ends a job that this poller delivers at once: not due again unless a restart finds it undelivered. */
  private endPatch(patch: JobPatch): JobPatch {
    return { ...patch, nextPollAt: this.options.clock.now() + this.leaseMs };
  }

  /** Resumes every unfinished job and every finished-but-undelivered one, then loops. */
  async start(): Promise<void> {
    if (this.running) return;
    const { stranded, resumed, undelivered } = await this.options.store.resume(OUTCOME_UNKNOWN_MESSAGE);
    this.options.logger.info({ resumed, undelivered, stranded: stranded.length }, 'poller starting');
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
    let started = 0;
    for (const job of await this.options.store.claimDue(this.owner, this.options.clock.now(), this.leaseMs, room, this.busy)) {
      this.busy.add(job.id);
      started++;
      const work = this.process(job).finally(() => {
        this.busy.delete(job.id);
        this.inFlight.delete(work);
        // A slot is free: let the loop fill it now rather than after its idle wait.
        this.wake();
      });
      this.inFlight.add(work);
    }
    return started;
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
      if (job.state === 'created') {
        await this.options.service.submit(job.id);
        return;
      }
      if (job.state === 'queued' || job.state === 'running') await this.check(job);
    } catch (error) {
      log.error({ err: error }, 'unexpected error while processing a job');
      try {
        await this.scheduleFailure(job);
      } catch (scheduleError) {
        log.error({ err: scheduleError }, 'could not reschedule the job; its lease will bring it back');
      }
    }
  }

  private async check(job: Job): Promise<void> {
    const { store, clock, logger } = this.options;
    const requestId = job.requestId as string;
    const log = logger.child({ jobId: job.id, requestId });
    // Asked before the age rule: a video that finished while the bot was down (or just before
    // the limit) is fetched and delivered, not thrown away after it was paid for.
    // A job that started rendering near the limit is billed anyway: give it time to finish.
    const rendering = job.state === 'running' && job.startedAt !== null && clock.now() - job.startedAt < RUNNING_GRACE_MS;
    const tooOld = !rendering && clock.now() - (job.submittedAt ?? job.createdAt) > (this.options.maxJobAgeMs ?? 30 * 60_000);
    let status: Awaited<ReturnType<VideoProvider['status']>>;
    try {
      await this.options.limiter.take();
      this.options.onProviderRequest?.('status');
      status = await this.options.provider.status(requestId);
    } catch (error) {
      if (tooOld && providerErrorKind(error) !== 'not_found') await this.timeOut(job);
      else await this.handleProviderError(job, error, log);
      return;
    }
    const finished = status.status === 'completed' || status.status === 'failed' || status.status === 'cancelled';
    if (tooOld && !finished) {
      await this.timeOut(job);
      return;
    }
    switch (status.status) {
      case 'in_queue': {
        const position = status.queuePosition ?? null;
        const updated = await store.update(job.id, job.state, {
          providerStatus: status.rawStatus,
          queuePosition: position,
          pollFailures: 0,
          nextPollAt: this.nextQueuedPoll(job),
        });
        if (updated && (position !== job.queuePosition || job.providerStatus !== status.rawStatus)) {
          await this.notify(updated);
        }
        return;
      }
      case 'unknown':
        log.warn({ status: status.rawStatus }, 'provider sent an unknown status; treating it as pending');
        await store.update(job.id, job.state, { pollFailures: 0, nextPollAt: clock.now() + this.interval(this.schedule.runningMs) });
        return;
      case 'in_progress': {
        const now = clock.now();
        if (job.state === 'queued') {
          const started = await store.transition(job.id, 'queued', 'running', {
            providerStatus: status.rawStatus,
            queuePosition: null,
            startedAt: now,
            pollFailures: 0,
            nextPollAt: now + this.interval(this.schedule.runningMs),
          });
          if (started) await this.notify(started);
        } else {
          const still = await store.update(job.id, 'running', {
            pollFailures: 0,
            nextPollAt: now + this.interval(this.schedule.runningMs),
          });
          // The chat layer shows time spent rendering; it throttles these itself.
          if (still) await this.notify(still);
        }
        return;
      }
      case 'completed':
      case 'failed':
      case 'cancelled':
        await this.finish(job, log);
        return;
    }
  }

  /** The provider says the job ended: its result says how. */
  private async finish(job: Job, log: Logger): Promise<void> {
    const { store, clock } = this.options;
    let result: Awaited<ReturnType<VideoProvider['result']>>;
    try {
      await this.options.limiter.take();
      this.options.onProviderRequest?.('result');
      result = await this.options.provider.result(job.requestId as string);
    } catch (error) {
      await this.handleProviderError(job, error, log);
      return;
    }
    // Before the job is recorded as succeeded: a succeeded job stays succeeded, so a result that
    // is not a video must be caught while the job can still end failed.
    const notAVideo = result.status === 'succeeded' && result.videoUrl !== undefined && !(await this.isVideo(job, result.videoUrl, log));
    const now = clock.now();
    const from = [job.state];
    let ended: Job | undefined;
    switch (result.status) {
      case 'succeeded':
        if (notAVideo) {
          ended = await store.transition(
            job.id,
            from,
            'failed',
            this.endPatch({
              providerStatus: 'succeeded',
              errorKind: 'not_a_video',
              errorMessage: NOT_A_VIDEO_MESSAGE,
              costUsd: result.cost ?? null,
              queuePosition: null,
              finishedAt: now,
            }),
          );
          break;
        }
        ended = result.videoUrl
          ? await store.transition(
              job.id,
              from,
              'succeeded',
              this.endPatch({
                providerStatus: 'succeeded',
                resultUrl: result.videoUrl,
                costUsd: result.cost ?? null,
                queuePosition: null,
                finishedAt: now,
              }),
            )
          : await store.transition(
              job.id,
              from,
              'failed',
              this.endPatch({
                providerStatus: 'succeeded',
                errorKind: 'no_video',
                errorMessage: 'The provider finished the job but returned no video.',
                costUsd: result.cost ?? null,
                finishedAt: now,
              }),
            );
        break;
      case 'failed':
        ended = await store.transition(
          job.id,
          from,
          'failed',
          this.endPatch({
            providerStatus: 'failed',
            errorKind: 'provider_failed',
            errorMessage: result.error
              ? `The provider could not make this video: ${result.error}`
              : 'The provider could not make this video.',
            costUsd: result.cost ?? null,
            queuePosition: null,
            finishedAt: now,
          }),
        );
        break;
      case 'cancelled':
        ended = await store.transition(
          job.id,
          from,
          'cancelled',
          this.endPatch({
            providerStatus: 'cancelled',
            errorKind: 'cancelled',
            errorMessage: 'Your video was cancelled at the provider.',
            costUsd: result.cost ?? null,
            finishedAt: now,
          }),
        );
        break;
      default:
        // Status said finished but the result has not caught up: look again soon.
        await store.update(job.id, job.state, { nextPollAt: now + this.interval(this.schedule.queuedMs) });
        return;
    }
    if (ended) await this.deliver(ended);
  }

  private async isVideo(job: Job, videoUrl: string, log: Logger): Promise<boolean> {
    if (!this.options.isVideo) return true;
    try {
      return await this.options.isVideo(job, videoUrl);
    } catch (error) {
      log.warn({ err: error }, 'could not check the result; leaving it to the delivery');
      return true;
    }
  }

  private async timeOut(job: Job): Promise<void> {
    const { store, clock, logger } = this.options;
    const minutes = Math.round((this.options.maxJobAgeMs ?? 30 * 60_000) / 60_000);
    let outcome: 'cancelled' | 'not_cancellable' | undefined;
    if (job.state === 'queued' && job.requestId) {
      try {
        await this.options.limiter.take();
        this.options.onProviderRequest?.('cancel');
        outcome = (await this.options.provider.cancel(job.requestId)).outcome;
      } catch (error) {
        logger.warn({ err: error, jobId: job.id }, 'cancel of a timed-out job failed');
      }
    }
    if (outcome === 'cancelled') {
      // Cancelled in the queue: not billed, so it ends as cancelled and its estimate is given back.
      const ended = await store.transition(
        job.id,
        'queued',
        'cancelled',
        this.endPatch({
          providerStatus: 'cancelled',
          errorKind: 'timed_out',
          errorMessage: `Your video waited more than ${minutes} minutes in the provider's queue, so the bot cancelled it; it was not billed.`,
          finishedAt: clock.now(),
        }),
      );
      logger.warn({ jobId: job.id, requestId: job.requestId }, 'job cancelled after waiting too long in the queue');
      if (ended) await this.deliver(ended);
      return;
    }
    if (outcome === 'not_cancellable') {
      // It just started rendering and will be billed: follow it to the end instead of abandoning it.
      await store.transition(job.id, 'queued', 'running', {
        providerStatus: 'in_progress',
        queuePosition: null,
        startedAt: clock.now(),
        nextPollAt: clock.now() + this.interval(this.schedule.runningMs),
      });
      return;
    }
    const ended = await store.transition(
      job.id,
      job.state,
      'timed_out',
      this.endPatch({
        errorKind: 'timed_out',
        errorMessage: `The provider did not finish this video within ${minutes} minutes, so the bot stopped waiting.`,
        finishedAt: clock.now(),
      }),
    );
    logger.warn({ jobId: job.id, requestId: job.requestId }, 'job timed out');
    if (ended) await this.deliver(ended);
  }

  private async handleProviderError(job: Job, error: unknown, log: Logger): Promise<void> {
    const kind = providerErrorKind(error) ?? 'unexpected';
    this.options.onProviderError?.(kind);
    if (kind === 'not_found') {
      // The provider forgot the request (records expire): nothing more can be learned.
      const ended = await this.options.store.transition(
        job.id,
        job.state,
        'failed',
        this.endPatch({
          errorKind: 'not_found',
          errorMessage: 'The provider no longer knows this job (its record expired), so its result cannot be fetched.',
          finishedAt: this.options.clock.now(),
        }),
      );
      log.warn({ err: error }, 'provider lost the request');
      if (ended) await this.deliver(ended);
      return;
    }
    log[kind === 'auth' ? 'error' : 'warn']({ err: error, kind, failures: job.pollFailures + 1 }, 'status check failed');
    await this.scheduleFailure(job);
  }

  private async scheduleFailure(job: Job): Promise<void> {
    const failures = job.pollFailures + 1;
    const wait = Math.min(this.schedule.failureMaxMs, this.schedule.failureBaseMs * 2 ** (failures - 1));
    await this.options.store.update(job.id, job.state, {
      pollFailures: failures,
      nextPollAt: this.options.clock.now() + this.interval(wait),
    });
  }

  private async deliver(job: Job): Promise<void> {
    const { store, clock, logger } = this.options;
    try {
      await this.options.events.deliver(job);
    } catch (error) {
      const attempts = job.deliveryAttempts + 1;
      const endedAgo = clock.now() - (job.finishedAt ?? job.createdAt);
      if (endedAgo >= this.schedule.maxDeliveryAgeMs) {
        logger.error({ err: error, jobId: job.id, attempts }, 'giving up on posting the final message');
        await store.markDelivered(job.id);
        return;
      }
      const wait = Math.min(this.schedule.failureMaxMs, this.schedule.failureBaseMs * 2 ** (attempts - 1));
      logger.warn({ err: error, jobId: job.id, attempts }, 'posting the final message failed; will retry');
      await store.update(job.id, job.state, { deliveryAttempts: attempts, nextPollAt: clock.now() + this.interval(wait) });
      return;
    }
    if (await store.markDelivered(job.id)) {
      this.options.onDelivered?.(job, job.finishedAt === null ? 0 : clock.now() - job.finishedAt);
    }
  }

  private async notify(job: Job): Promise<void> {
    try {
      await this.options.events.progress(job);
    } catch (error) {
      this.options.logger.warn({ err: error, jobId: job.id }, 'progress update failed');
    }
  }

  /** Queued jobs are checked less often the longer they wait (and the further back they are). */
  private nextQueuedPoll(job: Job): number {
    const sinceSubmit = this.options.clock.now() - (job.submittedAt ?? job.createdAt);
    const steps = Math.max(0, Math.floor(sinceSubmit / this.schedule.queuedMs));
    const base = Math.min(this.schedule.queuedMaxMs, this.schedule.queuedMs * this.schedule.queuedGrowth ** Math.min(steps, 10));
    return this.options.clock.now() + this.interval(base);
  }

  private interval(ms: number): number {
    return jitter(ms, this.options.random ?? Math.random);
  }
}
