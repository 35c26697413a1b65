/**
 * When a pre-signed link stops working, read from its own query. The provider documents no
 * lifetime for its result links (runcomfy-api.md: "links and request records expire; the
 * provider documents no lifetime"), but the storage services that sign such links write the
 * expiry into them: S3 and S3-compatible stores (`X-Amz-Date` + `X-Amz-Expires`), Google Cloud
 * Storage (`X-Goog-Date` + `X-Goog-Expires`), CloudFront and older S3 (`Expires`, epoch
 * seconds), Azure (`se`, a date) and Discord's CDN (`ex`, hex epoch seconds).
 */

/** `20250101T000000Z` as epoch milliseconds. */
function compactDate(value: string): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  return Date.UTC(y, mo - 1, d, h, mi, s);
}

/** The moment (epoch ms) the link expires, when its query says; undefined otherwise. */
export function linkExpiry(url: string): number | undefined {
  let params: URLSearchParams;
  try {
    params = new URL(url).searchParams;
  } catch {
    return undefined;
  }
  const get = (name: string) => {
    for (const [key, value] of params) if (key.toLowerCase() === name.toLowerCase()) return value;
    return undefined;
  };
  for (const prefix of ['X-Amz', 'X-Goog']) {
    const date = get(`${prefix}-Date`);
    const expires = Number(get(`${prefix}-Expires`));
    const start = date ? compactDate(date) : undefined;
    if (start !== undefined && Number.isFinite(expires) && expires > 0) return start + expires * 1000;
  }
  const epoch = Number(get('Expires'));
  if (Number.isFinite(epoch) && epoch > 1_000_000_000) return epoch * 1000;
  const azure = get('se');
  if (azure) {
    const at = Date.parse(azure);
    if (Number.isFinite(at)) return at;
  }
  const discord = get('ex');
  if (discord && /^[0-9a-f]{6,12}$/i.test(discord)) return Number.parseInt(discord, 16) * 1000;
  return undefined;
}
