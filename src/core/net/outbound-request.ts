import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http, { type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { isSpecialPurposeAddress } from './special-purpose-address';

/** Raised before or inside the connection when the host is, or resolves to, a special-purpose address. */
export class RefusedAddressError extends Error {
  constructor(host: string, address: string) {
    super(`refused: ${host} resolves to a private or local address (${address})`);
  }
}

/** dns.lookup's shape with `all: true`: every address of a host. */
export type ResolveAll = (
  hostname: string,
  options: { all: true; family?: number | 'IPv4' | 'IPv6'; hints?: number },
  callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void,
) => void;

/**
 * A lookup for the connection that fails when any address of the host is special-purpose. The
 * connection uses the addresses this lookup checked, so a second, rebinding DNS answer has no way in.
 */
export function publicOnlyLookup(resolve: ResolveAll = dnsLookup as ResolveAll): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, { all: true, family: options.family, hints: options.hints }, (error, addresses) => {
      if (error) return callback(error, '', 0);
      const blocked = addresses.find((entry) => isSpecialPurposeAddress(entry.address));
      if (blocked) return callback(new RefusedAddressError(hostname, blocked.address), '', 0);
      if (addresses.length === 0) return callback(Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' }), '', 0);
      if (options.all) return (callback as (error: null, addresses: LookupAddress[]) => void)(null, addresses);
      return callback(null, addresses[0].address, addresses[0].family);
    });
  };
}

const PUBLIC_ONLY = publicOnlyLookup();

export interface OutboundRequest {
  method?: string;
  headers?: OutgoingHttpHeaders;
  body?: string | null;
  signal: AbortSignal;
  /** Refuse a host that is, or resolves to, a special-purpose address (RefusedAddressError). */
  publicOnly: boolean;
}

/**
 * One HTTP(S) request from the platform to somewhere else (tenants' tools, media), on a fresh
 * connection: a pooled socket would carry no lookup to check. Resolves with the response, unread;
 * never follows a redirect.
 */
export function sendOutbound(url: URL, request: OutboundRequest): Promise<IncomingMessage> {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return Promise.reject(new Error(`refused: ${url.protocol} is not HTTP`));
  const host = url.hostname.replace(/^\[|\]$/g, '');
  // An IP literal is connected to without any lookup, so it is checked here.
  if (request.publicOnly && isIP(host) && isSpecialPurposeAddress(host)) return Promise.reject(new RefusedAddressError(host, host));
  const transport = url.protocol === 'https:' ? https : http;
  return new Promise<IncomingMessage>((resolve, reject) => {
    const outgoing = transport.request(url, {
      method: request.method ?? 'GET',
      headers: request.headers,
      signal: request.signal,
      agent: false,
      lookup: request.publicOnly ? PUBLIC_ONLY : undefined,
    });
    outgoing.on('error', reject);
    outgoing.on('response', resolve);
    outgoing.end(request.body ?? undefined);
  });
}
