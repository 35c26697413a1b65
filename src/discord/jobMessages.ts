/**
 * The Discord side of a job's life after the interaction: status edits (throttled) and the one
 * final message (video, link, or reason), posted through the bot's own channel messages.
 */

import { rm } from 'node:fs/promises';
import type { Logger } from 'pino';
import type { Language } from '../community/languages.js';
import type { Clock } from '../jobs/clock.js';
import type { Job } from '../jobs/job.js';
import type { JobService } from '../jobs/jobService.js';
import { isTerminal } from '../jobs/jobState.js';
import type { JobStore } from '../jobs/jobStore.js';
import type { JobDelivery } from '../jobs/poller.js';
import type { ImageLinkRenewer } from '../jobs/provider.js';
import type { MediaCache } from '../media/cache.js';
import { DownloadError } from '../media/download.js';
import { linkExpiry } from '../media/linkExpiry.js';
import type { UploadFit, UploadFitter } from '../media/uploadFitter.js';
import { CardRedraws } from './cardRedraws.js';
import { type ChannelPoster, DiscordCodes, discordErrorCode, discordStatus, type OutgoingMessage } from './channelPoster.js';
import { type Copy, copyFor } from './copy.js';
import { COMPONENTS_V2 } from './discordLimits.js';
import type { Extensions } from './extensions.js';
import { mention } from './markup.js';
import { messageNonce } from './nonces.js';
import { type RenderFlags, renderStatusComponents } from './render.js';
import { attachmentName, pictureThumbnail } from './sourceImages.js';
import { cannotFetchText, fittedLead, tooLargeLead } from './views/deliveryText.js';
import { type CardOutcome, renderFinalCard, renderStatusCard, withButtons } from './views/jobCard.js';
import { renderTakesCard, type TakeOnCard, withoutTakeVideo } from './views/takesCard.js';

/** Discord's default for servers without boosts; interactions tell us the real figure. */
export { DEFAULT_UPLOAD_LIMIT } from './uploadLimits.js';

export interface JobMessagesOptions {
  poster: ChannelPoster;
  /** Renews the link to a job's picture for the final message's thumbnail. @defaultValue links as recorded */
  imageLinks?: ImageLinkRenewer;
  /** Reads jobs as they stand now; never writes them (`jobs` does). */
  store: Pick<JobStore, 'get' | 'takesOf'>;
  /** The one writer of job state: where the final message went is recorded through it. */
  jobs: Pick<JobService, 'recordFinal'>;
  clock: Clock;
  logger: Logger;
  cache: MediaCache;
  download: { maxBytes: number; timeoutMs: number; allowedOrigins: readonly string[] };
  /** Least time between two status edits of one job. */
  statusEditIntervalMs: number;
  /** The server's upload limit, as last reported by an interaction there. */
  uploadLimitFor: (guildId: string) => Promise<number>;
  /** Extra flags for a job's buttons (showcase on, already shared). */
  renderFlags?: (job: Job) => Promise<RenderFlags>;
  /** The language of the server's public messages. */
  languageFor: (guildId: string) => Promise<Language>;
  /** Status card edits in flight at once for progress and line moves. @defaultValue 4 */
  redrawsInFlight?: number;
  /**
   * Re-encodes a video over the server's upload limit so it still arrives inline.
   * @defaultValue none: such a video is posted as the provider's link
   */
  fitter?: UploadFitter;
  /**
   * Joins an extend job's continuation onto its parent's video.
   * @defaultValue none: an extension is delivered as the continuation alone
   */
  extensions?: Pick<Extensions, 'join'>;
}

export interface DeliveredVideo {
  /** The cached file, when the video was uploaded. */
  filePath?: string;
  messageId?: string;
  channelId: string;
}

/** Tries at fetching a video from a failing CDN before the member is told it could not be fetched. */
const FETCH_ATTEMPTS = 5;

/** discord-facts.md, Limits: a whole message request carries at most 25 MiB of files. */
const MESSAGE_UPLOAD_MAX = 25 * 1024 * 1024;

/** Final messages carry this nonce so that re-posting after a crash returns the first one. */
export function finalNonce(jobId: string): string {
  return messageNonce('final', jobId);
}

export class JobMessages implements JobDelivery {
  private readonly lastEdit = new Map<string, number>();
  private readonly pendingEdit = new Map<string, AbortController>();
  /** Progress and line-move redraws: asked for by the poller's events, drawn without it waiting. */
  private readonly redraws: CardRedraws;

  constructor(private readonly options: JobMessagesOptions) {
    this.redraws = new CardRedraws({
      draw: (job) => this.drawProgress(job),
      ...(options.redrawsInFlight === undefined ? {} : { maxInFlight: options.redrawsInFlight }),
      logger: options.logger,
    });
  }

  private async copyOf(job: Job): Promise<Copy> {
    return copyFor(await this.options.languageFor(job.guildId));
  }

  /**
   * Asks for the card to show the job's progress and returns at once (the poller never waits on
   * Discord). Throttled: at most one edit per job per interval; the latest state wins.
   */
  progress(job: Job): void {
    const now = this.options.clock.now();
    const last = this.lastEdit.get(job.id) ?? 0;
    const wait = last + this.options.statusEditIntervalMs - now;
    if (wait <= 0) {
      this.redraws.request(job);
      return;
    }
    if (this.pendingEdit.has(job.id)) return;
    const pending = new AbortController();
    this.pendingEdit.set(job.id, pending);
    // On the injected clock, so a test that moves time sees the throttled edit when it is due.
    this.options.clock
      .sleep(wait, pending.signal)
      .then(() => {
        if (pending.signal.aborted) return;
        this.pendingEdit.delete(job.id);
        this.redraws.request(job);
      })
      .catch((error: unknown) => this.options.logger.warn({ err: error, jobId: job.id }, 'status edit failed'));
  }

  /** A progress redraw from the queue, of the job as it stands now. */
  private async drawProgress(asked: Job): Promise<void> {
    const latest = await this.options.store.get(asked.id);
    // A finished job's card is drawn by deliver() (or the click that ended it); a late progress
    // edit must not undo it.
    if (latest && latest.deliveredAt === null && latest.finishedAt === null) await this.refreshStatus(latest);
  }

  /** Drops redraws still waiting, so none runs once the REST client has closed; waits for those in flight. */
  async stop(): Promise<void> {
    for (const pending of this.pendingEdit.values()) pending.abort();
    this.pendingEdit.clear();
    await this.redraws.stop();
  }

  /** Rewrites the status message now (after a cancel, a submit, or at the end). */
  async refreshStatus(job: Job): Promise<void> {
    if (!job.statusMessageId) return;
    // Only jobs still in flight are throttled; a finished job's card is redrawn by the rare click
    // (share, delete, retry), and keeping a note for each would grow without end.
    if (isTerminal(job.state)) this.lastEdit.delete(job.id);
    else this.lastEdit.set(job.id, this.options.clock.now());
    const flags = (await this.options.renderFlags?.(job)) ?? {};
    const copy = await this.copyOf(job);
    // The card carries the bot's copy of the picture (uploaded with it); it shows it from there.
    const picture = job.images?.start ? attachmentName(job.images.start) : undefined;
    try {
      await this.options.poster.edit(job.channelId, job.statusMessageId, {
        flags: COMPONENTS_V2.flag,
        components: renderStatusCard(job, this.options.clock.now(), copy, flags, picture ? `attachment://${picture}` : undefined),
      });
    } catch (error) {
      if (!this.unreachable(error, job, 'status message can no longer be edited')) throw error;
    }
    if (isTerminal(job.state) && job.deletedAt === null && job.finalChannelId && job.finalMessageId) {
      await this.redrawFinalButtons(job, job.finalChannelId, job.finalMessageId, renderStatusComponents(job, flags, copy));
    }
  }

  /** The message or channel is gone or closed to the bot: nothing to update, and not worth failing over. */
  private unreachable(error: unknown, job: Job, what: string): boolean {
    const code = discordErrorCode(error);
    if (code === DiscordCodes.UnknownMessage || code === DiscordCodes.UnknownChannel || discordStatus(error) === 403) {
      this.options.logger.info({ jobId: job.id, code }, what);
      return true;
    }
    return false;
  }

  /**
   * The final card's buttons show what the status card's show (Shared, Retried). The card is read
   * back and only its row of buttons replaced: the rest depends on what happened at delivery (the
   * file's size against the server's limit then, a missing permission), which no row records, so
   * drawing it again could change what the member read.
   */
  private async redrawFinalButtons(
    job: Job,
    channelId: string,
    messageId: string,
    buttons: ReturnType<typeof renderStatusComponents>,
  ): Promise<void> {
    try {
      const posted = await this.options.poster.fetchMessage(channelId, messageId);
      const components = withButtons(posted, job.id, buttons);
      // A final message of an older release: one line and a file, no buttons to keep in step.
      if (!components) return;
      await this.options.poster.edit(channelId, messageId, { flags: COMPONENTS_V2.flag, components, mentionUsers: [job.userId] });
    } catch (error) {
      // Best effort, and never at the status card's cost. An archived thread refuses edits; it is
      // not reopened just to redraw a button (the button's handler reads the job, not the label).
      if (this.unreachable(error, job, 'final message can no longer be edited')) return;
      if (discordErrorCode(error) === DiscordCodes.ThreadArchived) {
        this.options.logger.info({ jobId: job.id, channelId }, 'final card is in an archived thread; its buttons stay as they were');
        return;
      }
      this.options.logger.warn({ err: error, jobId: job.id, channelId }, 'could not redraw the final card’s buttons');
    }
  }

  /** The one final message. Throws on passing faults so the poller tries again later. */
  async deliver(job: Job): Promise<void> {
    this.pendingEdit.get(job.id)?.abort();
    this.pendingEdit.delete(job.id);
    // A progress edit still on its way would land after the final card and undo it.
    await this.redraws.settle(job.id);
    await this.refreshStatus(job).catch((error: unknown) =>
      this.options.logger.warn({ err: error, jobId: job.id }, 'final status edit failed'),
    );
    this.lastEdit.delete(job.id);

    // Posted before a crash: never post it again (what follows a delivery listens to `job.delivered`).
    if (job.finalMessageId && job.finalChannelId) return;
    if (job.takeGroup !== null) {
      await this.deliverTakes(job, job.takeGroup);
      return;
    }
    const copy = await this.copyOf(job);
    if (job.state !== 'succeeded' || !job.resultUrl) {
      await this.postFinal(job, { kind: 'notice', text: copy.finalFailureText(job) }, copy);
      return;
    }
    const limit = await this.options.uploadLimitFor(job.guildId);
    const { fitter } = this.options;
    let file: { path: string; bytes: number; temporary: boolean };
    try {
      file = await this.options.cache.obtain(job.id, job.resultUrl, {
        // With a fitter, anything the bot may download is brought under the limit afterwards.
        maxBytes: fitter ? this.options.download.maxBytes : Math.min(limit, this.options.download.maxBytes),
        timeoutMs: this.options.download.timeoutMs,
        allowedOrigins: this.options.download.allowedOrigins,
      });
    } catch (error) {
      if (error instanceof DownloadError && error.kind === 'too_large') {
        const lead = tooLargeLead(copy, job.userId, { bytes: error.bytes, limitBytes: limit });
        await this.postFinal(job, { kind: 'link', lead, url: job.resultUrl }, copy);
        return;
      }
      // A link that is gone stays gone, and one that is not a video stays so (the poller checks
      // before the job ends, so this is a link that changed since); a flaky CDN gets a few more tries.
      const final =
        error instanceof DownloadError &&
        (error.kind === 'expired' || error.kind === 'bad_url' || error.kind === 'not_video' || job.deliveryAttempts + 1 >= FETCH_ATTEMPTS);
      if (error instanceof DownloadError && final) {
        this.options.logger.warn({ jobId: job.id, kind: error.kind, where: error.where }, 'video could not be fetched');
        await this.postFinal(job, { kind: 'notice', text: cannotFetchText(copy, job.userId, error.kind) }, copy);
        return;
      }
      throw error;
    }
    const temporaries = new Set(file.temporary ? [file.path] : []);
    try {
      // An extension delivers its parent's video and itself as one, fitted as any video is.
      let extended: { seconds: number } | undefined;
      if (job.kind === 'extend' && this.options.extensions && !(await this.removed(job.id))) {
        const joined = await this.options.extensions.join(job, file);
        if (joined.kind === 'joined') {
          file = { path: joined.path, bytes: joined.bytes, temporary: joined.temporary };
          if (joined.temporary) temporaries.add(joined.path);
          extended = { seconds: joined.seconds };
        } else {
          this.options.logger.warn({ jobId: job.id, reason: joined.reason }, 'extension delivered without its parent');
        }
      }
      let fit: UploadFit = { kind: 'fits', ...file };
      if (fitter && !(await this.removed(job.id))) {
        fit = await fitter.forUpload(job.id, file, limit);
        if (fit.kind === 'fitted' && fit.temporary) temporaries.add(fit.path);
      }
      if (fit.kind === 'cannot_fit') {
        this.options.logger.info(
          { jobId: job.id, bytes: file.bytes, limit, reason: fit.reason },
          'video cannot be fitted under the upload limit',
        );
        const lead = tooLargeLead(copy, job.userId, { bytes: file.bytes, limitBytes: limit });
        await this.postFinal(job, { kind: 'link', lead, url: job.resultUrl }, copy);
        return;
      }
      const picture = await pictureThumbnail(job, this.options.imageLinks);
      // The download (and an encode) can take a while, and Delete is live on the card meanwhile.
      if (await this.removed(job.id)) {
        await this.options.cache.remove(job.id).catch(() => {});
        this.options.logger.info({ jobId: job.id }, 'video was deleted while it was fetched; posting nothing');
        return;
      }
      const fileName = `video-${job.id}.mp4`;
      const fitted =
        fit.kind === 'fitted'
          ? { lead: fittedLead(copy, fit.fromBytes, fit.bytes, linkExpiry(job.resultUrl)), url: job.resultUrl }
          : undefined;
      const lead = extended ? copy.t('delivery.extended', { seconds: copy.number(Math.round(extended.seconds * 10) / 10) }) : undefined;
      const posted = await this.postFinal(
        job,
        { kind: 'video', fileName, ...(fitted ? { fitted } : {}), ...(lead ? { lead } : {}) },
        copy,
        {
          picture: picture?.url,
          diskFiles: [{ name: fileName, path: fit.path, contentType: 'video/mp4' }],
        },
      );
      if (posted) this.options.logger.info({ jobId: job.id, bytes: fit.bytes, fitted: fit.kind === 'fitted' }, 'video delivered');
    } finally {
      for (const path of temporaries) await rm(path, { force: true });
    }
  }

  /**
   * A take's ending. Its own card shows it; the thread's one final card waits for the last take
   * of the group to end, and whichever delivery sees them all ended posts it. Two processes that
   * both see that post with the group's nonce, so Discord keeps one message, and each take records
   * it as its final message (its buttons on the card are redrawn through it, as any final card's).
   */
  private async deliverTakes(job: Job, group: string): Promise<void> {
    const takes = await this.options.store.takesOf(group);
    if (takes.some((take) => !isTerminal(take.state))) {
      this.options.logger.info({ jobId: job.id }, 'take ended; its card waits for the other takes');
      return;
    }
    const live = takes.filter((take) => take.deletedAt === null);
    const [home] = takes;
    if (!home || live.length === 0) return;
    const copy = await this.copyOf(job);
    const limit = await this.options.uploadLimitFor(job.guildId);
    // Every take's file travels in one message, so each gets its share of the message's limit.
    const perFile = Math.min(limit, Math.floor(MESSAGE_UPLOAD_MAX / live.length));
    const temporaries = new Set<string>();
    try {
      const onCard: TakeOnCard[] = [];
      const diskFiles: NonNullable<OutgoingMessage['diskFiles']> = [];
      for (const take of live) {
        const flags = (await this.options.renderFlags?.(take)) ?? {};
        const outcome = await this.takeFile(take, copy, perFile, temporaries, job.deliveryAttempts);
        if (outcome.kind === 'file') {
          const fileName = `video-${take.id}.mp4`;
          diskFiles.push({ name: fileName, path: outcome.path, contentType: 'video/mp4' });
          onCard.push({ job: take, outcome: { kind: 'video', fileName }, flags });
        } else {
          onCard.push({ job: take, outcome: { kind: 'none', reason: outcome.reason }, flags });
        }
      }
      const message: OutgoingMessage = {
        flags: COMPONENTS_V2.flag,
        components: renderTakesCard(onCard, copy),
        nonce: messageNonce('takes', group),
        mentionUsers: [job.userId],
        ...(diskFiles.length ? { diskFiles } : {}),
      };
      const targets = home.threadId ? [home.threadId, home.channelId] : [home.channelId];
      for (const channelId of targets) {
        try {
          const posted = await this.options.poster.post(channelId, message);
          // This take last: a crash between the records leaves its delivery to be tried again,
          // which posts under the same nonce (Discord returns the card) and records the rest.
          const ordered = [...live.filter((take) => take.id !== job.id), ...live.filter((take) => take.id === job.id)];
          for (const take of ordered) await this.options.jobs.recordFinal(take, { channelId, messageId: posted.id });
          this.options.logger.info({ jobId: job.id, takes: live.length, videos: diskFiles.length }, 'takes delivered');
          return;
        } catch (error) {
          const code = discordErrorCode(error);
          if (code === DiscordCodes.UnknownChannel || code === DiscordCodes.MissingAccess || code === DiscordCodes.MissingPermissions) {
            this.options.logger.warn({ jobId: job.id, channelId, code }, 'cannot post the takes card there');
            continue;
          }
          throw error;
        }
      }
      this.options.logger.error({ jobId: job.id }, 'no channel left to post the takes card in');
    } finally {
      for (const path of temporaries) await rm(path, { force: true });
    }
  }

  /**
   * One take's video for the takes card, fitted under its share of the upload, or why it has
   * none. Throws on a passing fault so the poller tries the delivery again.
   */
  private async takeFile(
    take: Job,
    copy: Copy,
    limit: number,
    temporaries: Set<string>,
    /** The delivery's tries so far: the last take's, which is the one the poller tries again. */
    attempts: number,
  ): Promise<{ kind: 'file'; path: string } | { kind: 'none'; reason: string }> {
    if (take.state !== 'succeeded' || !take.resultUrl) return { kind: 'none', reason: copy.finalFailureText(take) };
    const { fitter } = this.options;
    let file: { path: string; bytes: number; temporary: boolean };
    try {
      file = await this.options.cache.obtain(take.id, take.resultUrl, {
        maxBytes: fitter ? this.options.download.maxBytes : Math.min(limit, this.options.download.maxBytes),
        timeoutMs: this.options.download.timeoutMs,
        allowedOrigins: this.options.download.allowedOrigins,
      });
    } catch (error) {
      if (error instanceof DownloadError && error.kind === 'too_large') {
        return { kind: 'none', reason: `${tooLargeLead(copy, take.userId, { bytes: error.bytes, limitBytes: limit })} ${take.resultUrl}` };
      }
      const final =
        error instanceof DownloadError &&
        (error.kind === 'expired' || error.kind === 'bad_url' || error.kind === 'not_video' || attempts + 1 >= FETCH_ATTEMPTS);
      if (error instanceof DownloadError && final) return { kind: 'none', reason: cannotFetchText(copy, take.userId, error.kind) };
      throw error;
    }
    if (file.temporary) temporaries.add(file.path);
    if (!fitter) return { kind: 'file', path: file.path };
    const fit = await fitter.forUpload(take.id, file, limit);
    if (fit.kind === 'cannot_fit') {
      return { kind: 'none', reason: `${tooLargeLead(copy, take.userId, { bytes: file.bytes, limitBytes: limit })} ${take.resultUrl}` };
    }
    if (fit.kind === 'fitted' && fit.temporary) temporaries.add(fit.path);
    return { kind: 'file', path: fit.path };
  }

  /**
   * Takes a deleted take off its group's card: its video, its file and its buttons go, the other
   * takes stay; once every take is deleted, the card goes. True when nothing of the take is left.
   */
  async removeTake(job: Job): Promise<boolean> {
    const { poster } = this.options;
    const channelId = job.finalChannelId;
    const messageId = job.finalMessageId;
    if (job.takeGroup === null || !channelId || !messageId) return true;
    try {
      const takes = await this.options.store.takesOf(job.takeGroup);
      if (takes.every((take) => take.deletedAt !== null)) {
        await poster.delete(channelId, messageId);
        return true;
      }
      const posted = await poster.fetchMessage(channelId, messageId);
      const fileName = `video-${job.id}.mp4`;
      const kept = posted.attachments.filter((attachment) => attachment.filename !== fileName);
      const redrawn = withButtons(posted, job.id, []);
      if (!redrawn) return false;
      await poster.edit(channelId, messageId, {
        flags: COMPONENTS_V2.flag,
        components: withoutTakeVideo(redrawn, fileName),
        mentionUsers: [job.userId],
        keepAttachments: kept.map((attachment) => attachment.id),
      });
      return true;
    } catch (error) {
      const code = discordErrorCode(error);
      if (code === DiscordCodes.UnknownMessage || code === DiscordCodes.UnknownChannel) return true;
      this.options.logger.warn({ err: error, jobId: job.id, channelId }, 'could not take a deleted take off its card');
      return false;
    }
  }

  /** Deleted by its maker or a moderator: nothing of it may be posted any more. */
  private async removed(jobId: string): Promise<boolean> {
    return ((await this.options.store.get(jobId))?.deletedAt ?? null) !== null;
  }

  /**
   * Records where the final message went. A delete that landed while it was being posted read
   * no message to remove, so the message is taken back here; undefined means nothing is left.
   */
  private async recordFinal(job: Job, channelId: string, messageId: string): Promise<{ channelId: string; messageId: string } | undefined> {
    await this.options.jobs.recordFinal(job, { channelId, messageId });
    if (!(await this.removed(job.id))) return { channelId, messageId };
    this.options.logger.info({ jobId: job.id }, 'video was deleted while its final message was posted; removing it');
    await this.options.poster.delete(channelId, messageId).catch((error: unknown) => {
      if (discordErrorCode(error) === DiscordCodes.UnknownMessage) return;
      this.options.logger.warn({ err: error, jobId: job.id, channelId }, 'could not remove the final message of a deleted video');
    });
    await this.options.cache.remove(job.id).catch(() => {});
    return undefined;
  }

  /**
   * Posts in the job's thread, falling back to its channel when the thread is gone or closed.
   * Returns undefined when nothing was left posted: nowhere to post (the channel was deleted), or
   * the video was deleted before or while it was posted.
   */
  private async postFinal(
    job: Job,
    outcome: CardOutcome,
    copy: Copy,
    upload: { diskFiles?: OutgoingMessage['diskFiles']; picture?: string | undefined } = {},
  ): Promise<{ channelId: string; messageId: string } | undefined> {
    if (await this.removed(job.id)) return undefined;
    const flags = (await this.options.renderFlags?.(job)) ?? {};
    const message: Omit<OutgoingMessage, 'nonce' | 'mentionUsers'> = {
      flags: COMPONENTS_V2.flag,
      components: renderFinalCard(job, this.options.clock.now(), outcome, copy, flags, upload.picture),
      ...(upload.diskFiles ? { diskFiles: upload.diskFiles } : {}),
    };
    // Only the requester is pinged: a prompt's mentions are shown, never notified.
    const full: OutgoingMessage = { ...message, nonce: finalNonce(job.id), mentionUsers: [job.userId] };
    const targets = job.threadId ? [job.threadId, job.channelId] : [job.channelId];
    for (const [index, channelId] of targets.entries()) {
      // A fallback comes after a failed try, and Delete is live meanwhile.
      if (index > 0 && (await this.removed(job.id))) return undefined;
      const inPlace = channelId === job.channelId && job.statusMessageId ? { replyTo: job.statusMessageId } : {};
      try {
        const posted = await this.options.poster.post(channelId, { ...full, ...inPlace });
        return await this.recordFinal(job, channelId, posted.id);
      } catch (error) {
        const code = discordErrorCode(error);
        if (code === DiscordCodes.ThreadArchived && channelId === job.threadId) {
          try {
            await this.options.poster.unarchive(channelId);
            if (await this.removed(job.id)) return undefined;
            const posted = await this.options.poster.post(channelId, full);
            return await this.recordFinal(job, channelId, posted.id);
          } catch (retryError) {
            this.options.logger.warn({ err: retryError, jobId: job.id }, 'thread is archived; posting in the channel');
            continue;
          }
        }
        if (code === DiscordCodes.RequestEntityTooLarge && message.diskFiles) {
          // The server's limit is lower than we were told: fall back to the link.
          return this.postFinal(job, { kind: 'link', lead: tooLargeLead(copy, job.userId), url: job.resultUrl ?? '' }, copy, {
            picture: upload.picture,
          });
        }
        if (code === DiscordCodes.UnknownChannel || code === DiscordCodes.MissingAccess || code === DiscordCodes.MissingPermissions) {
          this.options.logger.warn({ jobId: job.id, channelId, code }, 'cannot post the final message there');
          continue;
        }
        throw error;
      }
    }
    if (message.diskFiles?.length) {
      // Refused everywhere with a file (no Attach Files permission, say): the link still reaches the member.
      return this.postFinal(
        job,
        { kind: 'link', lead: copy.t('delivery.noUpload', { member: mention(job.userId) }), url: job.resultUrl ?? '' },
        copy,
        {
          picture: upload.picture,
        },
      );
    }
    this.options.logger.error({ jobId: job.id }, 'no channel left to post the final message in');
    return undefined;
  }
}
