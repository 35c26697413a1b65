/**
 * The pictures a job starts from, on Discord's side: reading a member's attachment (through the
 * media address rules, its bytes checked by the caller) and keeping the bot's own copies
 * fetchable. Discord signs attachment links for about a day (`ex` is the expiry in hex seconds);
 * an expired one is renewed with `POST /attachments/refresh-urls`, which answers with fresh
 * links that need no token, so they can be handed to the provider.
 */
import { REST } from 'discord.js';
import type { Logger } from 'pino';
import type { ImageLinkRenewer } from '../jobs/provider.js';
import { type DownloadOptions, downloadImage } from '../media/download.js';

/** Renewed this long before it runs out, so the link still works when the provider fetches it. */
const RENEW_MARGIN_MS = 15 * 60_000;
/** Discord takes at most 50 links a call. */
const REFRESH_BATCH = 50;

/** When a Discord attachment link stops working; undefined for a link that carries no expiry. */
export function linkExpiresAt(link: string): number | undefined {
  try {
    const ex = new URL(link).searchParams.get('ex');
    return ex && /^[0-9a-f]{1,12}$/i.test(ex) ? Number.parseInt(ex, 16) * 1000 : undefined;
  } catch {
    return undefined;
  }
}

/** The attachment's file name, as `attachment://` references it on the message that carries it. */
export function attachmentName(link: string): string | undefined {
  try {
    const last = new URL(link).pathname.split('/').pop();
    return last ? decodeURIComponent(last) : undefined;
  } catch {
    return undefined;
  }
}

export interface SourceImagesOptions {
  rest: Pick<REST, 'post'>;
  now: () => number;
  /** Limits and allowed origins for reading pictures. */
  download: Omit<DownloadOptions, 'dispatcher'>;
  logger: Logger;
}

export class SourceImages implements ImageLinkRenewer {
  constructor(private readonly options: SourceImagesOptions) {}

  async fresh(links: readonly string[]): Promise<string[]> {
    const now = this.options.now();
    const stale = [...new Set(links.filter((link) => (linkExpiresAt(link) ?? Number.POSITIVE_INFINITY) - RENEW_MARGIN_MS <= now))];
    if (stale.length === 0) return [...links];
    const renewed = new Map<string, string>();
    for (let i = 0; i < stale.length; i += REFRESH_BATCH) {
      const batch = stale.slice(i, i + REFRESH_BATCH);
      const answer = (await this.options.rest.post('/attachments/refresh-urls', { body: { attachment_urls: batch } })) as {
        refreshed_urls?: { original?: string; refreshed?: string }[];
      };
      for (const entry of answer.refreshed_urls ?? []) {
        if (entry.original && entry.refreshed) renewed.set(entry.original, entry.refreshed);
      }
    }
    const missing = stale.filter((link) => !renewed.has(link));
    // Discord leaves out links to attachments that are gone: the job cannot be made from them.
    if (missing.length) throw new Error(`Discord renewed ${stale.length - missing.length} of ${stale.length} image links`);
    this.options.logger.debug({ renewed: renewed.size }, 'renewed image links');
    return links.map((link) => renewed.get(link) ?? link);
  }

  /** A picture's bytes, its link renewed first when it has expired. */
  async read(link: string): Promise<{ bytes: Buffer; contentType: string | undefined }> {
    const [usable] = await this.fresh([link]);
    return downloadImage(usable ?? link, this.options.download);
  }
}

/**
 * Source images on a REST client of their own: the job service renews links before a submit and
 * is made before the gateway client, and a renewal is rare enough not to need its buckets shared.
 */
export function createSourceImages(options: {
  discord: { apiBaseUrl: string; token: string };
  rest?: { retries?: number; timeout?: number };
  now: () => number;
  download: Omit<DownloadOptions, 'dispatcher'>;
  logger: Logger;
}): SourceImages {
  const rest = new REST({
    api: options.discord.apiBaseUrl,
    ...(options.rest?.retries !== undefined ? { retries: options.rest.retries } : {}),
    ...(options.rest?.timeout !== undefined ? { timeout: options.rest.timeout } : {}),
  }).setToken(options.discord.token);
  return new SourceImages({ rest, now: options.now, download: options.download, logger: options.logger });
}

/**
 * The picture a job started from, as an embed thumbnail for a message other than its card (the
 * final message, the showcase post): a link renewed now, since Discord fetches it when the
 * message is posted. Best effort: without a working link the message goes without it.
 */
export async function pictureThumbnail(
  job: { images: { start?: string } | null },
  links: ImageLinkRenewer | undefined,
): Promise<{ url: string } | undefined> {
  const start = job.images?.start;
  if (!start) return undefined;
  try {
    const [fresh] = links ? await links.fresh([start]) : [start];
    return fresh ? { url: fresh } : undefined;
  } catch {
    return undefined;
  }
}
