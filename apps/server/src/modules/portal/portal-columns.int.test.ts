import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../test/api-client.ts';
import { makeApprovedArticle, makeDepartment, makeUser, signedIn, type ArticleTeam } from '../../test/factories.ts';
import { startTestServer, type TestServer } from '../../test/test-server.ts';

/** The website's columns (栏目): a publication records its column, and each column has its own pages on the site. */

let t: TestServer;
let team: ArticleTeam;
let editor: ApiClient;
let website: number;
let board: number;
let columns: { voices: number; lectures: number; disabled: number; markup: number; onBoard: number; otherHospital: number };
let articles: { voices: number[]; lecture: number; plain: number };

const publish = (articleId: number, channelId: number, extra: Record<string, unknown> = {}) => editor.post('/api/publications', { articleId, channelId, ...extra });
const page = async (path: string) => {
  const res = await fetch(t.url + path);
  return { status: res.status, text: await res.text() };
};
const titleOf = (n: number) => `医声第${String(n).padStart(2, '0')}期`;

beforeAll(async () => {
  t = await startTestServer();
  const admin = await t.admin();
  await admin.patch('/api/hospital', { fullName: '成都市妇女儿童中心医院', shortNames: ['市妇儿'] });
  const dept = await makeDepartment(admin, { name: '新生儿科（栏目）' });
  const publicity = await makeDepartment(admin, { name: '宣传部（栏目）', kind: 'functional' });
  editor = await signedIn(t.url, await makeUser(admin, { departmentId: publicity.id, roles: ['editor'] }));
  team = {
    author: await signedIn(t.url, await makeUser(admin, { departmentId: dept.id, roles: ['correspondent'] })),
    reviewer: await signedIn(t.url, await makeUser(admin, { departmentId: dept.id, roles: ['dept_reviewer'] })),
    editor,
  };
  const channel = async (kind: string, name: string) => (await editor.post('/api/channels', { kind, name, ownerDepartmentId: publicity.id })).body.id as number;
  website = await channel('website', '医院官网');
  board = await channel('bulletin_board', '门诊宣传栏');
  const column = async (channelId: number, name: string, description?: string) => (await editor.post(`/api/channels/${channelId}/columns`, { name, description })).body.id as number;
  columns = {
    voices: await column(website, '《医声》', '医生讲述行医故事'),
    lectures: await column(website, '健康讲堂'),
    disabled: await column(website, '停用栏目'),
    markup: await column(website, '<b>专题</b>'),
    onBoard: await column(board, '《肿而言之》'),
    otherHospital: 0,
  };
  await editor.patch(`/api/channels/${website}/columns/${columns.disabled}`, { status: 'disabled' });
  // Another hospital on the same deployment, with its own website column.
  const other = await t.sql.query(`insert into hospital (full_name) values ('另一家医院') returning id`);
  const otherChannel = await t.sql.query(`insert into channel (hospital_id, kind, name, owner_department_id) values ($1, 'website', '他院官网', $2) returning id`, [other.rows[0].id, publicity.id]);
  columns.otherHospital = (await t.sql.query(`insert into channel_column (channel_id, name) values ($1, '他院栏目') returning id`, [otherChannel.rows[0].id])).rows[0].id;

  articles = { voices: [], lecture: 0, plain: 0 };
  for (let n = 1; n <= 21; n++) {
    const id = await makeApprovedArticle(team, { title: titleOf(n) });
    expect((await publish(id, website, { columnId: columns.voices })).status).toBe(201);
    articles.voices.push(id);
  }
  articles.lecture = await makeApprovedArticle(team, { title: '健康讲堂：新生儿黄疸' });
  expect((await publish(articles.lecture, website, { columnId: columns.lectures })).status).toBe(201);
  articles.plain = await makeApprovedArticle(team, { title: '医院召开年度工作会议' });
  expect((await publish(articles.plain, website)).status).toBe(201);
}, 240_000);
afterAll(() => t.close());

describe('a publication’s column', () => {
  it('is recorded when it is one of the channel’s columns in use, and refused otherwise', async () => {
    const articleId = await makeApprovedArticle(team, { title: '栏目校验' });
    const wrongChannel = await publish(articleId, website, { columnId: columns.onBoard });
    expect(wrongChannel.status).toBe(400);
    expect(wrongChannel.body.error.details[0].field).toBe('columnId');
    expect((await publish(articleId, website, { columnId: columns.disabled })).body.error.details[0].field).toBe('columnId');
    expect((await publish(articleId, website, { columnId: columns.otherHospital })).body.error.details[0].field).toBe('columnId');
    const onBoard = await publish(articleId, board, { columnId: columns.onBoard, placement: { 位置: '门诊大厅' } });
    expect(onBoard.body).toMatchObject({ status: 'published', columnId: columns.onBoard });
    expect((await editor.get(`/api/publications?articleId=${articles.lecture}`)).body.items[0].columnId).toBe(columns.lectures);
  });
});

describe('column pages on the website', () => {
  it('lists only the column’s articles, newest first, twenty a page', async () => {
    const first = await page(`/site/columns/${columns.voices}`);
    expect(first.status).toBe(200);
    expect(first.text).toContain('<h1>《医声》</h1>');
    const listed = [...first.text.matchAll(/<h2><a href="\/site\/articles\/(\d+)">/g)].map((m) => Number(m[1]));
    expect(listed).toEqual(articles.voices.slice(1).reverse());
    expect(first.text).not.toContain('健康讲堂：新生儿黄疸');
    expect(first.text).not.toContain('医院召开年度工作会议');
    expect(first.text).toContain(`<a href="/site/columns/${columns.voices}?page=2" rel="next">下一页</a>`);

    const second = await page(`/site/columns/${columns.voices}?page=2`);
    expect([...second.text.matchAll(/<h2><a href="\/site\/articles\/(\d+)">/g)].map((m) => Number(m[1]))).toEqual([articles.voices[0]]);
    expect(second.text).toContain(`<title>《医声》（第2页） - 成都市妇女儿童中心医院</title>`);
    expect(second.text).toContain(`<link rel="canonical" href="${t.url}/site/columns/${columns.voices}?page=2">`);
    expect((await page(`/site/columns/${columns.voices}?page=3`)).status).toBe(404);
    expect((await page(`/site/columns/${columns.voices}?page=x`)).status).toBe(404);

    const lectures = await page(`/site/columns/${columns.lectures}`);
    expect(lectures.text).toContain('健康讲堂：新生儿黄疸');
    expect(lectures.text).not.toContain(titleOf(1));
  });

  it('has its SEO metadata, a place in the navigation, the breadcrumbs of its articles and the sitemap', async () => {
    const column = await page(`/site/columns/${columns.voices}`);
    expect(column.text).toContain('<title>《医声》 - 成都市妇女儿童中心医院</title>');
    expect(column.text).toContain('<meta name="description" content="成都市妇女儿童中心医院《医声》：医生讲述行医故事">');
    expect(column.text).toContain(`<link rel="canonical" href="${t.url}/site/columns/${columns.voices}">`);
    expect(column.text).toContain(`<li><a href="/site/columns/${columns.voices}" aria-current="page">《医声》</a></li>`);
    expect(column.text).toContain('<a href="/site/columns">栏目</a> › <span aria-current="page">《医声》</span>');

    const home = await page('/site/');
    expect(home.text).toContain(`<li><a href="/site/columns/${columns.lectures}">健康讲堂</a></li>`);
    expect(home.text).toContain(`<li><a href="/site/columns/${columns.markup}">&lt;b&gt;专题&lt;/b&gt;</a></li>`);
    expect(home.text).not.toContain('停用栏目');
    expect(home.text).not.toContain('《肿而言之》');

    const article = await page(`/site/articles/${articles.voices[3]}`);
    expect(article.text).toContain(`<a href="/site/">首页</a> › <a href="/site/columns/${columns.voices}">《医声》</a> › <span aria-current="page">${titleOf(4)}</span>`);
    expect((await page(`/site/articles/${articles.plain}`)).text).toContain('<a href="/site/news">新闻动态</a>');

    const list = await page('/site/columns');
    expect(list.text).toContain(`<h2><a href="/site/columns/${columns.voices}">《医声》</a></h2><p>医生讲述行医故事</p>`);
    const sitemap = (await page('/site/sitemap.xml')).text;
    expect(sitemap).toContain(`<loc>${t.url}/site/columns/${columns.voices}</loc>`);
    expect(sitemap).toContain(`<loc>${t.url}/site/columns/${columns.lectures}</loc>`);
    expect(sitemap).not.toContain(`/site/columns/${columns.disabled}<`);
  });

  it('is a 404 for a missing, disabled, non-website or another hospital’s column', async () => {
    for (const id of [999_999, columns.disabled, columns.onBoard, columns.otherHospital]) {
      const res = await page(`/site/columns/${id}`);
      expect(res.status).toBe(404);
      expect(res.text).toContain('页面不存在');
    }
    expect((await page('/site/columns/abc')).status).toBe(404);
  });

  it('moves a withdrawn article to another column when it is published again', async () => {
    const moved = articles.voices[20];
    const [current] = (await editor.get(`/api/publications?articleId=${moved}`)).body.items;
    await editor.post(`/api/publications/${current.id}/withdraw`);
    expect((await publish(moved, website, { columnId: columns.lectures })).status).toBe(201);
    expect((await page(`/site/columns/${columns.lectures}`)).text).toContain(titleOf(21));
    expect((await page(`/site/columns/${columns.voices}`)).text).not.toContain(titleOf(21));
  });
});
