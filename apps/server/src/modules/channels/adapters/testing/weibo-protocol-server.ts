/**
 * A local stand-in for api.weibo.com that speaks statuses/share and statuses/destroy as Weibo does: form-urlencoded
 * or multipart bodies, the access token, the safe-domain link rule (10017), the length rule (20012), repeated text
 * (20019), links in the returned text replaced by t.cn short links, status objects shaped like the real ones, and
 * errors as {"error","error_code","request"}. Controls let a test expire the token, rate-limit or drop the next
 * call, or refuse connections; `statuses` logs every status created, so a test can see nothing was posted twice.
 */
import { randomInt } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { findLinks, formatWeiboDate, hasSafeLink, normaliseSafeDomain, weiboLength, weiboMaxLength } from '../weibo-text.ts';

export type WeiboProtocolServerOptions = {
  accessToken: string;
  uid: string | number;
  /** The app's safe domain: a status must link into it. Default `hospital.example.cn`. */
  safeDomain?: string;
  screenName?: string;
  /** Length limit the server enforces (by the rule of weibo-text.ts). Default 140. */
  maxLength?: number;
};

export type CreatedStatus = {
  id: string;
  /** The status text as submitted (the returned `text` has its links shortened). */
  submittedText: string;
  text: string;
  pic: { filename: string; contentType: string; size: number } | null;
  rip: string | null;
  createdAt: Date;
  deleted: boolean;
};

export type RateLimitCode = 10022 | 10023 | 10024 | 20016;

export type WeiboProtocolServer = {
  apiBase: string;
  statuses: CreatedStatus[];
  /** Every call the server received: path and how it ended (an error code, 'ok', or 'dropped'). */
  calls: { path: string; outcome: number | 'ok' | 'dropped' }[];
  expireToken(): void;
  rateLimitNext(code: RateLimitCode): void;
  /** The next call is carried out, then the connection is closed without an answer (a lost response). */
  dropConnectionNext(when: 'after-request'): void;
  /** Stops listening: connections are refused until acceptConnections(). */
  refuseConnections(): Promise<void>;
  acceptConnections(): Promise<void>;
  /** The status object the API returns for a created status. */
  statusObject(id: string): Record<string, unknown>;
  close(): Promise<void>;
};

const errorTexts: Record<number, [number, string]> = {
  10016: [400, 'Miss required parameter (%s) , see doc for more info!'],
  10017: [400, 'text not find domain!'],
  10020: [404, 'Request api not found!'],
  10021: [405, 'HTTP method is not suported for this request!'],
  10022: [403, 'IP requests out of rate limit!'],
  10023: [403, 'User requests out of rate limit!'],
  10024: [403, 'User requests for (statuses/share) out of rate limit!'],
  20005: [400, 'Unsupported image type, only suport JPG, GIF, PNG!'],
  20006: [400, 'Image size too large.'],
  20012: [400, 'Text too long, please input text less than 140 characters!'],
  20016: [400, 'Out of limit!'],
  20019: [400, 'repeat content!'],
  20101: [400, 'Target weibo does not exist!'],
  21301: [403, 'auth faild!'],
  21327: [401, 'expired_token'],
  21332: [401, 'invalid_access_token'],
};

const base62 = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
const shortLink = () => `http://t.cn/A6${Array.from({ length: 6 }, () => base62[randomInt(62)]).join('')}`;

export async function startWeiboProtocolServer(options: WeiboProtocolServerOptions): Promise<WeiboProtocolServer> {
  const safeDomain = normaliseSafeDomain(options.safeDomain ?? 'hospital.example.cn')!;
  const uid = String(options.uid);
  const screenName = options.screenName ?? '示例医院';
  const maxLength = options.maxLength ?? weiboMaxLength;
  const statuses: CreatedStatus[] = [];
  const calls: WeiboProtocolServer['calls'] = [];
  let tokenExpired = false;
  let nextRateLimit: RateLimitCode | null = null;
  let dropNext = false;
  // 16-digit ids like today's, below 2^53 as Weibo's are
  let nextId = 4_980_000_000_000_000n + BigInt(randomInt(1_000_000_000)) * 1000n;

  const user = () => ({
    id: Number(uid),
    idstr: uid,
    screen_name: screenName,
    name: screenName,
    province: '51',
    city: '1',
    location: '四川 成都',
    description: '官方微博',
    url: `https://www.${safeDomain}`,
    profile_image_url: `https://tvax1.sinaimg.cn/crop.0.0.180.180.50/${uid}.jpg`,
    domain: '',
    gender: 'm',
    followers_count: 12034,
    friends_count: 210,
    statuses_count: statuses.filter((s) => !s.deleted).length,
    favourites_count: 0,
    created_at: 'Mon Mar 01 09:30:00 +0800 2010',
    following: false,
    allow_all_act_msg: false,
    remark: '',
    geo_enabled: true,
    verified: true,
    allow_all_comment: true,
    avatar_large: `https://tvax1.sinaimg.cn/crop.0.0.180.180.180/${uid}.jpg`,
    verified_reason: screenName,
    follow_me: false,
    online_status: 0,
    bi_followers_count: 35,
  });

  const statusObject = (id: string): Record<string, unknown> => {
    const s = statuses.find((x) => x.id === id);
    if (!s) throw new Error(`No status ${id}`);
    const picture = s.pic ? `https://wx1.sinaimg.cn/thumbnail/${s.id}.jpg` : null;
    return {
      created_at: formatWeiboDate(s.createdAt),
      id: Number(s.id),
      idstr: s.id,
      mid: s.id,
      text: s.text,
      source: '<a href="http://app.weibo.com/t/feed/rongmei" rel="nofollow">融媒</a>',
      favorited: false,
      truncated: false,
      in_reply_to_status_id: '',
      in_reply_to_user_id: '',
      in_reply_to_screen_name: '',
      geo: null,
      reposts_count: 0,
      comments_count: 0,
      attitudes_count: 0,
      pic_urls: picture ? [{ thumbnail_pic: picture }] : [],
      ...(picture ? { thumbnail_pic: picture, bmiddle_pic: picture.replace('/thumbnail/', '/bmiddle/'), original_pic: picture.replace('/thumbnail/', '/large/') } : {}),
      user: user(),
    };
  };

  async function formOf(req: http.IncomingMessage, raw: Buffer): Promise<Map<string, string | File>> {
    const type = req.headers['content-type'] ?? '';
    const fields = new Map<string, string | File>();
    for (const [k, v] of new URL(req.url!, 'http://x').searchParams) fields.set(k, v);
    if (/^multipart\/form-data/i.test(type)) {
      const form = await new Response(new Uint8Array(raw), { headers: { 'content-type': type } }).formData();
      for (const [k, v] of form) fields.set(k, v);
    } else if (/^application\/x-www-form-urlencoded/i.test(type)) {
      for (const [k, v] of new URLSearchParams(raw.toString('utf8'))) fields.set(k, v);
    }
    return fields;
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = new URL(req.url!, 'http://x').pathname;
      const send = (status: number, body: unknown, outcome: number | 'ok') => {
        calls.push({ path, outcome });
        res.writeHead(status, { 'content-type': 'application/json;charset=UTF-8', connection: 'close' }).end(JSON.stringify(body));
      };
      const fail = (code: number, param?: string) => {
        const [status, text] = errorTexts[code];
        send(status, { error: param ? text.replace('%s', param) : text, error_code: code, request: path }, code);
      };
      const succeed = (body: unknown) => {
        if (dropNext) {
          dropNext = false;
          calls.push({ path, outcome: 'dropped' });
          return req.socket.destroy();
        }
        send(200, body, 'ok');
      };
      handle(req, Buffer.concat(chunks), path, fail, succeed).catch((err: Error) => {
        send(500, { error: `System error: ${err.message}`, error_code: 10001, request: path }, 10001);
      });
    });
  });

  async function handle(req: http.IncomingMessage, raw: Buffer, path: string, fail: (code: number, param?: string) => void, succeed: (body: unknown) => void) {
    const known = ['/2/statuses/share.json', '/2/statuses/destroy.json'];
    if (!known.includes(path)) return fail(10020);
    if (req.method !== 'POST') return fail(10021);
    const form = await formOf(req, raw);
    const field = (name: string) => {
      const v = form.get(name);
      return typeof v === 'string' ? v : undefined;
    };
    if (nextRateLimit) {
      const code = nextRateLimit;
      nextRateLimit = null;
      return fail(code);
    }
    const auth = /^OAuth2 (.+)$/.exec(req.headers.authorization ?? '');
    const token = field('access_token') ?? auth?.[1];
    if (!token) return fail(21301);
    if (token !== options.accessToken) return fail(21332);
    if (tokenExpired) return fail(21327);

    if (path === '/2/statuses/destroy.json') {
      const id = field('id');
      if (!id) return fail(10016, 'id');
      const target = statuses.find((s) => s.id === id && !s.deleted);
      if (!target) return fail(20101);
      const body = statusObject(id);
      target.deleted = true;
      return succeed(body);
    }

    const text = field('status');
    if (!text) return fail(10016, 'status');
    if (!hasSafeLink(text, safeDomain)) return fail(10017);
    if (weiboLength(text) > maxLength) return fail(20012);
    if (statuses.some((s) => !s.deleted && s.submittedText === text)) return fail(20019);
    const pic = form.get('pic');
    let picture: CreatedStatus['pic'] = null;
    if (pic !== undefined) {
      if (typeof pic === 'string' || !['image/jpeg', 'image/png', 'image/gif'].includes(pic.type)) return fail(20005);
      if (pic.size > 5 * 1024 * 1024) return fail(20006);
      picture = { filename: pic.name, contentType: pic.type, size: pic.size };
    }
    let shortened = text;
    for (const link of findLinks(text).reverse()) shortened = shortened.slice(0, link.start) + shortLink() + shortened.slice(link.end);
    const id = String(nextId);
    nextId += BigInt(randomInt(1, 100_000));
    statuses.push({ id, submittedText: text, text: shortened, pic: picture, rip: field('rip') ?? null, createdAt: new Date(), deleted: false });
    succeed(statusObject(id));
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    apiBase: `http://127.0.0.1:${port}`,
    statuses,
    calls,
    expireToken: () => void (tokenExpired = true),
    rateLimitNext: (code) => void (nextRateLimit = code),
    dropConnectionNext: () => void (dropNext = true),
    async refuseConnections() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
    async acceptConnections() {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, '127.0.0.1', () => {
          server.off('error', reject);
          resolve();
        });
      });
    },
    statusObject,
    async close() {
      if (!server.listening) return;
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
