/**
 * Showcase posts and deletions. Discord's attachment links and the provider's links both expire,
 * so a showcase post re-uploads the file (from the local cache, or fetched from the provider
 * while its link is still valid); it never reposts a CDN URL.
 */

import { rm } from 'node:fs/promises';
import type { Logger } from 'pino';
import type { GuildSettingsStore } from '../community/guildSettings.js';
import type { Language } from '../community/languages.js';
import type { ShowcaseStore } from '../community/showcaseStore.js';
import type { Clock } from '../jobs/clock.js';
import type { Job } from '../jobs/job.js';
import { canDelete } from '../jobs/jobState.js';
import type { JobStore } from '../jobs/jobStore.js';
import type { ImageLinkRenewer } from '../jobs/provider.js';
import type { MediaCache } from '../media/cache.js';
import { DownloadError } from '../media/download.js';
import { type ChannelPoster, DiscordCodes, discordErrorCode } from './channelPoster.js';
import { type Copy, copyFor } from './copy.js';
import { COMPONENTS_V2 } from './discordLimits.js';
import type { JobMessages } from './jobMessages.js';
import { messageNonce } from './nonces.js';
import type { ShareProblem } from './problemText.js';
import { pictureThumbnail } from './sourceImages.js';
import { renderShowcaseCard } from './views/jobCard.js';

export interface ShowcaseOptions {
  store: JobStore;
  showcases: ShowcaseStore;
  settings: GuildSettingsStore;
  poster: Pick<ChannelPoster, 'post' | 'delete' | 'unarchive' | 'rename'>;
  cache: MediaCache;
  /** Redraws a job's status card after a share or a delete. */
  messages: Pick<JobMessages, 'refreshStatus' | 'removeTake'>;
  download: { timeoutMs: number; allowedOrigins: readonly string[] };
  uploadLimitFor: (guildId: string) => Promise<number>;
  clock: Clock;
  logger: Logger;
  /** The language of the server's public messages. */
  languageFor: (guildId: string) => Promise<Language>;
  /** Renews the link to a job's picture for the post's thumbnail. @defaultValue links as recorded */
  imageLinks?: ImageLinkRenewer;
}

export type ShareResult = { ok: true; channelId: string; messageId: string; already: boolean } | { ok: false; problem: ShareProblem };

const DELETED_MEANWHILE = { ok: false, problem: { kind: 'deleted_meanwhile' } } as const;

/** What taking a deleted video down managed to remove. */
export interface TakeDownResult {
  finalGone: boolean;
  postGone: boolean;
  /** Whether the video had a showcase post at all, so the answer names only what was there. */
  hadPost: boolean;
}

export class Showcase {
  constructor(private readonly options: ShowcaseOptions) {}

  private async copyOf(guildId: string): Promise<Copy> {
    return copyFor(await this.options.languageFor(guildId));
  }

  private async deleted(jobId: string): Promise<boolean> {
    return ((await this.options.store.get(jobId))?.deletedAt ?? null) !== null;
  }

  /** Posts the job's video to the server's showcase channel, once however often it is asked. */
  async share(job: Job, sharedBy: string): Promise<ShareResult> {
    const { showcases, settings, poster, logger } = this.options;
    const channelId = (await settings.get(job.guildId)).showcaseChannelId;
    if (!channelId) return { ok: false, problem: { kind: 'no_showcase' } };
    if (!canDelete(job.state) || job.deletedAt !== null) return { ok: false, problem: { kind: 'not_finished' } };
    if (!(await showcases.claim(job.id, job.guildId, channelId, sharedBy))) {
      const existing = await showcases.get(job.id);
      return existing?.messageId
        ? { ok: true, channelId: existing.channelId, messageId: existing.messageId, already: true }
        : { ok: false, problem: { kind: 'in_progress' } };
    }
    let temporary: string | undefined;
    try {
      const file = await this.videoFile(job);
      if ('problem' in file) {
        await showcases.release(job.id);
        return { ok: false, problem: file.problem };
      }
      if (file.temporary) temporary = file.path;
      const copy = await this.copyOf(job.guildId);
      const picture = await pictureThumbnail(job, this.options.imageLinks);
      // The fetch and the link renewal can take a while, and Delete is live meanwhile.
      if (await this.deleted(job.id)) {
        await showcases.release(job.id);
        return DELETED_MEANWHILE;
      }
      const fileName = `video-${job.id}.mp4`;
      const posted = await poster.post(channelId, {
        flags: COMPONENTS_V2.flag,
        components: renderShowcaseCard(job, this.options.clock.now(), fileName, copy, picture?.url),
        nonce: messageNonce('showcase', job.id),
        diskFiles: [{ name: fileName, path: file.path, contentType: 'video/mp4' }],
      });
      // A delete that ran while this was posting saw no message and removed the claim (then the
      // message id has no row to go to), or marked the job just now: either way, take the post back.
      // When both sides see the post, both delete it; the second finds it gone.
      if (!(await showcases.setMessage(job.id, posted.id)) || (await this.deleted(job.id))) {
        await poster.delete(channelId, posted.id).catch((error: unknown) => {
          if (discordErrorCode(error) !== DiscordCodes.UnknownMessage) {
            logger.warn({ err: error, jobId: job.id, channelId }, 'could not take back the showcase post of a deleted video');
          }
        });
        await showcases.remove(job.id);
        logger.info({ jobId: job.id, channelId }, 'video was deleted while it was shared; post taken back');
        return DELETED_MEANWHILE;
      }
      logger.info({ jobId: job.id, channelId, sharedBy }, 'shared to showcase');
      await this.options.messages.refreshStatus(await this.options.store.require(job.id)).catch(() => {});
      return { ok: true, channelId, messageId: posted.id, already: false };
    } catch (error) {
      await showcases.release(job.id);
      const code = discordErrorCode(error);
      if (code === DiscordCodes.MissingAccess || code === DiscordCodes.MissingPermissions || code === DiscordCodes.UnknownChannel) {
        return { ok: false, problem: { kind: 'cannot_post', channelId } };
      }
      if (code === DiscordCodes.RequestEntityTooLarge) {
        return { ok: false, problem: { kind: 'too_large' } };
      }
      throw error;
    } finally {
      if (temporary) await rm(temporary, { force: true });
    }
  }

  /**
   * The video's file: from the cache, else fetched while the provider's link is valid. A file the
   * cache cannot keep is fetched to a temporary path that the caller removes.
   */
  private async videoFile(job: Job): Promise<{ path: string; temporary: boolean } | { problem: ShareProblem }> {
    if (!job.resultUrl) {
      const cached = await this.options.cache.get(job.id);
      return cached ? { path: cached, temporary: false } : { problem: { kind: 'file_gone' } };
    }
    const limit = await this.options.uploadLimitFor(job.guildId);
    try {
      const { timeoutMs, allowedOrigins } = this.options.download;
      return await this.options.cache.obtain(job.id, job.resultUrl, { maxBytes: limit, timeoutMs, allowedOrigins });
    } catch (error) {
      if (!(error instanceof DownloadError)) throw error;
      this.options.logger.info({ jobId: job.id, kind: error.kind }, 'cannot fetch the video for the showcase');
      return { problem: error.kind === 'too_large' ? { kind: 'too_large', limitBytes: limit } : { kind: 'file_gone' } };
    }
  }

  /** With auto-share on, every finished video goes to the showcase once. */
  async autoShare(job: Job): Promise<void> {
    if (!(await this.options.settings.get(job.guildId)).autoShare) return;
    const result = await this.share(await this.options.store.require(job.id), 'auto');
    if (!result.ok) this.options.logger.warn({ jobId: job.id, reason: result.problem.kind }, 'auto-share skipped');
  }

  /**
   * Removes what a deleted video left on Discord (its final message, its showcase post, its cached
   * file). `marked` is the row as the service marked it, so a final message posted since the
   * click goes too.
   */
  async takeDown(marked: Job): Promise<TakeDownResult> {
    const { poster, showcases, logger } = this.options;
    const job = marked;
    /** True when the message is gone (or never was); threads archive after a day, so reopen first. */
    const gone = async (channelId: string | null, messageId: string | null): Promise<boolean> => {
      if (!channelId || !messageId) return true;
      for (let attempt = 0; attempt < 2; attempt++) {
        try {
          await poster.delete(channelId, messageId);
          return true;
        } catch (error) {
          const code = discordErrorCode(error);
          if (code === DiscordCodes.UnknownMessage || code === DiscordCodes.UnknownChannel) return true;
          if (code === DiscordCodes.ThreadArchived && attempt === 0) {
            await poster.unarchive(channelId).catch(() => {});
            continue;
          }
          logger.warn({ err: error, jobId: job.id, channelId }, 'could not delete a message of a deleted video');
          return false;
        }
      }
      return false;
    };
    const post = await showcases.get(job.id);
    const [finalGone, postGone] = await Promise.all([
      // From the row as marked: a final message posted since the click must go too.
      // A take shares its card with the other takes: only its own part of it goes.
      marked.takeGroup === null ? gone(marked.finalChannelId, marked.finalMessageId) : this.options.messages.removeTake(marked),
      post ? gone(post.channelId, post.messageId ?? null) : Promise.resolve(true),
    ]);
    if (post && postGone) await showcases.remove(job.id);
    await this.options.cache.remove(job.id).catch(() => {});
    await this.options.messages.refreshStatus(marked).catch(() => {});
    // The thread was named after the prompt; a removed video should not keep advertising it.
    // The other takes of a request go on in the thread: it keeps its name while they do.
    if (job.threadId && job.takeGroup === null)
      await poster.rename(job.threadId, (await this.copyOf(job.guildId)).t('delete.threadName')).catch(() => {});
    logger.info({ jobId: job.id, finalGone, postGone }, 'video deleted');
    return { finalGone, postGone, hadPost: Boolean(post?.messageId) };
  }
}
