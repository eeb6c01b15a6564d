import { beforeEach, describe, expect, it } from 'vitest';
import { DeliveryError, type DeliveryImage, type DeliveryRequest, type PublicationVariant } from './channel-adapter.ts';
import { startWeiboProtocolServer, type RateLimitCode, type WeiboProtocolServer } from './testing/weibo-protocol-server.ts';
import { createWeiboAdapter } from './weibo.adapter.ts';

const token = 'weibo-token-2.00abcDEF';
const uid = '5698023451';
const safeDomain = 'hospital.example.cn';
const sourceUrl = 'https://www.hospital.example.cn/site/articles/42';

const variantWith = (text: string, source: string | null = sourceUrl): PublicationVariant => ({
  title: '世界肾脏日义诊', author: null, summary: null, html: `<p>${text}</p>`, text, sourceUrl: source,
});

type RequestOverrides = { text?: string; source?: string | null; settings?: Record<string, string>; accessToken?: string; cover?: DeliveryImage | null; publicationId?: number };

function requestFor(o: RequestOverrides = {}): DeliveryRequest & { saved: Record<string, string>[] } {
  const checkpoint: Record<string, string> = {};
  const saved: Record<string, string>[] = [];
  return {
    publicationId: o.publicationId ?? 42,
    idempotencyKey: `rongmei-publication-${o.publicationId ?? 42}`,
    channel: { id: 3, kind: 'weibo', name: '医院官方微博', settings: o.settings ?? { appKey: '3456789012', safeDomain }, secrets: { accessToken: o.accessToken ?? token } },
    variant: variantWith(o.text ?? '3月13日世界肾脏日，我院肾内科专家在门诊大厅开展义诊，为市民免费测量血压、解读化验单。', o.source === undefined ? sourceUrl : o.source),
    cover: o.cover ?? null,
    loadImage: async () => null,
    checkpoint,
    saveCheckpoint: async (patch) => {
      saved.push(patch);
      Object.assign(checkpoint, patch);
    },
    signal: new AbortController().signal,
    saved,
  };
}

async function deliveryError(promise: Promise<unknown>): Promise<DeliveryError> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(DeliveryError);
    return err as DeliveryError;
  }
  throw new Error('expected a DeliveryError');
}

let server: WeiboProtocolServer;
let adapter: ReturnType<typeof createWeiboAdapter>;
beforeEach(async () => {
  server = await startWeiboProtocolServer({ accessToken: token, uid, safeDomain });
  adapter = createWeiboAdapter({ apiBase: server.apiBase });
  return () => server.close();
});

describe('weibo adapter: publishing', () => {
  it('posts the text with the source link appended and returns the status id and page', async () => {
    const request = requestFor();
    const outcome = await adapter.deliver(request);
    expect(server.statuses).toHaveLength(1);
    const [posted] = server.statuses;
    expect(posted.submittedText).toBe(`${request.variant.text} ${sourceUrl}`);
    expect(posted.text).toMatch(/ http:\/\/t\.cn\/\w+$/); // Weibo shortens the link in what it returns
    expect(outcome).toEqual({ state: 'published', externalId: posted.id, externalUrl: `https://weibo.com/${uid}/${posted.id}` });
    expect(request.saved).toEqual([{ weiboStatusId: posted.id, weiboStatusUrl: `https://weibo.com/${uid}/${posted.id}` }]);
  });

  it('keeps a safe link the editor wrote, in a subdomain, and appends nothing', async () => {
    const text = '义诊现场图集 https://news.hospital.example.cn/photos/318 欢迎转发';
    await adapter.deliver(requestFor({ text }));
    expect(server.statuses[0].submittedText).toBe(text);
  });

  it('sends the cover as the picture (multipart), with rip when configured', async () => {
    const withRip = createWeiboAdapter({ apiBase: server.apiBase, rip: '203.0.113.9' });
    const cover = { bytes: Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3, 4]), contentType: 'image/png', filename: 'cover.png' };
    await withRip.deliver(requestFor({ cover }));
    expect(server.statuses[0]).toMatchObject({ pic: { filename: 'cover.png', contentType: 'image/png', size: 8 }, rip: '203.0.113.9' });
  });

  it('refuses a cover Weibo would not take, before calling', async () => {
    const cover = { bytes: Buffer.from('<svg/>'), contentType: 'image/svg+xml', filename: 'logo.svg' };
    const err = await deliveryError(adapter.deliver(requestFor({ cover })));
    expect(err.options).toMatchObject({ retryable: false, code: 'invalid_picture' });
    expect(server.calls).toHaveLength(0);
  });

  it('returns the saved status on a later attempt instead of posting again', async () => {
    const request = requestFor();
    const first = await adapter.deliver(request);
    const again = await adapter.deliver(request);
    expect(again).toEqual(first);
    expect(server.calls).toHaveLength(1);
    expect(server.statuses).toHaveLength(1);
  });
});

describe('weibo adapter: validate', () => {
  const channel = (settings: Record<string, string> = { appKey: '1', safeDomain }, secrets: Record<string, string> = { accessToken: token }) =>
    ({ id: 3, kind: 'weibo' as const, name: 'w', settings, secrets });

  it('accepts a post within the rules', () => {
    expect(adapter.validate(variantWith('短讯'), channel())).toEqual([]);
  });

  it('counts the appended link against the 140 characters', () => {
    // 128 Chinese + space (half) + link (12) = 140.5 → 141
    const problems = adapter.validate(variantWith('院'.repeat(128)), channel());
    expect(problems).toEqual([expect.objectContaining({ field: 'variant.text' })]);
    expect(problems[0].message['zh-CN']).toContain('141 字');
    expect(adapter.validate(variantWith('院'.repeat(127)), channel())).toEqual([]);
  });

  it('wants a link in the safe domain', () => {
    for (const variant of [variantWith('没有链接', null), variantWith('别处 https://elsewhere.cn/a', 'https://elsewhere.cn/a'), variantWith('仿冒', 'https://hospital.example.cn.evil.com/a')]) {
      const problems = adapter.validate(variant, channel());
      expect(problems).toEqual([expect.objectContaining({ field: 'variant.text' })]);
      expect(problems[0].message.en).toContain(safeDomain);
    }
  });

  it('reports both problems at once, and missing settings by their field', () => {
    expect(adapter.validate(variantWith('院'.repeat(150), null), channel()).map((p) => p.field)).toEqual(['variant.text', 'variant.text']);
    expect(adapter.validate(variantWith('x'), channel({ appKey: '1' })).map((p) => p.field)).toEqual(['settings.safeDomain']);
    expect(adapter.validate(variantWith('x'), channel(undefined, {})).map((p) => p.field)).toEqual(['secrets.accessToken']);
  });

  it('does not send an invalid post', async () => {
    const err = await deliveryError(adapter.deliver(requestFor({ text: '院'.repeat(200) })));
    expect(err.options).toMatchObject({ retryable: false, code: 'invalid_variant' });
    expect(server.calls).toHaveLength(0);
  });
});

describe('weibo adapter: errors', () => {
  it.each([10022, 10023, 10024, 20016] as RateLimitCode[])('retries rate limit %i later, posting nothing', async (code) => {
    server.rateLimitNext(code);
    const err = await deliveryError(adapter.deliver(requestFor()));
    expect(err.options).toMatchObject({ retryable: true, code: `weibo_${code}` });
    expect(err.options.outcomeUnknown).toBeFalsy();
    expect(err.options.retryAfterSeconds).toBeGreaterThan(0);
    expect(server.statuses).toHaveLength(0);
    expect((await adapter.deliver(requestFor())).state).toBe('published');
  });

  it('asks for re-authorisation on an expired token (21327)', async () => {
    server.expireToken();
    const err = await deliveryError(adapter.deliver(requestFor()));
    expect(err.options).toMatchObject({ retryable: false, code: 'weibo_21327' });
    expect(err.message).toContain('重新授权');
  });

  it('asks for re-authorisation on an invalid token (21332) and a failed auth (21301)', async () => {
    const wrong = await deliveryError(adapter.deliver(requestFor({ accessToken: 'stolen-or-revoked' })));
    expect(wrong.options).toMatchObject({ retryable: false, code: 'weibo_21332' });
    expect(wrong.message).toContain('重新授权');
    // no token at all: deliver refuses before calling, withdraw lets Weibo say so
    const none = await deliveryError(adapter.withdraw!({ ...requestFor({ accessToken: '' }), externalId: '4980000000000001' }));
    expect(none.options).toMatchObject({ retryable: false, code: 'weibo_21301' });
    expect(none.message).toContain('重新授权');
    expect(server.statuses).toHaveLength(0);
  });

  it('fails repeated content (20019) as possibly already posted', async () => {
    await adapter.deliver(requestFor({ publicationId: 1 }));
    const err = await deliveryError(adapter.deliver(requestFor({ publicationId: 2 })));
    expect(err.options).toMatchObject({ retryable: false, code: 'weibo_20019' });
    expect(err.message).toContain('内容重复，可能已发布');
    expect(server.statuses).toHaveLength(1);
  });

  it('fails text Weibo finds too long (20012), even when our count let it through', async () => {
    const strict = await startWeiboProtocolServer({ accessToken: token, uid, safeDomain, maxLength: 30 });
    try {
      const err = await deliveryError(createWeiboAdapter({ apiBase: strict.apiBase }).deliver(requestFor({ text: '院'.repeat(40) })));
      expect(err.options).toMatchObject({ retryable: false, code: 'weibo_20012' });
      expect(strict.statuses).toHaveLength(0);
    } finally {
      await strict.close();
    }
  });

  it('fails when Weibo finds no safe-domain link (10017): the app is bound to another domain', async () => {
    const other = await startWeiboProtocolServer({ accessToken: token, uid, safeDomain: 'other-hospital.cn' });
    try {
      const err = await deliveryError(createWeiboAdapter({ apiBase: other.apiBase }).deliver(requestFor()));
      expect(err.options).toMatchObject({ retryable: false, code: 'weibo_10017' });
      expect(err.message).toContain('安全域名');
    } finally {
      await other.close();
    }
  });

  it('reports a connection lost after the request as outcome unknown, and a hand retry cannot post twice', async () => {
    server.dropConnectionNext('after-request');
    const err = await deliveryError(adapter.deliver(requestFor()));
    expect(err.options).toMatchObject({ retryable: false, outcomeUnknown: true });
    expect(server.statuses).toHaveLength(1); // it did reach Weibo
    const retry = await deliveryError(adapter.deliver(requestFor()));
    expect(retry.options.code).toBe('weibo_20019');
    expect(server.statuses).toHaveLength(1);
  });

  it('retries a refused connection: nothing was sent', async () => {
    await server.refuseConnections();
    const err = await deliveryError(adapter.deliver(requestFor()));
    expect(err.options).toMatchObject({ retryable: true, code: 'network' });
    expect(err.options.outcomeUnknown).toBeFalsy();
    await server.acceptConnections();
    expect((await adapter.deliver(requestFor())).state).toBe('published');
    expect(server.statuses).toHaveLength(1);
  });

  it('treats a gateway error on share as outcome unknown, 503 as retryable, an unreadable 200 as unknown', async () => {
    const answering = (status: number, body: string) => createWeiboAdapter({ fetch: async () => new Response(body, { status }) });
    const e502 = await deliveryError(answering(502, '<html>Bad Gateway</html>').deliver(requestFor()));
    expect(e502.options).toMatchObject({ retryable: false, outcomeUnknown: true });
    const e503 = await deliveryError(answering(503, 'busy').deliver(requestFor()));
    expect(e503.options).toMatchObject({ retryable: true });
    expect(e503.options.outcomeUnknown).toBeFalsy();
    const e200 = await deliveryError(answering(200, '<html>ok</html>').deliver(requestFor()));
    expect(e200.options).toMatchObject({ retryable: false, outcomeUnknown: true });
    const noId = await deliveryError(answering(200, '{"text":"?"}').deliver(requestFor()));
    expect(noId.options).toMatchObject({ outcomeUnknown: true });
  });
});

describe('weibo adapter: withdraw', () => {
  it('destroys the status, and a second withdraw of a gone status succeeds', async () => {
    const outcome = await adapter.deliver(requestFor());
    if (outcome.state !== 'published') throw new Error('expected published');
    await adapter.withdraw!({ ...requestFor(), externalId: outcome.externalId });
    expect(server.statuses[0].deleted).toBe(true);
    expect(server.calls.at(-1)).toEqual({ path: '/2/statuses/destroy.json', outcome: 'ok' });
    await adapter.withdraw!({ ...requestFor(), externalId: outcome.externalId });
    expect(server.calls.at(-1)).toEqual({ path: '/2/statuses/destroy.json', outcome: 20101 });
  });

  it('retries a withdraw that was rate-limited or could not connect (destroy is safe to repeat)', async () => {
    const outcome = await adapter.deliver(requestFor());
    if (outcome.state !== 'published') throw new Error('expected published');
    server.rateLimitNext(10023);
    const limited = await deliveryError(adapter.withdraw!({ ...requestFor(), externalId: outcome.externalId }));
    expect(limited.options).toMatchObject({ retryable: true, code: 'weibo_10023' });
    server.dropConnectionNext('after-request');
    const dropped = await deliveryError(adapter.withdraw!({ ...requestFor(), externalId: outcome.externalId }));
    expect(dropped.options).toMatchObject({ retryable: true });
    expect(dropped.options.outcomeUnknown).toBeFalsy();
    expect(server.statuses[0].deleted).toBe(true);
  });

  it('cannot withdraw with an expired token', async () => {
    const outcome = await adapter.deliver(requestFor());
    if (outcome.state !== 'published') throw new Error('expected published');
    server.expireToken();
    const err = await deliveryError(adapter.withdraw!({ ...requestFor(), externalId: outcome.externalId }));
    expect(err.options).toMatchObject({ retryable: false, code: 'weibo_21327' });
    expect(server.statuses[0].deleted).toBe(false);
  });
});
