/**
 * A webhook receiver for tests, written the way a receiver should be: it checks the signature over the raw body,
 * de-duplicates on Idempotency-Key (a repeat gets the same {id, url} and stores nothing new), and can be told to
 * fail the next requests (500, 429, or a connection dropped after the delivery was stored: a lost response).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyWebhookSignature, webhookHeaders } from '../webhook.adapter.ts';

export type StoredDelivery = { idempotencyKey: string; id: string; url: string; payload: Record<string, unknown>; headers: http.IncomingHttpHeaders };
export type ReceiverFailure = 500 | 429 | 'drop';

export type WebhookReceiver = {
  /** Base URL; deliveries go to `${url}/hooks` (any path is accepted). */
  url: string;
  port: number;
  /** One entry per distinct Idempotency-Key. */
  stored: StoredDelivery[];
  /** Every request that reached the handler, accepted or not. */
  requests: { status: number | 'dropped'; idempotencyKey: string | undefined }[];
  failNext(count: number, failure: ReceiverFailure, options?: { retryAfterSeconds?: number }): void;
  close(): Promise<void>;
};

export async function startWebhookReceiver(options: { signingSecret: string; toleranceSeconds?: number }): Promise<WebhookReceiver> {
  const stored: StoredDelivery[] = [];
  const byKey = new Map<string, StoredDelivery>();
  const requests: WebhookReceiver['requests'] = [];
  let failures: { left: number; failure: ReceiverFailure; retryAfterSeconds?: number } | null = null;

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const key = req.headers[webhookHeaders.idempotencyKey.toLowerCase()] as string | undefined;
      const answer = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        requests.push({ status, idempotencyKey: key });
        res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
      };
      if (req.method !== 'POST') return answer(405, { error: 'method_not_allowed' });
      const ok = verifyWebhookSignature(
        options.signingSecret,
        req.headers[webhookHeaders.timestamp.toLowerCase()] as string | undefined,
        raw,
        req.headers[webhookHeaders.signature.toLowerCase()] as string | undefined,
        options.toleranceSeconds ?? 300,
      );
      if (!ok) return answer(401, { error: 'bad_signature' });
      if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) return answer(415, { error: 'json_expected' });
      let payload: Record<string, unknown>;
      try {
        payload = JSON.parse(raw.toString('utf8'));
      } catch {
        return answer(400, { error: 'invalid_json' });
      }
      if (!key || payload.idempotencyKey !== key) return answer(400, { error: 'idempotency_key_mismatch' });

      const failure = failures && failures.left > 0 ? failures : null;
      if (failure) failure.left--;
      if (failure && failure.failure !== 'drop') {
        return answer(failure.failure, { error: failure.failure === 429 ? 'slow_down' : 'internal' }, failure.retryAfterSeconds !== undefined ? { 'retry-after': String(failure.retryAfterSeconds) } : {});
      }
      let delivery = byKey.get(key);
      if (!delivery) {
        const n = stored.length + 1;
        delivery = { idempotencyKey: key, id: `rcv-${n}`, url: `https://receiver.example/items/${n}`, payload, headers: req.headers };
        stored.push(delivery);
        byKey.set(key, delivery);
      }
      if (failure) {
        // Stored, but the sender never hears so: the lost response a retry must not turn into a second item.
        requests.push({ status: 'dropped', idempotencyKey: key });
        return req.socket.destroy();
      }
      answer(200, { id: delivery.id, url: delivery.url });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    stored,
    requests,
    failNext(count, failure, extra = {}) {
      failures = { left: count, failure, retryAfterSeconds: extra.retryAfterSeconds };
    },
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
