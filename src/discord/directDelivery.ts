/**
 * The copy of a finished video that a member who asked for it gets in their direct messages.
 * It runs after the final message is posted and is only a copy: the thread message is the
 * delivery that counts. A refused DM (closed DMs, Discord's 50007) is noted so the member is
 * told once, ephemerally, at their next interaction; nothing is retried.
 */
import { rm } from 'node:fs/promises';
import type { Logger } from 'pino';
import type { MemberPreferencesStore } from '../community/memberPreferences.js';
import type { Job } from '../jobs/job.js';
import type { JobStore } from '../jobs/jobStore.js';
import type { MediaCache } from '../media/cache.js';
import { type ChannelPoster, DiscordCodes, discordErrorCode } from './channelPoster.js';
import { copyFor } from './copy.js';
import { messageNonce } from './nonces.js';

export interface DirectDeliveryOptions {
  /** The event carries the row from before the final message was recorded; this reads it again. */
  store: Pick<JobStore, 'get'>;
  poster: Pick<ChannelPoster, 'openDm' | 'post' | 'delete'>;
  preferences: Pick<MemberPreferencesStore, 'get' | 'noteDmRefused'>;
  cache: Pick<MediaCache, 'obtain'>;
  download: { timeoutMs: number; allowedOrigins: readonly string[] };
  /** A DM has no server upload limit of its own; Discord's default applies. */
  maxBytes: number;
  /** The server's name as the member knows it; its id when the bot has no name for it. */
  serverName: (guildId: string) => Promise<string | undefined>;
  logger: Logger;
}

export class DirectDelivery {
  constructor(private readonly options: DirectDeliveryOptions) {}

  /** Deleted by its maker or a moderator (or gone): no copy of it may be sent any more. */
  private async removed(jobId: string): Promise<boolean> {
    const job = await this.options.store.get(jobId).catch(() => undefined);
    return job === undefined || job.deletedAt !== null;
  }

  /** Sends the copy when the member asked for one; never throws. */
  async send(delivered: Job): Promise<void> {
    const { poster, preferences, logger } = this.options;
    const job = await this.options.store.get(delivered.id).catch(() => undefined);
    if (!job) return;
    if (job.state !== 'succeeded' || !job.resultUrl || job.deletedAt !== null || !job.finalMessageId || !job.finalChannelId) return;
    const wanted = await preferences.get(job.guildId, job.userId);
    if (wanted.delivery !== 'dm') return;
    const copy = copyFor(wanted.language);
    const link = `https://discord.com/channels/${job.guildId}/${job.finalChannelId}/${job.finalMessageId}`;
    const content = copy.t('delivery.dm', {
      server: (await this.options.serverName(job.guildId).catch(() => undefined)) ?? job.guildId,
      link,
    });
    let file: { path: string; temporary: boolean } | undefined;
    try {
      const dm = await poster.openDm(job.userId);
      file = await this.options.cache
        .obtain(job.id, job.resultUrl, { maxBytes: this.options.maxBytes, ...this.options.download })
        .catch(() => undefined);
      // The download can take a while, and Delete is live on the cards meanwhile.
      if (await this.removed(job.id)) {
        logger.info({ jobId: job.id }, 'video was deleted before its DM copy went out; sending nothing');
        return;
      }
      const posted = await poster.post(dm.id, {
        content,
        nonce: messageNonce('dm', job.id),
        ...(file ? { diskFiles: [{ name: `video-${job.id}.mp4`, path: file.path, contentType: 'video/mp4' }] } : {}),
      });
      // A delete that landed while the copy was on its way did not know of it: take it back here.
      if (await this.removed(job.id)) {
        await poster.delete(dm.id, posted.id).catch((error: unknown) => {
          if (discordErrorCode(error) !== DiscordCodes.UnknownMessage) {
            logger.warn({ err: error, jobId: job.id }, 'could not take back the DM copy of a deleted video');
          }
        });
        logger.info({ jobId: job.id }, 'video was deleted while its DM copy was sent; copy taken back');
        return;
      }
      logger.info({ jobId: job.id, withFile: file !== undefined }, 'video sent to the member by DM');
    } catch (error) {
      if (discordErrorCode(error) === DiscordCodes.CannotSendToUser) {
        logger.info({ jobId: job.id, userId: job.userId }, 'the member does not take DMs; they will be told');
        await preferences.noteDmRefused(job.guildId, job.userId).catch((noteError: unknown) => {
          logger.warn({ err: noteError, jobId: job.id }, 'could not note the refused DM');
        });
        return;
      }
      logger.warn({ err: error, jobId: job.id }, 'the DM copy of a video failed');
    } finally {
      if (file?.temporary) await rm(file.path, { force: true });
    }
  }
}
