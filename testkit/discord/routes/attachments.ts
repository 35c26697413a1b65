/**
 * `POST /attachments/refresh-urls`: Discord's renewal of expired attachment links (bot token, up
 * to 50 links). Links to attachments the fake does not hold are left out of the answer.
 */
import type { FakeContext } from '../context.js';
import { DiscordHttpError } from '../errors.js';
import { ok, type Route } from '../rest.js';
import { requireObject } from '../validation.js';

const MAX_LINKS = 50;

export function attachmentRoutes(context: FakeContext): Route[] {
  return [
    {
      method: 'POST',
      pattern: '/attachments/refresh-urls',
      auth: true,
      handle: (request) => {
        const body = requireObject(request.json);
        const links = body.attachment_urls;
        if (!Array.isArray(links) || links.length === 0 || links.length > MAX_LINKS || !links.every((l) => typeof l === 'string')) {
          throw new DiscordHttpError(400, {
            code: 50035,
            message: 'Invalid Form Body',
            errors: {
              attachment_urls: { _errors: [{ code: 'BASE_TYPE_BAD_LENGTH', message: `Must be between 1 and ${MAX_LINKS} in length.` }] },
            },
          });
        }
        const refreshed: { original: string; refreshed: string }[] = [];
        for (const original of links as string[]) {
          let path: string;
          try {
            path = new URL(original).pathname;
          } catch {
            continue;
          }
          const id = /^\/attachments\/\d+\/(\d+)\//.exec(path)?.[1];
          const stored = id ? context.messages.findAttachment(id) : undefined;
          if (stored) refreshed.push({ original, refreshed: context.state.cdn?.sign(stored.url) ?? stored.url });
        }
        return ok({ refreshed_urls: refreshed });
      },
    },
  ];
}
