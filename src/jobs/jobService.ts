import type { Logger } from 'pino';
import type { ImageRole } from '../model/modelDefinition.js';
import { DEFAULT_MODEL_ID, type ImageLinks, modelById, modelRequestBody } from '../model/models.js';
import { estimateCostUsd, type Prices } from '../model/pricing.js';
import { type BackoffPolicy, backoffDelay } from './backoff.js';
import type { Clock } from './clock.js';
import type { JobEventSink } from './events.js';
import type { ErrorKind, Job, JobInput, JobKind, JobOrigin } from './job.js';
import { isTerminal } from './jobState.js';
import type { JobStore } from './jobStore.js';
import type { LeaseKeeper } from './leases.js';
import {
  cancelQueued,
  cancelUnsent,
  expireWait,
  failUnsent,
  markDeleted,
  noteCancelRefused,
  recordFinal,
  recordPlacement,
  recordRequest,
  refuseSubmit,
  refuseUnpostable,
  seeRendering,
  startSubmit,
  strandSubmit,
} from './moves.js';
import { type ImageLinkRenewer, providerErrorKind, providerMessageOf, type VideoProvider } from './provider.js';
import type { RateLimiter } from './rateLimiter.js';

/** Between tries at recording an accepted submit: about 0.25, 0.5, 1 and 2 s, 4 s in all. */
const RECORD_BACKOFF: BackoffPolicy = { baseMs: 250, maxMs: 2000, jitter: 0.2 };
const RECORD_ATTEMPTS = 5;

export type CancelOutcome =
  | { outcome: 'cancelled'; job: Job }
  /** The provider is already rendering it: it will finish and be billed. */
  | { outcome: 'not_cancellable'; job: Job }
  | { outcome: 'already_finished'; job: Job }
  /** The submit is on the wire; its result decides. */
  | { outcome: 'submitting'; job: Job }
  | { outcome: 'not_found' };

export interface JobServiceOptions {
  store: JobStore;
  provider: VideoProvider;
  clock: Clock;
  logger: Logger;
  /** The default (text-to-video) model's price. */
  prices: Prices;
  /** Each model's price by id; a model missing here costs `prices`. @defaultValue `{}` */
  modelPrices?: Readonly<Record<string, Prices>>;
  /**
   * Renews the links to a job's images before its submit. @defaultValue links are sent as they
   * are (tests and tools whose links do not expire)
   */
  imageLinks?: ImageLinkRenewer;
  limiter?: RateLimiter;
  /**
   * Keeps the leases of jobs in hand alive (one per process, shared with the poller).
   * @defaultValue leases are not renewed (a submit holds the lease its mark gave it)
   */
  leases?: LeaseKeeper;
  /** Tries at recording an accepted submit before it is left to the lease rule. @defaultValue 5 */
  recordAttempts?: number;
  /** Spreads the waits between those tries. @defaultValue Math.random */
  random?: () => number;
  /** First status check after a submit. @defaultValue 2000 */
  firstPollDelayMs?: number;
  /**
   * Where submits, provider requests and ends are told; `work.available` when a job becomes due
   * before its scheduled time (a cancel, an end). @defaultValue told to no one
   */
  events?: JobEventSink;
}

/**
 * Submitting and cancelling jobs: the rules around the provider's lack of an idempotency key
 * live here, shared by the chat adapter and the poller (which submits jobs a crash left unsent).
 */
export class JobService {
  private readonly events: JobEventSink;

  constructor(private readonly options: JobServiceOptions) {
    this.events = options.events ?? { emit: async () => {} };
  }

  /** A job became due now: the poller should not wait for its next turn. */
  private wake(): Promise<void> {
    return this.events.emit('work.available', {});
  }

  get prices(): Prices {
    return this.options.prices;
  }

  /** Prices the provider said, for models the operator did not price. */
  private readonly providerPrices = new Map<string, Prices>();

  /** A model's price per second: configured, else the provider's, else the definition's. */
  pricesOf(modelId: string): Prices {
    return this.providerPrices.get(modelId) ?? this.options.modelPrices?.[modelId] ?? this.options.prices;
  }

  /** The provider's price for a model the operator did not price; estimates from now on use it. */
  useProviderPrices(modelId: string, prices: Prices): void {
    this.providerPrices.set(modelId, prices);
  }

  estimate(input: Pick<JobInput, 'duration' | 'sound'>, modelId: string = DEFAULT_MODEL_ID): number {
    return estimateCostUsd(input, this.pricesOf(modelId));
  }

  /**
   * Writes the job's row without admission (members' jobs are written by the admission step);
   * nothing is sent yet, so a crash here leaves a visible, resumable job.
   */
  create(origin: JobOrigin, input: JobInput, kind: JobKind = 'new', parentId: string | null = null): Promise<Job> {
    return this.options.store.create({ ...origin, input, kind, parentId, estimateUsd: this.estimate(input) });
  }

  /**
   * The images the provider will fetch, renewed where their links expired; undefined when the
   * model needs an image the job does not have a working link to.
   */
  private async imagesFor(job: Job): Promise<{ path: string; images: ImageLinks } | undefined> {
    const model = modelById(job.modelId);
    if (!model) return undefined;
    const roles = Object.keys(model.images) as ImageRole[];
    if (roles.length === 0) return { path: model.path, images: {} };
    const held = roles.filter((role) => job.images?.[role] !== undefined);
    if (roles.some((role) => model.images[role]?.required && !held.includes(role))) return undefined;
    const links = held.map((role) => job.images?.[role] as string);
    const fresh = this.options.imageLinks ? await this.options.imageLinks.fresh(links) : links;
    return { path: model.path, images: Object.fromEntries(held.map((role, i) => [role, fresh[i]])) as ImageLinks };
  }

  /**
   * Sends a created job to the provider, at most once. Returns the job as it stands after: queued,
   * failed (with its kind) or outcome_unknown; or still submitting when the provider accepted it
   * and the database would not record it (not a failure: the provider has it).
   */
  async submit(jobId: string): Promise<Job> {
    const { store, provider, logger } = this.options;
    const pending = await store.get(jobId);
    if (pending?.state !== 'created') return store.require(jobId);
    // Links first: a picture the provider cannot fetch ends the job here, before anything is sent.
    let target: { path: string; images: ImageLinks } | undefined;
    try {
      target = await this.imagesFor(pending);
    } catch (error) {
      logger.warn({ err: error, jobId }, 'could not renew the links to the job’s images');
    }
    if (!target) {
      logger.warn({ jobId, modelId: pending.modelId }, 'no image link for the provider; ending the job unsent');
      return (await this.failUnsent(jobId, 'image_unavailable')) ?? store.require(jobId);
    }
    // Marked before the request leaves: if we crash mid-call, the restart sees `submitting` and
    // knows the provider may have the job, instead of sending (and billing) it a second time.
    // The slot first: waiting for it (behind other processes' requests) must not eat the submit's lease.
    await this.options.limiter?.take();
    const claimed = await store.transition(jobId, startSubmit());
    if (!claimed) return store.require(jobId);
    const log = logger.child({ jobId });
    const leases = this.options.leases;
    // The submit's lease is renewed while the request is on the wire: a slow provider must not
    // let another process take the job for stranded and end it while this one still waits.
    leases?.hold(jobId, claimed.nextPollAt);
    try {
      let requestId: string;
      try {
        await this.events.emit('provider.request', { kind: 'submit' });
        const body = modelRequestBody(modelById(claimed.modelId) ?? { images: {} }, claimed.input, target.images);
        // The default model goes without a path, so a provider built for one model keeps working.
        ({ requestId } = claimed.modelId === DEFAULT_MODEL_ID ? await provider.submit(body) : await provider.submit(body, target.path));
      } catch (error) {
        return await this.refused(jobId, error, log);
      }
      // From here the provider has the job and bills it: whatever the database says, it is never
      // taken for refused (the member would be told to try again and pay twice).
      const queued = await this.recordQueued(jobId, requestId, log);
      if (!queued) return claimed;
      log.info({ requestId }, 'job submitted');
      await this.wake();
      return this.submitted(queued);
    } finally {
      leases?.release(jobId);
    }
  }

  /** A submit the provider refused, or whose answer was lost: the job ends here. */
  private async refused(jobId: string, error: unknown, log: Logger): Promise<Job> {
    const { store, clock } = this.options;
    const kind = providerErrorKind(error);
    const now = clock.now();
    if (kind === 'outcome_unknown') {
      log.error({ err: error }, 'submit outcome unknown; not resubmitting');
      const job = await store.transition(jobId, strandSubmit(now));
      return this.submitted(job ?? (await store.require(jobId)));
    }
    const level = kind === 'input_rejected' ? 'info' : 'error';
    log[level]({ err: error, kind }, 'submit refused');
    // Only a refused input carries words meant for the member: the provider's, quoted as they are.
    const words = kind === 'input_rejected' ? providerMessageOf(error) : null;
    const job = await store.transition(jobId, refuseSubmit(kind ?? 'submit_failed', words, now));
    return this.submitted(job ?? (await store.require(jobId)));
  }

  /**
   * Records an accepted submit's request id, trying again with backoff when the database fails
   * (a dropped PostgreSQL connection, `SQLITE_BUSY`). Undefined when every try failed: the job is
   * left `submitting`, so once its lease runs out the poller ends it `outcome_unknown`, which is
   * what it is to the bot; the request id goes to the log, where an operator can find it.
   */
  private async recordQueued(jobId: string, requestId: string, log: Logger): Promise<Job | undefined> {
    const { store, clock } = this.options;
    const attempts = this.options.recordAttempts ?? RECORD_ATTEMPTS;
    for (let attempt = 1; ; attempt++) {
      try {
        const queued = await store.transition(jobId, recordRequest(requestId, clock.now(), this.options.firstPollDelayMs ?? 2000));
        // Undefined: an earlier try committed though its answer was lost, or the job was
        // ended meanwhile (its lease ran out); either way the row says what it is now.
        return queued ?? (await store.require(jobId));
      } catch (error) {
        if (attempt >= attempts) {
          log.error(
            { err: error, requestId, attempts },
            'the provider accepted the job but recording it failed; left submitting until its lease runs out',
          );
          return undefined;
        }
        log.warn({ err: error, requestId, attempt }, 'recording an accepted submit failed; trying again');
        await clock.sleep(backoffDelay(RECORD_BACKOFF, attempt, this.options.random ?? Math.random));
      }
    }
  }

  private async submitted(job: Job): Promise<Job> {
    await this.events.emit('job.submitted', { job });
    if (isTerminal(job.state)) await this.ended(job);
    return job;
  }

  /** An end is due at once (the store makes it so) for its final message: wake the poller. */
  private async ended(job: Job): Promise<void> {
    await this.events.emit('job.ended', { job });
    await this.wake();
  }

  /**
   * Ends a job that was never sent (the chat layer could not place it), so nothing is billed and
   * its final message says why; `errorKind` names what went wrong (`start_failed`).
   */
  async failUnsent(jobId: string, errorKind: ErrorKind): Promise<Job | undefined> {
    const ended = await this.options.store.transition(jobId, failUnsent(errorKind, this.options.clock.now()));
    if (ended) await this.ended(ended);
    return ended;
  }

  /** Cancels a job if the provider still can; safe against double clicks and a racing completion. */
  async cancel(jobId: string): Promise<CancelOutcome> {
    const { store, provider, clock, logger } = this.options;
    const job = await store.get(jobId);
    if (!job) return { outcome: 'not_found' };
    if (isTerminal(job.state)) return { outcome: 'already_finished', job };
    if (job.state === 'submitting') return { outcome: 'submitting', job };
    if (job.state === 'created' || job.state === 'waiting') {
      // From either: the line may move the job on while the cancel is on its way. Nothing was
      // sent, so nothing is billed, and a waiting job held no slot, so none is freed.
      const cancelled = await store.transition(jobId, cancelUnsent(clock.now()));
      if (cancelled) {
        await this.ended(cancelled);
        return { outcome: 'cancelled', job: cancelled };
      }
      return this.cancel(jobId);
    }
    if (job.state === 'running' || !job.requestId) {
      return { outcome: 'not_cancellable', job: await this.noteRefusal(job) };
    }
    await this.options.limiter?.take();
    await this.events.emit('provider.request', { kind: 'cancel' });
    const { outcome } = await provider.cancel(job.requestId);
    if (outcome === 'not_cancellable') {
      logger.info({ jobId, requestId: job.requestId }, 'cancel refused: already running');
      const running = await store.transition(jobId, seeRendering(clock.now()));
      return { outcome: 'not_cancellable', job: await this.noteRefusal(running ?? (await store.require(jobId))) };
    }
    const cancelled = await store.transition(jobId, cancelQueued(clock.now()));
    if (cancelled) {
      logger.info({ jobId, requestId: job.requestId }, 'job cancelled');
      await this.ended(cancelled);
      return { outcome: 'cancelled', job: cancelled };
    }
    // The poller moved it first; report what it became.
    const now = await store.require(jobId);
    return isTerminal(now.state) ? { outcome: 'already_finished', job: now } : { outcome: 'not_cancellable', job: now };
  }

  /**
   * Ends a created job whose channel refuses the bot's messages: there is nowhere to report a
   * result, so nothing is sent, and nothing is left to deliver either.
   */
  async refuseUnpostable(jobId: string): Promise<Job | undefined> {
    const { store, clock } = this.options;
    const ended = await store.transition(jobId, refuseUnpostable(clock.now()));
    if (ended) await store.markDelivered(ended.id);
    return ended;
  }

  /** Where a created job's status card and thread are, recorded at once so a crash still finds them. */
  async recordPlacement(
    jobId: string,
    placement: { statusMessageId?: string; threadId?: string; images?: ImageLinks },
  ): Promise<Job | undefined> {
    // Any state before the end: the line may have sent a waiting job on while its card was posted.
    return this.options.store.transition(jobId, recordPlacement(placement));
  }

  /**
   * Ends a job that waited in the server's line past the limit: nothing was sent, so nothing is
   * billed; its final message says how long it waited. Undefined when it left the line meanwhile.
   */
  async expireWaiting(jobId: string): Promise<Job | undefined> {
    const ended = await this.options.store.transition(jobId, expireWait(this.options.clock.now()));
    if (ended) {
      this.options.logger.info({ jobId }, 'job waited too long in the line; cancelled');
      await this.ended(ended);
    }
    return ended;
  }

  /**
   * Marks a job's result removed by its maker or a moderator; undefined when the job changed state
   * meanwhile (the caller reads it again).
   */
  async markDeleted(job: Pick<Job, 'id' | 'state'>): Promise<Job | undefined> {
    return this.options.store.transition(job.id, markDeleted(job.state, this.options.clock.now()));
  }

  /**
   * Records where a finished job's final message went (the chat layer posts it; the job's state
   * is written here only). Undefined when the job changed state meanwhile.
   */
  async recordFinal(job: Pick<Job, 'id' | 'state'>, where: { channelId: string; messageId: string }): Promise<Job | undefined> {
    return this.options.store.transition(job.id, recordFinal(job.state, where));
  }

  private async noteRefusal(job: Job): Promise<Job> {
    if (job.cancelRefusedAt !== null) return job;
    return (await this.options.store.transition(job.id, noteCancelRefused(job.state, this.options.clock.now()))) ?? job;
  }
}
