/**
 * 企业微信群机器人 (WeCom group robot):
 *
 *   POST {WECOM_API_BASE}/cgi-bin/webhook/send?key=<robot key>
 *   {"msgtype":"markdown","markdown":{"content":"…"}}        content ≤ 4096 bytes (UTF-8)
 *   {"msgtype":"text","text":{"content":"…"}}                content ≤ 2048 bytes; the WeChat plug-in shows text only
 *
 * Always HTTP 200 with {"errcode":0,"errmsg":"ok"} or an error code: 93000 invalid webhook url (wrong key),
 * 45009 api freq out of limit (20 messages a minute per robot; retried after the minute), -1 system busy.
 */
import { markdownText, plainText } from './alert-message.ts';
import { answerOf, postToRobot, type VendorCodes } from './robot-http.ts';
import { maskKey, missingFields, problem, type NotificationSender } from './sender.ts';

const codes: VendorCodes = {
  [-1]: { retryable: true, hint: '系统繁忙' },
  45009: { retryable: true, retryAfterSeconds: 60, hint: '发送过于频繁（每个机器人每分钟最多 20 条），稍后重试' },
  93000: { retryable: false, hint: '机器人 Webhook 地址无效，请核对 key 或重新添加机器人' },
  40058: { retryable: false, hint: '消息内容超出长度限制' },
};

const maxBytes = { markdown: 4096, text: 2048 } as const;

/** Cuts a string to at most `limit` bytes of UTF-8 without splitting a character. */
export function truncateUtf8(text: string, limit: number): string {
  if (Buffer.byteLength(text) <= limit) return text;
  let bytes = 0;
  let out = '';
  for (const char of text) {
    const size = Buffer.byteLength(char);
    if (bytes + size > limit - 3) break;
    bytes += size;
    out += char;
  }
  return `${out}…`;
}

const formats = ['markdown', 'text'] as const;

export function createWeComSender(apiBase: string): NotificationSender {
  return {
    kind: 'wecom',
    fields: [
      { name: 'key', secret: true, required: true },
      { name: 'format', secret: false, required: false },
    ],
    validate(channel) {
      const problems = missingFields(this.fields, channel);
      const format = channel.settings.format;
      if (format && !(formats as readonly string[]).includes(format)) problems.push(problem('settings.format', '消息格式只能是 markdown 或 text', 'format must be markdown or text'));
      const key = channel.secrets.key;
      if (key && !/^[A-Za-z0-9-]{8,64}$/.test(key)) problems.push(problem('secrets.key', '请填写 Webhook 地址中 key= 后面的部分', 'Use the part of the webhook URL after key='));
      return problems;
    },
    describeTarget: (channel) => `企业微信群机器人「${channel.name}」key ${maskKey(channel.secrets.key)}`,
    async send({ channel, message, signal }) {
      const format = channel.settings.format === 'text' ? 'text' : 'markdown';
      const content =
        format === 'markdown'
          ? truncateUtf8(markdownText(message, (text, level) => (level >= 3 ? `<font color="warning">${text}</font>` : `<font color="comment">${text}</font>`)), maxBytes.markdown)
          : truncateUtf8(plainText(message), maxBytes.text);
      const url = `${apiBase.replace(/\/$/, '')}/cgi-bin/webhook/send?key=${encodeURIComponent(channel.secrets.key ?? '')}`;
      const { status, body } = await postToRobot(url, { msgtype: format, [format]: { content } }, signal);
      return answerOf('企业微信', status, body, codes);
    },
  };
}
