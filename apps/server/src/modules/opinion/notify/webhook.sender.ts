/**
 * The generic signed webhook, signed exactly as publishing's webhook channel is (X-Rongmei-Timestamp,
 * X-Rongmei-Signature = sha256=HMAC(secret, "<timestamp>.<body>"), Idempotency-Key), so one receiver serves both:
 *
 *   {"event":"alert.raised"|"alert.escalated"|"notification.test","idempotencyKey":…,"headline":…,"text":…,"alert":{…}}
 *
 * 2xx delivered; 408, 429, 5xx and network failures retried (the receiver de-duplicates on Idempotency-Key); other
 * answers final. The URL is user-given: every call goes through the SSRF guard.
 */
import { retryAfterSeconds, webhookHeaders, webhookSignature } from '../../channels/adapters/webhook.adapter.ts';
import { guardedFetch, OutboundError, parseAllowList, type GuardedResponse } from '../../../platform/http/outbound-guard.ts';
import { plainText } from './alert-message.ts';
import { missingFields, NotifyError, problem, type NotificationSender } from './sender.ts';

const events = { alert: 'alert.raised', escalation: 'alert.escalated', incident_escalation: 'incident.escalated', test: 'notification.test' } as const;

const isHttpUrl = (value: string) => {
  try {
    return /^https?:$/.test(new URL(value).protocol);
  } catch {
    return false;
  }
};

export function createWebhookSender(options: { allowList: string[]; now?: () => number }): NotificationSender {
  const allowList = parseAllowList(options.allowList.join(','));
  const now = options.now ?? Date.now;
  return {
    kind: 'webhook',
    fields: [
      { name: 'url', secret: false, required: true },
      { name: 'signingSecret', secret: true, required: true },
    ],
    validate(channel) {
      const problems = missingFields(this.fields, channel);
      if (channel.settings.url && !isHttpUrl(channel.settings.url)) problems.push(problem('settings.url', '地址须以 http:// 或 https:// 开头', 'The URL must start with http:// or https://'));
      return problems;
    },
    describeTarget: (channel) => `签名 Webhook「${channel.name}」${isHttpUrl(channel.settings.url ?? '') ? new URL(channel.settings.url).host : ''}`,
    async send({ channel, message, idempotencyKey, signal }) {
      const body = JSON.stringify({ event: events[message.purpose], idempotencyKey, headline: message.headline, text: plainText(message), alert: message.alertId === null ? null : message.data, incident: message.incidentId === null ? undefined : message.data, test: message.purpose === 'test' ? message.data : undefined });
      const timestamp = String(Math.floor(now() / 1000));
      let response: GuardedResponse;
      try {
        response = await guardedFetch(
          channel.settings.url ?? '',
          {
            method: 'POST',
            headers: {
              'Content-Type': 'application/json',
              'User-Agent': 'Rongmei-Webhook/1',
              [webhookHeaders.timestamp]: timestamp,
              [webhookHeaders.signature]: webhookSignature(channel.secrets.signingSecret ?? '', timestamp, body),
              [webhookHeaders.idempotencyKey]: idempotencyKey,
            },
            body,
          },
          { timeoutMs: 15_000, maxBytes: 64 * 1024, allowList, signal },
        );
      } catch (err) {
        if (!(err instanceof OutboundError)) throw err;
        const final = err.code === 'ssrf_blocked' || err.code === 'bad_url';
        const hint = err.code === 'ssrf_blocked' ? '接收地址指向本机或内网，已拒绝；如确需投递，请管理员将其加入允许列表' : final ? '接收地址无效' : '投递失败，稍后重试';
        throw new NotifyError(`${hint} / ${err.message}`, { retryable: !final, code: err.code });
      }
      const { status } = response;
      if (status >= 200 && status < 300) return { responseCode: `HTTP ${status}` };
      const excerpt = response.body.toString('utf8').replace(/\s+/g, ' ').slice(0, 200);
      const retryable = status === 408 || status === 429 || status >= 500;
      throw new NotifyError(`接收方${retryable ? '暂时无法处理' : '拒绝了通知'} (HTTP ${status})${excerpt ? `：${excerpt}` : ''}`, {
        retryable,
        code: `http_${status}`,
        responseCode: `HTTP ${status}`,
        retryAfterSeconds: retryAfterSeconds(response.headers['retry-after']),
      });
    },
  };
}
