/**
 * Discord's attachment links, as its CDN hands them out: signed with `ex` (expiry, hex seconds),
 * `is` (issued, hex seconds) and `hm` (an HMAC over the path and both times). A link past its
 * `ex`, or with a signature that does not match, answers 404 as Discord's CDN does; fresh links
 * come with every message read and from `POST /attachments/refresh-urls`.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export type LinkCheck = 'ok' | 'expired' | 'unsigned' | 'bad_signature';

export class AttachmentCdn {
  readonly #secret = randomBytes(16);

  constructor(
    private readonly now: () => number,
    /** Discord signs for about a day. */
    private readonly lifetimeMs: number,
  ) {}

  #mac(path: string, ex: string, is: string): string {
    return createHmac('sha256', this.#secret).update(`${path}|${ex}|${is}`).digest('hex');
  }

  /** The link with a signature valid from now for the lifetime. */
  sign(link: string): string {
    const url = new URL(link);
    const issued = Math.floor(this.now() / 1000);
    const ex = Math.floor((issued * 1000 + this.lifetimeMs) / 1000).toString(16);
    const is = issued.toString(16);
    url.search = '';
    url.searchParams.set('ex', ex);
    url.searchParams.set('is', is);
    url.searchParams.set('hm', this.#mac(url.pathname, ex, is));
    return url.toString();
  }

  check(pathname: string, query: URLSearchParams): LinkCheck {
    const ex = query.get('ex');
    const is = query.get('is');
    const hm = query.get('hm');
    if (!ex || !is || !hm) return 'unsigned';
    const expected = Buffer.from(this.#mac(pathname, ex, is));
    const given = Buffer.from(hm);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return 'bad_signature';
    return Number.parseInt(ex, 16) * 1000 <= this.now() ? 'expired' : 'ok';
  }
}
