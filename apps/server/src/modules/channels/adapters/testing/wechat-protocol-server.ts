import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local server that speaks the WeChat Official Account API for the calls publishing needs, for tests: the same
 * paths, parameters, response bodies and error codes (always HTTP 200 with {errcode, errmsg}), with the state the
 * real platform keeps (tokens, materials, drafts, publish jobs) and controls to make it fail the ways the real one does.
 */

export type WeChatCall = {
  method: string;
  path: string;
  query: Record<string, string>;
  /** The JSON body as sent; for multipart uploads a summary of fields and files. */
  body: unknown;
  /** errcode of the answer (0 for a success without one); undefined when the connection was dropped before answering. */
  errcode?: number;
  dropped?: boolean;
};

export type PublishStatus = 0 | 2 | 3 | 4 | 5 | 6;

export type WeChatDraft = {
  mediaId: string;
  articles: { title: string; author?: string; digest?: string; content: string; content_source_url?: string; thumb_media_id: string; need_open_comment?: number; only_fans_can_comment?: number }[];
  /** <img> whose src is not on WeChat's image host (not from media/uploadimg): WeChat silently removes them from the content. */
  filteredImages: string[];
};

export type WeChatPublishJob = {
  publishId: string;
  msgDataId: number;
  draftMediaId: string;
  polls: number;
  outcome: { status: PublishStatus; pollsUntilDone: number; failIdx: number[] };
  articleId?: string;
  articleUrls: string[];
  deleted: boolean;
};

export type DropMode = 'before-response' | 'before-processing';

/** The account's server URL (服务器地址) and token, as configured in the 公众号 back office. */
export type EventTarget = { url: string; token: string };

export type WeChatProtocolServer = {
  url: string;
  close(): Promise<void>;
  calls: WeChatCall[];
  controls: {
    /** Every token issued so far answers 42001 from now on. */
    expireAllTokens(): void;
    /** Every token issued so far answers 40001 from now on (as after a force refresh elsewhere or a secret reset). */
    invalidateAllTokens(): void;
    /** The next call to `path` answers this error instead of doing anything (queue: call twice for two failures). */
    failNext(path: string, errcode: number, errmsg?: string): void;
    /**
     * The next call to `path` loses its connection after the request was read: `before-response` does the work
     * (the platform has it) and then destroys the socket; `before-processing` destroys it without doing anything.
     */
    dropConnectionNext(path: string, mode?: DropMode): void;
    /** What publish jobs submitted from now on turn into: after `pollsUntilDone` answers of 1 (publishing), `status`. */
    setPublishOutcome(status: PublishStatus, options?: { pollsUntilDone?: number; failIdx?: number[] }): void;
    /** From now on, each submitted job's end is pushed as a signed PUBLISHJOBFINISH event to the account's server URL. */
    pushEventsTo(target: EventTarget | null): void;
    counts(): { tokensIssued: number; bodyImages: number; materials: number; drafts: number; publishes: number; deletions: number };
    drafts(): WeChatDraft[];
    publishes(): WeChatPublishJob[];
    /** Submissions per draft: more than one means the same article went out twice. */
    publishesOfDraft(draftMediaId: string): number;
  };
};

const tokenLifetimeSeconds = 7200;
/** Both token endpoints keep the previous token usable this long after a new one is issued, as WeChat documents. */
const overlapMs = 5 * 60_000;
const forceRefreshIntervalMs = 30_000;
const bodyImageMaxBytes = 1024 * 1024;
const materialImageMaxBytes = 10 * 1024 * 1024;
const contentMaxBytes = 1024 * 1024;
const contentMaxChars = 20_000;

/** WeChat's English errmsg per errcode for what this server answers. */
const errmsgs: Record<number, string> = {
  [-1]: 'system error',
  40001: 'invalid credential, access_token is invalid or not latest',
  40002: 'invalid grant_type',
  40004: 'invalid media type',
  40005: 'invalid file type',
  40007: 'invalid media_id',
  40009: 'invalid image size',
  40013: 'invalid appid',
  40014: 'invalid access_token',
  40035: 'invalid args',
  40060: 'invalid article_idx',
  40125: 'invalid appsecret',
  41001: 'access_token missing',
  41002: 'appid missing',
  41004: 'appsecret missing',
  41005: 'media data missing',
  41006: 'media_id missing',
  42001: 'access_token expired',
  43001: 'require GET method',
  43002: 'require POST method',
  44002: 'empty post data',
  44003: 'empty news data',
  45002: 'content size out of limit',
  45003: 'title size out of limit',
  45004: 'description size out of limit',
  45008: 'article size out of limit',
  45009: 'api freq out of limit',
  45011: 'api minute-quota reach limit mustslower retry next minute',
  47001: 'data format error',
  48001: 'api unauthorized',
  53503: 'draft has not passed publish check',
};

type Token = { appId: string; value: string; kind: 'stable' | 'legacy'; expiresAt: number; invalid: boolean };
type Upload = { field: string; filename: string; contentType: string; bytes: Buffer };
type Answer = Record<string, unknown>;

const rid = () => `${randomBytes(4).toString('hex')}-${randomBytes(4).toString('hex')}-${randomBytes(4).toString('hex')}`;
const opaque = (bytes: number) => randomBytes(bytes).toString('base64url');

function fail(errcode: number, errmsg?: string): Answer {
  // WeChat appends a request id to every error message.
  return { errcode, errmsg: errmsg ?? `${errmsgs[errcode] ?? 'error'} rid: ${rid()}` };
}

function normalisePath(path: string) {
  return path.startsWith('/') ? path : `/cgi-bin/${path}`;
}

/** JPEG, PNG, GIF, BMP by their first bytes: WeChat judges the file, not the declared type. */
function imageFormat(bytes: Buffer): 'jpg' | 'png' | 'gif' | 'bmp' | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpg';
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  if (bytes.length >= 6 && (bytes.subarray(0, 6).toString('latin1') === 'GIF87a' || bytes.subarray(0, 6).toString('latin1') === 'GIF89a')) return 'gif';
  if (bytes.length >= 2 && bytes[0] === 0x42 && bytes[1] === 0x4d) return 'bmp';
  return null;
}

/** Images already on WeChat's own image host are not external. */
function isWeChatHosted(src: string) {
  try {
    return new URL(src).hostname === 'mmbiz.qpic.cn';
  } catch {
    return false;
  }
}

function extensionOf(filename: string) {
  const dot = filename.lastIndexOf('.');
  const ext = dot >= 0 ? filename.slice(dot + 1).toLowerCase() : '';
  return ext === 'jpeg' ? 'jpg' : ext;
}

/** What a reader sees of an article body, to count it against the 20,000-character limit. */
function visibleLength(html: string) {
  return [...html.replace(/<[^>]*>/g, '').replace(/&[a-z#0-9]+;/gi, ' ')].length;
}

export async function startWeChatProtocolServer(options: { appId: string; appSecret: string; now?: () => number }): Promise<WeChatProtocolServer> {
  const now = options.now ?? Date.now;
  const calls: WeChatCall[] = [];
  const tokens = new Map<string, Token>();
  let currentStable: Token | undefined;
  let currentLegacy: Token | undefined;
  let lastForceRefreshAt = -Infinity;
  let tokensIssued = 0;
  /** URLs an article body may show: uploadimg's, and (as WeChat tolerates) those of image materials. */
  const bodyImageUrls = new Set<string>();
  let bodyImages = 0;
  const materials = new Map<string, { url: string; format: string }>();
  const drafts = new Map<string, WeChatDraft>();
  const publishes = new Map<string, WeChatPublishJob>();
  const articles = new Map<string, WeChatPublishJob>();
  let deletions = 0;
  let nextPublishId = 2247483649;
  let nextMsgDataId = 2247483700;
  let publishOutcome: WeChatPublishJob['outcome'] = { status: 0, pollsUntilDone: 0, failIdx: [] };
  const failures = new Map<string, { errcode: number; errmsg?: string }[]>();
  const drops = new Map<string, DropMode[]>();
  let eventTarget: EventTarget | null = null;

  /** The final answer of a publish job (what freepublish/get says once it is no longer publishing). */
  const settle = (job: WeChatPublishJob) => {
    const { status } = job.outcome;
    if (status === 0 && job.deleted) return { publish_id: job.publishId, publish_status: 5, fail_idx: [] };
    if (status === 0) {
      if (!job.articleId) {
        job.articleId = opaque(32);
        const count = drafts.get(job.draftMediaId)?.articles.length ?? 1;
        job.articleUrls = Array.from({ length: count }, () => `https://mp.weixin.qq.com/s/${opaque(16)}`);
        articles.set(job.articleId, job);
      }
      return {
        publish_id: job.publishId,
        publish_status: 0,
        article_id: job.articleId,
        article_detail: { count: job.articleUrls.length, item: job.articleUrls.map((url, i) => ({ idx: i + 1, article_url: url })) },
        fail_idx: [],
      };
    }
    // fail_idx is only filled for original-check (2) and review (4) failures.
    const failIdx = status === 2 || status === 4 ? (job.outcome.failIdx.length ? job.outcome.failIdx : [1]) : [];
    return { publish_id: job.publishId, publish_status: status, fail_idx: failIdx };
  };

  /** What WeChat does when a publish job ends: a signed PUBLISHJOBFINISH event POSTed to the account's server URL. */
  const pushPublishJobFinish = async (job: WeChatPublishJob) => {
    if (!eventTarget) return;
    const result = settle(job) as { publish_status: number; article_id?: string; article_detail?: { count: number; item: { idx: number; article_url: string }[] }; fail_idx: number[] };
    const timestamp = String(Math.floor(now() / 1000));
    const nonce = String(Math.floor(Math.random() * 1e9));
    const signature = createHash('sha1').update([eventTarget.token, timestamp, nonce].sort().join('')).digest('hex');
    const detail = result.article_detail
      ? `<article_detail><count>${result.article_detail.count}</count>${result.article_detail.item.map((i) => `<item><idx>${i.idx}</idx><article_url><![CDATA[${i.article_url}]]></article_url></item>`).join('')}</article_detail>`
      : '';
    const xml =
      `<xml><ToUserName><![CDATA[gh_${options.appId.slice(-12)}]]></ToUserName><FromUserName><![CDATA[oWeChatPlatform]]></FromUserName>` +
      `<CreateTime>${timestamp}</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[PUBLISHJOBFINISH]]></Event>` +
      `<PublishEventInfo><publish_id>${job.publishId}</publish_id><publish_status>${result.publish_status}</publish_status>` +
      `${result.article_id ? `<article_id><![CDATA[${result.article_id}]]></article_id>` : ''}${detail}` +
      `${result.fail_idx.map((i) => `<fail_idx>${i}</fail_idx>`).join('')}</PublishEventInfo></xml>`;
    const url = new URL(eventTarget.url);
    url.search = new URLSearchParams({ signature, timestamp, nonce }).toString();
    await fetch(url, { method: 'POST', headers: { 'content-type': 'text/xml' }, body: xml }).catch(() => undefined);
  };

  const issueToken = (kind: Token['kind']): Token => {
    const token: Token = { appId: options.appId, value: opaque(96), kind, expiresAt: now() + tokenLifetimeSeconds * 1000, invalid: false };
    tokens.set(token.value, token);
    tokensIssued++;
    return token;
  };
  const usable = (token: Token | undefined): token is Token => !!token && !token.invalid && token.expiresAt > now();
  const tokenAnswer = (token: Token): Answer => ({ access_token: token.value, expires_in: Math.max(1, Math.floor((token.expiresAt - now()) / 1000)) });

  const checkCredentials = (grantType: unknown, appId: unknown, secret: unknown): Answer | null => {
    if (grantType !== 'client_credential') return fail(40002);
    if (!appId) return fail(41002);
    if (appId !== options.appId) return fail(40013);
    if (!secret) return fail(41004);
    if (secret !== options.appSecret) return fail(40125);
    return null;
  };

  /** GET /cgi-bin/token: each call issues a new token; the previous one keeps working for five minutes. */
  const legacyToken = (method: string, query: Record<string, string>): Answer => {
    if (method !== 'GET') return fail(43001);
    const rejected = checkCredentials(query.grant_type, query.appid, query.secret);
    if (rejected) return rejected;
    if (currentLegacy) currentLegacy.expiresAt = Math.min(currentLegacy.expiresAt, now() + overlapMs);
    currentLegacy = issueToken('legacy');
    return tokenAnswer(currentLegacy);
  };

  /**
   * POST /cgi-bin/stable_token: the normal mode returns the current token while it has more than five minutes left
   * (WeChat renews it five minutes early); force_refresh issues a new one and voids the old at once, at most every 30 s.
   */
  const stableToken = (method: string, body: unknown): Answer => {
    if (method !== 'POST') return fail(43002);
    if (body === undefined) return fail(44002);
    if (typeof body !== 'object' || body === null) return fail(47001);
    const { grant_type, appid, secret, force_refresh } = body as Record<string, unknown>;
    const rejected = checkCredentials(grant_type, appid, secret);
    if (rejected) return rejected;
    if (force_refresh === true) {
      if (usable(currentStable) && now() - lastForceRefreshAt < forceRefreshIntervalMs) return tokenAnswer(currentStable);
      lastForceRefreshAt = now();
      if (currentStable) currentStable.invalid = true;
      currentStable = issueToken('stable');
      return tokenAnswer(currentStable);
    }
    if (usable(currentStable) && currentStable.expiresAt - now() > overlapMs) return tokenAnswer(currentStable);
    currentStable = issueToken('stable');
    return tokenAnswer(currentStable);
  };

  const checkAccessToken = (query: Record<string, string>): Answer | null => {
    const value = query.access_token;
    if (!value) return fail(41001);
    const token = tokens.get(value);
    if (!token || token.invalid) return fail(40001);
    if (token.expiresAt <= now()) return fail(42001);
    return null;
  };

  const uploadImage = (upload: Upload | undefined, allowed: readonly string[], maxBytes: number): { error: Answer } | { format: string } => {
    if (!upload || upload.bytes.length === 0) return { error: fail(41005) };
    const format = imageFormat(upload.bytes);
    if (!format || !allowed.includes(format) || !allowed.includes(extensionOf(upload.filename))) return { error: fail(40005) };
    if (upload.bytes.length > maxBytes) return { error: fail(40009) };
    return { format };
  };

  const handlers: Record<string, (method: string, query: Record<string, string>, body: unknown, upload?: Upload) => Answer> = {
    '/cgi-bin/media/uploadimg': (method, _query, _body, upload) => {
      if (method !== 'POST') return fail(43002);
      const checked = uploadImage(upload, ['jpg', 'png'], bodyImageMaxBytes);
      if ('error' in checked) return checked.error;
      const url = `http://mmbiz.qpic.cn/mmbiz_${checked.format}/${opaque(48)}/0`;
      bodyImageUrls.add(url);
      bodyImages++;
      return { url };
    },
    '/cgi-bin/material/add_material': (method, query, _body, upload) => {
      if (method !== 'POST') return fail(43002);
      if (query.type !== 'image') return fail(40004);
      const checked = uploadImage(upload, ['jpg', 'png', 'gif', 'bmp'], materialImageMaxBytes);
      if ('error' in checked) return checked.error;
      const mediaId = opaque(48);
      const url = `http://mmbiz.qpic.cn/mmbiz_${checked.format}/${opaque(48)}/0?wx_fmt=${checked.format === 'jpg' ? 'jpeg' : checked.format}`;
      materials.set(mediaId, { url, format: checked.format });
      bodyImageUrls.add(url);
      return { media_id: mediaId, url };
    },
    '/cgi-bin/draft/add': (method, _query, body) => {
      if (method !== 'POST') return fail(43002);
      if (body === undefined) return fail(44002);
      const list = (body as { articles?: unknown } | null)?.articles;
      if (!Array.isArray(list) || list.length === 0) return fail(44003);
      if (list.length > 8) return fail(45008);
      const filteredImages: string[] = [];
      const stored: WeChatDraft['articles'] = [];
      for (const raw of list) {
        const article = (raw ?? {}) as Record<string, unknown>;
        const title = typeof article.title === 'string' ? article.title : '';
        const content = typeof article.content === 'string' ? article.content : '';
        if (!title.trim() || !content.trim()) return fail(44003);
        if ([...title].length > 64) return fail(45003);
        if (typeof article.digest === 'string' && [...article.digest].length > 120) return fail(45004);
        if (Buffer.byteLength(content, 'utf8') >= contentMaxBytes || visibleLength(content) > contentMaxChars) return fail(45002);
        const thumb = article.thumb_media_id;
        if (typeof thumb !== 'string' || !materials.has(thumb)) return fail(40007);
        // Images not uploaded through media/uploadimg are removed, without an error, as WeChat does.
        const kept = content.replace(/<img\b[^>]*>/gi, (tag) => {
          const src = /\bsrc\s*=\s*("([^"]*)"|'([^']*)'|([^\s>]+))/i.exec(tag);
          const value = src ? (src[2] ?? src[3] ?? src[4] ?? '').replace(/&amp;/g, '&') : '';
          if (bodyImageUrls.has(value) || isWeChatHosted(value)) return tag;
          filteredImages.push(value);
          return '';
        });
        stored.push({
          title,
          content: kept,
          thumb_media_id: thumb,
          ...(typeof article.author === 'string' ? { author: article.author } : {}),
          ...(typeof article.digest === 'string' ? { digest: article.digest } : {}),
          ...(typeof article.content_source_url === 'string' ? { content_source_url: article.content_source_url } : {}),
          ...(typeof article.need_open_comment === 'number' ? { need_open_comment: article.need_open_comment } : {}),
          ...(typeof article.only_fans_can_comment === 'number' ? { only_fans_can_comment: article.only_fans_can_comment } : {}),
        });
      }
      const mediaId = opaque(48);
      drafts.set(mediaId, { mediaId, articles: stored, filteredImages });
      return { media_id: mediaId };
    },
    '/cgi-bin/freepublish/submit': (method, _query, body) => {
      if (method !== 'POST') return fail(43002);
      if (body === undefined) return fail(44002);
      const mediaId = (body as { media_id?: unknown } | null)?.media_id;
      if (typeof mediaId !== 'string' || !mediaId) return fail(41006);
      if (!drafts.has(mediaId)) return fail(40007);
      const job: WeChatPublishJob = {
        publishId: String(nextPublishId++),
        msgDataId: nextMsgDataId++,
        draftMediaId: mediaId,
        polls: 0,
        outcome: { ...publishOutcome, failIdx: [...publishOutcome.failIdx] },
        articleUrls: [],
        deleted: false,
      };
      publishes.set(job.publishId, job);
      if (eventTarget) setTimeout(() => void pushPublishJobFinish(job), 200);
      return { errcode: 0, errmsg: 'ok', publish_id: job.publishId, msg_data_id: job.msgDataId };
    },
    '/cgi-bin/freepublish/get': (method, _query, body) => {
      if (method !== 'POST') return fail(43002);
      if (body === undefined) return fail(44002);
      const publishId = (body as { publish_id?: unknown } | null)?.publish_id;
      const job = publishes.get(String(publishId ?? ''));
      if (!job) return fail(40035);
      if (job.polls < job.outcome.pollsUntilDone) {
        job.polls++;
        return { publish_id: job.publishId, publish_status: 1, fail_idx: [] };
      }
      job.polls++;
      return settle(job);
    },
    '/cgi-bin/freepublish/delete': (method, _query, body) => {
      if (method !== 'POST') return fail(43002);
      if (body === undefined) return fail(44002);
      const { article_id, index } = (body ?? {}) as { article_id?: unknown; index?: unknown };
      const job = typeof article_id === 'string' ? articles.get(article_id) : undefined;
      if (!job || job.deleted) return fail(40035);
      const idx = index === undefined ? 0 : Number(index);
      if (!Number.isInteger(idx) || idx < 0 || idx > job.articleUrls.length) return fail(40060);
      // Our jobs hold what a deletion of article 0 (all) or of the only article leaves: nothing.
      if (idx === 0 || job.articleUrls.length === 1) job.deleted = true;
      deletions++;
      return { errcode: 0, errmsg: 'ok' };
    },
  };

  const readBody = async (req: IncomingMessage) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  };

  const parseBody = async (req: IncomingMessage, raw: Buffer): Promise<{ body: unknown; upload?: Upload; summary: unknown; malformed?: boolean }> => {
    if (raw.length === 0) return { body: undefined, summary: undefined };
    const contentType = req.headers['content-type'] ?? '';
    if (contentType.startsWith('multipart/form-data')) {
      try {
        const form = await new Request('http://127.0.0.1/', { method: 'POST', headers: { 'content-type': contentType }, body: new Uint8Array(raw) }).formData();
        const fields: Record<string, string> = {};
        const files: { field: string; filename: string; contentType: string; size: number }[] = [];
        let upload: Upload | undefined;
        for (const [field, value] of form.entries()) {
          if (typeof value === 'string') fields[field] = value;
          else {
            const bytes = Buffer.from(await value.arrayBuffer());
            files.push({ field, filename: value.name, contentType: value.type, size: bytes.length });
            if (field === 'media' && !upload) upload = { field, filename: value.name, contentType: value.type, bytes };
          }
        }
        return { body: undefined, upload, summary: { fields, files } };
      } catch {
        return { body: undefined, summary: { malformedMultipart: raw.length }, malformed: true };
      }
    }
    const text = raw.toString('utf8');
    try {
      const body = JSON.parse(text) as unknown;
      return { body, summary: body };
    } catch {
      return { body: null, summary: text.slice(0, 200), malformed: true };
    }
  };

  const respond = (res: ServerResponse, status: number, answer: unknown) => {
    // WeChat's own (non-standard) content type.
    res.writeHead(status, { 'content-type': 'application/json; encoding=utf-8' });
    res.end(JSON.stringify(answer));
  };

  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const path = url.pathname;
      const query = Object.fromEntries(url.searchParams);
      const method = req.method ?? 'GET';
      const raw = await readBody(req);
      const parsed = await parseBody(req, raw);
      const call: WeChatCall = { method, path, query, body: parsed.summary };
      calls.push(call);

      const drop = drops.get(path)?.shift();
      if (drop === 'before-processing') {
        call.dropped = true;
        req.socket.destroy();
        return;
      }

      let answer: Answer;
      const injected = failures.get(path)?.shift();
      if (injected) answer = fail(injected.errcode, injected.errmsg);
      else if (path === '/cgi-bin/token') answer = legacyToken(method, query);
      else if (path === '/cgi-bin/stable_token') answer = parsed.malformed ? fail(47001) : stableToken(method, parsed.body);
      else if (handlers[path]) {
        answer = checkAccessToken(query) ?? (parsed.malformed ? fail(47001) : handlers[path](method, query, parsed.body, parsed.upload));
      } else {
        call.errcode = 404;
        res.writeHead(404, { 'content-type': 'text/html' });
        res.end('<html><body>404 Not Found</body></html>');
        return;
      }
      call.errcode = typeof answer.errcode === 'number' ? answer.errcode : 0;

      if (drop === 'before-response') {
        call.dropped = true;
        req.socket.destroy();
        return;
      }
      respond(res, 200, answer);
    } catch (error) {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(error));
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
    controls: {
      expireAllTokens() {
        const past = now() - 1;
        for (const token of tokens.values()) token.expiresAt = Math.min(token.expiresAt, past);
      },
      invalidateAllTokens() {
        for (const token of tokens.values()) token.invalid = true;
      },
      failNext(path, errcode, errmsg) {
        const key = normalisePath(path);
        failures.set(key, [...(failures.get(key) ?? []), { errcode, errmsg }]);
      },
      dropConnectionNext(path, mode = 'before-response') {
        const key = normalisePath(path);
        drops.set(key, [...(drops.get(key) ?? []), mode]);
      },
      pushEventsTo(target) {
        eventTarget = target;
      },
      setPublishOutcome(status, opts = {}) {
        publishOutcome = { status, pollsUntilDone: opts.pollsUntilDone ?? 0, failIdx: opts.failIdx ?? [] };
      },
      counts: () => ({ tokensIssued, bodyImages, materials: materials.size, drafts: drafts.size, publishes: publishes.size, deletions }),
      drafts: () => [...drafts.values()],
      publishes: () => [...publishes.values()],
      publishesOfDraft: (draftMediaId) => [...publishes.values()].filter((job) => job.draftMediaId === draftMediaId).length,
    },
  };
}
