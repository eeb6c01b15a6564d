import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../platform/config.ts';
import { startServer } from '../../platform/server.ts';
import type { ApiClient } from '../../test/api-client.ts';
import { makeApprovedArticle, makeDepartment, makeUser, signedIn, type ArticleTeam } from '../../test/factories.ts';
import { startTestServer, type TestServer } from '../../test/test-server.ts';

let t: TestServer;
let admin: ApiClient;
let team: ArticleTeam;
let leader: ApiClient;
let website: { id: number };
let cardiology: { id: number; name: string };
let pediatrics: { id: number; name: string };
let logistics: { id: number; name: string };

const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5f6b45e0000000049454e44ae426082', 'hex');

beforeAll(async () => {
  t = await startTestServer();
  admin = await t.admin();
  await admin.patch('/api/hospital', { fullName: '成都市第一人民医院', shortNames: ['市一医院'] });
  cardiology = await makeDepartment(admin, { name: '心血管内科' });
  pediatrics = await makeDepartment(admin, { name: '儿科' });
  logistics = await makeDepartment(admin, { name: '后勤保障部', kind: 'functional' });
  const publicity = await makeDepartment(admin, { name: '新闻中心', kind: 'functional' });
  team = {
    author: await signedIn(t.url, await makeUser(admin, { departmentId: cardiology.id, roles: ['correspondent'] })),
    reviewer: await signedIn(t.url, await makeUser(admin, { departmentId: cardiology.id, roles: ['dept_reviewer'] })),
    editor: await signedIn(t.url, await makeUser(admin, { departmentId: publicity.id, roles: ['editor'] })),
  };
  leader = await signedIn(t.url, await makeUser(admin, { departmentId: publicity.id, roles: ['leader'] }));
  website = (await team.editor.post('/api/channels', { kind: 'website', name: '医院官网', ownerDepartmentId: publicity.id })).body;
}, 120_000);
afterAll(() => t.close());

/** An approved article (party-building content also passes 分管领导审批), published on the website unless told otherwise. */
async function article(title: string, overrides: Record<string, unknown> = {}, publish = true) {
  const id = await makeApprovedArticle(team, { title, ...overrides });
  if (overrides.category === 'party') expect((await leader.post(`/api/articles/${id}/review`, { decision: 'approve' })).status).toBe(200);
  if (publish) expect((await team.editor.post('/api/publications', { articleId: id, channelId: website.id })).status).toBe(201);
  return id;
}

async function expert(body: Record<string, unknown>) {
  const res = await team.editor.post('/api/experts', { title: '主任医师', ...body });
  expect(res.status).toBe(201);
  return res.body as { id: number };
}

const page = async (path: string) => {
  const res = await fetch(t.url + path);
  return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() };
};
/** The micro-cache holds a page up to 5 s; changes no event announces (experts) show after it. */
const afterCache = () => new Promise((r) => setTimeout(r, 5_100));

describe('sections of the website', () => {
  it('shows each category in its own section, and every article in the news list', async () => {
    const science = await article('冬季如何预防心脑血管疾病', { category: 'science' });
    const party = await article('心内科党支部开展主题党日活动', { category: 'party' });
    const news = await article('我院成功开展首例左心耳封堵术', { category: 'news' });

    const sciencePage = await page('/site/science');
    expect(sciencePage.status).toBe(200);
    expect(sciencePage.text).toContain(`<a href="/site/articles/${science}">冬季如何预防心脑血管疾病</a>`);
    expect(sciencePage.text).not.toContain(`/site/articles/${party}"`);
    expect(sciencePage.text).not.toContain(`/site/articles/${news}"`);
    expect(sciencePage.text).toContain('<title>健康科普 - 成都市第一人民医院</title>');

    const partyPage = (await page('/site/party')).text;
    expect(partyPage).toContain(`/site/articles/${party}"`);
    expect(partyPage).not.toContain(`/site/articles/${science}"`);
    expect(partyPage).not.toContain(`/site/articles/${news}"`);

    const newsPage = (await page('/site/news')).text;
    for (const id of [science, party, news]) expect(newsPage).toContain(`/site/articles/${id}"`);

    const home = (await page('/site/')).text;
    for (const id of [science, party, news]) expect(home).toContain(`/site/articles/${id}"`);
    for (const label of ['首页', '新闻动态', '健康科普', '党建之窗', '科室导航', '专家介绍', '搜索']) expect(home).toContain(`>${label}</a></li>`);

    const scienceArticle = (await page(`/site/articles/${science}`)).text;
    expect(scienceArticle).toContain('<a href="/site/science">健康科普</a>');
    expect(scienceArticle).toContain(`<a href="/site/departments/${cardiology.id}">心血管内科</a>`);
    expect(scienceArticle).toContain(`<link rel="canonical" href="${t.url}/site/articles/${science}">`);
    expect(scienceArticle).toContain('<meta property="og:type" content="article">');
    expect(scienceArticle).toContain('<meta property="og:title" content="冬季如何预防心脑血管疾病">');
  });

  it('pages the news list by number, and answers pages that do not exist with the 404 page', async () => {
    const first = await article('分页测试：开篇');
    for (let i = 1; i <= 20; i++) await article(`分页测试：第${i}篇`);
    const total = (await team.editor.get(`/api/publications?channelId=${website.id}&limit=200`)).body.items.length;
    expect(total).toBeGreaterThan(20);

    const one = (await page('/site/news')).text;
    expect(one.match(/<div class="item">/g)).toHaveLength(20);
    expect(one).not.toContain(`/site/articles/${first}"`);
    expect(one).toContain('<a href="/site/news?page=2" rel="next">下一页</a>');
    const two = await page('/site/news?page=2');
    expect(two.status).toBe(200);
    expect(two.text).toContain(`/site/articles/${first}"`);
    expect(two.text.match(/<div class="item">/g)).toHaveLength(total - 20);
    expect(two.text).toContain('<span aria-current="page">2</span>');
    expect(two.text).toContain('<title>新闻动态（第2页） - 成都市第一人民医院</title>');
    expect(two.text).toContain(`<link rel="canonical" href="${t.url}/site/news?page=2">`);

    for (const path of ['/site/news?page=3', '/site/news?page=0', '/site/news?page=abc', '/site/science?page=2']) {
      const missing = await page(path);
      expect([path, missing.status]).toEqual([path, 404]);
      expect(missing.text).toContain('页面不存在');
    }
  });
});

describe('search', () => {
  it('finds a published article by a word of its body, and nothing unpublished', async () => {
    const found = await article('消化内科开展义诊', { body: '<p>专家提醒：<strong>幽门螺杆菌</strong>感染需要规范治疗，家人可同时筛查。</p>' });
    await article('尚未发布的稿件', { body: '<p>幽门螺杆菌的家庭防护。</p>' }, false);
    const draft = await team.author.post('/api/articles', { title: '草稿', body: '<p>幽门螺杆菌草稿。</p>', category: 'news' });
    expect(draft.status).toBe(201);

    const results = await page(`/site/search?q=${encodeURIComponent('幽门螺杆菌')}`);
    expect(results.status).toBe(200);
    expect(results.text).toContain(`<a href="/site/articles/${found}">消化内科开展义诊</a>`);
    expect(results.text).toContain('找到 1 篇');
    expect(results.text).not.toContain('尚未发布的稿件');
    expect(results.text).not.toContain(`/site/articles/${draft.body.id}"`);
    expect(results.text).toContain('<meta name="robots" content="noindex">');

    // Words inside markup are not text a reader sees.
    expect((await page('/site/search?q=strong')).text).toContain('没有找到');
    expect((await page(`/site/search?q=${encodeURIComponent('筛查')}`)).text).toContain(`/site/articles/${found}"`);
  });

  it('stops finding an article once its publication is withdrawn, at once', async () => {
    const id = await article('撤回测试：膝关节置换', { body: '<p>膝关节置换术后康复要点。</p>' });
    expect((await page(`/site/search?q=${encodeURIComponent('膝关节置换')}`)).text).toContain(`/site/articles/${id}"`);
    expect((await page(`/site/articles/${id}`)).status).toBe(200);
    const publication = (await team.editor.get(`/api/publications?articleId=${id}`)).body.items[0];
    expect((await team.editor.post(`/api/publications/${publication.id}/withdraw`)).status).toBe(200);
    expect((await page(`/site/articles/${id}`)).status).toBe(404);
    expect((await page(`/site/search?q=${encodeURIComponent('膝关节置换')}`)).text).not.toContain(`/site/articles/${id}"`);
  });

  it('indexes at start what the index lacks: articles published before it existed, or whose event a crash lost', async () => {
    const id = await article('索引补建：糖尿病足护理', { body: '<p>糖尿病足的日常护理与鞋袜选择。</p>' });
    await t.sql.query('delete from site_search_entry where article_id = $1', [id]);
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'rongmei-portal-restart-'));
    const restarted = await startServer(loadConfig({ DATABASE_URL: t.sql.options.connectionString!, DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'silent' }), pino({ level: 'silent' }), {
      consoleDir: path.join(dataDir, 'no-console'),
    });
    try {
      // The catch-up runs in the background after start; searches do not wait for it.
      await expect.poll(async () => (await t.sql.query('select 1 from site_search_entry where article_id = $1', [id])).rowCount, { timeout: 10_000 }).toBe(1);
      const res = await fetch(`${restarted.url}site/search?q=${encodeURIComponent('鞋袜')}`);
      expect(await res.text()).toContain(`/site/articles/${id}"`);
    } finally {
      await restarted.close();
      await fs.rm(dataDir, { recursive: true, force: true });
    }
  });

  it('escapes what the visitor typed', async () => {
    const attack = '"><script>alert(1)</script>';
    const res = await page(`/site/search?q=${encodeURIComponent(attack)}`);
    expect(res.status).toBe(200);
    expect(res.text).not.toContain('<script>alert(1)');
    expect(res.text).toContain('value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"');
    expect(res.text).toContain('<title>搜索：&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt; - 成都市第一人民医院</title>');
  });
});

describe('departments and experts', () => {
  it('shows a department with its public experts only, and its recent articles', async () => {
    const shown = await expert({ name: '刘心宇', departmentId: cardiology.id, specialties: '冠心病、心律失常', publicOnSite: true });
    const hidden = await expert({ name: '不公开专家', departmentId: cardiology.id, publicOnSite: false });
    const disabled = await expert({ name: '已停用专家', departmentId: cardiology.id, publicOnSite: true, status: 'disabled' });
    const elsewhere = await expert({ name: '儿科专家', departmentId: pediatrics.id, publicOnSite: true });
    const news = await article('心血管内科开展健康讲座');

    const dept = await page(`/site/departments/${cardiology.id}`);
    expect(dept.status).toBe(200);
    expect(dept.text).toContain(`<a href="/site/experts/${shown.id}">刘心宇</a>`);
    for (const other of [hidden, disabled, elsewhere]) expect(dept.text).not.toContain(`/site/experts/${other.id}"`);
    expect(dept.text).toContain(`/site/articles/${news}"`);
    expect(dept.text).toContain('<nav class="crumbs" aria-label="当前位置"><a href="/site/">首页</a> › <a href="/site/departments">科室导航</a> › <span aria-current="page">心血管内科</span></nav>');

    const list = (await page('/site/departments')).text;
    expect(list).toContain(`<a href="/site/departments/${cardiology.id}">心血管内科</a>`);
    expect(list).not.toContain('后勤保障部');
    expect((await page(`/site/departments/${logistics.id}`)).status).toBe(404);

    const experts = (await page('/site/experts')).text;
    expect(experts).toContain(`/site/experts/${shown.id}"`);
    expect(experts).toContain(`/site/experts/${elsewhere.id}"`);
    expect(experts).not.toContain(`/site/experts/${hidden.id}"`);
    expect((await page(`/site/experts/${hidden.id}`)).status).toBe(404);
    expect((await page(`/site/experts/${disabled.id}`)).status).toBe(404);
  });

  it('shows an expert’s profile with their photo, and serves the photo only while the expert is public', async () => {
    const { id } = await expert({ name: '陈静<b>', departmentId: pediatrics.id, specialties: '小儿哮喘', clinicHours: '周三上午', bio: '第一段。\n第二段。', publicOnSite: true });
    const form = new FormData();
    form.append('file', new Blob([png], { type: 'image/png' }), 'photo.png');
    expect((await team.editor.put(`/api/experts/${id}/photo`, form)).status).toBe(200);

    const profile = (await page(`/site/experts/${id}`)).text;
    expect(profile).toContain('<h1>陈静&lt;b&gt;</h1>');
    expect(profile).toContain('<h2>出诊时间</h2><p>周三上午</p>');
    expect(profile).toContain('<p>第一段。</p><p>第二段。</p>');
    expect(profile).toContain(`<a href="/site/departments/${pediatrics.id}">儿科</a>`);
    const photoPath = /<img class="photo" src="([^"]+)"/.exec(profile)?.[1];
    expect(photoPath).toMatch(new RegExp(`^/site/experts/${id}/photo\\?v=`));
    expect(profile).toContain(`<meta property="og:image" content="${t.url}${photoPath}">`);
    const photo = await fetch(t.url + photoPath);
    expect(photo.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await photo.arrayBuffer()).equals(png)).toBe(true);

    await team.editor.patch(`/api/experts/${id}`, { publicOnSite: false });
    expect((await fetch(`${t.url}/site/experts/${id}/photo`)).status).toBe(404);
  });
});

describe('for machines and lost visitors', () => {
  it('lists every public URL in the sitemap with its date, and points crawlers to it', async () => {
    const published = await article('网站地图测试文章');
    const unpublished = await article('网站地图未发布文章', {}, false);
    const shown = await expert({ name: '地图专家', departmentId: cardiology.id, publicOnSite: true });
    const hidden = await expert({ name: '地图隐藏专家', departmentId: cardiology.id });

    const map = await page('/site/sitemap.xml');
    expect(map.type).toContain('application/xml');
    expect(map.text).toContain('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">');
    expect(map.text).toMatch(new RegExp(`<url><loc>${t.url}/site/articles/${published}</loc><lastmod>20\\d\\d-\\d\\d-\\d\\dT[^<]+</lastmod></url>`));
    expect(map.text).toContain(`<loc>${t.url}/site/experts/${shown.id}</loc>`);
    expect(map.text).toContain(`<loc>${t.url}/site/departments/${cardiology.id}</loc>`);
    for (const path of ['/site/', '/site/news', '/site/science', '/site/party', '/site/departments', '/site/experts']) expect(map.text).toContain(`<loc>${t.url}${path}</loc>`);
    expect(map.text).not.toContain(`/site/articles/${unpublished}<`);
    expect(map.text).not.toContain(`/site/experts/${hidden.id}<`);
    expect(map.text).not.toContain(`/site/departments/${logistics.id}<`);

    const robots = await page('/robots.txt');
    expect(robots.type).toContain('text/plain');
    expect(robots.text).toContain(`Sitemap: ${t.url}/site/sitemap.xml`);
    expect(robots.text).toContain('Disallow: /site/search');
  });

  it('lists the website channel’s columns', async () => {
    const column = await team.editor.post(`/api/channels/${website.id}/columns`, { name: '《医声》', description: '医生讲述行医故事' });
    expect(column.status).toBe(201);
    await afterCache();
    const columns = (await page('/site/columns')).text;
    expect(columns).toContain(`<h2><a href="/site/columns/${column.body.id}">《医声》</a></h2><p>医生讲述行医故事</p>`);
    expect((await page('/site/sitemap.xml')).text).toContain(`<loc>${t.url}/site/columns</loc>`);
  });

  it('styles every page from one long-cached stylesheet with a phone layout, and no script', async () => {
    const home = (await page('/site/')).text;
    const href = /<link rel="stylesheet" href="([^"]+)">/.exec(home)?.[1];
    expect(href).toMatch(/^\/site\/site\.css\?v=[0-9a-f]{12}$/);
    expect((await page('/site/experts')).text).toContain(`<link rel="stylesheet" href="${href}">`);
    expect(home).not.toContain('<script');
    const css = await fetch(t.url + href);
    expect(css.headers.get('content-type')).toContain('text/css');
    expect(css.headers.get('cache-control')).toContain('immutable');
    expect(await css.text()).toContain('@media (max-width:640px)');
  });

  it('answers unknown pages with a 404 in the site’s own frame', async () => {
    for (const path of ['/site/no-such-page', '/site/articles/abc', '/site/articles/999999', '/site/experts/999999', '/site/departments/0', '/site/experts/1/photo/extra']) {
      const missing = await page(path);
      expect([path, missing.status]).toEqual([path, 404]);
      expect(missing.type).toContain('text/html');
      expect(missing.text).toContain('<h1>页面不存在</h1>');
      expect(missing.text).toContain('<nav class="nav" aria-label="网站导航">');
      expect(missing.text).toContain('<meta name="robots" content="noindex">');
    }
  });
});
