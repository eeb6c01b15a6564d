/**
 * The generic signed webhook: a JSON POST to the URL an administrator configured, signed with the channel's secret.
 *
 *   POST <settings.url>
 *   Content-Type: application/json
 *   X-Rongmei-Timestamp: <unix seconds>
 *   X-Rongmei-Signature: sha256=<hex HMAC-SHA256(signingSecret, "<timestamp>.<raw body>")>
 *   Idempotency-Key: <stable per publication>
 *   {"event":"publication.deliver","idempotencyKey":…,"publicationId":…,"channel":{"id":…,"name":…},"variant":{…}}
 *
 * 2xx: published; the receiver's JSON `id` becomes the external id (else the idempotency key), its `url` the external
 * URL when it is http(s). 408, 429, 5xx, network failures and timeouts are retried (Retry-After honoured): the
 * receiver de-duplicates on the Idempotency-Key, so a retry after a lost response is safe. 3xx and other 4xx are
 * final. The URL is user-given, so every call goes through the SSRF guard.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { guardedFetch, OutboundError, OutboundFailure, parseAllowList, type GuardedResponse, type GuardOptions } from '../../../platform/http/outbound-guard.ts';
import { DeliveryError, type ChannelAdapter, type DeliveryOutcome, type DeliveryRequest } from './channel-adapter.ts';

export type WebhookAdapterOptions = {
  /** Private hosts/CIDRs an administrator allowed (OUTBOUND_ALLOW_LIST). */
  allowList: string[];
  /** Overrides of the guarded call (tests: a shorter timeout, a resolver). */
  fetchOptions?: Pick<GuardOptions, 'timeoutMs' | 'connectTimeoutMs' | 'maxBytes' | 'resolve'>;
  /** Clock in milliseconds (tests). */
  now?: () => number;
};

export const webhookHeaders = {
  timestamp: 'X-Rongmei-Timestamp',
  signature: 'X-Rongmei-Signature',
  idempotencyKey: 'Idempotency-Key',
} as const;

/** The value of X-Rongmei-Signature for a body sent at `timestamp` (unix seconds). */
export function webhookSignature(secret: string, timestamp: string | number, rawBody: string | Buffer): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.`).update(rawBody).digest('hex')}`;
}

/**
 * For receivers: whether `header` is the signature of `rawBody` (the bytes as received, before any JSON parsing) at
 * `timestamp`, and the timestamp is within `toleranceSeconds` of now (which stops replays of an old delivery).
 */
export function verifyWebhookSignature(
  secret: string,
  timestamp: string | undefined,
  rawBody: string | Buffer,
  header: string | undefined,
  toleranceSeconds = 300,
  nowSeconds = Math.floor(Date.now() / 1000),
): boolean {
  if (!secret || !timestamp || !/^\d{1,12}$/.test(timestamp) || !header) return false;
  if (Math.abs(nowSeconds - Number(timestamp)) > toleranceSeconds) return false;
  const expected = Buffer.from(webhookSignature(secret, timestamp, rawBody));
  const given = Buffer.from(header.trim());
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const bodyExcerpt = (body: Buffer) => {
  const text = body.toString('utf8').replace(/\s+/g, ' ').trim();
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
};

/** Retry-After in seconds (delta-seconds or an HTTP date), or undefined. */
export function retryAfterSeconds(value: string | string[] | undefined, nowMs = Date.now()): number | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  if (!text) return undefined;
  if (/^\s*\d+\s*$/.test(text)) return Number(text);
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - nowMs) / 1000));
}

const isHttpUrl = (value: unknown): value is string => {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
};

function publishedFrom(response: GuardedResponse | null, idempotencyKey: string): DeliveryOutcome {
  let parsed: unknown = null;
  try {
    parsed = response ? JSON.parse(response.body.toString('utf8')) : null;
  } catch {
    // a receiver may answer 2xx with no JSON at all; the delivery still succeeded
  }
  const record = parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
  const id = typeof record.id === 'string' && record.id ? record.id : typeof record.id === 'number' ? String(record.id) : idempotencyKey;
  return { state: 'published', externalId: id, externalUrl: isHttpUrl(record.url) ? record.url : null };
}

function failureFromStatus(status: number, headers: GuardedResponse['headers'], body: Buffer | null): DeliveryError {
  const excerpt = body ? bodyExcerpt(body) : '';
  if (status === 408 || status === 429 || status >= 500) {
    return new DeliveryError(`接收方暂时无法处理 (HTTP ${status})，稍后重试 / Receiver unavailable (HTTP ${status})${excerpt ? `: ${excerpt}` : ''}`, {
      retryable: true,
      code: `http_${status}`,
      retryAfterSeconds: retryAfterSeconds(headers['retry-after']),
    });
  }
  if (status >= 300 && status < 400) {
    return new DeliveryError(`接收地址发生跳转，请把阵地地址改为最终地址 / The webhook URL redirects (HTTP ${status}) to ${headers.location ?? '?'}; configure the final URL`, {
      retryable: false,
      code: `http_${status}`,
    });
  }
  return new DeliveryError(`接收方拒绝了投递 (HTTP ${status}) / The receiver refused the delivery (HTTP ${status})${excerpt ? `: ${excerpt}` : ''}`, {
    retryable: false,
    code: `http_${status}`,
  });
}

export function createWebhookAdapter(options: WebhookAdapterOptions): ChannelAdapter {
  const now = options.now ?? Date.now;
  const allowList = parseAllowList(options.allowList.join(',')); // a bad entry fails at start, not at the first delivery
  return {
    kinds: ['webhook'],

    validate(_variant, channel) {
      const url = channel.settings.url;
      if (!url) return [{ field: 'settings.url', message: { 'zh-CN': '请填写接收地址', en: 'The channel has no webhook URL' } }];
      if (!isHttpUrl(url)) return [{ field: 'settings.url', message: { 'zh-CN': '地址须以 http:// 或 https:// 开头', en: 'The URL must start with http:// or https://' } }];
      return [];
    },

    async deliver(request: DeliveryRequest): Promise<DeliveryOutcome> {
      const { channel, idempotencyKey } = request;
      const url = channel.settings.url;
      const secret = channel.secrets.signingSecret;
      if (!url || !isHttpUrl(url)) throw new DeliveryError('阵地未配置有效的接收地址 / The channel has no valid webhook URL', { retryable: false, code: 'not_configured' });
      if (!secret) throw new DeliveryError('阵地未配置签名密钥 / The channel has no signing secret', { retryable: false, code: 'not_configured' });

      const body = JSON.stringify({
        event: 'publication.deliver',
        idempotencyKey,
        publicationId: request.publicationId,
        channel: { id: channel.id, name: channel.name },
        variant: request.variant,
      });
      const timestamp = String(Math.floor(now() / 1000));
      let response: GuardedResponse;
      try {
        response = await guardedFetch(
          url,
          {
            method: 'POST',
            headers: {
              'Content-Type': 'application/json',
              'User-Agent': 'Rongmei-Webhook/1',
              [webhookHeaders.timestamp]: timestamp,
              [webhookHeaders.signature]: webhookSignature(secret, timestamp, body),
              [webhookHeaders.idempotencyKey]: idempotencyKey,
            },
            body,
          },
          { timeoutMs: 30_000, maxBytes: 64 * 1024, ...options.fetchOptions, allowList, signal: request.signal },
        );
      } catch (err) {
        if (!(err instanceof OutboundError)) throw err;
        switch (err.code) {
          case 'ssrf_blocked':
            throw new DeliveryError(`接收地址指向本机或内网，已拒绝；如确需投递，请管理员将其加入允许列表 / ${err.message}`, { retryable: false, code: 'ssrf_blocked' });
          case 'bad_url':
            throw new DeliveryError(`接收地址无效 / ${err.message}`, { retryable: false, code: 'bad_url' });
          case 'too_large': {
            // The receiver answered, with more than a webhook reply needs: judge it by its status alone.
            const status = err instanceof OutboundFailure ? (err.status ?? 0) : 0;
            if (status >= 200 && status < 300) return publishedFrom(null, idempotencyKey);
            if (status) throw failureFromStatus(status, {}, null);
            throw new DeliveryError(`接收方响应过大 / ${err.message}`, { retryable: true, code: 'too_large' });
          }
          default:
            // timeout, network, aborted: the Idempotency-Key makes another attempt safe even if this one arrived
            throw new DeliveryError(`投递失败，稍后重试 / ${err.message}`, { retryable: true, code: err.code });
        }
      }
      if (response.status >= 200 && response.status < 300) return publishedFrom(response, idempotencyKey);
      throw failureFromStatus(response.status, response.headers, response.body);
    },
  };
}
