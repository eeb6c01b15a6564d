import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeliveryError, type DeliveryRequest } from './channel-adapter.ts';
import { startWeChatProtocolServer, type WeChatProtocolServer } from './testing/wechat-protocol-server.ts';
import { parsePublishJobFinish } from './wechat-callback.ts';
import { createWeChatAdapter, errcodeHints, outcomeOfPublishStatus, publishStatusText, retryableErrcodes, tokenRejectedErrcodes } from './wechat.adapter.ts';

/**
 * Checks the adapter and the protocol server against WeChat's own published material, read in place from the shared
 * data set (official-doc examples, wechatpy's fixtures, WxJava's errcode tables), never copied into the repository.
 */
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../../..');
const dataDir = path.resolve(repoRoot, '../shared/data/wechat');
const available = existsSync(path.join(dataDir, 'official-doc-examples')) && existsSync(path.join(dataDir, 'wechatpy')) && existsSync(path.join(dataDir, 'errcodes'));

const read = (file: string) => readFileSync(path.join(dataDir, file), 'utf8');
const json = (file: string) => JSON.parse(read(file)) as Record<string, unknown>;

/** A value's shape: object keys and their shapes, an array's element shape, a primitive's type. */
type Shape = string | { [key: string]: Shape } | Shape[];
function shapeOf(value: unknown): Shape {
  if (Array.isArray(value)) return value.length ? [shapeOf(value[0])] : [];
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shapeOf(v)]));
  return typeof value;
}
/** `actual` has every key of `expected` with the same shape (an empty array in the example accepts any element). */
function expectShapeCovers(actual: unknown, expected: unknown, where: string) {
  const a = shapeOf(actual);
  const e = shapeOf(expected);
  const walk = (x: Shape, y: Shape, at: string) => {
    if (Array.isArray(y)) {
      expect(Array.isArray(x), `${at} is an array`).toBe(true);
      if (y.length && (x as Shape[]).length) walk((x as Shape[])[0], y[0], `${at}[0]`);
      return;
    }
    if (typeof y === 'object') {
      expect(typeof x === 'object' && !Array.isArray(x), `${at} is an object`).toBe(true);
      for (const key of Object.keys(y)) {
        expect(Object.keys(x as object), `${at} has "${key}"`).toContain(key);
        walk((x as Record<string, Shape>)[key], y[key], `${at}.${key}`);
      }
      return;
    }
    expect(x, `${at} type`).toBe(y);
  };
  walk(a, e, where);
}

const suite = available ? describe : describe.skip;
if (!available) {
  describe.skip(`WeChat conformance: skipped, ${dataDir} is absent (the shared WeChat reference data set is not mounted here)`, () => {
    it('needs the shared data set', () => {});
  });
}

/** An adapter whose only counterpart is a fetch that answers with the stored examples. */
function adapterAnswering(answers: Record<string, unknown>) {
  const fetchStub: typeof fetch = async (input) => {
    const { pathname } = new URL(String(input));
    if (!(pathname in answers)) return new Response('not found', { status: 404 });
    return new Response(JSON.stringify(answers[pathname]), { status: 200, headers: { 'content-type': 'application/json; encoding=utf-8' } });
  };
  return createWeChatAdapter({ apiBase: 'https://api.weixin.qq.com', fetch: fetchStub });
}

const request = (checkpoint: Record<string, string>): DeliveryRequest => ({
  publicationId: 1,
  idempotencyKey: 'publication:1',
  channel: { id: 1, kind: 'wechat_service', name: '服务号', settings: { appId: 'wx0123456789abcdef' }, secrets: { appSecret: 'secret' } },
  variant: { title: '标题', author: null, summary: null, html: '<p>正文</p>', text: '正文', sourceUrl: null },
  cover: null,
  loadImage: async () => null,
  checkpoint,
  saveCheckpoint: async () => {},
  signal: new AbortController().signal,
});

suite('WeChat conformance: the adapter reads the official examples', () => {
  const token = () => json('wechatpy/token.json');

  it('freepublish/get success → published with the article id and URL', async () => {
    const example = json('official-doc-examples/freepublish_get.success.response.json');
    const adapter = adapterAnswering({ '/cgi-bin/stable_token': token(), '/cgi-bin/freepublish/get': example });
    const detail = example.article_detail as { item: { article_url: string }[] };
    expect(await adapter.poll!(request({ publishId: String(example.publish_id) }))).toEqual({
      state: 'published',
      externalId: example.article_id,
      externalUrl: detail.item[0].article_url,
    });
  });

  it('freepublish/get publishing → still pending on the same publish_id', async () => {
    const example = json('official-doc-examples/freepublish_get.publishing.response.json');
    const adapter = adapterAnswering({ '/cgi-bin/stable_token': token(), '/cgi-bin/freepublish/get': example });
    expect(await adapter.poll!(request({ publishId: String(example.publish_id) }))).toMatchObject({ state: 'pending', externalId: String(example.publish_id) });
  });

  it('freepublish/get original-check failure → permanent error naming the failed articles', async () => {
    const example = json('official-doc-examples/freepublish_get.original_check_failed.response.json');
    const adapter = adapterAnswering({ '/cgi-bin/stable_token': token(), '/cgi-bin/freepublish/get': example });
    const error = await adapter.poll!(request({ publishId: String(example.publish_id) })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeliveryError);
    expect((error as DeliveryError).options).toMatchObject({ retryable: false, code: `wechat_publish_status_${example.publish_status}` });
    expect((error as DeliveryError).message).toContain('原创');
    expect((error as DeliveryError).message).toContain(`第 ${(example.fail_idx as number[]).join('、')} 篇`);
  });

  it('freepublish/submit → pending on its publish_id', async () => {
    const example = json('official-doc-examples/freepublish_submit.response.json');
    const adapter = adapterAnswering({ '/cgi-bin/stable_token': token(), '/cgi-bin/freepublish/submit': example });
    expect(await adapter.deliver(request({ draftMediaId: 'MEDIA_ID' }))).toMatchObject({ state: 'pending', externalId: String(example.publish_id) });
  });

  it('PUBLISHJOBFINISH events (success and original-check failure) parse and settle the same way as polling', () => {
    // Expected values are read out of the XML with plain patterns, independently of the parser under test.
    const field = (xml: string, name: string) => [...xml.matchAll(new RegExp(`<${name}>(?:<!\\[CDATA\\[)?([^<\\]]*)(?:\\]\\]>)?</${name}>`, 'g'))].map((m) => m[1]);

    const successXml = read('official-doc-examples/event_PUBLISHJOBFINISH.success.xml');
    const success = parsePublishJobFinish(successXml);
    expect(success).toMatchObject({
      publishId: field(successXml, 'publish_id')[0],
      status: 0,
      articleId: field(successXml, 'article_id')[0],
      articleUrls: field(successXml, 'article_url'),
      failIndexes: [],
    });
    expect(success!.articleUrls).toHaveLength(1);
    expect(outcomeOfPublishStatus(success!)).toEqual({ state: 'published', externalId: field(successXml, 'article_id')[0], externalUrl: field(successXml, 'article_url')[0] });

    const failedXml = read('official-doc-examples/event_PUBLISHJOBFINISH.original_check_failed.xml');
    const failed = parsePublishJobFinish(failedXml);
    const failIdx = field(failedXml, 'fail_idx').map(Number);
    expect(failIdx.length).toBeGreaterThan(1);
    expect(failed).toMatchObject({ publishId: field(failedXml, 'publish_id')[0], status: 2, articleUrls: [], failIndexes: failIdx });
    expect(failed!.articleId).toBeUndefined();
    expect(() => outcomeOfPublishStatus(failed!)).toThrow(`原创校验未通过（第 ${failIdx.join('、')} 篇）`);
  });
});

suite('WeChat conformance: the protocol server answers in the official shapes', () => {
  const appId = 'wx0123456789abcdef';
  const appSecret = 'conformance-secret';
  let wx: WeChatProtocolServer;
  beforeEach(async () => {
    wx = await startWeChatProtocolServer({ appId, appSecret });
  });
  afterEach(() => wx.close());

  const post = async (p: string, body: unknown) => (await fetch(`${wx.url}${p}`, { method: 'POST', body: JSON.stringify(body) })).json();
  const upload = async (p: string, bytes: Buffer, filename: string) => {
    const form = new FormData();
    form.append('media', new Blob([new Uint8Array(bytes)], { type: 'image/jpeg' }), filename);
    return (await fetch(`${wx.url}${p}`, { method: 'POST', body: form })).json();
  };
  const jpegBytes = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4]);

  async function publishedJob(status: 0 | 2, pollsUntilDone: number) {
    const tokenAnswer = (await post('/cgi-bin/stable_token', { grant_type: 'client_credential', appid: appId, secret: appSecret })) as { access_token: string };
    const q = `?access_token=${tokenAnswer.access_token}`;
    const material = (await upload(`/cgi-bin/material/add_material${q}&type=image`, jpegBytes, 'cover.jpg')) as { media_id: string };
    const draft = (await post(`/cgi-bin/draft/add${q}`, { articles: [{ title: '标题', content: '<p>正文</p>', thumb_media_id: material.media_id }] })) as { media_id: string };
    wx.controls.setPublishOutcome(status, { pollsUntilDone, failIdx: [1, 2] });
    const submit = (await post(`/cgi-bin/freepublish/submit${q}`, { media_id: draft.media_id })) as { publish_id: string };
    return { q, submit, get: () => post(`/cgi-bin/freepublish/get${q}`, { publish_id: submit.publish_id }) };
  }

  it('stable_token and /cgi-bin/token answer like wechatpy’s token fixture', async () => {
    const fixture = json('wechatpy/token.json');
    const stable = await post('/cgi-bin/stable_token', { grant_type: 'client_credential', appid: appId, secret: appSecret });
    expect(Object.keys(stable as object).sort()).toEqual(Object.keys(fixture).sort());
    expectShapeCovers(stable, fixture, 'stable_token');
    expect((stable as { expires_in: number }).expires_in).toBe(fixture.expires_in);
    const legacy = await (await fetch(`${wx.url}/cgi-bin/token?grant_type=client_credential&appid=${appId}&secret=${appSecret}`)).json();
    expect(Object.keys(legacy as object).sort()).toEqual(Object.keys(fixture).sort());
    expectShapeCovers(legacy, fixture, 'token');
  });

  it('media/uploadimg answers like wechatpy’s media_uploadimg fixture', async () => {
    const fixture = json('wechatpy/media_uploadimg.json');
    const { access_token } = (await post('/cgi-bin/stable_token', { grant_type: 'client_credential', appid: appId, secret: appSecret })) as { access_token: string };
    const answer = await upload(`/cgi-bin/media/uploadimg?access_token=${access_token}`, jpegBytes, 'a.jpg');
    expect(Object.keys(answer as object).sort()).toEqual(Object.keys(fixture).sort());
    expectShapeCovers(answer, fixture, 'uploadimg');
    expect(new URL((answer as { url: string }).url).hostname).toBe(new URL(String(fixture.url).replace(/\s/g, '')).hostname);
  });

  it('freepublish/submit answers with the official keys (and msg_data_id, as current docs add)', async () => {
    const { submit } = await publishedJob(0, 0);
    expectShapeCovers(submit, json('official-doc-examples/freepublish_submit.response.json'), 'submit');
    expect(submit).toMatchObject({ errcode: 0, errmsg: 'ok' });
  });

  it('freepublish/get answers publishing, then success, in the official shapes', async () => {
    const { get } = await publishedJob(0, 1);
    const publishing = await get();
    const publishingExample = json('official-doc-examples/freepublish_get.publishing.response.json');
    expect(Object.keys(publishing as object).sort()).toEqual(Object.keys(publishingExample).sort());
    expectShapeCovers(publishing, publishingExample, 'get(publishing)');
    expect((publishing as { publish_status: number }).publish_status).toBe(publishingExample.publish_status);

    const success = await get();
    const successExample = json('official-doc-examples/freepublish_get.success.response.json');
    expect(Object.keys(success as object).sort()).toEqual(Object.keys(successExample).sort());
    expectShapeCovers(success, successExample, 'get(success)');
  });

  it('freepublish/get answers an original-check failure in the official shape', async () => {
    const { get } = await publishedJob(2, 0);
    const failed = await get();
    const example = json('official-doc-examples/freepublish_get.original_check_failed.response.json');
    expect(Object.keys(failed as object).sort()).toEqual(Object.keys(example).sort());
    expectShapeCovers(failed, example, 'get(failed)');
    expect(failed).toMatchObject({ publish_status: example.publish_status, fail_idx: example.fail_idx });
  });
});

suite('WeChat conformance: the error codes the adapter acts on mean what it assumes', () => {
  type Code = { errcode: number; errmsg_zh: string };
  const mp = () => (json('errcodes/WxMpErrorMsgEnum.json').codes as Code[]);
  const open = () => (json('errcodes/WxOpenErrorMsgEnum.json').codes as Code[]);
  const meaningIn = (codes: Code[], errcode: number) => codes.filter((c) => c.errcode === errcode).map((c) => c.errmsg_zh);

  /** What the adapter's handling takes each code to mean, checked against the Official Account table. */
  const assumed: Record<number, RegExp> = {
    40001: /access_token 无效/,
    40014: /不合法的 access_token/,
    42001: /access_token 超时/,
    [-1]: /系统繁忙/,
    45009: /接口调用超过限制/,
    45011: /太频繁/,
  };

  it('every code retried or answered with a token refresh is in the Official Account table with that meaning', () => {
    const handled = [...tokenRejectedErrcodes, ...Object.keys(retryableErrcodes).map(Number)].sort((a, b) => a - b);
    // A code added to the adapter's handling must be added here too, with the meaning it relies on.
    expect(handled).toEqual(Object.keys(assumed).map(Number).sort((a, b) => a - b));
    for (const errcode of handled) {
      const meanings = meaningIn(mp(), errcode);
      expect(meanings, `errcode ${errcode} in WxMpErrorMsgEnum`).not.toHaveLength(0);
      expect(meanings.some((m) => assumed[errcode].test(m)), `errcode ${errcode}: ${meanings.join(' / ')}`).toBe(true);
    }
  });

  it('every code the adapter explains to editors exists in WeChat’s tables or the freepublish docs', () => {
    const freepublish = json('official-doc-examples/freepublish_status_and_errors.json');
    const submitErrors = freepublish.submit_errors as { errcode: number; errmsg_zh: string; action_zh: string }[];
    const hintMeaning: Record<number, RegExp> = {
      [-1]: /系统繁忙/,
      40013: /AppID/,
      40125: /AppID|appsecret/i,
      40164: /whitelist|白名单/,
      45009: /超过限制/,
      45011: /太频繁/,
      48001: /未授权/,
      53503: /发布检查/,
      53504: /公众平台官网/,
      53505: /手动保存/,
    };
    expect(Object.keys(errcodeHints).map(Number).sort((a, b) => a - b)).toEqual(Object.keys(hintMeaning).map(Number).sort((a, b) => a - b));
    for (const errcode of Object.keys(errcodeHints).map(Number)) {
      const meanings = [
        ...meaningIn(mp(), errcode),
        ...meaningIn(open(), errcode),
        ...submitErrors.filter((e) => e.errcode === errcode).flatMap((e) => [e.errmsg_zh, e.action_zh]),
      ];
      expect(meanings, `errcode ${errcode} is documented`).not.toHaveLength(0);
      expect(meanings.some((m) => hintMeaning[errcode].test(m)), `errcode ${errcode}: ${meanings.join(' / ')}`).toBe(true);
    }
  });

  it('the adapter names every publish_status the docs list, in the docs’ sense', () => {
    const statuses = json('official-doc-examples/freepublish_status_and_errors.json').publish_status as Record<string, string>;
    const sameSense: Record<string, [RegExp, RegExp]> = {
      0: [/成功/, /成功/],
      1: [/发布中/, /发布中/],
      2: [/原创/, /原创/],
      3: [/常规失败/, /常规失败/],
      4: [/审核不通过/, /审核不通过/],
      5: [/删除/, /删除/],
      6: [/封禁/, /封禁/],
    };
    expect(Object.keys(publishStatusText).sort()).toEqual(Object.keys(statuses).sort());
    for (const [status, doc] of Object.entries(statuses)) {
      const [docSense, ourSense] = sameSense[status];
      expect(doc, `docs on ${status}`).toMatch(docSense);
      expect(publishStatusText[Number(status)], `adapter on ${status}`).toMatch(ourSense);
    }
  });
});
