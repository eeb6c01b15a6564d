import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../test/api-client.ts';
import { makeDepartment, makeUser, signedIn } from '../../test/factories.ts';
import { startTestServer, type TestServer } from '../../test/test-server.ts';

let t: TestServer;
let admin: ApiClient;
let author: ApiClient;
let reviewer: ApiClient;
let editor: ApiClient;
let website: { id: number };
let dept: { id: number };

beforeAll(async () => {
  t = await startTestServer();
  admin = await t.admin();
  await admin.patch('/api/hospital', { fullName: '四川省妇幼保健院', shortNames: ['川妇幼'] });
  dept = await makeDepartment(admin, { name: '儿童保健科' });
  const publicity = await makeDepartment(admin, { name: '新闻中心（门户）', kind: 'functional' });
  author = await signedIn(t.url, await makeUser(admin, { departmentId: dept.id, roles: ['correspondent'] }));
  reviewer = await signedIn(t.url, await makeUser(admin, { departmentId: dept.id, roles: ['dept_reviewer'] }));
  editor = await signedIn(t.url, await makeUser(admin, { departmentId: publicity.id, roles: ['editor'] }));
  website = (await editor.post('/api/channels', { kind: 'website', name: '医院官网', ownerDepartmentId: publicity.id })).body;
}, 120_000);
afterAll(() => t.close());

/** A correspondent's article through the whole review chain. */
async function approvedArticle(title: string, body = '<p>儿童保健科开展“六一”健康义诊，<strong>500余名</strong>儿童受益。</p>') {
  const created = await author.post('/api/articles', { title, body, category: 'news', credits: [{ role: '供稿', name: '儿童保健科' }] });
  await author.post(`/api/articles/${created.body.id}/submit`, {});
  await reviewer.post(`/api/articles/${created.body.id}/review`, { decision: 'approve' });
  await editor.post(`/api/articles/${created.body.id}/review`, { decision: 'approve' });
  return created.body.id as number;
}

const page = async (path: string) => {
  const res = await fetch(t.url + path);
  return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text(), csp: res.headers.get('content-security-policy') };
};

describe('publishing to the website', () => {
  it('takes an approved article onto the public site, its page and the RSS feed', async () => {
    const id = await approvedArticle('儿童保健科开展六一健康义诊');
    const published = await editor.post('/api/publications', { articleId: id, channelId: website.id });
    expect(published.status).toBe(201);
    expect(published.body).toMatchObject({ status: 'published', externalUrl: `/site/articles/${id}`, attempts: 1 });
    expect((await editor.get(`/api/publications?articleId=${id}`)).body.items).toHaveLength(1);

    const home = await page('/site/');
    expect(home.status).toBe(200);
    expect(home.type).toContain('text/html');
    expect(home.text).toContain('四川省妇幼保健院');
    expect(home.text).toContain(`<a href="/site/articles/${id}">儿童保健科开展六一健康义诊</a>`);
    expect(home.csp).toContain("script-src 'none'");

    const article = await page(`/site/articles/${id}`);
    expect(article.text).toContain('<strong>500余名</strong>');
    expect(article.text).toContain('供稿：儿童保健科');
    expect(article.text).toMatch(/<meta name="description" content="儿童保健科开展“六一”健康义诊/);
    expect(article.text).toMatch(/20\d\d年\d{1,2}月\d{1,2}日/);

    const rss = await page('/site/rss.xml');
    expect(rss.type).toContain('application/rss+xml');
    expect(rss.text).toContain('<rss version="2.0">');
    expect(rss.text).toContain(`<link>${t.url}/site/articles/${id}</link>`);
    expect(rss.text).toContain('<title>儿童保健科开展六一健康义诊</title>');
  });

  it('shows a scheduled publication only from its time on, and nothing unpublished', async () => {
    const later = await approvedArticle('下周发布的科普');
    await editor.post('/api/publications', { articleId: later, channelId: website.id, scheduledAt: new Date(Date.now() + 3_600_000).toISOString() });
    expect((await page('/site/')).text).not.toContain('下周发布的科普');
    expect((await page(`/site/articles/${later}`)).status).toBe(404);
    await t.sql.query(`update publication set published_at = now() - interval '1 minute' where article_id = $1`, [later]);
    await new Promise((r) => setTimeout(r, 5_100));
    expect((await page('/site/')).text).toContain('下周发布的科普');

    const draft = await author.post('/api/articles', { title: '未审核的草稿', body: '<p>草稿</p>', category: 'news' });
    expect((await page(`/site/articles/${draft.body.id}`)).status).toBe(404);
  });

  it('escapes titles on the site and in the feed', async () => {
    const id = await approvedArticle('<script>alert(1)</script>标题 & 符号');
    await editor.post('/api/publications', { articleId: id, channelId: website.id });
    const home = (await page('/site/')).text;
    expect(home).toContain('&lt;script&gt;alert(1)&lt;/script&gt;标题 &amp; 符号');
    expect(home).not.toContain('<script>alert(1)');
    expect((await page('/site/rss.xml')).text).toContain('&lt;script&gt;');
  });
});

describe('publication rules', () => {
  it('only approved articles, only by editors or administrators, once per channel', async () => {
    const draft = await author.post('/api/articles', { title: '未审核', body: '<p>未审核</p>', category: 'news' });
    const refused = await editor.post('/api/publications', { articleId: draft.body.id, channelId: website.id });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details[0].field).toBe('articleId');
    const id = await approvedArticle('只发一次');
    expect((await author.post('/api/publications', { articleId: id, channelId: website.id })).status).toBe(403);
    expect((await editor.post('/api/publications', { articleId: id, channelId: website.id })).status).toBe(201);
    expect((await editor.post('/api/publications', { articleId: id, channelId: website.id })).status).toBe(409);
  });

  it('records an offline placement, and refuses platform channels until their adapters exist', async () => {
    const id = await approvedArticle('宣传栏张贴的新闻');
    const board = await editor.post('/api/channels', { kind: 'bulletin_board', name: '门诊大厅宣传栏（门户测试）', ownerDepartmentId: dept.id });
    const placed = await editor.post('/api/publications', { articleId: id, channelId: board.body.id, placement: { location: '门诊楼一楼', issue: '2026年第11期' } });
    expect(placed.body).toMatchObject({ status: 'published', placement: { location: '门诊楼一楼' }, externalUrl: null });
    const douyin = await editor.post('/api/channels', { kind: 'douyin', name: '抖音号（门户测试）', ownerDepartmentId: dept.id });
    const notYet = await editor.post('/api/publications', { articleId: id, channelId: douyin.body.id });
    expect(notYet.status).toBe(422);
    expect(notYet.body.error.code).toBe('adapter_not_available');
    expect((await page('/site/')).text).not.toContain('宣传栏张贴的新闻');
  });
});

describe('images of published articles', () => {
  it('serves an article’s library images to the public only while the site shows the article', async () => {
    const png = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#0d47a1' } }).png().toBuffer();
    const form = new FormData();
    form.append('title', '义诊现场');
    form.append('file', new Blob([png], { type: 'image/png' }), '义诊现场.png');
    const asset = (await author.post('/api/assets', form)).body as { id: number };
    const body = `<p>义诊现场。</p><p><img src="/api/assets/${asset.id}/file" data-asset-id="${asset.id}" alt="义诊现场"></p>`;
    const id = await approvedArticle('带图片的义诊新闻', body);
    const hidden = await fetch(`${t.url}/site/articles/${id}/assets/${asset.id}`);
    expect(hidden.status).toBe(404);

    await editor.post('/api/publications', { articleId: id, channelId: website.id });
    const articlePage = (await page(`/site/articles/${id}`)).text;
    expect(articlePage).toContain(`src="/site/articles/${id}/assets/${asset.id}"`);
    expect(articlePage).not.toContain('/api/assets/');
    const image = await fetch(`${t.url}/site/articles/${id}/assets/${asset.id}`);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/png');
    expect((await sharp(Buffer.from(await image.arrayBuffer())).metadata()).width).toBe(64);
    expect((await fetch(`${t.url}/site/articles/${id}/assets/${asset.id + 1000}`)).status).toBe(404);
    expect((await fetch(`${t.url}/api/assets/${asset.id}/file`)).status).toBe(401);
  });
});
