import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DeliveryError, type DeliveryRequest } from './channel-adapter.ts';
import { startWebhookReceiver, type WebhookReceiver } from './testing/webhook-receiver.ts';
import { createWebhookAdapter, verifyWebhookSignature, webhookSignature } from './webhook.adapter.ts';

const secret = 'whsec-test-3f9a1c';
const variant = {
  title: '我院开展世界肾脏日义诊活动',
  author: '宣传部',
  summary: '3月13日，我院肾内科在门诊大厅开展义诊。',
  html: '<p>3月13日，我院肾内科在门诊大厅开展义诊。</p>',
  text: '3月13日，我院肾内科在门诊大厅开展义诊。',
  sourceUrl: 'https://www.hospital.example.cn/site/articles/42',
};

function requestTo(url: string, { signingSecret = secret, ...overrides }: Partial<DeliveryRequest> & { signingSecret?: string } = {}): DeliveryRequest {
  const checkpoint: Record<string, string> = {};
  return {
    publicationId: 42,
    idempotencyKey: 'rongmei-publication-42',
    channel: { id: 7, kind: 'webhook', name: '院内信息平台', settings: { url }, secrets: { signingSecret } },
    variant,
    cover: null,
    loadImage: async () => null,
    checkpoint,
    saveCheckpoint: async (patch) => void Object.assign(checkpoint, patch),
    signal: new AbortController().signal,
    ...overrides,
  };
}

async function deliveryError(promise: Promise<unknown>): Promise<DeliveryError> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(DeliveryError);
    return err as DeliveryError;
  }
  throw new Error('expected the delivery to fail');
}

describe('verifyWebhookSignature', () => {
  const body = '{"event":"publication.deliver","n":1}';
  const now = 1_760_000_000;
  const header = webhookSignature(secret, now, body);

  it('accepts the signature of the raw body at a recent timestamp', () => {
    expect(header).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(verifyWebhookSignature(secret, String(now), body, header, 300, now + 299)).toBe(true);
    expect(verifyWebhookSignature(secret, String(now), Buffer.from(body), header, 300, now - 10)).toBe(true);
  });

  it('rejects a changed body, another secret, another timestamp, a stale one and a malformed header', () => {
    expect(verifyWebhookSignature(secret, String(now), body.replace('1', '2'), header, 300, now)).toBe(false);
    expect(verifyWebhookSignature('other', String(now), body, header, 300, now)).toBe(false);
    expect(verifyWebhookSignature(secret, String(now + 1), body, header, 300, now)).toBe(false);
    expect(verifyWebhookSignature(secret, String(now), body, header, 300, now + 301)).toBe(false);
    expect(verifyWebhookSignature(secret, String(now), body, header.replace('sha256=', 'sha1='), 300, now)).toBe(false);
    expect(verifyWebhookSignature(secret, String(now), body, undefined, 300, now)).toBe(false);
    expect(verifyWebhookSignature(secret, 'soon', body, header, 300, now)).toBe(false);
  });
});

describe('webhook adapter against a receiver', () => {
  let receiver: WebhookReceiver;
  const adapter = createWebhookAdapter({ allowList: ['127.0.0.1'] });
  beforeEach(async () => {
    receiver = await startWebhookReceiver({ signingSecret: secret });
    return () => receiver.close();
  });

  it('delivers the signed payload and takes the receiver id and URL', async () => {
    const outcome = await adapter.deliver(requestTo(`${receiver.url}/hooks/rongmei`));
    expect(outcome).toEqual({ state: 'published', externalId: 'rcv-1', externalUrl: 'https://receiver.example/items/1' });
    expect(receiver.stored).toHaveLength(1);
    const [stored] = receiver.stored;
    expect(stored.payload).toEqual({
      event: 'publication.deliver', idempotencyKey: 'rongmei-publication-42', publicationId: 42, channel: { id: 7, name: '院内信息平台' }, variant,
    });
    expect(stored.headers['idempotency-key']).toBe('rongmei-publication-42');
    expect(stored.headers['content-type']).toBe('application/json');
    expect(Math.abs(Number(stored.headers['x-rongmei-timestamp']) - Date.now() / 1000)).toBeLessThan(5);
    expect(stored.headers['x-rongmei-signature']).toMatch(/^sha256=[0-9a-f]{64}$/);
  });

  it('is refused by the receiver when signed with another secret, and that is final', async () => {
    const err = await deliveryError(adapter.deliver(requestTo(`${receiver.url}/hooks`, { signingSecret: 'wrong-secret' })));
    expect(err.options).toMatchObject({ retryable: false, code: 'http_401' });
    expect(err.message).toContain('bad_signature');
    expect(receiver.stored).toHaveLength(0);
  });

  it('retries safely after a lost response: the receiver keeps one item and answers the same id', async () => {
    receiver.failNext(1, 'drop');
    const first = await deliveryError(adapter.deliver(requestTo(`${receiver.url}/hooks`)));
    expect(first.options.retryable).toBe(true);
    expect(first.options.outcomeUnknown).toBeFalsy();
    expect(receiver.stored).toHaveLength(1);

    const second = await adapter.deliver(requestTo(`${receiver.url}/hooks`));
    expect(second).toEqual({ state: 'published', externalId: 'rcv-1', externalUrl: 'https://receiver.example/items/1' });
    expect(receiver.stored).toHaveLength(1);
    expect(receiver.requests.map((r) => r.status)).toEqual(['dropped', 200]);
  });

  it('treats 5xx and 429 as retryable, honouring Retry-After, then succeeds', async () => {
    receiver.failNext(1, 500);
    const e500 = await deliveryError(adapter.deliver(requestTo(`${receiver.url}/hooks`)));
    expect(e500.options).toMatchObject({ retryable: true, code: 'http_500' });

    receiver.failNext(1, 429, { retryAfterSeconds: 17 });
    const e429 = await deliveryError(adapter.deliver(requestTo(`${receiver.url}/hooks`)));
    expect(e429.options).toMatchObject({ retryable: true, code: 'http_429', retryAfterSeconds: 17 });
    expect(receiver.stored).toHaveLength(0);

    expect((await adapter.deliver(requestTo(`${receiver.url}/hooks`))).state).toBe('published');
    expect(receiver.stored).toHaveLength(1);
  });

  it('refuses loopback, private and metadata targets unless allow-listed, without sending', async () => {
    const strict = createWebhookAdapter({ allowList: [] });
    for (const url of [
      `${receiver.url}/hooks`, 'http://10.1.2.3/hooks', 'http://169.254.169.254/latest/meta-data/', `http://[::1]:${receiver.port}/hooks`,
      `http://localhost:${receiver.port}/hooks`,
    ]) {
      const err = await deliveryError(strict.deliver(requestTo(url)));
      expect(err.options, url).toMatchObject({ retryable: false, code: 'ssrf_blocked' });
    }
    expect(receiver.requests).toHaveLength(0);
    // the same receiver, allow-listed by name
    const byName = createWebhookAdapter({ allowList: ['localhost'], fetchOptions: { resolve: async () => [{ address: '127.0.0.1', family: 4 }] } });
    expect((await byName.deliver(requestTo(`http://localhost:${receiver.port}/hooks`))).state).toBe('published');
  });
});

describe('webhook adapter: status handling', () => {
  // A receiver that answers whatever the path says: /status/<code>[?body=…&retryAfter=…], /silent never answers.
  let server: http.Server;
  let base: string;
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        const url = new URL(req.url!, 'http://x');
        if (url.pathname === '/silent') return;
        const status = Number(url.pathname.split('/')[2]);
        const headers: Record<string, string> = {};
        if (url.searchParams.has('retryAfter')) headers['retry-after'] = url.searchParams.get('retryAfter')!;
        if (url.searchParams.has('location')) headers.location = url.searchParams.get('location')!;
        res.writeHead(status, headers).end(url.searchParams.get('body') ?? '');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  const adapter = createWebhookAdapter({ allowList: ['127.0.0.0/8'], fetchOptions: { timeoutMs: 300 } });

  it.each([400, 401, 403, 404, 410, 422])('treats %i as final, with the status and a body excerpt', async (status) => {
    const err = await deliveryError(adapter.deliver(requestTo(`${base}/status/${status}?body=${encodeURIComponent('{"error":"unknown channel 院内"}')}`)));
    expect(err.options).toMatchObject({ retryable: false, code: `http_${status}` });
    expect(err.message).toContain(`HTTP ${status}`);
    expect(err.message).toContain('unknown channel 院内');
  });

  it.each([408, 429, 500, 502, 503, 504])('retries %i', async (status) => {
    const err = await deliveryError(adapter.deliver(requestTo(`${base}/status/${status}`)));
    expect(err.options).toMatchObject({ retryable: true, code: `http_${status}` });
  });

  it('reads Retry-After as an HTTP date too', async () => {
    const at = new Date(Date.now() + 120_000).toUTCString();
    const err = await deliveryError(adapter.deliver(requestTo(`${base}/status/503?retryAfter=${encodeURIComponent(at)}`)));
    expect(err.options.retryAfterSeconds).toBeGreaterThanOrEqual(118);
    expect(err.options.retryAfterSeconds).toBeLessThanOrEqual(121);
  });

  it('does not follow a redirect and says so', async () => {
    const err = await deliveryError(adapter.deliver(requestTo(`${base}/status/301?location=${encodeURIComponent('https://new.example/hook')}`)));
    expect(err.options).toMatchObject({ retryable: false, code: 'http_301' });
    expect(err.message).toContain('https://new.example/hook');
  });

  it('falls back to the idempotency key for a 2xx without a usable id, and ignores a non-http url', async () => {
    expect(await adapter.deliver(requestTo(`${base}/status/204`))).toEqual({ state: 'published', externalId: 'rongmei-publication-42', externalUrl: null });
    const odd = encodeURIComponent(JSON.stringify({ id: 991, url: 'javascript:alert(1)' }));
    expect(await adapter.deliver(requestTo(`${base}/status/202?body=${odd}`))).toEqual({ state: 'published', externalId: '991', externalUrl: null });
  });

  it('retries a timeout', async () => {
    const err = await deliveryError(adapter.deliver(requestTo(`${base}/silent`)));
    expect(err.options).toMatchObject({ retryable: true, code: 'timeout' });
  });

  it('validate wants an http(s) URL and nothing else', () => {
    const channel = (settings: Record<string, string>) => ({ id: 1, kind: 'webhook' as const, name: 'x', settings, secrets: {} });
    expect(adapter.validate(variant, channel({}))).toEqual([expect.objectContaining({ field: 'settings.url' })]);
    expect(adapter.validate(variant, channel({ url: 'ftp://x.example/' }))).toEqual([expect.objectContaining({ field: 'settings.url' })]);
    expect(adapter.validate({ ...variant, text: '', sourceUrl: null }, channel({ url: 'https://x.example/hook' }))).toEqual([]);
  });

  it('rejects an invalid allow-list when created', () => {
    expect(() => createWebhookAdapter({ allowList: ['10.0.0.0/40'] })).toThrow(/Invalid outbound allow-list entry/);
  });

  it('refuses to send without a signing secret', async () => {
    const err = await deliveryError(adapter.deliver(requestTo(`${base}/status/200`, { signingSecret: '' })));
    expect(err.options).toMatchObject({ retryable: false, code: 'not_configured' });
  });
});
