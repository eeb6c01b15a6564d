import { retryAfterSeconds } from '../../channels/adapters/webhook.adapter.ts';
import { guardedFetch, OutboundError, type GuardedResponse } from '../../../platform/http/outbound-guard.ts';
import { NotifyError } from './sender.ts';

/** A robot's answer: the HTTP status and its JSON body. */
export type RobotAnswer = { status: number; body: Record<string, unknown> };

const callTimeoutMs = 10_000;

/**
 * POSTs JSON to a vendor robot. The vendor's base URL is the operator's configuration, so its host is trusted by
 * the SSRF guard (tests and intranet gateways point it at private addresses); the guard still caps time and size.
 */
export async function postToRobot(url: string, body: unknown, signal: AbortSignal): Promise<RobotAnswer> {
  let response: GuardedResponse;
  try {
    response = await guardedFetch(
      url,
      { method: 'POST', headers: { 'Content-Type': 'application/json; charset=utf-8', 'User-Agent': 'Rongmei-Notify/1' }, body: JSON.stringify(body) },
      { allowList: [new URL(url).hostname], timeoutMs: callTimeoutMs, maxBytes: 64 * 1024, signal },
    );
  } catch (err) {
    if (!(err instanceof OutboundError)) throw err;
    throw new NotifyError(`无法连接机器人服务，稍后重试 / ${err.message}`, { retryable: err.code !== 'bad_url' && err.code !== 'ssrf_blocked', code: err.code });
  }
  let parsed: unknown = null;
  try {
    parsed = JSON.parse(response.body.toString('utf8'));
  } catch {
    // judged by the status below
  }
  const json = parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null;
  if (response.status === 429 || response.status >= 500) {
    throw new NotifyError(`机器人服务暂时不可用 (HTTP ${response.status})，稍后重试`, {
      retryable: true,
      code: `http_${response.status}`,
      responseCode: `HTTP ${response.status}`,
      retryAfterSeconds: retryAfterSeconds(response.headers['retry-after']),
    });
  }
  if (!json) {
    throw new NotifyError(`机器人服务返回了无法识别的内容 (HTTP ${response.status})`, { retryable: false, code: `http_${response.status}`, responseCode: `HTTP ${response.status}` });
  }
  return { status: response.status, body: json };
}

/** A vendor error code: which ones are worth another try, and after how long at least. */
export type VendorCodes = Record<number, { retryable: boolean; retryAfterSeconds?: number; hint: string }>;

/** Turns a robot's non-zero code into a NotifyError with the vendor's own code and message. */
export function vendorFailure(vendor: string, codeField: 'errcode' | 'code', status: number, code: number, message: string, known: VendorCodes): NotifyError {
  const entry = known[code];
  return new NotifyError(`${vendor}拒绝了消息：${entry?.hint ?? '请查看错误码'}（${code} ${message}）`, {
    retryable: entry?.retryable ?? false,
    code: String(code),
    responseCode: `HTTP ${status} ${codeField}=${code}`,
    retryAfterSeconds: entry?.retryAfterSeconds,
  });
}

/** The result of a robot that answers {errcode, errmsg} (WeCom, DingTalk): errcode 0 is success. */
export function answerOf(vendor: string, status: number, body: Record<string, unknown>, known: VendorCodes) {
  const errcode = body.errcode;
  if (errcode === 0) return { responseCode: `HTTP ${status} errcode=0` };
  if (typeof errcode !== 'number') throw new NotifyError(`${vendor}返回了无法识别的内容 (HTTP ${status})`, { retryable: false, code: 'unrecognised', responseCode: `HTTP ${status}` });
  throw vendorFailure(vendor, 'errcode', status, errcode, String(body.errmsg ?? ''), known);
}
