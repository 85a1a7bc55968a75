// Receivers' addresses. The check runs when an endpoint is saved (a clear error for the admin) and again
// inside every request's own DNS lookup, so a name that later resolves to a private address (DNS
// rebinding) is refused at connect time rather than trusted from the first answer.
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';

const PRIVATE = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) PRIVATE.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8], ['64:ff9b::', 96]] as const) {
  PRIVATE.addSubnet(network, prefix, 'ipv6');
}

/** Loopback, private, link-local, carrier-grade NAT, multicast or reserved (IPv4-mapped IPv6 as its IPv4). */
export function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return PRIVATE.check(mapped[1]!, 'ipv4');
  return PRIVATE.check(address, isIP(address) === 6 ? 'ipv6' : 'ipv4');
}

export type UrlProblem = string;

/** Why the URL may not receive events, or null. Resolves the host (every address it has must be public). */
export async function urlProblem(raw: string, allowPrivate: boolean): Promise<UrlProblem | null> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'not a valid URL';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'only http and https URLs are accepted';
  if (url.username || url.password) return 'credentials in the URL are not accepted';
  if (raw.length > 2000) return 'at most 2000 characters';
  if (allowPrivate) return null;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const addresses = isIP(host) ? [host] : await resolveAll(host);
  if (addresses === null || addresses.length === 0) return `the host ${host} does not resolve`;
  if (addresses.some(isPrivateAddress)) return 'loopback, private and link-local addresses are refused (WEBHOOK_ALLOW_PRIVATE_URLS)';
  return null;
}

function resolveAll(host: string): Promise<string[] | null> {
  return new Promise((resolve) => dnsLookup(host, { all: true }, (error, found: LookupAddress[]) => resolve(error ? null : found.map((a) => a.address))));
}

/** A `lookup` for http.request that fails the connection when the host resolves to a private address. */
export function publicOnlyLookup(allowPrivate: boolean): LookupFunction | undefined {
  if (allowPrivate) return undefined;
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, found: LookupAddress[]) => {
      if (error) return callback(error, '', 0);
      const refused = found.find((entry) => isPrivateAddress(entry.address));
      if (refused) return callback(Object.assign(new Error('the receiver resolves to a private address'), { code: 'EPRIVATEADDRESS' }), '', 0);
      if ((options as { all?: boolean }).all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, found);
      callback(null, found[0]!.address, found[0]!.family);
    });
  };
}
