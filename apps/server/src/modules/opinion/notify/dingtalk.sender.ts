/**
 * 钉钉自定义机器人 (DingTalk custom robot):
 *
 *   POST {DINGTALK_API_BASE}/robot/send?access_token=<token>[&timestamp=<ms>&sign=<sign>]
 *   {"msgtype":"markdown","markdown":{"title":"…","text":"…"},"at":{"isAtAll":false}}
 *
 * Signed mode (加签): sign = urlencode(base64(HMAC-SHA256(key = secret, message = "<timestamp>\n<secret>"))), the
 * timestamp in milliseconds, within an hour of DingTalk's clock. Answers {"errcode":0,"errmsg":"ok"}, or 310000
 * (sign not match, keywords not in content, ip not in whitelist), 300001 token is not exist, 130101 send too fast
 * (20 a minute per robot).
 */
import { createHmac } from 'node:crypto';
import { markdownText } from './alert-message.ts';
import { answerOf, postToRobot, type VendorCodes } from './robot-http.ts';
import { maskKey, missingFields, problem, type NotificationSender } from './sender.ts';
import { truncateUtf8 } from './wecom.sender.ts';

const codes: VendorCodes = {
  [-1]: { retryable: true, hint: '系统繁忙' },
  130101: { retryable: true, retryAfterSeconds: 60, hint: '发送过于频繁（每个机器人每分钟最多 20 条），稍后重试' },
  310000: { retryable: false, hint: '安全设置校验失败：加签密钥不符、消息不含自定义关键词或 IP 不在白名单' },
  300001: { retryable: false, hint: 'access_token 无效，请核对或重新添加机器人' },
};

/** The `sign` parameter of signed mode, before URL encoding. */
export function dingTalkSign(secret: string, timestampMs: number): string {
  return createHmac('sha256', secret).update(`${timestampMs}\n${secret}`).digest('base64');
}

const levelColours = { 1: '#1677FF', 2: '#D4B106', 3: '#FA8C16', 4: '#F5222D' } as const;

export function createDingTalkSender(apiBase: string, now: () => number = Date.now): NotificationSender {
  return {
    kind: 'dingtalk',
    fields: [
      { name: 'accessToken', secret: true, required: true },
      { name: 'signSecret', secret: true, required: false },
    ],
    validate(channel) {
      const problems = missingFields(this.fields, channel);
      const secret = channel.secrets.signSecret;
      if (secret && !/^SEC[0-9a-f]{16,}$/i.test(secret)) problems.push(problem('secrets.signSecret', '加签密钥以 SEC 开头，请从机器人安全设置中复制', 'The signing secret starts with SEC'));
      return problems;
    },
    describeTarget: (channel) => `钉钉群机器人「${channel.name}」token ${maskKey(channel.secrets.accessToken)}${channel.secrets.signSecret ? '（加签）' : ''}`,
    async send({ channel, message, signal }) {
      const url = new URL(`${apiBase.replace(/\/$/, '')}/robot/send`);
      url.searchParams.set('access_token', channel.secrets.accessToken ?? '');
      const secret = channel.secrets.signSecret;
      if (secret) {
        const timestamp = now();
        url.searchParams.set('timestamp', String(timestamp));
        url.searchParams.set('sign', dingTalkSign(secret, timestamp));
      }
      const text = truncateUtf8(markdownText(message, (value, level) => `<font color=${levelColours[level]}>${value}</font>`), 18_000);
      const body = { msgtype: 'markdown', markdown: { title: message.headline.slice(0, 60), text }, at: { isAtAll: false } };
      const { status, body: answer } = await postToRobot(url.toString(), body, signal);
      return answerOf('钉钉', status, answer, codes);
    },
  };
}
