/**
 * 飞书自定义机器人 (Feishu/Lark custom bot):
 *
 *   POST {FEISHU_API_BASE}/open-apis/bot/v2/hook/<hook id>
 *   {"timestamp":"<s>","sign":"…","msg_type":"interactive","card":{…}}   (or "text" / "post" with "content")
 *
 * Signed mode (签名校验): sign = base64(HMAC-SHA256(key = "<timestamp>\n<secret>", message = "")), the timestamp in
 * seconds, within an hour. Answers {"code":0,"msg":"success",…}, or 19021 sign match fail or timestamp is not within
 * one hour, 19024 Key Words Not Found, 19001 invalid access token, 9499 too many request (100 a minute, 5 a second).
 */
import { createHmac } from 'node:crypto';
import type { AlertLevel } from '../alert-rules.ts';
import { linkTarget, plainText, type NotificationMessage } from './alert-message.ts';
import { postToRobot, vendorFailure, type VendorCodes } from './robot-http.ts';
import { maskKey, missingFields, NotifyError, problem, type NotificationSender } from './sender.ts';

const codes: VendorCodes = {
  9499: { retryable: true, retryAfterSeconds: 10, hint: '发送过于频繁（每个机器人每分钟最多 100 条、每秒 5 条），稍后重试' },
  19021: { retryable: false, hint: '签名校验失败：签名密钥不符或服务器时间偏差超过 1 小时' },
  19024: { retryable: false, hint: '消息不含机器人设置的自定义关键词' },
  19001: { retryable: false, hint: 'Webhook 地址无效，请核对或重新添加机器人' },
};

/** The `sign` of signed mode: the HMAC key is the string to sign, the message is empty (as Feishu documents it). */
export function feishuSign(secret: string, timestampSeconds: number): string {
  return createHmac('sha256', `${timestampSeconds}\n${secret}`).update('').digest('base64');
}

const formats = ['interactive', 'post', 'text'] as const;
type Format = (typeof formats)[number];

const templates: Record<AlertLevel, string> = { 1: 'blue', 2: 'yellow', 3: 'orange', 4: 'red' };

/** lark_md understands **bold** and [text](url); brackets and asterisks in user text are turned full-width. */
const larkEscape = (text: string) => text.replace(/[*_[\]<>~`]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

function contentOf(format: Format, message: NotificationMessage): Record<string, unknown> {
  if (format === 'text') return { msg_type: 'text', content: { text: plainText(message) } };
  if (format === 'post') {
    const rows = message.facts.map((f): Record<string, string>[] => (f.href ? [{ tag: 'text', text: `${f.label}：` }, { tag: 'a', text: '打开原文', href: f.href }] : [{ tag: 'text', text: `${f.label}：${f.value}` }]));
    if (message.link) rows.push([{ tag: 'a', text: message.linkLabel, href: message.link }]);
    return { msg_type: 'post', content: { post: { zh_cn: { title: message.headline, content: rows } } } };
  }
  const facts = message.facts.map((f) => `**${f.label}**：${f.href ? `[打开原文](${linkTarget(f.href)})` : larkEscape(f.value)}`).join('\n');
  const elements: Record<string, unknown>[] = [{ tag: 'div', text: { tag: 'lark_md', content: facts } }];
  if (message.link) {
    elements.push({ tag: 'action', actions: [{ tag: 'button', text: { tag: 'plain_text', content: message.linkLabel }, type: 'primary', url: message.link }] });
  }
  return {
    msg_type: 'interactive',
    card: {
      config: { wide_screen_mode: true },
      header: { template: message.level ? templates[message.level] : 'green', title: { tag: 'plain_text', content: message.headline } },
      elements,
    },
  };
}

export function createFeishuSender(apiBase: string, now: () => number = Date.now): NotificationSender {
  return {
    kind: 'feishu',
    fields: [
      { name: 'hookId', secret: true, required: true },
      { name: 'signSecret', secret: true, required: false },
      { name: 'format', secret: false, required: false },
    ],
    validate(channel) {
      const problems = missingFields(this.fields, channel);
      const format = channel.settings.format;
      if (format && !(formats as readonly string[]).includes(format)) problems.push(problem('settings.format', '消息格式只能是 interactive、post 或 text', 'format must be interactive, post or text'));
      const hookId = channel.secrets.hookId;
      if (hookId && !/^[A-Za-z0-9-]{8,64}$/.test(hookId)) problems.push(problem('secrets.hookId', '请填写 Webhook 地址 /hook/ 后面的部分', 'Use the part of the webhook URL after /hook/'));
      return problems;
    },
    describeTarget: (channel) => `飞书群机器人「${channel.name}」hook ${maskKey(channel.secrets.hookId)}${channel.secrets.signSecret ? '（签名校验）' : ''}`,
    async send({ channel, message, signal }) {
      const format = (formats as readonly string[]).includes(channel.settings.format ?? '') ? (channel.settings.format as Format) : 'interactive';
      const secret = channel.secrets.signSecret;
      const timestamp = Math.floor(now() / 1000);
      const body = { ...(secret ? { timestamp: String(timestamp), sign: feishuSign(secret, timestamp) } : {}), ...contentOf(format, message) };
      const url = `${apiBase.replace(/\/$/, '')}/open-apis/bot/v2/hook/${encodeURIComponent(channel.secrets.hookId ?? '')}`;
      const { status, body: answer } = await postToRobot(url, body, signal);
      const code = typeof answer.code === 'number' ? answer.code : answer.StatusCode;
      if (code === 0) return { responseCode: `HTTP ${status} code=0` };
      if (typeof code !== 'number') throw new NotifyError(`飞书返回了无法识别的内容 (HTTP ${status})`, { retryable: false, code: 'unrecognised', responseCode: `HTTP ${status}` });
      throw vendorFailure('飞书', 'code', status, code, String(answer.msg ?? ''), codes);
    },
  };
}
