/**
 * Sina Weibo, open API v2.
 *
 *   POST {apiBase}/2/statuses/share.json   form: access_token, status[, rip]   (multipart with `pic` when there is a cover)
 *   POST {apiBase}/2/statuses/destroy.json form: access_token, id
 *
 * The status must hold a link in the app's safe domain (安全域名, channel setting `safeDomain`): the variant's
 * sourceUrl is appended when the text has none. Length rule: see weibo-text.ts. Errors come as
 * `{"error","error_code","request"}`; rate limits are retried, token problems ask the editor to re-authorise.
 * statuses/share is not idempotent: a connection lost after the request went out is `outcomeUnknown` (never retried
 * by itself; Weibo's own 20019 "repeat content" then stops a hand retry from posting twice). A successful post is
 * written to the checkpoint at once, so a later attempt for the same publication returns it instead of posting again.
 * The published URL is `https://weibo.com/<user id>/<status id>`.
 * api.weibo.com is fixed and trusted, so this uses plain fetch, not the SSRF guard.
 */
import { DeliveryError, type ChannelAdapter, type DeliveryOutcome, type DeliveryRequest, type PublicationVariant } from './channel-adapter.ts';
import {
  composeWeiboStatus, normaliseSafeDomain, parseWeiboError, parseWeiboJson, parseWeiboStatus, weiboLength, weiboMaxLength, weiboStatusUrl,
  type WeiboApiError,
} from './weibo-text.ts';

export type WeiboAdapterOptions = {
  /** Default https://api.weibo.com. */
  apiBase?: string;
  fetch?: typeof fetch;
  /** The end user's real IP Weibo asks apps to report (`rip`); the server's public address when posting from jobs. */
  rip?: string;
  /** Per call. Default 60 s. */
  timeoutMs?: number;
};

/** Picture limits of statuses/share: JPEG, PNG or GIF under 5 MB. */
const pictureTypes = ['image/jpeg', 'image/png', 'image/gif'];
const maxPictureBytes = 5 * 1024 * 1024;

const reauthorise = '微博授权已失效，请在阵地设置中重新授权该账号 / The Weibo authorisation is no longer valid; re-authorise the account in the channel settings';

/** Error codes and what they mean for a delivery. */
const rateLimited = new Set([10022, 10023, 10024, 20016]);
const tokenProblems = new Set([21301, 21314, 21315, 21316, 21317, 21319, 21327, 21332, 21501]);
/** Weibo says it did not take the request: safe to send again. */
const notTaken = new Set([10002, 10009]);

type Problem = ReturnType<ChannelAdapter['validate']>[number];

function problemsOf(variant: PublicationVariant, channel: DeliveryRequest['channel']): { problems: Problem[]; status: string | null } {
  const problems: Problem[] = [];
  const safeDomain = normaliseSafeDomain(channel.settings.safeDomain);
  if (!channel.secrets.accessToken) {
    problems.push({ field: 'secrets.accessToken', message: { 'zh-CN': '该微博账号尚未授权', en: 'The Weibo account has no access token' } });
  }
  if (!safeDomain) {
    problems.push({ field: 'settings.safeDomain', message: { 'zh-CN': '请填写微博应用的安全域名', en: "Set the Weibo app's safe domain" } });
    return { problems, status: null };
  }
  const composed = composeWeiboStatus(variant.text, variant.sourceUrl, safeDomain);
  if (!composed.safeLink) {
    problems.push({
      field: 'variant.text',
      message: {
        'zh-CN': `微博正文须包含安全域名 ${safeDomain} 下的链接：请在正文中加入，或为稿件提供该域名下的原文地址`,
        en: `A Weibo post must contain a link under the safe domain ${safeDomain}: add one to the text, or give the article a source URL under it`,
      },
    });
  }
  const length = weiboLength(composed.status);
  if (length > weiboMaxLength) {
    problems.push({
      field: 'variant.text',
      message: {
        'zh-CN': `微博正文（含${composed.appended ? '自动附加的' : ''}链接）为 ${length} 字，超过 ${weiboMaxLength} 字上限（两个半角字符计一字，每个链接计 12 字）`,
        en: `The Weibo post is ${length} characters${composed.appended ? ' with the appended link' : ''}, over the limit of ${weiboMaxLength} (two half-width characters count as one, a link as 12)`,
      },
    });
  }
  return { problems, status: composed.status };
}

/** What a Weibo error response means for the delivery. */
function errorFor(apiError: WeiboApiError, httpStatus: number, retryAfter: number | undefined): DeliveryError {
  const { code } = apiError;
  const detail = `[${code}] ${apiError.message}`;
  const options = { code: `weibo_${code}` };
  if (rateLimited.has(code)) {
    return new DeliveryError(`微博接口调用频次超限，稍后重试 / Weibo rate limit ${detail}`, { ...options, retryable: true, retryAfterSeconds: retryAfter ?? (code === 20016 ? 60 : 600) });
  }
  if (tokenProblems.has(code)) return new DeliveryError(`${reauthorise} ${detail}`, { ...options, retryable: false });
  if (code === 20019) return new DeliveryError(`内容重复，可能已发布：请到微博核实 / Repeated content, it may already be posted ${detail}`, { ...options, retryable: false });
  if (code === 20012) return new DeliveryError(`微博正文过长 / The text is too long for Weibo ${detail}`, { ...options, retryable: false });
  if (code === 10017) return new DeliveryError(`微博正文未包含安全域名链接，或应用未绑定该域名 / No link in the app's safe domain ${detail}`, { ...options, retryable: false });
  if (code === 10014) return new DeliveryError(`微博应用没有发布接口权限 / The Weibo app lacks permission for this API ${detail}`, { ...options, retryable: false });
  if (notTaken.has(code)) return new DeliveryError(`微博服务暂时不可用，稍后重试 / Weibo is busy ${detail}`, { ...options, retryable: true, retryAfterSeconds: retryAfter });
  if (code === 10001) {
    // "System error": Weibo may or may not have posted it.
    return new DeliveryError(`微博系统错误，是否已发布未知：请到微博核实 / Weibo system error, outcome unknown ${detail}`, { ...options, retryable: false, outcomeUnknown: true });
  }
  return new DeliveryError(`微博拒绝了请求 (HTTP ${httpStatus}) / Weibo refused the request ${detail}`, { ...options, retryable: false });
}

/** Errors fetch raises before a single byte of the request left: nothing reached Weibo. */
const notSentCodes = new Set([
  'ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'UND_ERR_CONNECT_TIMEOUT',
  'CERT_HAS_EXPIRED', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'ERR_TLS_CERT_ALTNAME_INVALID',
]);

function causeCode(err: unknown): string | undefined {
  for (let e: unknown = err, depth = 0; e && typeof e === 'object' && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && notSentCodes.has(code)) return code;
  }
  return undefined;
}

const retryAfterOf = (response: Response) => {
  const value = response.headers.get('retry-after');
  return value && /^\d+$/.test(value.trim()) ? Number(value) : undefined;
};

export function createWeiboAdapter(options: WeiboAdapterOptions = {}): ChannelAdapter {
  const apiBase = new URL(options.apiBase ?? 'https://api.weibo.com').href.replace(/\/$/, '');
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 60_000;

  /**
   * One POST; resolves with the parsed JSON of a 2xx answer. `idempotent` says whether a lost connection may be
   * retried (destroy) or leaves the outcome unknown (share).
   */
  async function call(path: string, body: URLSearchParams | FormData, signal: AbortSignal, idempotent: boolean): Promise<unknown> {
    if (signal.aborted) throw new DeliveryError('投递已取消 / The delivery was cancelled before it was sent', { retryable: true, code: 'aborted' });
    let response: Response;
    let raw: string;
    try {
      response = await doFetch(`${apiBase}${path}`, { method: 'POST', body, signal: AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]) });
      raw = await response.text();
    } catch (err) {
      const code = causeCode(err);
      if (code || idempotent) {
        throw new DeliveryError(`无法连接微博，稍后重试 / Could not reach Weibo${code ? ` (${code})` : ''}`, { retryable: true, code: 'network' });
      }
      throw new DeliveryError('与微博的连接在请求发出后中断，是否已发布未知：请到微博核实后再决定是否重试 / The connection to Weibo broke after the request was sent; check the account before retrying', {
        retryable: false,
        outcomeUnknown: true,
        code: 'outcome_unknown',
      });
    }
    let parsed: unknown = null;
    try {
      parsed = parseWeiboJson(raw);
    } catch {
      // not JSON: judged by the status below
    }
    const apiError = parseWeiboError(parsed);
    if (apiError) throw errorFor(apiError, response.status, retryAfterOf(response));
    if (response.ok) {
      if (parsed === null) {
        if (idempotent) return null;
        throw new DeliveryError('微博返回了无法识别的结果，是否已发布未知：请到微博核实 / Weibo answered with something unreadable; the outcome is unknown', {
          retryable: false, outcomeUnknown: true, code: 'outcome_unknown',
        });
      }
      return parsed;
    }
    if (response.status === 429 || response.status === 503 || (idempotent && response.status >= 500)) {
      throw new DeliveryError(`微博暂时不可用 (HTTP ${response.status})，稍后重试 / Weibo unavailable`, { retryable: true, code: `http_${response.status}`, retryAfterSeconds: retryAfterOf(response) });
    }
    if (response.status >= 500) {
      // A gateway error on a post that is not idempotent: it may have gone through behind the gateway.
      throw new DeliveryError(`微博网关错误 (HTTP ${response.status})，是否已发布未知：请到微博核实 / Weibo gateway error, outcome unknown`, {
        retryable: false, outcomeUnknown: true, code: `http_${response.status}`,
      });
    }
    throw new DeliveryError(`微博拒绝了请求 (HTTP ${response.status}) / Weibo refused the request: ${raw.slice(0, 200)}`, { retryable: false, code: `http_${response.status}` });
  }

  return {
    kinds: ['weibo'],

    validate: (variant, channel) => problemsOf(variant, channel).problems,

    async deliver(request: DeliveryRequest): Promise<DeliveryOutcome> {
      const done = request.checkpoint.weiboStatusId;
      if (done) return { state: 'published', externalId: done, externalUrl: request.checkpoint.weiboStatusUrl || null };

      const { problems, status } = problemsOf(request.variant, request.channel);
      if (problems.length || status === null) {
        throw new DeliveryError(problems.map((p) => p.message['zh-CN']).join('；'), { retryable: false, code: 'invalid_variant' });
      }
      const token = request.channel.secrets.accessToken;
      let body: URLSearchParams | FormData;
      if (request.cover) {
        const { cover } = request;
        if (!pictureTypes.includes(cover.contentType) || cover.bytes.length > maxPictureBytes) {
          throw new DeliveryError(`封面图须为 5MB 以内的 JPEG/PNG/GIF / The cover must be a JPEG, PNG or GIF under 5 MB (got ${cover.contentType}, ${cover.bytes.length} bytes)`, {
            retryable: false, code: 'invalid_picture',
          });
        }
        body = new FormData();
        body.append('access_token', token);
        body.append('status', status);
        if (options.rip) body.append('rip', options.rip);
        body.append('pic', new Blob([new Uint8Array(cover.bytes)], { type: cover.contentType }), cover.filename);
      } else {
        body = new URLSearchParams({ access_token: token, status });
        if (options.rip) body.set('rip', options.rip);
      }

      const answer = await call('/2/statuses/share.json', body, request.signal, false);
      let parsed;
      try {
        parsed = parseWeiboStatus(answer);
      } catch {
        throw new DeliveryError('微博返回的结果中没有微博 id，是否已发布未知：请到微博核实 / Weibo answered without a status id; the outcome is unknown', {
          retryable: false, outcomeUnknown: true, code: 'outcome_unknown',
        });
      }
      const externalUrl = weiboStatusUrl(parsed);
      await request.saveCheckpoint({ weiboStatusId: parsed.id, weiboStatusUrl: externalUrl ?? '' });
      return { state: 'published', externalId: parsed.id, externalUrl };
    },

    async withdraw(request) {
      if (!request.externalId) throw new DeliveryError('没有微博 id，无法撤回 / No Weibo status id to withdraw', { retryable: false, code: 'no_external_id' });
      const body = new URLSearchParams({ access_token: request.channel.secrets.accessToken ?? '', id: request.externalId });
      try {
        await call('/2/statuses/destroy.json', body, request.signal, true);
      } catch (err) {
        // 20101: the status does not exist (any more): it is down, which is what was asked.
        if (err instanceof DeliveryError && err.options.code === 'weibo_20101') return;
        throw err;
      }
    },
  };
}
