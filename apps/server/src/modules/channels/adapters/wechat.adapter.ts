import { visibleText } from '../../../../../../packages/text/src/index.ts';
import {
  DeliveryError,
  type ChannelAdapter,
  type DeliveryImage,
  type DeliveryOutcome,
  type DeliveryRequest,
  type PublicationVariant,
} from './channel-adapter.ts';
import { collectImageSources, toWeChatHtml, unsupportedElements } from './wechat-html.ts';

/**
 * WeChat Official Account (公众号, service and subscription) publishing through the draft box and free publish:
 * body images → media/uploadimg, cover → material/add_material (a permanent image, as thumb_media_id requires),
 * draft/add, freepublish/submit (asynchronous: pending), then freepublish/get until WeChat has decided.
 * Each remote step is checkpointed before the next one, so a retry resumes and never submits the same article twice.
 */

export type WeChatAdapterOptions = {
  /** Default https://api.weixin.qq.com; tests point it at the local protocol server. */
  apiBase?: string;
  fetch?: typeof fetch;
  now?: () => number;
};

/** WeChat's documented limits for a draft article (draft/add) and for uploads. */
export const weChatLimits = {
  titleChars: 64,
  digestChars: 120,
  /** Counted on what a reader sees (whitespace aside): the inline styles WeChat requires would otherwise eat the budget. */
  contentChars: 20_000,
  /** draft/add documents content as "less than 1M"; measured on the HTML sent. */
  contentBytes: 1024 * 1024,
  bodyImageBytes: 1024 * 1024,
  coverBytes: 10 * 1024 * 1024,
} as const;

export const pollAfterSeconds = 30;

/** The access_token is not (or no longer) good: refresh it once and repeat the call once. */
export const tokenRejectedErrcodes: readonly number[] = [40001, 40014, 42001];

/** Try again later: the job runner retries these, not before retryAfterSeconds when given. */
export const retryableErrcodes: Readonly<Record<number, { retryAfterSeconds?: number }>> = {
  [-1]: {}, // system busy
  45009: { retryAfterSeconds: 300 }, // daily call quota reached
  45011: { retryAfterSeconds: 60 }, // per-minute frequency limit
};

/** What an editor can do about an error, shown after WeChat's own message. */
export const errcodeHints: Readonly<Record<number, string>> = {
  [-1]: '微信系统繁忙，稍后自动重试',
  40013: '请核对阵地设置中的 AppID 与 AppSecret',
  40125: '请核对阵地设置中的 AppID 与 AppSecret',
  40164: '本服务器的 IP 不在公众号的 IP 白名单中，请在公众平台“设置与开发—基本配置”中添加',
  45009: '接口调用次数已达上限，稍后自动重试',
  45011: '接口调用太频繁，稍后自动重试',
  48001: '公众号没有该接口的权限（未认证的订阅号不能调用发布接口）',
  53503: '草稿未通过发布检查，请检查草稿内容',
  53504: '需前往公众平台官网使用该草稿',
  53505: '请在公众平台手动保存草稿成功后再发表',
};

/** freepublish publish_status, as the editor reads it. */
export const publishStatusText: Readonly<Record<number, string>> = {
  0: '发布成功',
  1: '发布中',
  2: '原创校验未通过',
  3: '常规失败',
  4: '平台审核不通过',
  5: '发布成功后所有文章已被删除',
  6: '发布成功后所有文章已被系统封禁',
};

const defaultApiBase = 'https://api.weixin.qq.com';
/** Tokens are replaced this long before they expire (WeChat itself renews stable tokens five minutes early). */
const tokenRenewMarginMs = 5 * 60_000;
const tokenTimeoutMs = 15_000;
const callTimeoutMs = 60_000;

/** Failures that happen before any byte of the request leaves: the platform cannot have acted on it. */
const notSentCodes = new Set([
  'ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL', 'UND_ERR_CONNECT_TIMEOUT',
  'ERR_TLS_CERT_ALTNAME_INVALID', 'CERT_HAS_EXPIRED', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
]);

type Credentials = { appId: string; appSecret: string };
type Answer = Record<string, unknown>;

type ApiCall = {
  path: string;
  query?: Record<string, string>;
  json?: unknown;
  form?: () => FormData;
  /**
   * Whether doing it twice is harmless, which decides what a lost response means. Uploads and drafts are (a spare
   * image or draft is invisible to followers); freepublish/submit is not: a blind retry could publish the article twice.
   */
  repeatable: boolean;
};

type Problem = ReturnType<ChannelAdapter['validate']>[number];

const chars = (s: string) => [...s].length;
const label = (path: string) => path.replace(/^\/cgi-bin\//, '');

function permanent(message: string, code: string) {
  return new DeliveryError(message, { retryable: false, code });
}

/** Image format by its first bytes: what WeChat checks, whatever the declared type says. */
function imageFormat(bytes: Buffer): 'jpg' | 'png' | 'gif' | 'bmp' | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpg';
  if (bytes.length >= 8 && bytes[0] === 0x89 && bytes.subarray(1, 4).toString('latin1') === 'PNG') return 'png';
  if (bytes.length >= 6 && /^GIF8[79]a$/.test(bytes.subarray(0, 6).toString('latin1'))) return 'gif';
  if (bytes.length >= 2 && bytes[0] === 0x42 && bytes[1] === 0x4d) return 'bmp';
  return null;
}

const mimeOf = { jpg: 'image/jpeg', png: 'image/png', gif: 'image/gif', bmp: 'image/bmp' } as const;

/** WeChat goes by the file name's extension too, so the name always ends in the real format's. */
function mediaForm(image: DeliveryImage, format: keyof typeof mimeOf) {
  const base = image.filename.replace(/\.[A-Za-z0-9]{1,5}$/, '').replace(/[\\/"\r\n]/g, '_') || 'image';
  const form = new FormData();
  form.append('media', new Blob([new Uint8Array(image.bytes)], { type: mimeOf[format] }), `${base}.${format}`);
  return form;
}

/** WeChat's own image hosts: such a src is already acceptable in an article body. */
function isWeChatHosted(src: string) {
  try {
    const host = new URL(src).hostname;
    return host === 'mmbiz.qpic.cn' || host === 'mmbiz.qlogo.cn' || host.endsWith('.mmbiz.qpic.cn');
  } catch {
    return false;
  }
}

function errorCode(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

function describe(error: unknown) {
  const code = errorCode(error);
  const message = error instanceof Error ? error.message : String(error);
  return code ? `${code} ${message}` : message;
}

/** The answer of a call that errored with errcode ≠ 0, as the DeliveryError the job runner acts on. */
function errcodeError(answer: Answer, path: string, options: { afterRefresh?: boolean; tokenCall?: boolean } = {}) {
  const errcode = Number(answer.errcode);
  const errmsg = typeof answer.errmsg === 'string' ? answer.errmsg : '';
  const hint = errcodeHints[errcode];
  const retry = retryableErrcodes[errcode];
  const tokenRejected = !options.tokenCall && tokenRejectedErrcodes.includes(errcode);
  const note = options.afterRefresh ? '；刷新 access_token 后仍被拒绝' : hint ? `；${hint}` : '';
  return new DeliveryError(`微信接口错误 ${errcode}：${errmsg}${note}（${label(path)}）`, {
    // A token still refused right after a refresh is most likely another instance's refresh racing ours.
    retryable: !!retry || tokenRejected,
    code: `wechat_${errcode}`,
    ...(retry?.retryAfterSeconds ? { retryAfterSeconds: retry.retryAfterSeconds } : {}),
  });
}

const hasErrcode = (answer: Answer) => answer.errcode !== undefined && Number(answer.errcode) !== 0;

/** Why a finished publish job failed, for the editor; null when it succeeded (0) or is still running (1). */
export function publishStatusFailure(status: number, failIndexes: readonly number[] = []): string | null {
  if (status === 0 || status === 1) return null;
  const text = publishStatusText[status] ?? `未知状态 ${status}`;
  const which = failIndexes.length ? `（第 ${failIndexes.join('、')} 篇）` : '';
  return `微信发布失败：${text}${which}（publish_status ${status}）`;
}

/** A publish job's result, from freepublish/get or a PUBLISHJOBFINISH event, as a delivery outcome; failures throw. */
export function outcomeOfPublishStatus(result: {
  publishId: string;
  status: number;
  articleId?: string;
  articleUrls: string[];
  failIndexes: number[];
}): DeliveryOutcome {
  if (result.status === 1) return { state: 'pending', externalId: result.publishId, pollAfterSeconds };
  if (result.status === 0) {
    if (!result.articleId) {
      throw new DeliveryError(`微信返回发布成功但没有 article_id（publish_id ${result.publishId}），稍后重新查询`, { retryable: true, code: 'wechat_publish_incomplete' });
    }
    return { state: 'published', externalId: result.articleId, externalUrl: result.articleUrls[0] ?? null };
  }
  const failure = publishStatusFailure(result.status, result.failIndexes) ?? `微信发布失败：未知状态 ${result.status}`;
  throw new DeliveryError(`${failure}（publish_id ${result.publishId}）`, { retryable: false, code: `wechat_publish_status_${result.status}` });
}

function publishResultOf(answer: Answer, publishId: string) {
  const detail = answer.article_detail as { item?: { idx?: unknown; article_url?: unknown }[] } | undefined;
  const items = Array.isArray(detail?.item) ? detail.item : [];
  return {
    publishId: answer.publish_id !== undefined ? String(answer.publish_id) : publishId,
    status: Number(answer.publish_status),
    articleId: typeof answer.article_id === 'string' && answer.article_id ? answer.article_id : undefined,
    articleUrls: [...items]
      .sort((a, b) => Number(a.idx) - Number(b.idx))
      .map((item) => item.article_url)
      .filter((url): url is string => typeof url === 'string' && url !== ''),
    failIndexes: Array.isArray(answer.fail_idx) ? answer.fail_idx.map(Number).filter(Number.isInteger) : [],
  };
}

function credentialsOf(channel: DeliveryRequest['channel']): Credentials {
  const appId = channel.settings.appId?.trim();
  const appSecret = channel.secrets.appSecret?.trim();
  if (!appId || !appSecret) {
    throw permanent('公众号阵地未配置 AppID 或 AppSecret，请在阵地设置中填写', 'wechat_missing_credentials');
  }
  return { appId, appSecret };
}

function readImageMap(saved: string | undefined): Record<string, string> {
  if (!saved) return {};
  try {
    const parsed = JSON.parse(saved) as unknown;
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
      return Object.fromEntries(Object.entries(parsed).filter((e): e is [string, string] => typeof e[1] === 'string'));
    }
  } catch {
    // An unreadable checkpoint only costs re-uploading the images.
  }
  return {};
}

export function createWeChatAdapter(options: WeChatAdapterOptions = {}): ChannelAdapter {
  const apiBase = (options.apiBase ?? defaultApiBase).replace(/\/+$/, '');
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const now = options.now ?? Date.now;

  /**
   * Access tokens per appId, in memory. They come from stable_token (normal mode): every instance asking gets the
   * same token while it is valid, so several server instances never void each other's token as the older
   * /cgi-bin/token does. Concurrent deliveries share one request (single flight).
   */
  const tokens = new Map<string, { token: string; renewAt: number }>();
  const inflight = new Map<string, Promise<string>>();

  async function send(call: ApiCall, accessToken: string | null, signal: AbortSignal): Promise<Answer> {
    const url = new URL(apiBase + call.path);
    for (const [key, value] of Object.entries(call.query ?? {})) url.searchParams.set(key, value);
    if (accessToken) url.searchParams.set('access_token', accessToken);
    const init: RequestInit = { method: 'POST', signal: AbortSignal.any([signal, AbortSignal.timeout(callTimeoutMs)]) };
    if (call.json !== undefined) {
      // JSON.stringify leaves Chinese as UTF-8; WeChat refuses \uXXXX escapes in some calls (40033).
      init.body = JSON.stringify(call.json);
      init.headers = { 'content-type': 'application/json; charset=utf-8' };
    } else if (call.form) {
      init.body = call.form();
    }
    if (signal.aborted) throw new DeliveryError(`投递已取消（${label(call.path)} 未发出）`, { retryable: true, code: 'wechat_aborted' });

    let response: Response;
    try {
      response = await fetchImpl(url, init);
    } catch (error) {
      throw lostCall(call, error, notSentCodes.has(errorCode(error) ?? ''));
    }
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      throw lostCall(call, error, false);
    }
    if (!response.ok) throw unreadable(call, `HTTP ${response.status}`);
    let answer: unknown;
    try {
      answer = JSON.parse(text);
    } catch {
      throw unreadable(call, `响应不是 JSON：${text.slice(0, 80)}`);
    }
    if (!answer || typeof answer !== 'object' || Array.isArray(answer)) throw unreadable(call, '响应不是 JSON 对象');
    return answer as Answer;
  }

  /** The request may or may not have reached WeChat: safe to retry only when it surely did not, or when repeating is harmless. */
  function lostCall(call: ApiCall, error: unknown, surelyNotSent: boolean) {
    if (surelyNotSent || call.repeatable) {
      return new DeliveryError(`无法连接微信接口（${label(call.path)}）：${describe(error)}`, { retryable: true, code: 'wechat_network_error' });
    }
    return outcomeUnknown(call, describe(error));
  }

  function unreadable(call: ApiCall, detail: string) {
    if (call.repeatable) return new DeliveryError(`微信接口响应异常（${label(call.path)}）：${detail}`, { retryable: true, code: 'wechat_bad_response' });
    return outcomeUnknown(call, detail);
  }

  function outcomeUnknown(call: ApiCall, detail: string) {
    return new DeliveryError(
      `${label(call.path)} 请求已发出但没有收到微信的确认（${detail}），无法确定文章是否已提交发布；请到公众平台“发表记录”核对后再决定是否手动重试`,
      { retryable: false, outcomeUnknown: true, code: 'wechat_outcome_unknown' },
    );
  }

  async function requestToken(creds: Credentials, rejected: string | undefined): Promise<string> {
    // Not tied to one delivery's signal: other deliveries may be waiting on this same request.
    const ask = async (forceRefresh: boolean) => {
      const call: ApiCall = {
        path: '/cgi-bin/stable_token',
        json: { grant_type: 'client_credential', appid: creds.appId, secret: creds.appSecret, force_refresh: forceRefresh },
        repeatable: true,
      };
      const answer = await send(call, null, AbortSignal.timeout(tokenTimeoutMs));
      if (hasErrcode(answer)) throw errcodeError(answer, call.path, { tokenCall: true });
      if (typeof answer.access_token !== 'string' || !answer.access_token) throw unreadable(call, '没有 access_token');
      return { token: answer.access_token, expiresIn: Number(answer.expires_in) || 0 };
    };
    let fresh = await ask(false);
    // The normal mode hands back the same token while WeChat deems it valid; one it refused needs a forced refresh.
    if (rejected && fresh.token === rejected) fresh = await ask(true);
    tokens.set(creds.appId, { token: fresh.token, renewAt: now() + fresh.expiresIn * 1000 - tokenRenewMarginMs });
    return fresh.token;
  }

  async function accessToken(creds: Credentials, rejected?: string): Promise<string> {
    const cached = tokens.get(creds.appId);
    if (cached && cached.token !== rejected && now() < cached.renewAt) return cached.token;
    const running = inflight.get(creds.appId);
    if (running) {
      const token = await running;
      if (token !== rejected) return token;
    }
    const again = inflight.get(creds.appId);
    if (again && again !== running) return again;
    const request = requestToken(creds, rejected).finally(() => {
      if (inflight.get(creds.appId) === request) inflight.delete(creds.appId);
    });
    inflight.set(creds.appId, request);
    return request;
  }

  /** One API call with the account's token; a refused token is renewed once and the call repeated once. */
  async function api(creds: Credentials, call: ApiCall, signal: AbortSignal): Promise<Answer> {
    if (signal.aborted) throw new DeliveryError(`投递已取消（${label(call.path)} 未发出）`, { retryable: true, code: 'wechat_aborted' });
    let token = await accessToken(creds);
    let answer = await send(call, token, signal);
    if (hasErrcode(answer) && tokenRejectedErrcodes.includes(Number(answer.errcode))) {
      // WeChat refused the token before doing anything, so repeating even a non-repeatable call is safe.
      token = await accessToken(creds, token);
      answer = await send(call, token, signal);
      if (hasErrcode(answer)) throw errcodeError(answer, call.path, { afterRefresh: tokenRejectedErrcodes.includes(Number(answer.errcode)) });
    }
    if (hasErrcode(answer)) throw errcodeError(answer, call.path);
    return answer;
  }

  function requireString(answer: Answer, key: string, call: ApiCall): string {
    const value = answer[key];
    if ((typeof value === 'string' && value) || typeof value === 'number') return String(value);
    throw unreadable(call, `缺少 ${key}`);
  }

  function validate(variant: PublicationVariant, channel: DeliveryRequest['channel']): Problem[] {
    const problems: Problem[] = [];
    const add = (field: string, zh: string, en: string) => problems.push({ field, message: { 'zh-CN': zh, en } });
    if (!channel.settings.appId?.trim()) add('channel.settings.appId', '公众号阵地未配置 AppID', 'The WeChat channel has no AppID');
    const title = variant.title.trim();
    if (!title) add('title', '标题不能为空', 'A title is required');
    else if (chars(title) > weChatLimits.titleChars) {
      add('title', `微信图文标题不能超过 ${weChatLimits.titleChars} 个字（现有 ${chars(title)} 个）`, `WeChat titles are limited to ${weChatLimits.titleChars} characters (this one has ${chars(title)})`);
    }
    const digest = variant.summary?.trim() ?? '';
    if (chars(digest) > weChatLimits.digestChars) {
      add('summary', `微信图文摘要不能超过 ${weChatLimits.digestChars} 个字（现有 ${chars(digest)} 个）`, `WeChat digests are limited to ${weChatLimits.digestChars} characters (this one has ${chars(digest)})`);
    }
    // 字数 as an editor counts them: what a reader sees, whitespace aside.
    const count = chars(visibleText(variant.html).replace(/\s+/g, ''));
    if (count === 0 && collectImageSources(variant.html).length === 0) add('html', '正文不能为空', 'The body is empty');
    if (count > weChatLimits.contentChars) {
      add('html', `微信图文正文不能超过 ${weChatLimits.contentChars} 字（现有 ${count} 字）`, `WeChat article bodies are limited to ${weChatLimits.contentChars} characters (this one has ${count})`);
    }
    const bytes = Buffer.byteLength(toWeChatHtml(variant.html), 'utf8');
    if (bytes >= weChatLimits.contentBytes) {
      add('html', `微信图文正文（含排版）须小于 1MB（现为 ${(bytes / 1024 / 1024).toFixed(2)}MB）`, `WeChat article bodies (with their styles) must be under 1 MB (this one is ${(bytes / 1024 / 1024).toFixed(2)} MB)`);
    }
    const dropped = unsupportedElements(variant.html);
    if (dropped.length) {
      add('html', `微信图文不支持正文中的 ${dropped.join('、')}，发布时会被删除；视频请在公众平台插入或改发视频号`, `WeChat articles cannot carry ${dropped.join(', ')} in the body; it would be removed`);
    }
    return problems;
  }

  async function pollPublish(creds: Credentials, publishId: string, signal: AbortSignal): Promise<DeliveryOutcome> {
    const call: ApiCall = { path: '/cgi-bin/freepublish/get', json: { publish_id: publishId }, repeatable: true };
    const answer = await api(creds, call, signal);
    if (answer.publish_status === undefined || !Number.isInteger(Number(answer.publish_status))) throw unreadable(call, '缺少 publish_status');
    return outcomeOfPublishStatus(publishResultOf(answer, publishId));
  }

  /** The cover as add_material takes it (jpg/png/gif/bmp up to 10MB), checked before anything is sent. */
  function checkedCover(cover: DeliveryImage | null) {
    if (!cover) throw permanent('缺少封面图：微信图文必须有封面，请为文章设置封面或为医院设置标志图', 'wechat_missing_cover');
    const format = imageFormat(cover.bytes);
    if (!format) throw permanent(`封面图 ${cover.filename} 的格式微信不支持（仅支持 JPG、PNG、GIF、BMP）`, 'wechat_image_unsupported');
    if (cover.bytes.length > weChatLimits.coverBytes) throw permanent(`封面图 ${cover.filename} 超过 10MB`, 'wechat_image_too_large');
    return { image: cover, format };
  }

  /** A body image as media/uploadimg takes it: JPG or PNG, at most 1MB. */
  function checkedBodyImage(src: string, image: DeliveryImage) {
    const format = imageFormat(image.bytes);
    if (format !== 'jpg' && format !== 'png') {
      throw permanent(`正文图片 ${src} 的格式微信不支持（正文图片仅支持 JPG、PNG），请转换后重新插入`, 'wechat_image_unsupported');
    }
    if (image.bytes.length > weChatLimits.bodyImageBytes) {
      throw permanent(`正文图片 ${src} 超过 1MB（${(image.bytes.length / 1024 / 1024).toFixed(2)}MB），请压缩后重新插入`, 'wechat_image_too_large');
    }
    return { image, format };
  }

  async function deliver(request: DeliveryRequest): Promise<DeliveryOutcome> {
    const creds = credentialsOf(request.channel);
    const { checkpoint, signal, variant } = request;
    // Submitted already: asking again could publish twice, so only the job's status is read.
    if (checkpoint.publishId) return pollPublish(creds, checkpoint.publishId, signal);

    let draftMediaId = checkpoint.draftMediaId;
    if (!draftMediaId) {
      const problems = validate(variant, request.channel);
      if (problems.length) throw permanent(problems.map((p) => p.message['zh-CN']).join('；'), 'wechat_invalid_variant');

      // Everything that can be checked here is, before the first remote call.
      let thumbMediaId = checkpoint.thumbMediaId;
      const cover = thumbMediaId ? null : checkedCover(request.cover);
      const imageUrls = readImageMap(checkpoint.bodyImages);
      const uploads: { src: string; image: DeliveryImage; format: 'jpg' | 'png' }[] = [];
      for (const src of collectImageSources(variant.html)) {
        if (Object.hasOwn(imageUrls, src)) continue;
        const image = await request.loadImage(src);
        if (!image) {
          if (isWeChatHosted(src)) continue;
          throw permanent(`正文图片 ${src} 不是平台保存的图片，无法上传到微信（微信会删除外部图片），请先上传该图片再插入正文`, 'wechat_image_unavailable');
        }
        uploads.push({ src, ...checkedBodyImage(src, image) });
      }

      for (const upload of uploads) {
        const call: ApiCall = { path: '/cgi-bin/media/uploadimg', form: () => mediaForm(upload.image, upload.format), repeatable: true };
        imageUrls[upload.src] = requireString(await api(creds, call, signal), 'url', call);
        await request.saveCheckpoint({ bodyImages: JSON.stringify(imageUrls) });
      }

      if (!thumbMediaId) {
        const { image, format } = cover!;
        const call: ApiCall = { path: '/cgi-bin/material/add_material', query: { type: 'image' }, form: () => mediaForm(image, format), repeatable: true };
        thumbMediaId = requireString(await api(creds, call, signal), 'media_id', call);
        await request.saveCheckpoint({ thumbMediaId });
      }

      const article: Record<string, unknown> = {
        title: variant.title.trim(),
        content: toWeChatHtml(variant.html, { imageUrls }),
        thumb_media_id: thumbMediaId,
        need_open_comment: 0,
        only_fans_can_comment: 0,
      };
      if (variant.author?.trim()) article.author = variant.author.trim();
      if (variant.summary?.trim()) article.digest = variant.summary.trim();
      if (variant.sourceUrl) article.content_source_url = variant.sourceUrl;
      const call: ApiCall = { path: '/cgi-bin/draft/add', json: { articles: [article] }, repeatable: true };
      draftMediaId = requireString(await api(creds, call, signal), 'media_id', call);
      await request.saveCheckpoint({ draftMediaId });
    }

    const submit: ApiCall = { path: '/cgi-bin/freepublish/submit', json: { media_id: draftMediaId }, repeatable: false };
    const publishId = requireString(await api(creds, submit, signal), 'publish_id', submit);
    await request.saveCheckpoint({ publishId });
    return { state: 'pending', externalId: publishId, pollAfterSeconds };
  }

  return {
    kinds: ['wechat_service', 'wechat_subscription'],
    validate,
    deliver,
    async poll(request) {
      const creds = credentialsOf(request.channel);
      const publishId = request.checkpoint.publishId;
      if (!publishId) throw permanent('没有微信发布任务编号（publish_id），无法查询发布结果', 'wechat_not_submitted');
      return pollPublish(creds, publishId, request.signal);
    },
    async withdraw(request) {
      const creds = credentialsOf(request.channel);
      // Our drafts hold one article; index 0 removes the whole published item.
      await api(creds, { path: '/cgi-bin/freepublish/delete', json: { article_id: request.externalId, index: 0 }, repeatable: true }, request.signal);
    },
  };
}
