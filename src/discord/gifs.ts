/**
 * The GIF button's work: a GIF of a finished video, under the server's upload limit, posted in
 * the job's thread (or its channel when the thread is gone) for places that do not play video.
 */
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import type { Logger } from 'pino';
import type { Language } from '../community/languages.js';
import type { Job } from '../jobs/job.js';
import type { MediaCache } from '../media/cache.js';
import { FfmpegFailed, FfmpegMissing, type FfmpegRunner, FfmpegTimeout } from '../media/ffmpeg.js';
import { makeGif } from '../media/gif.js';
import { type ChannelPoster, DiscordCodes, discordErrorCode } from './channelPoster.js';
import { copyFor } from './copy.js';
import { mention } from './markup.js';
import { messageNonce } from './nonces.js';
import type { GifProblem } from './problemText.js';

export interface GifsOptions {
  runner: FfmpegRunner;
  cache: MediaCache;
  poster: Pick<ChannelPoster, 'post' | 'unarchive'>;
  download: { maxBytes: number; timeoutMs: number; allowedOrigins: readonly string[] };
  uploadLimitFor: (guildId: string) => Promise<number>;
  logger: Logger;
  /** The language of the server's public messages. */
  languageFor: (guildId: string) => Promise<Language>;
}

export type GifPostResult = { ok: true; channelId: string; messageId: string } | { ok: false; problem: GifProblem };

export class Gifs {
  constructor(private readonly options: GifsOptions) {}

  /** The video on disk: the cached (possibly fitted) file, else fetched while the provider's link lasts. */
  private videoOf(job: Job): Promise<{ path: string; temporary: boolean } | undefined> {
    return this.options.cache.videoFile(job.id, job.resultUrl, this.options.download);
  }

  /** Makes the GIF and posts it; `requestedBy` is named (not pinged) on the post. */
  async post(job: Job, requestedBy: string): Promise<GifPostResult> {
    if (job.state !== 'succeeded' || job.deletedAt !== null) return { ok: false, problem: { kind: 'not_finished' } };
    const video = await this.videoOf(job);
    if (!video) return { ok: false, problem: { kind: 'file_gone' } };
    const limit = await this.options.uploadLimitFor(job.guildId);
    // Named as the cache's temporary files are, so one a kill leaves behind is cleared at start.
    const gif = `${this.options.cache.pathFor(job.id)}.${randomBytes(4).toString('hex')}.gif.tmp`;
    try {
      let made: Awaited<ReturnType<typeof makeGif>>;
      try {
        made = await makeGif(this.options.runner, video.path, gif, limit);
      } catch (error) {
        if (error instanceof FfmpegFailed || error instanceof FfmpegTimeout || error instanceof FfmpegMissing) {
          this.options.logger.warn({ err: error, jobId: job.id }, 'could not make a GIF of the video');
          return { ok: false, problem: { kind: 'failed' } };
        }
        throw error;
      }
      if (made.kind === 'too_large') return { ok: false, problem: { kind: 'too_large', limitBytes: limit } };
      const copy = copyFor(await this.options.languageFor(job.guildId));
      const message = {
        content: copy.t('gif.caption', { member: mention(requestedBy) }),
        // A resend after a lost answer returns the first GIF rather than posting a second.
        nonce: messageNonce('gif', job.id),
        // Named, never pinged: the member asked for it and is reading the answer.
        mentionUsers: [],
        diskFiles: [{ name: `video-${job.id}.gif`, path: gif, contentType: 'image/gif' }],
      };
      for (const channelId of job.threadId ? [job.threadId, job.channelId] : [job.channelId]) {
        try {
          const posted = await this.options.poster.post(channelId, message);
          this.options.logger.info({ jobId: job.id, channelId, bytes: made.bytes, width: made.width }, 'GIF posted');
          return { ok: true, channelId, messageId: posted.id };
        } catch (error) {
          const code = discordErrorCode(error);
          if (code === DiscordCodes.ThreadArchived && channelId === job.threadId) {
            try {
              await this.options.poster.unarchive(channelId);
              const posted = await this.options.poster.post(channelId, message);
              return { ok: true, channelId, messageId: posted.id };
            } catch {
              continue;
            }
          }
          if (code === DiscordCodes.UnknownChannel || code === DiscordCodes.MissingAccess || code === DiscordCodes.MissingPermissions)
            continue;
          if (code === DiscordCodes.RequestEntityTooLarge) return { ok: false, problem: { kind: 'too_large', limitBytes: limit } };
          throw error;
        }
      }
      return { ok: false, problem: { kind: 'cannot_post' } };
    } finally {
      await rm(gif, { force: true });
      if (video.temporary) await rm(video.path, { force: true });
    }
  }
}
