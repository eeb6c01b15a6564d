/**
 * Outbound HTTP to addresses users typed in (webhooks, feeds), guarded against SSRF.
 *
 * - Only http: and https:, no credentials in the URL.
 * - The target must be a public address unless an administrator allow-listed it (a host name, `*.suffix`,
 *   an IP or a CIDR). IP literals are checked before connecting; names are resolved once, by a custom `lookup`
 *   that checks every address returned and hands exactly those to the socket, so a second, different answer
 *   (DNS rebinding) can never be connected to.
 * - Redirects are not followed unless `maxRedirects` (at most 3) asks for it; every hop is checked again like
 *   the first, 301/302/303 turn a POST into a GET without body, credentials are dropped when the origin changes.
 *   With `maxRedirects: 0` (the default) a 3xx response is returned to the caller as it is.
 * - The response body is capped (`maxBytes`); there is a connect timeout and a total timeout (all hops, body
 *   included). No compression is negotiated, so the body is the bytes the server sent.
 * Failures carry a stable `code` and `requestSent`: whether the request bytes may have reached the server, which
 * tells a caller of a non-idempotent call whether a retry could repeat the effect.
 */
import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import type { LookupFunction } from 'node:net';

export type OutboundErrorCode = 'ssrf_blocked' | 'bad_url' | 'timeout' | 'too_large' | 'network' | 'aborted';

export abstract class OutboundError extends Error {
  abstract readonly code: OutboundErrorCode;
  constructor(
    message: string,
    /** Whether the request (or an earlier hop of it) may have reached a server. */
    readonly requestSent: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Refused before this hop was sent: the URL is unusable or points where it must not. */
export class OutboundRefused extends OutboundError {
  override readonly name = 'OutboundRefused';
  constructor(
    readonly code: 'ssrf_blocked' | 'bad_url',
    message: string,
    requestSent = false,
  ) {
    super(message, requestSent);
  }
}

/** Failed on the way: `status` is set when the server had already answered (a body over the cap). */
export class OutboundFailure extends OutboundError {
  override readonly name = 'OutboundFailure';
  constructor(
    readonly code: 'timeout' | 'too_large' | 'network' | 'aborted',
    message: string,
    requestSent: boolean,
    readonly status?: number,
    cause?: unknown,
  ) {
    super(message, requestSent, { cause });
  }
}

export type ResolvedAddress = { address: string; family: 4 | 6 };
/** Resolves a host name to every address it has; the default is the system resolver (`dns.lookup`, all). */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

export type GuardOptions = {
  /** Hosts (`intranet.example.cn`, `*.example.cn`), IPs or CIDRs an administrator allowed although private. */
  allowList?: string[];
  /** Total time for the whole exchange, every hop and the body included. Default 15 s. */
  timeoutMs?: number;
  /** Time to establish the connection of a hop (DNS, TCP, TLS handshake). Default 5 s (at most `timeoutMs`). */
  connectTimeoutMs?: number;
  /** Response body cap in bytes. Default 5 MiB. */
  maxBytes?: number;
  signal?: AbortSignal;
  /** Redirects to follow, each re-checked; 0 (default) returns the 3xx. At most 3. */
  maxRedirects?: number;
  /** Replaces the system resolver (tests, or a resolver of the deployment's own). */
  resolve?: Resolver;
};

export type GuardedRequestInit = {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
};

export type GuardedResponse = {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  /** The URL that answered (differs from the one asked when redirects were followed). */
  url: string;
};

const defaults = { timeoutMs: 15_000, connectTimeoutMs: 5_000, maxBytes: 5 * 1024 * 1024 };
const redirectLimit = 3;

// ---------------------------------------------------------------------------------------------------------------
// Address policy

/** Ranges never reachable from outside (RFC 6890 special-purpose registries), or reaching the host itself. */
const deniedRanges: [string, number, 'ipv4' | 'ipv6'][] = [
  ['0.0.0.0', 8, 'ipv4'], // "this network"
  ['10.0.0.0', 8, 'ipv4'],
  ['100.64.0.0', 10, 'ipv4'], // CGNAT
  ['127.0.0.0', 8, 'ipv4'],
  ['169.254.0.0', 16, 'ipv4'], // link-local, cloud metadata 169.254.169.254
  ['172.16.0.0', 12, 'ipv4'],
  ['192.0.0.0', 24, 'ipv4'],
  ['192.0.2.0', 24, 'ipv4'],
  ['192.88.99.0', 24, 'ipv4'],
  ['192.168.0.0', 16, 'ipv4'],
  ['198.18.0.0', 15, 'ipv4'],
  ['198.51.100.0', 24, 'ipv4'],
  ['203.0.113.0', 24, 'ipv4'],
  ['224.0.0.0', 4, 'ipv4'], // multicast
  ['240.0.0.0', 4, 'ipv4'], // reserved, broadcast
  ['::', 96, 'ipv6'], // unspecified, loopback ::1, deprecated IPv4-compatible
  ['64:ff9b:1::', 48, 'ipv6'], // local-use NAT64
  ['100::', 64, 'ipv6'], // discard
  ['2001::', 32, 'ipv6'], // Teredo tunnels reach arbitrary IPv4
  ['2001:db8::', 32, 'ipv6'],
  ['fc00::', 7, 'ipv6'], // unique local
  ['fe80::', 10, 'ipv6'], // link-local
  ['fec0::', 10, 'ipv6'], // site-local (deprecated)
  ['ff00::', 8, 'ipv6'], // multicast
];

const denied = new net.BlockList();
for (const [address, prefix, type] of deniedRanges) denied.addSubnet(address, prefix, type);

/** The eight 16-bit groups of an IPv6 address (zone id dropped), or null. */
function ipv6Groups(address: string): number[] | null {
  let text = address.split('%')[0];
  if (net.isIPv6(text) === false) return null;
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted[1].split('.').map(Number);
    text = text.slice(0, -dotted[1].length) + `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.includes('::') ? text.split('::') : [text, null];
  const part = (s: string) => (s ? s.split(':').map((g) => parseInt(g, 16)) : []);
  const left = part(head);
  const right = tail === null ? [] : part(tail);
  const groups = tail === null ? left : [...left, ...new Array(8 - left.length - right.length).fill(0), ...right];
  return groups.length === 8 ? groups : null;
}

/** The IPv4 address an IPv6 one stands for (mapped ::ffff:a.b.c.d, NAT64 64:ff9b::/96, 6to4 2002::/16), or null. */
function embeddedIPv4(address: string): string | null {
  const g = ipv6Groups(address);
  if (!g) return null;
  const v4 = (hi: number, lo: number) => `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  if (g.slice(0, 5).every((x) => x === 0) && g[5] === 0xffff) return v4(g[6], g[7]);
  if (g[0] === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((x) => x === 0)) return v4(g[6], g[7]);
  if (g[0] === 0x2002) return v4(g[1], g[2]);
  return null;
}

/** Whether an address is loopback, private, link-local or otherwise not a public unicast address. */
export function isBlockedAddress(address: string): boolean {
  const family = net.isIP(address.split('%')[0]);
  if (family === 4) return denied.check(address, 'ipv4');
  if (family !== 6) return true;
  const v4 = embeddedIPv4(address);
  if (v4 !== null) return isBlockedAddress(v4);
  return denied.check(address.split('%')[0], 'ipv6');
}

const hostPattern = /^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/;

/** One allow-list entry, normalised (lower case, brackets of IPv6 removed), or throws on an invalid one. */
function normaliseEntry(raw: string): string {
  const entry = raw.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1');
  const [address, prefix, extra] = entry.split('/');
  if (prefix !== undefined) {
    const family = net.isIP(address);
    const bits = Number(prefix);
    if (extra === undefined && family && /^\d+$/.test(prefix) && bits <= (family === 4 ? 32 : 128)) return `${address}/${bits}`;
  } else if (net.isIP(entry) || hostPattern.test(entry)) {
    return entry;
  }
  throw new TypeError(`Invalid outbound allow-list entry "${raw.trim()}": expected a host name, *.domain, an IP address or a CIDR`);
}

/** Parses a comma- (or space-) separated allow-list such as OUTBOUND_ALLOW_LIST; throws on an invalid entry. */
export function parseAllowList(text: string | undefined | null): string[] {
  return (text ?? '')
    .split(/[,\s]+/)
    .filter(Boolean)
    .map(normaliseEntry);
}

type Policy = { hostAllowed(host: string): boolean; addressAllowed(address: string): boolean };

function compilePolicy(allowList: string[]): Policy {
  const addresses = new net.BlockList();
  const hosts = new Set<string>();
  const suffixes: string[] = [];
  for (const entry of allowList.map(normaliseEntry)) {
    const [address, prefix] = entry.split('/');
    const family = net.isIP(address);
    if (family && prefix !== undefined) addresses.addSubnet(address, Number(prefix), family === 4 ? 'ipv4' : 'ipv6');
    else if (family) addresses.addAddress(address, family === 4 ? 'ipv4' : 'ipv6');
    else if (entry.startsWith('*.')) suffixes.push(entry.slice(1));
    else hosts.add(entry);
  }
  return {
    hostAllowed: (host) => hosts.has(host) || suffixes.some((s) => host.endsWith(s)),
    addressAllowed(address) {
      const bare = address.split('%')[0];
      const family = net.isIP(bare);
      if (!family) return false;
      if (addresses.check(bare, family === 4 ? 'ipv4' : 'ipv6')) return true;
      const v4 = family === 6 ? embeddedIPv4(bare) : null;
      return v4 !== null && addresses.check(v4, 'ipv4');
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The request

const systemResolver: Resolver = async (hostname) => {
  const found = await dns.promises.lookup(hostname, { all: true, verbatim: true });
  return found.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
};

function targetOf(input: string | URL, requestSent: boolean): URL {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    throw new OutboundRefused('bad_url', `Not a valid URL: ${String(input).slice(0, 200)}`, requestSent);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new OutboundRefused('bad_url', `Only http and https URLs are allowed, not ${url.protocol}`, requestSent);
  if (url.username || url.password) throw new OutboundRefused('bad_url', 'Credentials in the URL are not supported; send an Authorization header', requestSent);
  if (!url.hostname) throw new OutboundRefused('bad_url', 'The URL has no host', requestSent);
  return url;
}

const blockedMessage = (host: string, address: string) =>
  `${host === address ? host : `${host} resolves to ${address}, which`} is a loopback, private or link-local address; an administrator must allow-list it first`;

/**
 * Sends one request, guarded as described at the top of this file. Resolves with the response (any status,
 * a 3xx included when it is not followed); rejects with an OutboundRefused or an OutboundFailure (and with a
 * TypeError for an invalid allow-list entry: a configuration error, best caught at start by parseAllowList).
 */
export async function guardedFetch(input: string | URL, init: GuardedRequestInit = {}, options: GuardOptions = {}): Promise<GuardedResponse> {
  const policy = compilePolicy(options.allowList ?? []);
  const timeoutMs = options.timeoutMs ?? defaults.timeoutMs;
  const deadline = Date.now() + timeoutMs;
  const maxRedirects = Math.max(0, Math.min(options.maxRedirects ?? 0, redirectLimit));
  let url = targetOf(input, false);
  let method = (init.method ?? 'GET').toUpperCase();
  let headers: Record<string, string> = { ...init.headers };
  let body = init.body;
  let sent = false;

  for (let hop = 0; ; hop++) {
    const response = await requestOnce(url, { method, headers, body }, {
      policy,
      resolve: options.resolve ?? systemResolver,
      deadline,
      connectTimeoutMs: Math.min(options.connectTimeoutMs ?? defaults.connectTimeoutMs, timeoutMs),
      maxBytes: options.maxBytes ?? defaults.maxBytes,
      signal: options.signal,
      earlierHopSent: sent,
    });
    sent = true;
    const location = response.headers.location;
    if (hop >= maxRedirects || ![301, 302, 303, 307, 308].includes(response.status) || !location) return response;
    let next: URL;
    try {
      next = targetOf(new URL(location, url), true);
    } catch {
      return response; // an unusable Location is the caller's to see
    }
    if (response.status === 303 ? method !== 'HEAD' : [301, 302].includes(response.status) && method === 'POST') {
      method = 'GET';
      body = undefined;
      headers = Object.fromEntries(Object.entries(headers).filter(([k]) => !/^content-(type|length|encoding)$/i.test(k)));
    }
    if (next.origin !== url.origin) {
      headers = Object.fromEntries(Object.entries(headers).filter(([k]) => !/^(authorization|cookie|proxy-authorization)$/i.test(k)));
    }
    url = next;
  }
}

type HopContext = {
  policy: Policy;
  resolve: Resolver;
  deadline: number;
  connectTimeoutMs: number;
  maxBytes: number;
  signal: AbortSignal | undefined;
  earlierHopSent: boolean;
};

function requestOnce(url: URL, init: { method: string; headers: Record<string, string>; body: string | Uint8Array | undefined }, ctx: HopContext): Promise<GuardedResponse> {
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  const hostTrusted = ctx.policy.hostAllowed(host.replace(/\.$/, ''));
  const permitted = (address: string) => hostTrusted || ctx.policy.addressAllowed(address) || !isBlockedAddress(address);
  if (net.isIP(host) && !permitted(host)) {
    return Promise.reject(new OutboundRefused('ssrf_blocked', blockedMessage(host, host), ctx.earlierHopSent));
  }
  if (ctx.signal?.aborted) return Promise.reject(new OutboundFailure('aborted', 'The request was aborted', ctx.earlierHopSent));

  return new Promise<GuardedResponse>((resolve, reject) => {
    let refusal: OutboundRefused | null = null;
    let connected = false;
    let settled = false;
    const timers: NodeJS.Timeout[] = [];

    // Node calls this for names only (IP literals connect directly, checked above). Every address is checked,
    // and only checked addresses are handed to the socket.
    const lookup: LookupFunction = (hostname, opts, callback) => {
      ctx.resolve(hostname).then(
        (found) => {
          const bad = found.find((a) => !permitted(a.address));
          if (bad) {
            refusal = new OutboundRefused('ssrf_blocked', blockedMessage(hostname, bad.address), ctx.earlierHopSent);
            return callback(refusal, '', 4);
          }
          const usable = opts.family === 4 || opts.family === 6 ? found.filter((a) => a.family === opts.family) : found;
          if (usable.length === 0) {
            const err = Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND', hostname });
            return callback(err, '', 4);
          }
          if (opts.all) callback(null, usable);
          else callback(null, usable[0].address, usable[0].family);
        },
        (err: unknown) => callback(err as NodeJS.ErrnoException, '', 4),
      );
    };

    const transport = url.protocol === 'https:' ? https : http;
    const payload = init.body === undefined ? undefined : typeof init.body === 'string' ? Buffer.from(init.body) : init.body;
    const headers: Record<string, string> = { ...init.headers };
    if (payload !== undefined && !Object.keys(headers).some((k) => k.toLowerCase() === 'content-length')) headers['Content-Length'] = String(payload.byteLength);

    const req = transport.request({
      protocol: url.protocol,
      hostname: host,
      port: url.port || undefined,
      path: `${url.pathname}${url.search}`,
      method: init.method,
      headers,
      lookup,
      agent: false, // a fresh socket per request: no pooled connection to an address checked for another name
    });

    const finish = (error: OutboundError | null, value?: GuardedResponse) => {
      if (settled) return;
      settled = true;
      for (const t of timers) clearTimeout(t);
      ctx.signal?.removeEventListener('abort', onAbort);
      if (error) {
        req.destroy();
        reject(error);
      } else resolve(value!);
    };
    const sentSoFar = () => connected || ctx.earlierHopSent;
    const onAbort = () => finish(new OutboundFailure('aborted', 'The request was aborted', sentSoFar()));
    ctx.signal?.addEventListener('abort', onAbort, { once: true });

    timers.push(
      setTimeout(() => finish(new OutboundFailure('timeout', `No complete answer from ${url.host} within the time limit`, sentSoFar())), Math.max(0, ctx.deadline - Date.now())),
      setTimeout(() => {
        if (!connected) finish(new OutboundFailure('timeout', `Could not connect to ${url.host} in time`, ctx.earlierHopSent));
      }, ctx.connectTimeoutMs),
    );

    req.on('socket', (socket) => {
      // Bytes can only leave once the connection is up (for TLS: once the handshake is done).
      socket.once(url.protocol === 'https:' ? 'secureConnect' : 'connect', () => {
        connected = true;
      });
    });
    req.on('error', (err) => {
      if (refusal) finish(refusal);
      else finish(new OutboundFailure('network', `Request to ${url.host} failed: ${err.message}`, sentSoFar(), undefined, err));
    });
    req.on('response', (res) => {
      const status = res.statusCode ?? 0;
      const declared = Number(res.headers['content-length']);
      if (Number.isFinite(declared) && declared > ctx.maxBytes) {
        return finish(new OutboundFailure('too_large', `The response of ${url.host} is larger than ${ctx.maxBytes} bytes`, true, status));
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > ctx.maxBytes) finish(new OutboundFailure('too_large', `The response of ${url.host} is larger than ${ctx.maxBytes} bytes`, true, status));
        else chunks.push(chunk);
      });
      res.on('end', () => finish(null, { status, headers: res.headers, body: Buffer.concat(chunks), url: url.href }));
      res.on('error', (err) => finish(new OutboundFailure('network', `Reading the response of ${url.host} failed: ${err.message}`, true, status, err)));
      res.on('close', () => {
        if (!res.complete) finish(new OutboundFailure('network', `The connection to ${url.host} closed mid-response`, true, status));
      });
    });
    req.end(payload);
  });
}
