/**
 * Where the bot may fetch a result from. The provider names the link, so a link to the bot's own
 * network (a cloud metadata service, a database, an admin page) would otherwise be fetched from
 * inside it and its answer uploaded to Discord. Only public addresses pass, and the address is
 * checked as resolved, at connect time, so a name that resolves somewhere private is refused too.
 */
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';

const V4_BLOCKED = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // carrier-grade NAT; also where one cloud keeps its metadata service
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local: the usual cloud metadata address 169.254.169.254
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments (another cloud's metadata address)
  ['192.0.2.0', 24], // documentation
  ['192.88.99.0', 24], // 6to4 relay anycast
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, and broadcast
] as const) {
  V4_BLOCKED.addSubnet(network, prefix, 'ipv4');
}

const V6_BLOCKED = new BlockList();
for (const [network, prefix] of [
  ['::', 96], // unspecified, loopback and the old IPv4-compatible form
  ['100::', 64], // discard
  ['2001:db8::', 32], // documentation
  ['fc00::', 7], // unique local (one cloud's metadata service is fd00:ec2::254)
  ['fe80::', 10], // link-local
  ['fec0::', 10], // old site-local
  ['ff00::', 8], // multicast
] as const) {
  V6_BLOCKED.addSubnet(network, prefix, 'ipv6');
}

/** The eight 16-bit groups of an IPv6 address, or undefined when it is not one. */
function ipv6Groups(address: string): number[] | undefined {
  let canonical: string;
  try {
    // The URL parser writes the address in one canonical form: lower-case hex, no dotted tail.
    canonical = new URL(`http://[${address.replace(/%.*$/, '')}]/`).hostname.slice(1, -1);
  } catch {
    return undefined;
  }
  const [head = '', tail] = canonical.split('::');
  const front = head ? head.split(':') : [];
  const back = tail ? tail.split(':') : [];
  const zeros = tail === undefined ? 0 : 8 - front.length - back.length;
  const groups = [...front, ...Array<string>(zeros).fill('0'), ...back].map((g) => Number.parseInt(g, 16));
  return groups.length === 8 && groups.every((g) => Number.isInteger(g)) ? groups : undefined;
}

/** The IPv4 address an IPv6 one stands for (IPv4-mapped, or the well-known NAT64 prefix). */
function embeddedIpv4(groups: readonly number[]): string | undefined {
  const [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0, g = 0, h = 0] = groups;
  const mapped = a === 0 && b === 0 && c === 0 && d === 0 && e === 0 && f === 0xffff;
  const nat64 = a === 0x64 && b === 0xff9b && c === 0 && d === 0 && e === 0 && f === 0;
  return mapped || nat64 ? `${g >> 8}.${g & 0xff}.${h >> 8}.${h & 0xff}` : undefined;
}

/** True for an address on the public internet; false for loopback, private, link-local, metadata and the like. */
export function isPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return !V4_BLOCKED.check(address, 'ipv4');
  if (family !== 6) return false;
  const groups = ipv6Groups(address);
  if (!groups) return false;
  const v4 = embeddedIpv4(groups);
  if (v4 !== undefined) return !V4_BLOCKED.check(v4, 'ipv4');
  return !V6_BLOCKED.check(address.replace(/%.*$/, ''), 'ipv6');
}

/** The code of the error a refused address fails the connection with. */
export const FORBIDDEN_ADDRESS = 'ERR_FORBIDDEN_ADDRESS';

export function forbiddenAddressError(host: string, address?: string): NodeJS.ErrnoException {
  const error: NodeJS.ErrnoException = new Error(
    address === undefined ? `${host} has no address` : `${host} resolves to ${address}, which is not a public address`,
  );
  error.code = FORBIDDEN_ADDRESS;
  return error;
}

/**
 * A DNS lookup for sockets that fails unless every address the name resolves to is public. The
 * socket connects to the address checked here (no second lookup a rebinding name could change).
 */
export const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  const all: LookupOptions & { all: true } = { ...options, all: true };
  dnsLookup(hostname, all, (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => {
    if (error) {
      callback(error, '', 0);
      return;
    }
    const refused = addresses.find((a) => !isPublicAddress(a.address));
    const first = addresses[0];
    if (refused || !first) {
      callback(forbiddenAddressError(hostname, refused?.address), '', 0);
      return;
    }
    if (options.all) callback(null, addresses);
    else callback(null, first.address, first.family);
  });
};
