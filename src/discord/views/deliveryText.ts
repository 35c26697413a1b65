/** The leads of a final message whose video could not simply be uploaded: too large, fitted, or not fetched. */
import type { DownloadErrorKind } from '../../media/download.js';
import type { Copy } from '../copy.js';
import { formatMibIn, type PlainMessageKey } from '../i18n/translate.js';
import { mention } from '../markup.js';

const FETCH_PROBLEMS: Readonly<Record<DownloadErrorKind, PlainMessageKey>> = {
  bad_url: 'fetch.badUrl',
  not_video: 'fetch.notVideo',
  not_image: 'fetch.notImage',
  too_large: 'fetch.tooLarge',
  expired: 'fetch.expired',
  http_error: 'fetch.httpError',
  timeout: 'fetch.timeout',
  network: 'fetch.network',
};

/** The lead of a final message whose video is too large to upload, with the sizes when known. */
export function tooLargeLead({ t, language }: Copy, userId: string, sizes?: { bytes?: number | undefined; limitBytes: number }): string {
  if (!sizes) return t('delivery.tooLarge', { member: mention(userId) });
  return t('delivery.tooLargeSized', {
    member: mention(userId),
    size: sizes.bytes ? t('delivery.tooLargeSize', { size: formatMibIn(language, sizes.bytes) }) : '',
    limit: formatMibIn(language, sizes.limitBytes),
  });
}

/** The note on a video re-encoded to fit, before the provider's full-quality link. */
export function fittedLead({ t, language }: Copy, fromBytes: number, toBytes: number, expiresAt: number | undefined): string {
  return t('delivery.fitted', {
    from: formatMibIn(language, fromBytes),
    to: formatMibIn(language, toBytes),
    // Discord shows a timestamp in each reader's own time and language.
    expiry: expiresAt === undefined ? t('delivery.expiresUnknown') : `<t:${Math.floor(expiresAt / 1000)}:R>`,
  });
}

/** The final message of a video that was made but could not be fetched. */
export function cannotFetchText({ t }: Copy, userId: string, kind: DownloadErrorKind): string {
  return t('delivery.cannotFetch', { member: mention(userId), problem: t(FETCH_PROBLEMS[kind]) });
}
