import { createHmac, timingSafeEqual } from 'node:crypto';
import { AppError } from '../../platform/http/errors.ts';

/**
 * How a data vendor signs a pushed batch without an API token:
 *
 *     X-Rongmei-Source:    <source id>
 *     X-Rongmei-Timestamp: <Unix seconds>
 *     X-Rongmei-Signature: sha256=<hex HMAC-SHA256(secret, "<timestamp>.<raw body bytes>")>
 *
 * The timestamp is inside the MAC so a captured request cannot be replayed outside the window; inside it, a replay
 * adds nothing because ingestion is idempotent by (source, external id).
 */
export const pushHeaders = { source: 'x-rongmei-source', timestamp: 'x-rongmei-timestamp', signature: 'x-rongmei-signature' } as const;

/** How far a signed request's clock may be from ours, either way. */
export const replayWindowSeconds = 300;

export function signPushBody(secret: string, timestamp: number | string, body: Buffer | string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex')}`;
}

const unauthenticated = (code: string, zh: string, en: string) => new AppError(401, code, { 'zh-CN': zh, en });

/** Throws a 401 with a stable code unless the signature is the secret's and the timestamp within the window. */
export function verifyPushSignature(secret: string, timestamp: string | undefined, signature: string | undefined, body: Buffer, nowMs = Date.now()) {
  if (!timestamp || !signature) {
    throw unauthenticated('signature_missing', '缺少 X-Rongmei-Timestamp 或 X-Rongmei-Signature 请求头', 'X-Rongmei-Timestamp and X-Rongmei-Signature are required');
  }
  const seconds = /^\d{1,12}$/.test(timestamp) ? Number(timestamp) : NaN;
  if (!Number.isFinite(seconds) || Math.abs(nowMs / 1000 - seconds) > replayWindowSeconds) {
    throw unauthenticated('signature_expired', `时间戳与服务器时间相差超过 ${replayWindowSeconds} 秒`, `The timestamp is more than ${replayWindowSeconds} s from the server’s clock`);
  }
  const expected = Buffer.from(signPushBody(secret, timestamp, body));
  const given = Buffer.from(signature.trim().toLowerCase());
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw unauthenticated('signature_invalid', '签名不正确', 'The signature does not match');
  }
}
