/**
 * A local Feishu custom-bot API for tests: POST /open-apis/bot/v2/hook/<hook id>, checking 签名校验 (timestamp and
 * sign in the body, within an hour), custom keywords and the shape of text, post and interactive messages, answering
 * Feishu's {"code":…,"msg":…,"data":{}} bodies; 5 messages a second and 100 a minute per bot (9499 beyond).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { isObject, nonEmptyString, parseObject, RateWindow, startRobotHttp, TestClock, type RobotCall, type RobotReply } from './robot-server.ts';

export type FeishuBot = { hookId: string; signSecret?: string; keywords?: string[] };
export type FeishuMessage = { hookId: string; msgType: 'text' | 'post' | 'interactive'; text: string; body: Record<string, unknown> };

export type FeishuBotServer = {
  url: string;
  messages: FeishuMessage[];
  calls: RobotCall[];
  clock: TestClock;
  close(): Promise<void>;
};

const error = (code: number, msg: string): RobotReply => ({ status: 200, body: { code, data: {}, msg } });
const ok: RobotReply = { status: 200, body: { StatusCode: 0, StatusMessage: 'success', code: 0, data: {}, msg: 'success' } };

/** Feishu's signature: the HMAC key is "<timestamp>\n<secret>" and the signed message is empty. */
function signatureMatches(secret: string, timestamp: string, sign: unknown) {
  const expected = Buffer.from(createHmac('sha256', `${timestamp}\n${secret}`).digest('base64'));
  const given = Buffer.from(typeof sign === 'string' ? sign : '');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The readable text of a message (for keywords and for tests), or null when its content is malformed. */
function textOf(msgType: string, body: Record<string, unknown>): string | null {
  if (msgType === 'text') {
    const content = body.content;
    return isObject(content) && nonEmptyString(content.text) ? content.text : null;
  }
  if (msgType === 'post') {
    const post = isObject(body.content) ? body.content.post : null;
    const locale = isObject(post) ? (post.zh_cn ?? post.en_us) : null;
    if (!isObject(locale) || !Array.isArray(locale.content)) return null;
    const parts: string[] = [typeof locale.title === 'string' ? locale.title : ''];
    for (const row of locale.content) {
      if (!Array.isArray(row)) return null;
      for (const item of row) {
        if (!isObject(item) || !['text', 'a', 'at', 'img'].includes(String(item.tag))) return null;
        if (item.tag === 'a' && !(nonEmptyString(item.href) && /^https?:\/\//.test(item.href))) return null;
        if (typeof item.text === 'string') parts.push(item.text);
      }
    }
    return parts.join('\n');
  }
  const card = body.card;
  if (!isObject(card) || !Array.isArray(card.elements)) return null;
  const parts: string[] = [];
  const header = card.header;
  if (header !== undefined) {
    if (!isObject(header) || !isObject(header.title) || header.title.tag !== 'plain_text' || !nonEmptyString(header.title.content)) return null;
    parts.push(header.title.content);
  }
  for (const element of card.elements) {
    if (!isObject(element)) return null;
    if (element.tag === 'div') {
      if (!isObject(element.text) || !['plain_text', 'lark_md'].includes(String(element.text.tag)) || typeof element.text.content !== 'string') return null;
      parts.push(element.text.content);
    } else if (element.tag === 'action') {
      if (!Array.isArray(element.actions)) return null;
      for (const action of element.actions) {
        if (!isObject(action) || action.tag !== 'button' || !isObject(action.text) || (action.url !== undefined && !(nonEmptyString(action.url) && /^https?:\/\//.test(action.url)))) return null;
        parts.push([action.text.content, action.url].filter(Boolean).join(' '));
      }
    } else if (element.tag !== 'hr') {
      return null;
    }
  }
  return parts.join('\n');
}

export async function startFeishuBotServer(options: { bots: FeishuBot[]; perMinute?: number; perSecond?: number }): Promise<FeishuBotServer> {
  const clock = new TestClock();
  const minute = new RateWindow(options.perMinute ?? 100, 60_000);
  const second = new RateWindow(options.perSecond ?? 5, 1_000);
  const messages: FeishuMessage[] = [];
  const http = await startRobotHttp(({ method, path, raw }) => {
    const match = /^\/open-apis\/bot\/v2\/hook\/([^/]+)$/.exec(path);
    if (!match || method !== 'POST') return { status: 404, body: { code: 404, msg: '404 page not found', data: {} } };
    const bot = options.bots.find((b) => b.hookId === decodeURIComponent(match[1]));
    if (!bot) return error(19001, 'param invalid: incoming webhook access token invalid');
    const body = parseObject(raw);
    if (!body) return { status: 400, body: { code: 9499, msg: 'Bad Request', data: {} } };
    if (bot.signSecret) {
      const timestamp = typeof body.timestamp === 'string' ? body.timestamp : '';
      const fresh = /^\d{10}$/.test(timestamp) && Math.abs(clock.now() / 1000 - Number(timestamp)) <= 3600;
      if (!fresh || !signatureMatches(bot.signSecret, timestamp, body.sign)) return error(19021, 'sign match fail or timestamp is not within one hour from current time');
    }
    const msgType = body.msg_type;
    if (msgType !== 'text' && msgType !== 'post' && msgType !== 'interactive') return error(19002, 'params error, msg_type need');
    const text = textOf(msgType, body);
    if (text === null) return error(19002, `params error, invalid ${msgType} content`);
    if (bot.keywords?.length && !bot.keywords.some((k) => text.includes(k))) return error(19024, 'Key Words Not Found');
    const now = clock.now();
    if (!second.allow(bot.hookId, now) || !minute.allow(bot.hookId, now)) return error(9499, 'too many request');
    messages.push({ hookId: bot.hookId, msgType, text, body });
    return ok;
  });
  return { url: http.url, messages, calls: http.calls, clock, close: http.close };
}
