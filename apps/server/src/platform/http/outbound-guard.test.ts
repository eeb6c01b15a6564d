import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guardedFetch, isBlockedAddress, OutboundFailure, OutboundRefused, parseAllowList, type GuardOptions } from './outbound-guard.ts';

/** A local server whose behaviour each test picks by path; it counts every connection it accepts. */
let server: http.Server;
let base: string;
let port: number;
let connections = 0;
const seen: { method: string; url: string; host: string | undefined; body: string; auth: string | undefined }[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      seen.push({ method: req.method!, url: req.url!, host: req.headers.host, body: Buffer.concat(chunks).toString(), auth: req.headers.authorization });
      const url = new URL(req.url!, 'http://x');
      switch (url.pathname) {
        case '/hello':
          res.writeHead(200, { 'content-type': 'text/plain' }).end('hello');
          break;
        case '/echo':
          res.writeHead(200).end(`${req.method} ${Buffer.concat(chunks).toString()}`);
          break;
        case '/big-declared':
          res.writeHead(200, { 'content-length': String(2 * 1024 * 1024) }).end(Buffer.alloc(2 * 1024 * 1024, 97));
          break;
        case '/big-chunked': {
          res.writeHead(200); // no content-length: the cap must count the bytes as they come
          const piece = Buffer.alloc(64 * 1024, 98);
          let n = 0;
          const pump = () => {
            while (n < 40) {
              n++;
              if (!res.write(piece)) return res.once('drain', pump);
            }
            res.end();
          };
          pump();
          break;
        }
        case '/silent':
          break; // never answers
        case '/drop':
          req.socket.destroy();
          break;
        case '/redirect': {
          const to = url.searchParams.get('to')!;
          res.writeHead(Number(url.searchParams.get('status') ?? 302), { location: to }).end();
          break;
        }
        default:
          res.writeHead(404).end();
      }
    });
  });
  server.on('connection', () => connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const local: GuardOptions = { allowList: ['127.0.0.1'] };

async function failureOf(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (err) {
    return err as OutboundRefused | OutboundFailure;
  }
  throw new Error('expected the request to fail');
}

describe('isBlockedAddress', () => {
  it.each([
    '127.0.0.1', '127.255.0.9', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '100.64.0.1', '100.127.255.254',
    '0.0.0.0', '0.1.2.3', '224.0.0.1', '239.255.255.250', '240.0.0.1', '255.255.255.255', '198.18.0.1', '192.0.2.5',
    '::1', '::', 'fc00::1', 'fd12:3456::1', 'fe80::1', 'fe80::1%eth0', 'ff02::1', '::ffff:127.0.0.1', '::ffff:7f00:1', '::ffff:10.0.0.1',
    '::ffff:169.254.169.254', '64:ff9b::a00:1', '2002:c0a8:101::1', '2001:db8::1', 'not-an-ip',
  ])('blocks %s', (address) => expect(isBlockedAddress(address)).toBe(true));

  it.each(['8.8.8.8', '1.1.1.1', '172.32.0.1', '172.15.255.255', '100.128.0.1', '11.0.0.1', '2400:3200::1', '2606:4700::1111', '::ffff:8.8.8.8', '64:ff9b::808:808'])(
    'allows the public address %s',
    (address) => expect(isBlockedAddress(address)).toBe(false),
  );
});

describe('parseAllowList', () => {
  it('normalises a comma-separated list of hosts, wildcards, IPs and CIDRs', () => {
    expect(parseAllowList(' Intranet.Hospital.CN, *.lan.example ,10.0.0.0/8,[::1], 192.168.1.20 ,fd00::/8,')).toEqual([
      'intranet.hospital.cn', '*.lan.example', '10.0.0.0/8', '::1', '192.168.1.20', 'fd00::/8',
    ]);
    expect(parseAllowList('')).toEqual([]);
    expect(parseAllowList(undefined)).toEqual([]);
  });

  it.each(['10.0.0.0/33', '10.0.0.0/8/1', 'exa$mple', 'http://x.cn', '*.', '-bad.cn', 'fd00::/129', 'a_b.cn'])('rejects %s', (entry) => {
    expect(() => parseAllowList(entry)).toThrow(/Invalid outbound allow-list entry/);
  });
});

describe('guardedFetch: SSRF', () => {
  it.each([
    'http://127.0.0.1:1/', 'http://10.0.0.8/', 'http://169.254.169.254/latest/meta-data/', 'http://[::1]:1/', 'http://[::ffff:127.0.0.1]:1/',
    'http://0x7f000001/', 'http://2130706433/', 'http://192.168.0.1/', 'http://[fd00::1]/',
  ])('refuses %s before connecting', async (url) => {
    const err = await failureOf(guardedFetch(url));
    expect(err).toBeInstanceOf(OutboundRefused);
    expect(err.code).toBe('ssrf_blocked');
    expect(err.requestSent).toBe(false);
  });

  it('refuses a name that resolves to loopback (localhost), without connecting', async () => {
    const before = connections;
    const err = await failureOf(guardedFetch(`http://localhost:${port}/hello`));
    expect(err.code).toBe('ssrf_blocked');
    expect(err.message).toMatch(/127\.0\.0\.1|::1/);
    expect(connections).toBe(before);
  });

  it('refuses a name when any one of its addresses is private (a mixed DNS answer)', async () => {
    const resolve = async () => [{ address: '93.184.216.34', family: 4 as const }, { address: '10.0.0.7', family: 4 as const }];
    const err = await failureOf(guardedFetch('http://rebind.example/', {}, { resolve }));
    expect(err.code).toBe('ssrf_blocked');
    expect(err.message).toContain('10.0.0.7');
  });

  it('resolves once and connects to the checked address, keeping the name in the Host header', async () => {
    let calls = 0;
    const resolve = async () => {
      calls++;
      return [{ address: '127.0.0.1', family: 4 as const }];
    };
    const res = await guardedFetch(`http://pinned.example:${port}/hello`, {}, { resolve, allowList: ['127.0.0.0/8'] });
    expect(res.body.toString()).toBe('hello');
    expect(calls).toBe(1);
    expect(seen.at(-1)!.host).toBe(`pinned.example:${port}`);
  });

  it('reaches an allow-listed address, by IP, CIDR or host name', async () => {
    expect((await guardedFetch(`${base}/hello`, {}, local)).status).toBe(200);
    expect((await guardedFetch(`${base}/hello`, {}, { allowList: ['127.0.0.0/8'] })).status).toBe(200);
    expect((await guardedFetch(`http://localhost:${port}/hello`, {}, { allowList: ['localhost'], resolve: async () => [{ address: '127.0.0.1', family: 4 }] })).status).toBe(200);
    expect((await guardedFetch(`http://localhost.:${port}/hello`, {}, { allowList: ['localhost'], resolve: async () => [{ address: '127.0.0.1', family: 4 }] })).status).toBe(200);
    // allowing one private address does not open the others
    expect((await failureOf(guardedFetch('http://10.0.0.1/', {}, local))).code).toBe('ssrf_blocked');
  });

  it('refuses other schemes, credentials in the URL and malformed URLs', async () => {
    for (const url of ['ftp://example.com/x', 'file:///etc/passwd', 'gopher://example.com', 'not a url', 'http://user:pw@example.com/']) {
      const err = await failureOf(guardedFetch(url));
      expect(err.code, url).toBe('bad_url');
      expect(err.requestSent).toBe(false);
    }
  });
});

describe('guardedFetch: the exchange', () => {
  it('sends method, headers and body and returns status, headers and body', async () => {
    const res = await guardedFetch(`${base}/echo`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":1}' }, local);
    expect(res.status).toBe(200);
    expect(res.body.toString()).toBe('POST {"a":1}');
    expect(res.url).toBe(`${base}/echo`);
  });

  it('aborts a body over the cap, whether announced by Content-Length or not', async () => {
    for (const path of ['/big-declared', '/big-chunked']) {
      const err = await failureOf(guardedFetch(`${base}${path}`, {}, { ...local, maxBytes: 1024 * 1024 }));
      expect(err).toBeInstanceOf(OutboundFailure);
      expect(err.code, path).toBe('too_large');
      expect(err.requestSent).toBe(true);
      expect((err as OutboundFailure).status).toBe(200);
    }
    // under the cap it is read in full
    expect((await guardedFetch(`${base}/big-chunked`, {}, { ...local, maxBytes: 3 * 1024 * 1024 })).body.length).toBe(40 * 64 * 1024);
  });

  it('times out a server that never answers, saying the request was sent', async () => {
    const started = Date.now();
    const err = await failureOf(guardedFetch(`${base}/silent`, {}, { ...local, timeoutMs: 300 }));
    expect(err.code).toBe('timeout');
    expect(err.requestSent).toBe(true);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('times out a connection that cannot be established, saying nothing was sent', async () => {
    const err = await failureOf(guardedFetch('http://hangs.example/', {}, { resolve: () => new Promise(() => {}), connectTimeoutMs: 200, timeoutMs: 5000 }));
    expect(err.code).toBe('timeout');
    expect(err.requestSent).toBe(false);
  });

  it('reports a refused connection as not sent and a dropped one as maybe sent', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const refused = await failureOf(guardedFetch(`http://127.0.0.1:${closedPort}/`, {}, local));
    expect(refused.code).toBe('network');
    expect(refused.requestSent).toBe(false);

    const dropped = await failureOf(guardedFetch(`${base}/drop`, { method: 'POST', body: 'x' }, local));
    expect(dropped.code).toBe('network');
    expect(dropped.requestSent).toBe(true);
  });

  it('stops when the caller aborts', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const err = await failureOf(guardedFetch(`${base}/silent`, {}, { ...local, signal: controller.signal }));
    expect(err.code).toBe('aborted');
  });
});

describe('guardedFetch: redirects', () => {
  it('returns a 3xx to the caller by default', async () => {
    const res = await guardedFetch(`${base}/redirect?to=/hello`, {}, local);
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('/hello');
  });

  it('follows up to maxRedirects, a 303 turning a POST into a GET without body', async () => {
    const res = await guardedFetch(`${base}/redirect?status=303&to=/echo`, { method: 'POST', body: 'payload' }, { ...local, maxRedirects: 2 });
    expect(res.status).toBe(200);
    expect(res.body.toString()).toBe('GET ');
    expect(res.url).toBe(`${base}/echo`);

    const kept = await guardedFetch(`${base}/redirect?status=307&to=/echo`, { method: 'POST', body: 'payload' }, { ...local, maxRedirects: 1 });
    expect(kept.body.toString()).toBe('POST payload');
  });

  it('returns the last 3xx when the redirects run out', async () => {
    const inner = `/redirect?to=${encodeURIComponent('/hello')}`;
    const res = await guardedFetch(`${base}/redirect?to=${encodeURIComponent(inner)}`, {}, { ...local, maxRedirects: 1 });
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('/hello');
  });

  it('checks every hop: a redirect to the metadata address or to an address not allowed is refused', async () => {
    // only the name is allowed: the first hop goes through, a hop to the bare loopback address does not
    const options: GuardOptions = { allowList: ['localhost'], maxRedirects: 3, resolve: async () => [{ address: '127.0.0.1', family: 4 }] };
    for (const to of ['http://169.254.169.254/latest/meta-data/', `http://127.0.0.1:${port}/hello`]) {
      const before = seen.length;
      const err = await failureOf(guardedFetch(`http://localhost:${port}/redirect?to=${encodeURIComponent(to)}`, { method: 'POST', body: 'x' }, options));
      expect(seen.length).toBe(before + 1);
      expect(err.code, to).toBe('ssrf_blocked');
      expect(err.requestSent).toBe(true); // the first hop was sent
    }
  });

  it('drops credentials when the redirect leaves the origin', async () => {
    const other = `http://localhost:${port}/echo`;
    await guardedFetch(`${base}/redirect?status=307&to=${encodeURIComponent(other)}`, { headers: { authorization: 'Bearer secret' } }, {
      allowList: ['127.0.0.1', 'localhost'], maxRedirects: 1, resolve: async () => [{ address: '127.0.0.1', family: 4 }],
    });
    const [first, second] = seen.slice(-2);
    expect(first.auth).toBe('Bearer secret');
    expect(second.url).toBe('/echo');
    expect(second.auth).toBeUndefined();
  });
});
