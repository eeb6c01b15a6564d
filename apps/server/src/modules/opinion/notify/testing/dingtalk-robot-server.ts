/**
 * A local DingTalk custom-robot API for tests: POST /robot/send?access_token=…[&timestamp=…&sign=…], checking the
 * security settings a robot can have (加签 signature within an hour, custom keywords) and the body shape, answering
 * DingTalk's {"errcode":…,"errmsg":…} bodies, 20 messages a minute per robot (130101 beyond).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { isObject, nonEmptyString, parseObject, RateWindow, startRobotHttp, TestClock, type RobotCall, type RobotReply } from './robot-server.ts';

export type DingTalkRobot = { accessToken: string; signSecret?: string; keywords?: string[] };
export type DingTalkMessage = { accessToken: string; msgtype: 'text' | 'markdown'; title: string | null; text: string; body: Record<string, unknown> };

export type DingTalkRobotServer = {
  url: string;
  messages: DingTalkMessage[];
  calls: RobotCall[];
  clock: TestClock;
  close(): Promise<void>;
};

const more = 'more: [https://ding-doc.dingtalk.com/doc#/serverapi2/qf2nxq]';
const error = (errcode: number, errmsg: string): RobotReply => ({ status: 200, body: { errcode, errmsg } });

/** What the robot's 加签 expects: base64 HMAC-SHA256 keyed by the secret over "<timestamp>\n<secret>". */
function signatureMatches(robot: DingTalkRobot, timestamp: string, sign: string) {
  const expected = Buffer.from(createHmac('sha256', robot.signSecret!).update(`${timestamp}\n${robot.signSecret}`).digest('base64'));
  const given = Buffer.from(sign);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export async function startDingTalkRobotServer(options: { robots: DingTalkRobot[]; ratePerMinute?: number }): Promise<DingTalkRobotServer> {
  const clock = new TestClock();
  const window = new RateWindow(options.ratePerMinute ?? 20, 60_000);
  const messages: DingTalkMessage[] = [];
  const http = await startRobotHttp(({ method, path, query, raw }) => {
    if (path !== '/robot/send') return { status: 404, body: { errcode: 404, errmsg: '请求的URI地址不存在' } };
    if (method !== 'POST') return error(43002, '需要POST请求');
    const robot = options.robots.find((r) => r.accessToken === query.get('access_token'));
    if (!robot) return error(300001, 'token is not exist');
    if (robot.signSecret) {
      const timestamp = query.get('timestamp') ?? '';
      const sign = query.get('sign') ?? '';
      if (!/^\d{13}$/.test(timestamp) || Math.abs(clock.now() - Number(timestamp)) > 3_600_000) return error(310000, `invalid timestamp, ${more}`);
      if (!signatureMatches(robot, timestamp, sign)) return error(310000, `sign not match, ${more}`);
    }
    const body = parseObject(raw);
    if (!body) return error(40035, '缺少参数 json');
    const msgtype = body.msgtype;
    if (msgtype !== 'text' && msgtype !== 'markdown') return error(40035, '缺少参数 msgtype');
    const part = body[msgtype];
    if (!isObject(part)) return error(40035, `缺少参数 ${msgtype}`);
    if (msgtype === 'markdown' && !nonEmptyString(part.title)) return error(40035, '缺少参数 markdown.title');
    const text = msgtype === 'markdown' ? part.text : part.content;
    if (!nonEmptyString(text)) return error(40035, `缺少参数 ${msgtype === 'markdown' ? 'markdown.text' : 'text.content'}`);
    if (body.at !== undefined && !isObject(body.at)) return error(40035, '不合法的参数 at');
    if (Buffer.byteLength(raw) > 20_000) return error(460101, 'message too long, exceed 20000 bytes');
    const title = msgtype === 'markdown' ? String(part.title) : null;
    if (robot.keywords?.length && !robot.keywords.some((k) => text.includes(k) || title?.includes(k))) return error(310000, `keywords not in content, ${more}`);
    if (!window.allow(robot.accessToken, clock.now())) return error(130101, 'send too fast, exceed 20 times per minute');
    messages.push({ accessToken: robot.accessToken, msgtype, title, text, body });
    return { status: 200, body: { errcode: 0, errmsg: 'ok' } };
  });
  return { url: http.url, messages, calls: http.calls, clock, close: http.close };
}
