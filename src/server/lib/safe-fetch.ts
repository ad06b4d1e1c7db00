import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';

/** Why an outbound fetch was refused; the caller turns it into its own error. */
export class OutboundFetchError extends Error {
  constructor(
    readonly reason: 'forbidden_target' | 'too_large' | 'timeout' | 'unreachable' | 'bad_status' | 'too_many_redirects' | 'bad_url',
    message: string,
  ) {
    super(message);
  }
}

/**
 * Only ordinary public unicast addresses: never loopback, private (RFC 1918), carrier-grade NAT, link-local
 * (cloud metadata at 169.254.169.254), unique-local, multicast, unspecified, broadcast or reserved ranges,
 * nor an IPv4 address hidden in IPv6 (::ffff:127.0.0.1).
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  return parsed.range() === 'unicast';
}

type FetchOptions = {
  url: string;
  maxBytes: number;
  timeoutMs: number;
  maxRedirects?: number;
  /** Tests only: the loopback addresses their servers listen on. Production never sets it. */
  allowedPrivateAddresses?: readonly string[];
};

/**
 * GETs a text document from a public http(s) URL: every address the name resolves to is checked (and the
 * connection goes to a checked one, so DNS cannot change its answer in between), redirects are followed
 * by hand and re-checked, the body is streamed and cut off past `maxBytes`, and the whole exchange has
 * one deadline.
 */
export async function fetchPublicText({ url, maxBytes, timeoutMs, maxRedirects = 3, allowedPrivateAddresses = [] }: FetchOptions) {
  const isAllowed = (address: string) => isPublicAddress(address) || allowedPrivateAddresses.includes(address);
  const signal = AbortSignal.timeout(timeoutMs);
  let current = url;
  for (let hop = 0; hop <= maxRedirects; hop++) {
    const result = await getOnce({ url: current, maxBytes, signal, isAllowed });
    if (result.kind === 'body') return result.text;
    current = result.location;
  }
  throw new OutboundFetchError('too_many_redirects', `more than ${maxRedirects} redirects`);
}

function checkedLookup(isAllowed: (address: string) => boolean): LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { all: true, family: options.family }, (error, addresses) => {
      if (error) return callback(error, '', 4);
      const refused = addresses.find((a) => !isAllowed(a.address));
      if (refused || addresses.length === 0) {
        return callback(new OutboundFetchError('forbidden_target', `${hostname} resolves to a private or local address`), '', 4);
      }
      if (options.all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, addresses);
      return callback(null, addresses[0].address, addresses[0].family);
    });
  };
}

function getOnce({
  url,
  maxBytes,
  signal,
  isAllowed,
}: {
  url: string;
  maxBytes: number;
  signal: AbortSignal;
  isAllowed: (address: string) => boolean;
}): Promise<{ kind: 'body'; text: string } | { kind: 'redirect'; location: string }> {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return Promise.reject(new OutboundFetchError('bad_url', 'not a URL'));
  }
  if (target.protocol !== 'http:' && target.protocol !== 'https:') {
    return Promise.reject(new OutboundFetchError('bad_url', 'only http and https URLs'));
  }
  const host = target.hostname.replace(/^\[|\]$/g, '');
  // An address literal is not looked up: check it here.
  if (ipaddr.isValid(host) && !isAllowed(host)) {
    return Promise.reject(new OutboundFetchError('forbidden_target', `${host} is a private or local address`));
  }
  const client = target.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.get(target, { signal, lookup: checkedLookup(isAllowed), headers: { accept: 'text/calendar, */*' } }, (res) => {
      const status = res.statusCode ?? 0;
      if ([301, 302, 303, 307, 308].includes(status) && res.headers.location) {
        res.resume();
        return resolve({ kind: 'redirect', location: new URL(res.headers.location, target).toString() });
      }
      if (status < 200 || status >= 300) {
        res.resume();
        return reject(new OutboundFetchError('bad_status', `answered HTTP ${status}`));
      }
      if (Number(res.headers['content-length'] ?? 0) > maxBytes) {
        req.destroy();
        return reject(new OutboundFetchError('too_large', `larger than ${maxBytes} bytes`));
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBytes) {
          req.destroy();
          reject(new OutboundFetchError('too_large', `larger than ${maxBytes} bytes`));
          return;
        }
        chunks.push(chunk);
      });
      res.on('end', () => resolve({ kind: 'body', text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', (error) => reject(toFetchError(error, signal)));
    });
    req.on('error', (error) => reject(toFetchError(error, signal)));
  });
}

function toFetchError(error: Error, signal: AbortSignal): OutboundFetchError {
  if (error instanceof OutboundFetchError) return error;
  if (signal.aborted) return new OutboundFetchError('timeout', 'timed out');
  return new OutboundFetchError('unreachable', error.message);
}
