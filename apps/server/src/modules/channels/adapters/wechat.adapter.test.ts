import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeliveryError, type DeliveryCheckpoint, type DeliveryImage, type DeliveryRequest, type PublicationVariant } from './channel-adapter.ts';
import { startWeChatProtocolServer, type WeChatProtocolServer } from './testing/wechat-protocol-server.ts';
import { createWeChatAdapter, weChatLimits, type WeChatAdapterOptions } from './wechat.adapter.ts';

const appId = 'wx5f3c2b1a09e8d7c6';
const appSecret = 'f0e1d2c3b4a5968778695a4b3c2d1e0f';

const jpeg = (filename: string, size = 2048): DeliveryImage => ({
  bytes: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(size)]),
  contentType: 'image/jpeg',
  filename,
});
const png = (filename: string, size = 2048): DeliveryImage => ({
  bytes: Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(size)]),
  contentType: 'image/png',
  filename,
});
const gif = (filename: string): DeliveryImage => ({ bytes: Buffer.concat([Buffer.from('GIF89a', 'latin1'), randomBytes(64)]), contentType: 'image/gif', filename });

const bodyHtml =
  '<h2>世界高血压日义诊</h2><p>5月17日，心内科专家在门诊大厅开展义诊。</p>' +
  '<p><img src="/uploads/2026/a.jpg" alt="义诊现场"></p><ul><li>免费测血压</li></ul>' +
  '<figure><img src="/uploads/2026/b.png"></figure><p><img src="/uploads/2026/a.jpg"></p>';

const library: Record<string, DeliveryImage> = {
  '/uploads/2026/a.jpg': jpeg('a.jpg'),
  '/uploads/2026/b.png': png('b.png'),
};

const variant = (patch: Partial<PublicationVariant> = {}): PublicationVariant => ({
  title: '世界高血压日：心内科专家义诊',
  author: '新闻中心',
  summary: '心内科专家在门诊大厅为市民义诊。',
  html: bodyHtml,
  text: '【世界高血压日：心内科专家义诊】心内科专家在门诊大厅为市民义诊。',
  sourceUrl: 'https://www.example-hospital.cn/site/articles/42',
  ...patch,
});

/** One publication as the job runner sees it: the checkpoint persists across attempts, each attempt a fresh request. */
class Publication {
  persisted: DeliveryCheckpoint = {};
  saves: { patch: DeliveryCheckpoint; callsSoFar: number }[] = [];
  constructor(
    readonly wx: WeChatProtocolServer,
    readonly options: { variant?: PublicationVariant; cover?: DeliveryImage | null; images?: Record<string, DeliveryImage>; id?: number; settings?: Record<string, string>; secrets?: Record<string, string> } = {},
  ) {}

  request(signal: AbortSignal = new AbortController().signal): DeliveryRequest {
    const images = this.options.images ?? library;
    return {
      publicationId: this.options.id ?? 1,
      idempotencyKey: `publication:${this.options.id ?? 1}`,
      channel: { id: 7, kind: 'wechat_service', name: '医院服务号', settings: this.options.settings ?? { appId }, secrets: this.options.secrets ?? { appSecret } },
      variant: this.options.variant ?? variant(),
      cover: this.options.cover === undefined ? jpeg('cover.jpg') : this.options.cover,
      loadImage: async (src) => images[src] ?? null,
      checkpoint: { ...this.persisted },
      saveCheckpoint: async (patch) => {
        this.persisted = { ...this.persisted, ...patch };
        this.saves.push({ patch, callsSoFar: this.wx.calls.length });
      },
      signal,
    };
  }
}

async function deliveryError(promise: Promise<unknown>): Promise<DeliveryError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DeliveryError);
  return error as DeliveryError;
}

async function closedPortUrl() {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

let wx: WeChatProtocolServer;
const adapterFor = (options: WeChatAdapterOptions = {}) => createWeChatAdapter({ apiBase: wx.url, ...options });
const callsTo = (path: string) => wx.calls.filter((c) => c.path === `/cgi-bin/${path}`);

beforeEach(async () => {
  wx = await startWeChatProtocolServer({ appId, appSecret });
});
afterEach(() => wx.close());

describe('WeChat adapter: delivery', () => {
  it('uploads body images and the cover, creates the draft, submits it, and polls until it is published', async () => {
    wx.controls.setPublishOutcome(0, { pollsUntilDone: 1 });
    const adapter = adapterFor();
    const pub = new Publication(wx);

    const outcome = await adapter.deliver(pub.request());
    const [job] = wx.controls.publishes();
    expect(outcome).toEqual({ state: 'pending', externalId: job.publishId, pollAfterSeconds: expect.any(Number) });

    expect(wx.controls.counts()).toMatchObject({ bodyImages: 2, materials: 1, drafts: 1, publishes: 1 });
    expect(callsTo('media/uploadimg').map((c) => c.body)).toEqual([
      { fields: {}, files: [{ field: 'media', filename: 'a.jpg', contentType: 'image/jpeg', size: library['/uploads/2026/a.jpg'].bytes.length }] },
      { fields: {}, files: [{ field: 'media', filename: 'b.png', contentType: 'image/png', size: library['/uploads/2026/b.png'].bytes.length }] },
    ]);
    expect(callsTo('material/add_material')[0].query.type).toBe('image');

    const [draft] = wx.controls.drafts();
    const [article] = draft.articles;
    expect(article).toMatchObject({
      title: '世界高血压日：心内科专家义诊',
      author: '新闻中心',
      digest: '心内科专家在门诊大厅为市民义诊。',
      content_source_url: 'https://www.example-hospital.cn/site/articles/42',
      thumb_media_id: pub.persisted.thumbMediaId,
    });
    expect(draft.filteredImages).toEqual([]);
    const uploaded = JSON.parse(pub.persisted.bodyImages) as Record<string, string>;
    expect(Object.keys(uploaded)).toEqual(['/uploads/2026/a.jpg', '/uploads/2026/b.png']);
    expect(article.content).not.toContain('/uploads/');
    expect(article.content.split(uploaded['/uploads/2026/a.jpg'])).toHaveLength(3); // the image used twice, uploaded once
    expect(article.content).toContain(uploaded['/uploads/2026/b.png']);
    expect(article.content).toMatch(/<img [^>]*style="[^"]*max-width:100%/);
    expect(article.content).toMatch(/<p style="[^"]*line-height:1.75/);

    expect(pub.persisted).toMatchObject({ draftMediaId: draft.mediaId, publishId: job.publishId });
    expect(job.draftMediaId).toBe(draft.mediaId);

    const first = await adapter.poll!(pub.request());
    expect(first).toEqual({ state: 'pending', externalId: job.publishId, pollAfterSeconds: expect.any(Number) });
    const second = await adapter.poll!(pub.request());
    expect(second).toEqual({ state: 'published', externalId: job.articleId, externalUrl: job.articleUrls[0] });
    expect(job.articleUrls[0]).toMatch(/^https:\/\/mp\.weixin\.qq\.com\/s\//);
    expect(wx.controls.publishesOfDraft(draft.mediaId)).toBe(1);
  });

  it('saves each remote step to the checkpoint before making the next remote call', async () => {
    const pub = new Publication(wx);
    await adapterFor().deliver(pub.request());
    const createdBy: Record<string, string> = { bodyImages: 'media/uploadimg', thumbMediaId: 'material/add_material', draftMediaId: 'draft/add', publishId: 'freepublish/submit' };
    expect(pub.saves.map((s) => Object.keys(s.patch))).toEqual([['bodyImages'], ['bodyImages'], ['thumbMediaId'], ['draftMediaId'], ['publishId']]);
    for (const save of pub.saves) {
      const key = Object.keys(save.patch)[0];
      // The last request the platform had seen when the step was saved is the one that created it.
      expect(wx.calls[save.callsSoFar - 1].path).toBe(`/cgi-bin/${createdBy[key]}`);
    }
  });

  it('keeps an image already on WeChat’s image host without uploading it', async () => {
    const hosted = 'http://mmbiz.qpic.cn/mmbiz_jpg/AlreadyThere/0';
    const pub = new Publication(wx, { variant: variant({ html: `<p>图</p><img src="${hosted}">` }) });
    await adapterFor().deliver(pub.request());
    expect(callsTo('media/uploadimg')).toHaveLength(0);
    expect(wx.controls.drafts()[0].articles[0].content).toContain(hosted);
  });

  it('passes the request signal: an aborted delivery makes no call and can be retried', async () => {
    const controller = new AbortController();
    controller.abort();
    const error = await deliveryError(adapterFor().deliver(new Publication(wx).request(controller.signal)));
    expect(error.options).toMatchObject({ retryable: true, code: 'wechat_aborted' });
    expect(wx.calls).toHaveLength(0);
  });
});

describe('WeChat adapter: access token', () => {
  it('uses the stable token and caches it across deliveries', async () => {
    const adapter = adapterFor();
    await adapter.deliver(new Publication(wx, { id: 1 }).request());
    await adapter.deliver(new Publication(wx, { id: 2 }).request());
    expect(callsTo('stable_token')).toHaveLength(1);
    expect(callsTo('stable_token')[0].body).toEqual({ grant_type: 'client_credential', appid: appId, secret: appSecret, force_refresh: false });
    expect(callsTo('token')).toHaveLength(0);
  });

  it('shares one token request among concurrent deliveries', async () => {
    const adapter = adapterFor();
    await Promise.all([1, 2, 3].map((id) => adapter.deliver(new Publication(wx, { id }).request())));
    expect(callsTo('stable_token')).toHaveLength(1);
    expect(wx.controls.counts().publishes).toBe(3);
  });

  it('renews the token five minutes before it expires, not earlier', async () => {
    let clock = Date.now();
    const adapter = adapterFor({ now: () => clock });
    await adapter.deliver(new Publication(wx, { id: 1 }).request());
    clock += (7200 - 300 - 10) * 1000;
    await adapter.deliver(new Publication(wx, { id: 2 }).request());
    expect(callsTo('stable_token')).toHaveLength(1);
    clock += 20 * 1000;
    await adapter.deliver(new Publication(wx, { id: 3 }).request());
    expect(callsTo('stable_token')).toHaveLength(2);
  });

  it.each([
    // WeChat voided the token: the normal mode already hands out a new one.
    ['42001 (expired)', () => wx.controls.expireAllTokens(), 42001, [false]],
    ['40001 (invalid)', () => wx.controls.invalidateAllTokens(), 40001, [false]],
    // Refused although WeChat's normal mode still hands it out: only a forced refresh replaces it.
    ['40014 (invalid access_token)', () => wx.controls.failNext('media/uploadimg', 40014), 40014, [false, true]],
  ])('on %s refreshes the token once and repeats the call once', async (_name, breakTokens, errcode, forceFlags) => {
    const adapter = adapterFor();
    await adapter.deliver(new Publication(wx, { id: 1 }).request());
    const before = wx.calls.length;
    breakTokens();
    const outcome = await adapter.deliver(new Publication(wx, { id: 2 }).request());
    expect(outcome.state).toBe('pending');
    const after = wx.calls.slice(before);
    const refreshes = after.filter((c) => c.path === '/cgi-bin/stable_token');
    expect(refreshes.map((c) => (c.body as { force_refresh: boolean }).force_refresh)).toEqual(forceFlags);
    const uploads = after.filter((c) => c.path === '/cgi-bin/media/uploadimg');
    expect(after[0]).toMatchObject({ path: '/cgi-bin/media/uploadimg', errcode });
    expect(after.slice(1, 1 + refreshes.length).every((c) => c.path === '/cgi-bin/stable_token')).toBe(true);
    expect(uploads.map((c) => c.errcode)).toEqual([errcode, 0, 0]);
    expect(uploads[1].query.access_token).not.toBe(uploads[0].query.access_token);
    expect(wx.controls.counts()).toMatchObject({ drafts: 2, publishes: 2 });
  });

  it('fails (without looping) when the refreshed token is refused too', async () => {
    wx.controls.failNext('draft/add', 40001);
    wx.controls.failNext('draft/add', 40001);
    const error = await deliveryError(adapterFor().deliver(new Publication(wx).request()));
    expect(error.options.code).toBe('wechat_40001');
    expect(error.message).toContain('微信接口错误 40001');
    expect(error.message).toContain('刷新 access_token 后仍被拒绝');
    const attempts = callsTo('draft/add');
    expect(attempts).toHaveLength(2);
    expect(attempts[1].query.access_token).not.toBe(attempts[0].query.access_token);
    // The normal mode returned the token WeChat had just refused, so the refresh was forced.
    expect(callsTo('stable_token').map((c) => (c.body as { force_refresh: boolean }).force_refresh)).toEqual([false, false, true]);
    expect(wx.controls.counts()).toMatchObject({ drafts: 0, publishes: 0 });
  });

  it('reports a wrong AppSecret or AppID as a permanent error with WeChat’s code and message', async () => {
    const badSecret = await deliveryError(adapterFor().deliver(new Publication(wx, { secrets: { appSecret: 'wrong' } }).request()));
    expect(badSecret.options).toMatchObject({ retryable: false, code: 'wechat_40125' });
    expect(badSecret.message).toMatch(/^微信接口错误 40125：invalid appsecret/);
    expect(badSecret.message).toContain('AppSecret');
    const badAppId = await deliveryError(adapterFor().deliver(new Publication(wx, { settings: { appId: 'wx0000000000000000' } }).request()));
    expect(badAppId.options).toMatchObject({ retryable: false, code: 'wechat_40013' });
    expect(wx.controls.counts().bodyImages).toBe(0);
  });

  it('refuses to start without credentials', async () => {
    const error = await deliveryError(adapterFor().deliver(new Publication(wx, { secrets: {} }).request()));
    expect(error.options).toMatchObject({ retryable: false, code: 'wechat_missing_credentials' });
    expect(wx.calls).toHaveLength(0);
  });
});

describe('WeChat adapter: errors and retries', () => {
  it.each([
    [45009, 'api freq out of limit', 300],
    [-1, 'system error', undefined],
  ])('errcode %s is retryable, and the retry resumes where the delivery stopped', async (errcode, errmsg, retryAfterSeconds) => {
    wx.controls.failNext('draft/add', errcode, errmsg);
    const adapter = adapterFor();
    const pub = new Publication(wx);
    const error = await deliveryError(adapter.deliver(pub.request()));
    expect(error.options).toMatchObject({ retryable: true, code: `wechat_${errcode}` });
    expect(error.options.retryAfterSeconds).toBe(retryAfterSeconds);
    expect(error.message).toContain(`微信接口错误 ${errcode}：${errmsg}`);
    expect(pub.persisted.thumbMediaId).toBeTruthy();

    const outcome = await adapter.deliver(pub.request());
    expect(outcome.state).toBe('pending');
    expect(wx.controls.counts()).toMatchObject({ bodyImages: 2, materials: 1, drafts: 1, publishes: 1 });
  });

  it('a permanent errcode fails with WeChat’s code and message and is not retryable', async () => {
    wx.controls.failNext('freepublish/submit', 53503, '该草稿未通过发布检查');
    const error = await deliveryError(adapterFor().deliver(new Publication(wx).request()));
    expect(error.options).toMatchObject({ retryable: false, code: 'wechat_53503' });
    expect(error.message).toContain('微信接口错误 53503：该草稿未通过发布检查');
    expect(wx.controls.counts().publishes).toBe(0);
  });

  it('a cover material that no longer exists is refused by draft/add (40007) and fails permanently', async () => {
    const pub = new Publication(wx);
    pub.persisted = { thumbMediaId: 'deleted-material-id' };
    const error = await deliveryError(adapterFor().deliver(pub.request()));
    expect(error.options).toMatchObject({ retryable: false, code: 'wechat_40007' });
    expect(error.message).toMatch(/微信接口错误 40007：invalid media_id/);
    expect(callsTo('material/add_material')).toHaveLength(0);
  });

  it('a submit whose response was lost is outcome-unknown and never retried blindly', async () => {
    wx.controls.dropConnectionNext('freepublish/submit', 'before-response');
    const pub = new Publication(wx);
    const error = await deliveryError(adapterFor().deliver(pub.request()));
    expect(error.options).toMatchObject({ retryable: false, outcomeUnknown: true });
    expect(error.message).toContain('发表记录');
    expect(callsTo('freepublish/submit')).toHaveLength(1);
    expect(wx.controls.counts().publishes).toBe(1); // WeChat did publish it
    expect(pub.persisted.draftMediaId).toBeTruthy();
    expect(pub.persisted.publishId).toBeUndefined();
  });

  it('a submit cut off after it was sent is outcome-unknown even when WeChat had not acted on it', async () => {
    wx.controls.dropConnectionNext('freepublish/submit', 'before-processing');
    const error = await deliveryError(adapterFor().deliver(new Publication(wx).request()));
    expect(error.options).toMatchObject({ retryable: false, outcomeUnknown: true });
    expect(wx.controls.counts().publishes).toBe(0);
  });

  it('a submit that could not connect at all is retryable, and the retry publishes once', async () => {
    const refused = await closedPortUrl();
    const pub = new Publication(wx);
    const refusingSubmit: typeof fetch = (input, init) => {
      const url = new URL(String(input));
      return url.pathname === '/cgi-bin/freepublish/submit' ? fetch(refused + url.pathname + url.search, init) : fetch(input, init);
    };
    const error = await deliveryError(adapterFor({ fetch: refusingSubmit }).deliver(pub.request()));
    expect(error.options.retryable).toBe(true);
    expect(error.options.outcomeUnknown).toBeFalsy();
    expect(error.message).toContain('ECONNREFUSED');
    expect(wx.controls.counts().publishes).toBe(0);

    await adapterFor().deliver(pub.request());
    expect(wx.controls.counts()).toMatchObject({ drafts: 1, publishes: 1 });
  });

  it('an unreachable WeChat is retryable', async () => {
    const error = await deliveryError(createWeChatAdapter({ apiBase: await closedPortUrl() }).deliver(new Publication(wx).request()));
    expect(error.options).toMatchObject({ retryable: true, code: 'wechat_network_error' });
    expect(error.options.outcomeUnknown).toBeFalsy();
  });

  it('a lost response of a repeatable call (draft/add, freepublish/get) is retryable', async () => {
    wx.controls.dropConnectionNext('draft/add');
    const adapter = adapterFor();
    const pub = new Publication(wx);
    const error = await deliveryError(adapter.deliver(pub.request()));
    expect(error.options).toMatchObject({ retryable: true });
    expect(error.options.outcomeUnknown).toBeFalsy();
    await adapter.deliver(pub.request());
    // The first draft is an orphan in the draft box; only one article goes out.
    expect(wx.controls.counts()).toMatchObject({ drafts: 2, publishes: 1 });

    wx.controls.dropConnectionNext('freepublish/get');
    const pollError = await deliveryError(adapter.poll!(pub.request()));
    expect(pollError.options).toMatchObject({ retryable: true });
    expect((await adapter.poll!(pub.request())).state).toBe('published');
  });
});

describe('WeChat adapter: resuming from a checkpoint', () => {
  it('with a publishId, delivering again only reads the publish status', async () => {
    const adapter = adapterFor();
    const pub = new Publication(wx);
    await adapter.deliver(pub.request());
    const before = wx.calls.length;
    const outcome = await adapter.deliver(pub.request());
    expect(outcome.state).toBe('published');
    expect(wx.calls.slice(before).map((c) => c.path)).toEqual(['/cgi-bin/freepublish/get']);
    expect(wx.controls.counts()).toMatchObject({ drafts: 1, publishes: 1, bodyImages: 2, materials: 1 });
  });

  it('with a draftMediaId, delivering again submits that draft without making another', async () => {
    wx.controls.failNext('freepublish/submit', -1);
    const adapter = adapterFor();
    const pub = new Publication(wx);
    await deliveryError(adapter.deliver(pub.request()));
    const before = wx.calls.length;
    await adapter.deliver(pub.request());
    expect(wx.calls.slice(before).map((c) => c.path)).toEqual(['/cgi-bin/freepublish/submit']);
    expect(wx.controls.counts()).toMatchObject({ drafts: 1, publishes: 1 });
    expect(wx.controls.publishesOfDraft(pub.persisted.draftMediaId)).toBe(1);
  });

  it('with uploaded images saved, uploads only the rest', async () => {
    wx.controls.failNext('material/add_material', -1);
    const adapter = adapterFor();
    const pub = new Publication(wx);
    await deliveryError(adapter.deliver(pub.request()));
    expect(Object.keys(JSON.parse(pub.persisted.bodyImages) as object)).toHaveLength(2);
    const before = wx.calls.length;
    await adapter.deliver(pub.request());
    expect(wx.calls.slice(before).map((c) => c.path)).toEqual(['/cgi-bin/material/add_material', '/cgi-bin/draft/add', '/cgi-bin/freepublish/submit']);

    const partial = new Publication(wx, { id: 2 });
    partial.persisted = { bodyImages: JSON.stringify({ '/uploads/2026/a.jpg': 'http://mmbiz.qpic.cn/mmbiz_jpg/Earlier/0' }) };
    const mark = wx.calls.length;
    await adapter.deliver(partial.request());
    const uploads = wx.calls.slice(mark).filter((c) => c.path === '/cgi-bin/media/uploadimg');
    expect(uploads.map((c) => (c.body as { files: { filename: string }[] }).files[0].filename)).toEqual(['b.png']);
    expect(wx.controls.drafts().at(-1)!.articles[0].content).toContain('http://mmbiz.qpic.cn/mmbiz_jpg/Earlier/0');
  });

  it('poll without a publishId is an error, not a new delivery', async () => {
    const error = await deliveryError(adapterFor().poll!(new Publication(wx).request()));
    expect(error.options).toMatchObject({ retryable: false, code: 'wechat_not_submitted' });
    expect(wx.calls).toHaveLength(0);
  });
});

describe('WeChat adapter: what cannot be published', () => {
  it('no cover: permanent error before any remote call', async () => {
    const error = await deliveryError(adapterFor().deliver(new Publication(wx, { cover: null }).request()));
    expect(error.options).toMatchObject({ retryable: false, code: 'wechat_missing_cover' });
    expect(error.message).toContain('封面');
    expect(wx.calls).toHaveLength(0);
  });

  it('a body image the platform does not hold (an external URL): permanent error naming it, before any remote call', async () => {
    const external = 'https://img.example.com/hotlinked.jpg';
    const pub = new Publication(wx, { variant: variant({ html: `${bodyHtml}<p><img src="${external}"></p>` }) });
    const error = await deliveryError(adapterFor().deliver(pub.request()));
    expect(error.options).toMatchObject({ retryable: false, code: 'wechat_image_unavailable' });
    expect(error.message).toContain(external);
    expect(wx.calls).toHaveLength(0);
  });

  it('a GIF or an image over 1MB in the body: permanent error naming it', async () => {
    const gifPub = new Publication(wx, { variant: variant({ html: '<p>动图</p><img src="/uploads/c.gif">' }), images: { '/uploads/c.gif': gif('c.gif') } });
    const gifError = await deliveryError(adapterFor().deliver(gifPub.request()));
    expect(gifError.options).toMatchObject({ retryable: false, code: 'wechat_image_unsupported' });
    expect(gifError.message).toContain('/uploads/c.gif');

    const big = jpeg('big.jpg', weChatLimits.bodyImageBytes);
    const bigPub = new Publication(wx, { variant: variant({ html: '<p>大图</p><img src="/uploads/big.jpg">' }), images: { '/uploads/big.jpg': big } });
    const bigError = await deliveryError(adapterFor().deliver(bigPub.request()));
    expect(bigError.options).toMatchObject({ retryable: false, code: 'wechat_image_too_large' });
    expect(bigError.message).toContain('/uploads/big.jpg');
    expect(wx.calls).toHaveLength(0);
  });

  it('the protocol server, like WeChat, refuses what the adapter refuses to send', async () => {
    const { url } = wx;
    const token = ((await (await fetch(`${url}/cgi-bin/stable_token`, { method: 'POST', body: JSON.stringify({ grant_type: 'client_credential', appid: appId, secret: appSecret }) })).json()) as { access_token: string }).access_token;
    const upload = async (image: DeliveryImage, filename: string) => {
      const form = new FormData();
      form.append('media', new Blob([new Uint8Array(image.bytes)], { type: image.contentType }), filename);
      return (await fetch(`${url}/cgi-bin/media/uploadimg?access_token=${token}`, { method: 'POST', body: form })).json();
    };
    expect(await upload(gif('c.gif'), 'c.gif')).toMatchObject({ errcode: 40005 });
    expect(await upload(jpeg('big.jpg', weChatLimits.bodyImageBytes), 'big.jpg')).toMatchObject({ errcode: 40009 });
    expect(await upload(jpeg('ok.jpg'), 'ok.jpg')).toEqual({ url: expect.stringMatching(/^http:\/\/mmbiz\.qpic\.cn\//) });
  });

  it('a publish job that fails on WeChat’s side is a permanent error in Chinese', async () => {
    const cases: [0 | 2 | 3 | 4 | 5 | 6, string][] = [
      [2, '原创校验未通过（第 1、2 篇）'],
      [3, '常规失败'],
      [4, '平台审核不通过'],
      [6, '已被系统封禁'],
    ];
    const adapter = adapterFor();
    for (const [status, text] of cases) {
      wx.controls.setPublishOutcome(status, { failIdx: [1, 2] });
      const pub = new Publication(wx, { id: status });
      await adapter.deliver(pub.request());
      const error = await deliveryError(adapter.poll!(pub.request()));
      expect(error.options).toMatchObject({ retryable: false, code: `wechat_publish_status_${status}` });
      expect(error.message).toContain(text);
      expect(error.message).toContain(pub.persisted.publishId);
    }
  });
});

describe('protocol server: token and access checks as WeChat answers them', () => {
  const post = async (p: string, body: unknown) => (await fetch(`${wx.url}${p}`, { method: 'POST', body: JSON.stringify(body) })).json();
  const stable = (body: Record<string, unknown>) => post('/cgi-bin/stable_token', { grant_type: 'client_credential', appid: appId, secret: appSecret, ...body });

  it('refuses bad credentials with 40002, 40013, 40125 (HTTP 200, errcode and errmsg)', async () => {
    const response = await fetch(`${wx.url}/cgi-bin/stable_token`, { method: 'POST', body: JSON.stringify({ grant_type: 'password', appid: appId, secret: appSecret }) });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ errcode: 40002, errmsg: expect.stringContaining('invalid grant_type') });
    expect(await stable({ appid: 'wx-other' })).toMatchObject({ errcode: 40013 });
    expect(await stable({ secret: 'nope' })).toMatchObject({ errcode: 40125 });
    const legacy = await (await fetch(`${wx.url}/cgi-bin/token?grant_type=client_credential&appid=${appId}&secret=nope`)).json();
    expect(legacy).toMatchObject({ errcode: 40125 });
  });

  it('stable_token returns the same token until forced; a forced refresh voids the old one', async () => {
    const first = (await stable({})) as { access_token: string; expires_in: number };
    expect(first.expires_in).toBeGreaterThan(7190);
    expect(((await stable({})) as { access_token: string }).access_token).toBe(first.access_token);
    const forced = (await stable({ force_refresh: true })) as { access_token: string };
    expect(forced.access_token).not.toBe(first.access_token);
    expect(await post(`/cgi-bin/draft/add?access_token=${first.access_token}`, {})).toMatchObject({ errcode: 40001 });
  });

  it('/cgi-bin/token issues a new token each call and keeps the previous one valid for five minutes', async () => {
    let clock = Date.now();
    const local = await startWeChatProtocolServer({ appId, appSecret, now: () => clock });
    try {
      const get = async () => ((await (await fetch(`${local.url}/cgi-bin/token?grant_type=client_credential&appid=${appId}&secret=${appSecret}`)).json()) as { access_token: string }).access_token;
      const a = await get();
      const b = await get();
      expect(b).not.toBe(a);
      const freepublishGet = async (token: string) => (await fetch(`${local.url}/cgi-bin/freepublish/get?access_token=${token}`, { method: 'POST', body: '{"publish_id":"1"}' })).json();
      expect(await freepublishGet(a)).toMatchObject({ errcode: 40035 }); // token accepted, the id is unknown
      clock += 5 * 60_000 + 1000;
      expect(await freepublishGet(a)).toMatchObject({ errcode: 42001 });
      expect(await freepublishGet(b)).toMatchObject({ errcode: 40035 });
    } finally {
      await local.close();
    }
  });

  it('checks access_token on every other endpoint: 41001 missing, 40001 unknown, 42001 expired', async () => {
    expect(await post('/cgi-bin/draft/add', { articles: [] })).toMatchObject({ errcode: 41001 });
    expect(await post('/cgi-bin/draft/add?access_token=made-up', { articles: [] })).toMatchObject({ errcode: 40001 });
    const { access_token } = (await stable({})) as { access_token: string };
    expect(await post(`/cgi-bin/draft/add?access_token=${access_token}`, { articles: [] })).toMatchObject({ errcode: 44003 });
    wx.controls.expireAllTokens();
    expect(await post(`/cgi-bin/draft/add?access_token=${access_token}`, { articles: [] })).toMatchObject({ errcode: 42001 });
  });

  it('draft/add wants an existing thumb_media_id (40007); freepublish/submit an existing draft', async () => {
    const { access_token } = (await stable({})) as { access_token: string };
    expect(await post(`/cgi-bin/draft/add?access_token=${access_token}`, { articles: [{ title: '标题', content: '<p>正文</p>', thumb_media_id: 'nope' }] })).toMatchObject({ errcode: 40007 });
    expect(await post(`/cgi-bin/freepublish/submit?access_token=${access_token}`, { media_id: 'nope' })).toMatchObject({ errcode: 40007 });
    expect(wx.controls.counts()).toMatchObject({ drafts: 0, publishes: 0 });
  });
});

describe('WeChat adapter: withdraw', () => {
  it('deletes the published article with freepublish/delete; WeChat then reports it deleted', async () => {
    const adapter = adapterFor();
    const pub = new Publication(wx);
    await adapter.deliver(pub.request());
    const published = await adapter.poll!(pub.request());
    if (published.state !== 'published') throw new Error('expected published');

    await adapter.withdraw!({ ...pub.request(), externalId: published.externalId });
    expect(callsTo('freepublish/delete').map((c) => c.body)).toEqual([{ article_id: published.externalId, index: 0 }]);
    expect(wx.controls.counts().deletions).toBe(1);

    const after = await deliveryError(adapter.poll!(pub.request()));
    expect(after.message).toContain('已被删除');

    const again = await deliveryError(adapter.withdraw!({ ...pub.request(), externalId: published.externalId }));
    expect(again.options.retryable).toBe(false);
  });
});

describe('WeChat adapter: validate', () => {
  const channel: DeliveryRequest['channel'] = { id: 7, kind: 'wechat_subscription', name: '订阅号', settings: { appId }, secrets: { appSecret } };
  const fields = (v: PublicationVariant, c = channel) => createWeChatAdapter().validate(v, c).map((p) => p.field);

  it('accepts a normal article', () => {
    expect(fields(variant())).toEqual([]);
  });

  it('title: required, at most 64 characters', () => {
    expect(fields(variant({ title: '院'.repeat(64) }))).toEqual([]);
    expect(fields(variant({ title: '院'.repeat(65) }))).toEqual(['title']);
    expect(fields(variant({ title: '  ' }))).toEqual(['title']);
    const [problem] = createWeChatAdapter().validate(variant({ title: '院'.repeat(65) }), channel);
    expect(problem.message['zh-CN']).toContain('64');
    expect(problem.message.en).toContain('64');
  });

  it('digest: at most 120 characters', () => {
    expect(fields(variant({ summary: '摘'.repeat(120) }))).toEqual([]);
    expect(fields(variant({ summary: '摘'.repeat(121) }))).toEqual(['summary']);
    expect(fields(variant({ summary: null }))).toEqual([]);
  });

  it('body: at most 20,000 visible characters and under 1MB of HTML, no video', () => {
    expect(fields(variant({ html: `<p>${'字'.repeat(20_000)}</p>` }))).toEqual([]);
    expect(fields(variant({ html: `<p>${'字'.repeat(20_001)}</p>` }))).toEqual(['html']);
    // Few visible characters, but markup past 1MB.
    const heavy = `<p><span style="color:#333333">字</span></p>`.repeat(Math.ceil(weChatLimits.contentBytes / 60));
    expect(fields(variant({ html: heavy }))).toContain('html');
    expect(fields(variant({ html: '<p>视频</p><video src="/v.mp4"></video>' }))).toEqual(['html']);
    expect(fields(variant({ html: '<p> </p>' }))).toEqual(['html']);
  });

  it('channel: needs an AppID', () => {
    expect(fields(variant(), { ...channel, settings: {} })).toEqual(['channel.settings.appId']);
  });

  it('delivering an invalid variant fails permanently before any remote call', async () => {
    const error = await deliveryError(adapterFor().deliver(new Publication(wx, { variant: variant({ title: '院'.repeat(65) }) }).request()));
    expect(error.options).toMatchObject({ retryable: false, code: 'wechat_invalid_variant' });
    expect(wx.calls).toHaveLength(0);
  });
});
