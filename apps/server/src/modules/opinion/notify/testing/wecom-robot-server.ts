/**
 * A local WeCom group-robot API for tests: POST /cgi-bin/webhook/send?key=…, the same bodies and the same answers
 * (always HTTP 200, {"errcode":…,"errmsg":…} with WeCom's hint and more-info tail), 20 messages a minute per robot.
 */
import { hint, isObject, nonEmptyString, parseObject, RateWindow, startRobotHttp, TestClock, type RobotCall, type RobotReply } from './robot-server.ts';

export type WeComMessage = { key: string; msgtype: 'text' | 'markdown'; content: string; body: Record<string, unknown> };

export type WeComRobotServer = {
  url: string;
  /** Messages the group would show, in order. */
  messages: WeComMessage[];
  calls: RobotCall[];
  clock: TestClock;
  /** The next `count` well-formed messages get this errcode instead (e.g. -1 system busy). */
  failNext(errcode: number, count?: number): void;
  close(): Promise<void>;
};

const errmsgs: Record<number, string> = {
  [-1]: 'system busy',
  40008: 'invalid message type',
  44004: 'empty content',
  45009: 'api freq out of limit',
  47001: 'data format error',
  93000: 'invalid webhook url',
};

const limits = { text: 2048, markdown: 4096 } as const;

function error(errcode: number, errmsg = errmsgs[errcode] ?? 'error'): RobotReply {
  return { status: 200, body: { errcode, errmsg: `${errmsg}, hint: [${hint()}], from ip: 127.0.0.1, more info at https://open.work.weixin.qq.com/devtool/query?e=${errcode}` } };
}

/** Robots by key, each with WeCom's 20 messages a minute unless a test asks otherwise; `onMessage` times arrivals (bench). */
export async function startWeComRobotServer(options: { robots: { key: string; ratePerMinute?: number }[]; onMessage?: (message: WeComMessage) => void }): Promise<WeComRobotServer> {
  const clock = new TestClock();
  const windows = new Map(options.robots.map((r) => [r.key, new RateWindow(r.ratePerMinute ?? 20, 60_000)]));
  const messages: WeComMessage[] = [];
  const failures: number[] = [];
  const http = await startRobotHttp(({ method, path, query, raw }) => {
    if (path !== '/cgi-bin/webhook/send') return { status: 404, body: { errcode: 404, errmsg: 'not found' } };
    if (method !== 'POST') return error(43002, 'require POST method');
    const key = query.get('key') ?? '';
    const window = windows.get(key);
    if (!window) return error(93000);
    const body = parseObject(raw);
    if (!body) return error(47001);
    const msgtype = body.msgtype;
    if (msgtype !== 'text' && msgtype !== 'markdown') return error(40008);
    const part = body[msgtype];
    if (!isObject(part) || !nonEmptyString(part.content)) return error(44004);
    if (Buffer.byteLength(part.content) > limits[msgtype]) return error(40058, `${msgtype}.content exceed max length ${limits[msgtype]}. invalid Request Parameter`);
    if (!window.allow(key, clock.now())) return error(45009);
    const injected = failures.shift();
    if (injected !== undefined) return error(injected);
    const message: WeComMessage = { key, msgtype, content: part.content, body };
    messages.push(message);
    options.onMessage?.(message);
    return { status: 200, body: { errcode: 0, errmsg: 'ok' } };
  });
  return {
    url: http.url,
    messages,
    calls: http.calls,
    clock,
    failNext(errcode, count = 1) {
      for (let i = 0; i < count; i++) failures.push(errcode);
    },
    close: http.close,
  };
}
