import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventBus, type DomainEvents } from '../../platform/events.ts';
import { ApiClient } from '../../test/api-client.ts';
import { makeUser, onePixelPng, signedIn } from '../../test/factories.ts';
import { startTestServer, type TestServer } from '../../test/test-server.ts';
import { correctionsFor } from './mention.service.ts';
import { signPushBody } from './push-signature.ts';

let t: TestServer;
let admin: ApiClient;
let officer: ApiClient;
let officerToken: string;
let staff: ApiClient;
let otherStaff: ApiClient;
let leader: ApiClient;
let hospitalId: number;
let feeds: FeedServer;

const hospitalName = '滨江市第一人民医院';

// ── a feed server of the test's own ───────────────────────────────────────

type Route = { status?: number; headers?: Record<string, string>; body: Buffer | string };
type FeedServer = { url: string; routes: Map<string, Route>; requests: { path: string; headers: IncomingHttpHeaders }[]; close(): Promise<void> };

async function startFeedServer(): Promise<FeedServer> {
  const routes = new Map<string, Route>();
  const requests: FeedServer['requests'] = [];
  const server: Server = createServer((request, response) => {
    requests.push({ path: request.url ?? '', headers: request.headers });
    const route = routes.get(request.url ?? '');
    if (!route) return void response.writeHead(404).end('not found');
    const etag = route.headers?.ETag;
    if (etag && request.headers['if-none-match'] === etag) return void response.writeHead(304, { ETag: etag }).end();
    response.writeHead(route.status ?? 200, route.headers).end(route.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return { url: `http://127.0.0.1:${port}`, routes, requests, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

const rss = (items: string, encoding = 'utf-8') =>
  `<?xml version="1.0" encoding="${encoding}"?><rss version="2.0"><channel><title>本地论坛</title><link>http://forum.example.cn/</link>${items}</channel></rss>`;
const item = (guid: string, title: string, description: string) =>
  `<item><guid>${guid}</guid><title>${title}</title><link>http://forum.example.cn/t/${guid}</link><description>${description}</description><pubDate>Mon, 06 May 2024 10:00:00 +0800</pubDate></item>`;

// ── helpers ───────────────────────────────────────────────────────────────

function fileForm(content: Buffer | string, name: string, type: string, fields: Record<string, string> = {}) {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) form.append(key, value);
  form.append('file', new Blob([typeof content === 'string' ? content : new Uint8Array(content)], { type }), name);
  return form;
}

async function createSource(body: Record<string, unknown>) {
  const res = await officer.post('/api/opinion/sources', body);
  if (res.status !== 201) throw new Error(`createSource: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: number; secret?: string; health: Record<string, unknown> };
}

/** Posts a batch to the ingest endpoint with a token or signed with a secret. */
async function push(sourceId: number, mentions: unknown[], auth: { token: string } | { secret: string; timestamp?: number; signature?: string }) {
  const body = JSON.stringify({ mentions });
  const headers: Record<string, string> = { 'content-type': 'application/json', 'x-rongmei-source': String(sourceId) };
  if ('token' in auth) headers.authorization = `Bearer ${auth.token}`;
  else {
    const timestamp = auth.timestamp ?? Math.floor(Date.now() / 1000);
    headers['x-rongmei-timestamp'] = String(timestamp);
    headers['x-rongmei-signature'] = auth.signature ?? signPushBody(auth.secret, timestamp, body);
  }
  const res = await fetch(`${t.url}/api/opinion/ingest`, { method: 'POST', headers, body });
  return { status: res.status, body: await res.json() };
}

async function mentionsOf(query: string) {
  const res = await officer.get(`/api/opinion/mentions?limit=200&${query}`);
  expect(res.status).toBe(200);
  return res.body.items as { id: number; externalId: string; title: string; text: string; aboutHospital: boolean; polarity: string; risk: number; category: string; clusterId: number; reasons: string[]; sourceId: number }[];
}

const complaint = { id: 'wb-1001', title: '', text: '滨江一院急诊科护士态度恶劣，排队三个小时没人管，投诉无门！', author: '市民小李', published_at: '2024-05-06T09:30:00+08:00', reposts: 12, comments: 30, likes: 5 };
const repost = { id: 'wb-1002', title: '', text: '转发微博 //@路人甲: 滨江一院急诊科护士态度恶劣，排队三个小时没人管，投诉无门！', author: '路人乙', published_at: '2024-05-06T09:45:00+08:00' };
const praise = { id: 'wb-1003', title: '滨江市第一人民医院心血管内科成功救治急性心梗患者', text: '近日，滨江市第一人民医院心血管内科团队成功救治一名急性心梗患者，家属送来锦旗表示感谢。', author: '滨江日报' };

beforeAll(async () => {
  feeds = await startFeedServer();
  // Loopback is allowed for the test's feed server at 127.0.0.1 only: 127.0.0.2 stays refused.
  t = await startTestServer({ OUTBOUND_ALLOW_LIST: '127.0.0.1' });
  admin = await t.admin();
  hospitalId = (await admin.get('/api/auth/me')).body.hospitalId;
  expect((await admin.patch('/api/hospital', { fullName: hospitalName, shortNames: ['滨江一院'] })).status).toBe(200);
  const officerUser = await makeUser(admin, { roles: ['opinion_officer'] });
  officer = await signedIn(t.url, officerUser);
  staff = await signedIn(t.url, await makeUser(admin, { roles: ['correspondent'] }));
  otherStaff = await signedIn(t.url, await makeUser(admin, { roles: ['correspondent'] }));
  leader = await signedIn(t.url, await makeUser(admin, { roles: ['leader'] }));
  const token = await admin.post('/api/api-tokens', { name: '舆情服务商', scopes: ['write'], expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString(), userId: officerUser.id });
  expect(token.status).toBe(201);
  officerToken = token.body.token;
}, 120_000);

afterAll(async () => {
  await t?.close();
  await feeds?.close();
});

describe('push ingestion (POST /api/opinion/ingest)', () => {
  it('takes a batch with an API token, analyses and clusters it, and publishes mention.ingested', async () => {
    const source = await createSource({ kind: 'push', name: '舆情服务商A' });
    expect(source.secret).toMatch(/^rms_/);
    const events: DomainEvents['mention.ingested'][] = [];
    const stop = eventBus.subscribe('mention.ingested', (e) => events.push(e));
    const res = await push(source.id, [complaint, repost, praise], { token: officerToken });
    stop();
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ received: 3, inserted: 3, duplicates: 0, errors: [] });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ hospitalId, sourceId: source.id, mentionIds: res.body.mentionIds, maxRisk: res.body.maxRisk });
    expect(res.body.maxRisk).toBeGreaterThanOrEqual(1);

    const stored = await mentionsOf(`sourceId=${source.id}`);
    const byId = new Map(stored.map((m) => [m.externalId, m]));
    expect(byId.get('wb-1001')).toMatchObject({ aboutHospital: true, polarity: 'negative' });
    expect(byId.get('wb-1001')!.risk).toBeGreaterThanOrEqual(1);
    expect(byId.get('wb-1001')!.reasons.length).toBeGreaterThan(0);
    expect(byId.get('wb-1003')).toMatchObject({ aboutHospital: true, polarity: 'positive', risk: 0 });
    // The repost joins the complaint's story; the praise is a story of its own.
    expect(byId.get('wb-1002')!.clusterId).toBe(byId.get('wb-1001')!.clusterId);
    expect(byId.get('wb-1003')!.clusterId).not.toBe(byId.get('wb-1001')!.clusterId);
    const cluster = await officer.get(`/api/opinion/clusters/${byId.get('wb-1001')!.clusterId}`);
    expect(cluster.status).toBe(200);
    expect(cluster.body).toMatchObject({ size: 2, aboutHospital: true, firstMention: { externalId: 'wb-1001' } });
    expect(cluster.body.timeline.reduce((n: number, p: { negative: number; neutral: number; positive: number }) => n + p.negative + p.neutral + p.positive, 0)).toBe(2);
    expect(cluster.body.sources).toEqual([{ sourceId: source.id, name: '舆情服务商A', count: 2 }]);
  });

  it('is idempotent: a resent batch adds nothing and says so', async () => {
    const source = await createSource({ kind: 'push', name: '舆情服务商B' });
    const batch = [complaint, praise];
    expect((await push(source.id, batch, { token: officerToken })).body).toMatchObject({ inserted: 2, duplicates: 0 });
    const again = await push(source.id, [...batch, { ...praise }], { token: officerToken });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ received: 3, inserted: 0, duplicates: 3, errors: [], mentionIds: [] });
    expect(await mentionsOf(`sourceId=${source.id}`)).toHaveLength(2);
    // Two identical batches at once still store each mention once.
    const other = await createSource({ kind: 'push', name: '舆情服务商C' });
    const racing = await Promise.all([push(other.id, batch, { token: officerToken }), push(other.id, batch, { token: officerToken })]);
    expect(racing.map((r) => r.body.inserted).sort()).toEqual([0, 2]);
    expect(racing.reduce((n, r) => n + r.body.duplicates, 0)).toBe(2);
    expect(await mentionsOf(`sourceId=${other.id}`)).toHaveLength(2);
  });

  it('takes a batch signed with the source’s HMAC secret, and refuses a wrong, stale or missing signature', async () => {
    const source = await createSource({ kind: 'push', name: '舆情服务商D' });
    const secret = source.secret!;
    const ok = await push(source.id, [complaint], { secret });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ inserted: 1 });
    expect((await push(source.id, [complaint], { secret })).body).toMatchObject({ inserted: 0, duplicates: 1 });

    const wrong = await push(source.id, [praise], { secret: 'rms_not-the-secret' });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe('signature_invalid');
    const stale = await push(source.id, [praise], { secret, timestamp: Math.floor(Date.now() / 1000) - 3600 });
    expect(stale.status).toBe(401);
    expect(stale.body.error.code).toBe('signature_expired');
    const bare = await fetch(`${t.url}/api/opinion/ingest`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-rongmei-source': String(source.id) }, body: JSON.stringify({ mentions: [praise] }) });
    expect(bare.status).toBe(401);
    // A signature over other bytes than those sent (a tampered body) fails.
    const timestamp = Math.floor(Date.now() / 1000);
    const tampered = await push(source.id, [praise], { secret, timestamp, signature: signPushBody(secret, timestamp, JSON.stringify({ mentions: [complaint] })) });
    expect(tampered.status).toBe(401);
    // After rotation the old secret stops working.
    const rotated = await officer.post(`/api/opinion/sources/${source.id}/secret`);
    expect(rotated.status).toBe(200);
    expect((await push(source.id, [praise], { secret })).status).toBe(401);
    expect((await push(source.id, [praise], { secret: rotated.body.secret })).body).toMatchObject({ inserted: 1 });
    expect(await mentionsOf(`sourceId=${source.id}`)).toHaveLength(2);
  });

  it('refuses a batch over 1,000 mentions with 413, and reports bad rows while storing the good ones', async () => {
    const source = await createSource({ kind: 'push', name: '舆情服务商E' });
    const big = Array.from({ length: 1001 }, (_, i) => ({ id: `big-${i}`, title: '', text: `滨江一院第${i}条测试信息` }));
    const tooMany = await push(source.id, big, { token: officerToken });
    expect(tooMany.status).toBe(413);
    expect(tooMany.body.error.code).toBe('batch_too_large');
    expect(await mentionsOf(`sourceId=${source.id}`)).toHaveLength(0);

    const mixed = await push(
      source.id,
      [
        { id: 'ok-1', text: '滨江一院停车难，周末转了半小时找不到车位' },
        { text: '没有编号的一条' },
        { id: 'bad-date', text: '时间不对', published_at: '昨天下午' },
        'not an object',
        { id: 'bad-count', text: '转发数不对', reposts: -3 },
        { id: 'empty', title: ' ', text: '' },
        { id: 'bad-url', text: '链接不对', url: 'javascript:alert(1)' },
      ],
      { token: officerToken },
    );
    expect(mixed.status).toBe(200);
    expect(mixed.body).toMatchObject({ received: 7, inserted: 1, duplicates: 0 });
    expect(mixed.body.errors.map((e: { index: number }) => e.index)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(mixed.body.errors[0].message).toContain('id');
    expect((await mentionsOf(`sourceId=${source.id}`)).map((m) => m.externalId)).toEqual(['ok-1']);

    const notJson = await fetch(`${t.url}/api/opinion/ingest`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-rongmei-source': String(source.id), authorization: `Bearer ${officerToken}` }, body: '{"mentions": [' });
    expect(notJson.status).toBe(400);
  });

  it('is for opinion managers’ tokens with the write scope, and push sources only', async () => {
    const source = await createSource({ kind: 'push', name: '舆情服务商F' });
    const staffUser = await makeUser(admin, { roles: ['correspondent'] });
    const expiresAt = new Date(Date.now() + 86_400_000).toISOString();
    const staffToken = (await admin.post('/api/api-tokens', { name: '通讯员令牌', scopes: ['write'], expiresAt, userId: staffUser.id })).body.token;
    expect((await push(source.id, [praise], { token: staffToken })).status).toBe(403);
    const readToken = (await admin.post('/api/api-tokens', { name: '只读令牌', scopes: ['read'], expiresAt })).body.token;
    const readOnly = await push(source.id, [praise], { token: readToken });
    expect(readOnly.status).toBe(403);
    expect(readOnly.body.error.code).toBe('insufficient_scope');
    expect((await push(source.id, [praise], { token: 'rm_unknown' })).status).toBe(401);
    const feed = await createSource({ kind: 'rss', name: '不是推送源', url: `${feeds.url}/none.xml` });
    expect((await push(feed.id, [praise], { token: officerToken })).status).toBe(400);
    expect((await officer.patch(`/api/opinion/sources/${source.id}`, { status: 'paused' })).status).toBe(200);
    const paused = await push(source.id, [praise], { token: officerToken });
    expect(paused.status).toBe(409);
    expect(paused.body.error.code).toBe('source_paused');
  });
});

describe('feed polling', () => {
  it('fetches a feed, then asks conditionally and takes 304 Not Modified as a healthy poll', async () => {
    feeds.routes.set('/hospital.xml', {
      headers: { 'Content-Type': 'application/rss+xml; charset=utf-8', ETag: '"v1"', 'Last-Modified': 'Mon, 06 May 2024 02:00:00 GMT' },
      body: rss(item('t-1', '滨江一院挂号难', '滨江一院专家号一号难求，号贩子在门口倒卖') + item('t-2', '滨江一院开展义诊', '滨江市第一人民医院在社区开展免费义诊活动')),
    });
    const source = await createSource({ kind: 'rss', name: '本地论坛', url: `${feeds.url}/hospital.xml`, pollIntervalMinutes: 30 });
    const first = await officer.post(`/api/opinion/sources/${source.id}/poll`);
    expect(first.status).toBe(200);
    expect(first.body.outcome).toMatchObject({ status: 'fetched', items: 2, inserted: 2, bozo: false });
    expect(first.body.source.health).toMatchObject({ consecutiveFailures: 0, lastError: null, itemsPerDay: 2 });
    expect(first.body.source.health.lastSuccessAt).not.toBeNull();
    const stored = await mentionsOf(`sourceId=${source.id}`);
    expect(stored.map((m) => m.externalId).sort()).toEqual(['t-1', 't-2']);
    expect(stored.find((m) => m.externalId === 't-1')!.text).toContain('号贩子');

    const second = await officer.post(`/api/opinion/sources/${source.id}/poll`);
    expect(second.body.outcome).toEqual({ status: 'not_modified' });
    const conditional = feeds.requests.filter((r) => r.path === '/hospital.xml').at(-1)!;
    expect(conditional.headers['if-none-match']).toBe('"v1"');
    expect(conditional.headers['if-modified-since']).toBe('Mon, 06 May 2024 02:00:00 GMT');
    expect(second.body.source.health.consecutiveFailures).toBe(0);
    const next = Date.parse(second.body.source.health.nextPollAt);
    expect(next - Date.parse(second.body.source.health.lastSuccessAt)).toBeGreaterThanOrEqual(29 * 60_000);
    expect(await mentionsOf(`sourceId=${source.id}`)).toHaveLength(2);
  });

  it('reads a GBK feed served without a charset header, and search finds it by a Chinese word', async () => {
    const gbk = iconv.encode(rss(item('gbk-1', '滨江一院食堂饭菜太贵', '住院部食堂一份青菜要十八元，病人家属纷纷吐槽'), 'gbk'), 'gbk');
    feeds.routes.set('/gbk.xml', { headers: { 'Content-Type': 'application/xml' }, body: gbk });
    const source = await createSource({ kind: 'rss', name: 'GBK 论坛', url: `${feeds.url}/gbk.xml` });
    const polled = await officer.post(`/api/opinion/sources/${source.id}/poll`);
    expect(polled.body.outcome).toMatchObject({ status: 'fetched', inserted: 1 });
    const [mention] = await mentionsOf(`sourceId=${source.id}`);
    expect(mention.title).toBe('滨江一院食堂饭菜太贵');
    expect(mention.text).toContain('青菜要十八元');

    const found = await mentionsOf(`q=${encodeURIComponent('食堂')}`);
    expect(found.map((m) => m.externalId)).toEqual(['gbk-1']);
    const scalpers = await mentionsOf(`q=${encodeURIComponent('号贩子')}`);
    expect(scalpers.map((m) => m.externalId)).toEqual(['t-1']);
    expect(await mentionsOf(`q=${encodeURIComponent('火星基地')}`)).toEqual([]);
  });

  it('parses an ill-formed feed as far as it goes and flags it', async () => {
    feeds.routes.set('/broken.xml', {
      headers: { 'Content-Type': 'application/rss+xml' },
      body: rss(item('b-1', '滨江一院新院区开诊 & 停车场开放', '新院区今日开诊<br>停车场同步开放')),
    });
    const source = await createSource({ kind: 'rss', name: '坏掉的订阅', url: `${feeds.url}/broken.xml` });
    const polled = await officer.post(`/api/opinion/sources/${source.id}/poll`);
    expect(polled.body.outcome).toMatchObject({ status: 'fetched', bozo: true, inserted: 1 });
    expect(polled.body.source.health.bozoReason).toBeTruthy();
    expect(polled.body.source.health.consecutiveFailures).toBe(0);
  });

  it('refuses a loopback address that is not allow-listed, with a clear source error', async () => {
    const port = new URL(feeds.url).port;
    const before = feeds.requests.length;
    const source = await createSource({ kind: 'rss', name: '内网地址', url: `http://127.0.0.2:${port}/hospital.xml` });
    const polled = await officer.post(`/api/opinion/sources/${source.id}/poll`);
    expect(polled.body.outcome.status).toBe('failed');
    expect(polled.body.source.health.lastError).toMatch(/OUTBOUND_ALLOW_LIST/);
    expect(polled.body.source.health.lastError).toMatch(/127\.0\.0\.2/);
    expect(polled.body.source.health.consecutiveFailures).toBe(1);
    expect(feeds.requests.length).toBe(before);
  });

  it('refuses a response over the byte cap without parsing it', async () => {
    feeds.routes.set('/huge.xml', { headers: { 'Content-Type': 'application/rss+xml' }, body: rss(item('h-1', '很大', 'x'.repeat(6 * 1024 * 1024))) });
    const source = await createSource({ kind: 'rss', name: '超大订阅', url: `${feeds.url}/huge.xml` });
    const polled = await officer.post(`/api/opinion/sources/${source.id}/poll`);
    expect(polled.body.outcome.status).toBe('failed');
    expect(polled.body.source.health.lastError).toContain('too_large');
    expect(await mentionsOf(`sourceId=${source.id}`)).toEqual([]);
  });

  it('backs off exponentially on errors, shows them in the health, and recovers', async () => {
    feeds.routes.set('/flaky.xml', { status: 503, body: 'maintenance' });
    const source = await createSource({ kind: 'rss', name: '不稳定的订阅', url: `${feeds.url}/flaky.xml`, pollIntervalMinutes: 10 });
    const delays: number[] = [];
    for (let i = 1; i <= 3; i++) {
      const polled = await officer.post(`/api/opinion/sources/${source.id}/poll`);
      expect(polled.body.outcome).toMatchObject({ status: 'failed', error: expect.stringContaining('HTTP 503') });
      const health = polled.body.source.health;
      expect(health.consecutiveFailures).toBe(i);
      expect(health.lastError).toContain('503');
      delays.push((Date.parse(health.nextPollAt) - Date.parse(health.lastErrorAt)) / 60_000);
    }
    // 10 minutes × 2^failures: 20, 40, 80.
    expect(delays.map((d) => Math.round(d))).toEqual([20, 40, 80]);

    feeds.routes.set('/flaky.xml', { headers: { 'Content-Type': 'application/rss+xml' }, body: rss(item('f-1', '恢复了', '滨江一院官网恢复访问')) });
    const recovered = await officer.post(`/api/opinion/sources/${source.id}/poll`);
    expect(recovered.body.outcome).toMatchObject({ status: 'fetched', inserted: 1 });
    expect(recovered.body.source.health).toMatchObject({ consecutiveFailures: 0 });
    expect(Math.round((Date.parse(recovered.body.source.health.nextPollAt) - Date.parse(recovered.body.source.health.lastSuccessAt)) / 60_000)).toBe(10);
  });

  it('polls a due feed on its own through the job queue', async () => {
    feeds.routes.set('/scheduled.xml', { headers: { 'Content-Type': 'application/rss+xml' }, body: rss(item('s-1', '定时抓取', '滨江一院发布就医提示')) });
    const source = await createSource({ kind: 'rss', name: '定时订阅', url: `${feeds.url}/scheduled.xml` });
    const deadline = Date.now() + 50_000;
    let health: { lastSuccessAt: string | null } = { lastSuccessAt: null };
    while (Date.now() < deadline && !health.lastSuccessAt) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      health = (await officer.get(`/api/opinion/sources/${source.id}`)).body.health;
    }
    expect(health.lastSuccessAt).not.toBeNull();
    expect((await mentionsOf(`sourceId=${source.id}`)).map((m) => m.externalId)).toEqual(['s-1']);
  }, 60_000);

  it('refuses a feed URL that is not http(s)', async () => {
    const res = await officer.post('/api/opinion/sources', { kind: 'rss', name: '本地文件', url: 'file:///etc/passwd' });
    expect(res.status).toBe(400);
  });
});

describe('spreadsheet import', () => {
  async function workbook(rows: unknown[][]) {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('舆情');
    for (const row of rows) sheet.addRow(row);
    return Buffer.from(await book.xlsx.writeBuffer());
  }

  it('previews headings with a suggested mapping, imports with the mapping, reports bad rows and is idempotent', async () => {
    const source = await createSource({ kind: 'import', name: '人工整理表' });
    const file = await workbook([
      ['发布时间', '标题', '正文内容', '原文链接', '作者', '转发数'],
      ['2024-05-06 10:20', '滨江一院收费不透明', '滨江一院检查费一次收了两遍，找收费处也说不清楚', 'https://weibo.example.cn/1', '患者家属', 15],
      ['2024/5/6 11:00', '滨江一院护士很耐心', '感谢滨江一院儿科的护士，打针特别耐心', 'https://weibo.example.cn/2', '宝妈', 2],
      ['不是时间', '坏行', '时间一栏写错了', '', '', ''],
      ['2024-05-06 12:00', '', '', '', '', ''],
      ['2024-05-06 13:00', '转发数不对', '滨江一院门诊', '', '', '很多'],
    ]);
    const preview = await officer.post('/api/opinion/imports/preview', fileForm(file, '舆情.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'));
    expect(preview.status).toBe(200);
    expect(preview.body.headers).toEqual(['发布时间', '标题', '正文内容', '原文链接', '作者', '转发数']);
    expect(preview.body.rowCount).toBe(5);
    expect(preview.body.sample[0][1]).toBe('滨江一院收费不透明');
    expect(preview.body.suggestedMapping).toEqual({ published_at: 0, title: 1, text: 2, url: 3, author: 4, reposts: 5 });

    const form = () => fileForm(file, '舆情.xlsx', 'application/octet-stream', { sourceId: String(source.id), mapping: JSON.stringify(preview.body.suggestedMapping) });
    const imported = await officer.post('/api/opinion/imports', form());
    expect(imported.status).toBe(200);
    expect(imported.body).toMatchObject({ received: 5, inserted: 2, duplicates: 0 });
    expect(imported.body.errors.map((e: { row: number }) => e.row)).toEqual([4, 5, 6]);
    expect(imported.body.errors[0].message).toContain('published_at');
    const stored = await mentionsOf(`sourceId=${source.id}`);
    expect(stored).toHaveLength(2);
    const fee = stored.find((m) => m.title === '滨江一院收费不透明')!;
    expect(fee.aboutHospital).toBe(true);
    const detail = (await officer.get(`/api/opinion/mentions/${fee.id}`)).body;
    // A time written without a zone is China time.
    expect(detail).toMatchObject({ publishedAt: '2024-05-06T02:20:00.000Z', reposts: 15, url: 'https://weibo.example.cn/1', author: '患者家属' });

    const again = await officer.post('/api/opinion/imports', form());
    expect(again.body).toMatchObject({ inserted: 0, duplicates: 2 });

    const noText = await officer.post('/api/opinion/imports', fileForm(file, '舆情.xlsx', 'application/octet-stream', { sourceId: String(source.id), mapping: JSON.stringify({ author: 4 }) }));
    expect(noText.status).toBe(400);
    const push = await createSource({ kind: 'push', name: '不是导入源' });
    const wrongKind = await officer.post('/api/opinion/imports', fileForm(file, '舆情.xlsx', 'application/octet-stream', { sourceId: String(push.id), mapping: JSON.stringify({ text: 2 }) }));
    expect(wrongKind.status).toBe(400);
    expect((await staff.post('/api/opinion/imports/preview', fileForm(file, '舆情.xlsx', 'application/octet-stream'))).status).toBe(403);
  });

  it('reads a GBK CSV as Excel saves it in China', async () => {
    const source = await createSource({ kind: 'import', name: 'CSV 导入' });
    const csv = iconv.encode('标题,内容,链接\r\n"滨江一院，排队太久","挂号排了两个小时，""说好的""预约制呢",http://bbs.example.cn/9\r\n', 'gbk');
    const preview = await officer.post('/api/opinion/imports/preview', fileForm(csv, '导出.csv', 'text/csv'));
    expect(preview.body).toMatchObject({ headers: ['标题', '内容', '链接'], rowCount: 1, suggestedMapping: { title: 0, text: 1, url: 2 } });
    const imported = await officer.post('/api/opinion/imports', fileForm(csv, '导出.csv', 'text/csv', { sourceId: String(source.id), mapping: JSON.stringify(preview.body.suggestedMapping) }));
    expect(imported.body).toMatchObject({ inserted: 1, errors: [] });
    const [mention] = await mentionsOf(`sourceId=${source.id}`);
    expect(mention).toMatchObject({ title: '滨江一院，排队太久', text: '挂号排了两个小时，"说好的"预约制呢' });
  });
});

describe('clues (舆情线索上报)', () => {
  it('are reported by any staff member with screenshots, seen by their reporter and officers, and confirmed into a mention once', async () => {
    const reported = await staff.post('/api/opinion/clues', { title: '微信群里有人说滨江一院医生收红包', description: '病友群里流传一段聊天截图，称滨江一院骨科医生收红包，已有多人转发。', platform: '微信群' });
    expect(reported.status).toBe(201);
    const id = reported.body.id;
    const shot = await staff.post(`/api/opinion/clues/${id}/screenshots`, fileForm(onePixelPng(), 'chat.png', 'image/png'));
    expect(shot.status).toBe(201);
    const fake = await staff.post(`/api/opinion/clues/${id}/screenshots`, fileForm('<svg onload="alert(1)"/>', 'chat.png', 'image/png'));
    expect(fake.status).toBe(415);
    const image = await fetch(`${t.url}${shot.body.url}`, { headers: { cookie: staff.cookie! } });
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await image.arrayBuffer()).equals(onePixelPng())).toBe(true);

    expect((await otherStaff.get(`/api/opinion/clues/${id}`)).status).toBe(404);
    expect((await otherStaff.get(`${shot.body.url}`)).status).toBe(404);
    expect((await otherStaff.get('/api/opinion/clues')).body.items).toEqual([]);
    expect((await staff.get('/api/opinion/clues')).body.items.map((c: { id: number }) => c.id)).toEqual([id]);
    expect((await leader.get('/api/opinion/clues')).body.items.map((c: { id: number }) => c.id)).toContain(id);
    expect((await staff.post(`/api/opinion/clues/${id}/confirm`, {})).status).toBe(403);

    const confirmed = await officer.post(`/api/opinion/clues/${id}/confirm`, {});
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ status: 'confirmed', screenshots: [{ id: shot.body.id }] });
    const mention = (await officer.get(`/api/opinion/mentions/${confirmed.body.mentionId}`)).body;
    expect(mention).toMatchObject({ sourceKind: 'manual', externalId: `clue-${id}`, title: '微信群里有人说滨江一院医生收红包', aboutHospital: true });
    expect(mention.risk).toBeGreaterThanOrEqual(2);
    const twice = await officer.post(`/api/opinion/clues/${id}/confirm`, {});
    expect(twice.status).toBe(409);
    expect((await staff.post(`/api/opinion/clues/${id}/screenshots`, fileForm(onePixelPng(), 'more.png', 'image/png'))).status).toBe(409);

    const other = await otherStaff.post('/api/opinion/clues', { title: '不实线索', description: '看错了' });
    const dismissed = await officer.post(`/api/opinion/clues/${other.body.id}/dismiss`, { reason: '与本院无关' });
    expect(dismissed.body).toMatchObject({ status: 'dismissed', dismissReason: '与本院无关', mentionId: null });
  });
});

describe('corrections', () => {
  it('are made by officers with a reason, kept with what misled the analysis, audited, and exported for retraining', async () => {
    const source = await createSource({ kind: 'push', name: '更正测试源' });
    const pushed = await push(source.id, [{ id: 'c-1', text: '滨江一院的服务可真“好”啊，挂个号跑了三趟' }], { token: officerToken });
    const id = pushed.body.mentionIds[0];
    const before = (await officer.get(`/api/opinion/mentions/${id}`)).body;

    expect((await staff.patch(`/api/opinion/mentions/${id}`, { risk: 2, reason: '讽刺' })).status).toBe(403);
    expect((await leader.patch(`/api/opinion/mentions/${id}`, { risk: 2, reason: '讽刺' })).status).toBe(403);
    expect((await officer.patch(`/api/opinion/mentions/${id}`, { risk: 2 })).status).toBe(400);
    const target = { polarity: before.polarity === 'negative' ? 'neutral' : 'negative', risk: before.risk === 2 ? 1 : 2 };
    const corrected = await officer.patch(`/api/opinion/mentions/${id}`, { ...target, reason: '反讽，是投诉' });
    expect(corrected.status).toBe(200);
    expect(corrected.body).toMatchObject({ ...target, correctedFields: ['polarity', 'risk'] });
    expect(corrected.body.correctedAt).not.toBeNull();
    expect((await officer.patch(`/api/opinion/mentions/${id}`, { ...target, reason: '再改一次' })).status).toBe(400);

    const history = await officer.get(`/api/opinion/mentions/${id}/corrections`);
    expect(history.body.items).toHaveLength(1);
    expect(history.body.items[0]).toMatchObject({ before: { polarity: before.polarity, risk: before.risk }, after: target, reason: '反讽，是投诉', analysisReasons: before.reasons });

    const unrelated = await officer.patch(`/api/opinion/mentions/${id}`, { aboutHospital: false, reason: '同名小区' });
    expect(unrelated.body).toMatchObject({ aboutHospital: false, risk: 0, category: 'unrelated' });
    expect((await officer.patch(`/api/opinion/mentions/${id}`, { risk: 3, reason: '无关却有风险' })).status).toBe(400);

    const audit = await admin.get(`/api/audit?action=mention.correct&entityId=${id}`);
    expect(audit.body.items).toHaveLength(2);
    expect(audit.body.items[1]).toMatchObject({ before: { polarity: before.polarity, risk: before.risk }, after: { ...target, reason: '反讽，是投诉' } });

    const examples = await correctionsFor(t.server.database.db, hospitalId);
    const example = examples.find((e) => e.mentionId === id)!;
    expect(example).toMatchObject({
      text: '滨江一院的服务可真“好”啊，挂个号跑了三趟',
      label: { aboutHospital: false, polarity: target.polarity, risk: 0, category: 'unrelated' },
      analysed: { polarity: before.polarity, risk: before.risk, aboutHospital: before.aboutHospital, category: before.category },
      misleadingReasons: before.reasons,
    });
  });
});

describe('the desk’s reads', () => {
  it('filter by risk, polarity, source, relevance and time, and page newest first by keyset', async () => {
    const all = await mentionsOf('');
    expect(all.length).toBeGreaterThan(5);
    expect(all.map((m) => m.id)).toEqual([...all.map((m) => m.id)].sort((a, b) => b - a));
    const risky = await mentionsOf('minRisk=1');
    expect(risky.length).toBeGreaterThan(0);
    expect(risky.every((m) => m.risk >= 1)).toBe(true);
    expect((await mentionsOf('polarity=positive')).every((m) => m.polarity === 'positive')).toBe(true);
    expect((await mentionsOf('aboutHospital=false')).every((m) => !m.aboutHospital)).toBe(true);
    const future = new Date(Date.now() + 86_400_000).toISOString();
    expect(await mentionsOf(`from=${encodeURIComponent(future)}`)).toEqual([]);

    const first = await officer.get('/api/opinion/mentions?limit=2');
    const second = await officer.get(`/api/opinion/mentions?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.items[0].id).toBeLessThan(first.body.items[1].id);
  });

  it('aggregate trends per hour and shares by polarity and source', async () => {
    const to = new Date(Date.now() + 3_600_000);
    const from = new Date('2024-05-01T00:00:00+08:00');
    const trend = await officer.get(`/api/opinion/trend?bucket=day&from=${from.toISOString()}&to=${to.toISOString()}`);
    expect(trend.status).toBe(200);
    const share = await officer.get(`/api/opinion/share?from=${from.toISOString()}&to=${to.toISOString()}`);
    expect(share.status).toBe(200);
    const total = trend.body.byPolarity.reduce((n: number, p: { negative: number; neutral: number; positive: number }) => n + p.negative + p.neutral + p.positive, 0);
    expect(total).toBe(share.body.total);
    expect(share.body.byPolarity.reduce((n: number, s: { count: number }) => n + s.count, 0)).toBe(share.body.total);
    expect(share.body.bySource.reduce((n: number, s: { count: number }) => n + s.count, 0)).toBe(share.body.total);
    expect(trend.body.bySource.flatMap((s: { points: { count: number }[] }) => s.points).reduce((n: number, p: { count: number }) => n + p.count, 0)).toBe(total);
    // A day bucket starts at Beijing midnight.
    expect(trend.body.byPolarity.every((p: { at: string }) => new Date(p.at).getUTCHours() === 16)).toBe(true);
    expect((await officer.get(`/api/opinion/trend?bucket=hour&from=2020-01-01T00:00:00Z&to=${to.toISOString()}`)).status).toBe(400);
    // Every hour of the window is there, the empty ones at 0, so a chart draws a continuous line.
    const hours = await officer.get('/api/opinion/trend?bucket=hour&from=2024-05-06T00:00:00%2B08:00&to=2024-05-06T23:59:59%2B08:00');
    expect(hours.body.byPolarity).toHaveLength(24);
    expect(hours.body.byPolarity[0].at).toBe('2024-05-05T16:00:00.000Z');
    const nineThirty = hours.body.byPolarity.find((p: { at: string }) => p.at === '2024-05-06T01:00:00.000Z');
    expect(nineThirty.negative).toBeGreaterThanOrEqual(2);
    expect(hours.body.byPolarity.find((p: { at: string }) => p.at === '2024-05-05T20:00:00.000Z')).toEqual({ at: '2024-05-05T20:00:00.000Z', negative: 0, neutral: 0, positive: 0 });
  });

  it('are for officers, editors, leaders and administrators only', async () => {
    expect((await staff.get('/api/opinion/mentions')).status).toBe(403);
    expect((await staff.get('/api/opinion/clusters')).status).toBe(403);
    expect((await staff.get('/api/opinion/sources')).status).toBe(403);
    expect((await leader.get('/api/opinion/mentions')).status).toBe(200);
    expect((await leader.post('/api/opinion/sources', { kind: 'push', name: '领导建的源' })).status).toBe(403);
    const list = await officer.get('/api/opinion/sources?limit=200');
    expect(list.body.items.find((s: { name: string }) => s.name === '舆情服务商A')).toMatchObject({ kind: 'push', hasSecret: true });
    expect(JSON.stringify(list.body)).not.toContain('rms_');
  });
});

describe('API reference', () => {
  it('documents the ingestion and desk routes, with the push protocol', async () => {
    const { paths } = (await t.client().get('/api/openapi.json')).body;
    for (const path of ['/api/opinion/ingest', '/api/opinion/sources', '/api/opinion/sources/{id}/poll', '/api/opinion/mentions', '/api/opinion/mentions/{id}', '/api/opinion/clusters/{id}', '/api/opinion/trend', '/api/opinion/share', '/api/opinion/watch-rules/preview', '/api/opinion/clues', '/api/opinion/imports/preview', '/api/opinion/imports']) {
      expect(Object.keys(paths)).toContain(path);
    }
    expect(paths['/api/opinion/ingest'].post.summary).toContain('X-Rongmei-Signature');
  });
});

describe('watch rules', () => {
  it('start from the organisation’s names, and a drafted rule is tested on recent mentions before it is saved', async () => {
    const rules = await officer.get('/api/opinion/watch-rules?limit=200');
    expect(rules.body.items).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: 'name', term: hospitalName, origin: 'org' }), expect.objectContaining({ kind: 'alias', term: '滨江一院', origin: 'org' })]),
    );
    const source = await createSource({ kind: 'push', name: '规则测试源' });
    await push(source.id, [{ id: 'r-0', text: '滨江一院门诊的自助机又坏了，排了半天队' }, { id: 'r-1', text: '家住滨江一院宿舍，楼下的垃圾三天没人清理' }], { token: officerToken });

    const preview = await officer.post('/api/opinion/watch-rules/preview', { kind: 'exclude', term: '滨江一院宿舍', limit: 50 });
    expect(preview.status).toBe(200);
    expect(preview.body.tested).toBeGreaterThanOrEqual(2);
    const changed = preview.body.changed.find((c: { mention: { externalId: string } }) => c.mention.externalId === 'r-1');
    expect(changed).toMatchObject({ before: { aboutHospital: true }, after: { aboutHospital: false } });
    expect(preview.body.changed.every((c: { mention: { text: string } }) => c.mention.text.includes('滨江一院宿舍'))).toBe(true);
    expect(preview.body.changed.map((c: { mention: { externalId: string } }) => c.mention.externalId)).not.toContain('r-0');
    // Not saved yet: the stored reading is unchanged.
    expect((await mentionsOf(`sourceId=${source.id}`)).find((m) => m.externalId === 'r-1')).toMatchObject({ aboutHospital: true });

    const created = await officer.post('/api/opinion/watch-rules', { kind: 'exclude', term: '滨江一院宿舍', note: '职工宿舍小区，非医院' });
    expect(created.status).toBe(201);
    expect((await officer.post('/api/opinion/watch-rules', { kind: 'exclude', term: '滨江一院宿舍' })).status).toBe(409);
    expect((await push(source.id, [{ id: 'r-2', text: '滨江一院宿舍门口又堵车了，物业不管' }], { token: officerToken })).body).toMatchObject({ inserted: 1 });
    const [afterRule] = await mentionsOf(`sourceId=${source.id}&q=${encodeURIComponent('堵车')}`);
    expect(afterRule).toMatchObject({ externalId: 'r-2', aboutHospital: false, risk: 0 });
    expect((await staff.post('/api/opinion/watch-rules', { kind: 'staff', term: '张三' })).status).toBe(403);
  });
});
