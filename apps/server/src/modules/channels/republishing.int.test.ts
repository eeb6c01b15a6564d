import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../test/api-client.ts';
import { makeApprovedArticle, makeDepartment, makeUser, signedIn, type ArticleTeam } from '../../test/factories.ts';
import { startTestServer, type TestServer } from '../../test/test-server.ts';
import { chinaYearOf } from '../targets/plan-calendar.ts';
import { chinaDate } from '../team/period.ts';

/** Re-publishing on the website and offline channels, and what the counting built on publications makes of it. */

let t: TestServer;
let editor: ApiClient;
let team: ArticleTeam;
let writer: { id: number };
let dept: { id: number };
let channels: { website: number; board: number };

beforeAll(async () => {
  t = await startTestServer();
  const admin = await t.admin();
  dept = await makeDepartment(admin, { name: '儿科（重发）' });
  const publicity = await makeDepartment(admin, { name: '宣传部（重发）', kind: 'functional' });
  const writerUser = await makeUser(admin, { departmentId: dept.id, roles: ['correspondent'] });
  writer = writerUser;
  editor = await signedIn(t.url, await makeUser(admin, { departmentId: publicity.id, roles: ['editor'] }));
  team = {
    author: await signedIn(t.url, writerUser),
    reviewer: await signedIn(t.url, await makeUser(admin, { departmentId: dept.id, roles: ['dept_reviewer'] })),
    editor,
  };
  const channel = async (kind: string, name: string) => (await editor.post('/api/channels', { kind, name, ownerDepartmentId: publicity.id })).body.id as number;
  channels = { website: await channel('website', '医院官网'), board: await channel('bulletin_board', '住院部宣传栏') };
}, 120_000);
afterAll(() => t.close());

const publish = (articleId: number, channelId: number, extra: Record<string, unknown> = {}) => editor.post('/api/publications', { articleId, channelId, ...extra });
const site = async (path: string) => {
  const res = await fetch(t.url + path);
  return { status: res.status, text: await res.text() };
};
/** An article's publications, newest first, as [id, status]. */
const history = async (articleId: number) =>
  ((await editor.get(`/api/publications?articleId=${articleId}`)).body.items as { id: number; status: string }[]).map((p) => [p.id, p.status]);

describe('re-publishing to the website', () => {
  it('withdraws an article from the site and publishes it again: two rows of history, one live, the page back', async () => {
    const articleId = await makeApprovedArticle(team, { title: '儿科撤稿后修改重发' });
    const first = await publish(articleId, channels.website);
    expect(first.status).toBe(201);
    expect((await publish(articleId, channels.website)).body.error).toMatchObject({ code: 'publication_open', details: { publicationId: first.body.id } });
    expect((await site(`/site/articles/${articleId}`)).status).toBe(200);

    expect((await editor.post(`/api/publications/${first.body.id}/withdraw`)).body.status).toBe('withdrawn');
    // The portal's micro-cache is cleared by the withdrawal and by the new publication on this instance.
    expect((await site(`/site/articles/${articleId}`)).status).toBe(404);

    const second = await publish(articleId, channels.website);
    expect(second.status).toBe(201);
    expect(second.body).toMatchObject({ status: 'published', externalUrl: `/site/articles/${articleId}` });
    expect(await history(articleId)).toEqual([
      [second.body.id, 'published'],
      [first.body.id, 'withdrawn'],
    ]);
    expect((await site(`/site/articles/${articleId}`)).status).toBe(200);
    // Listed once, however many times it went out.
    const news = (await site('/site/news')).text;
    expect(news.split(`href="/site/articles/${articleId}"`)).toHaveLength(2);

    const audit = await t.sql.query(`select action, entity_id from audit_log where entity_type = 'publication' and entity_id in ($1, $2) order by id`, [String(first.body.id), String(second.body.id)]);
    expect(audit.rows.map((r) => [Number(r.entity_id), r.action])).toEqual([
      [first.body.id, 'publication.create'],
      [first.body.id, 'publication.withdraw'],
      [second.body.id, 'publication.create'],
    ]);
  });

  it('refuses all but one of concurrent publications of one article to the website', async () => {
    const articleId = await makeApprovedArticle(team, { title: '儿科并发发布' });
    const results = await Promise.all(Array.from({ length: 6 }, () => publish(articleId, channels.website)));
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
    expect(results.filter((r) => r.status === 409).every((r) => r.body.error.code === 'publication_open')).toBe(true);
    expect(await history(articleId)).toHaveLength(1);
  });

  it('re-records an offline placement after the first was taken down', async () => {
    const articleId = await makeApprovedArticle(team, { title: '儿科宣传栏换期' });
    const first = await publish(articleId, channels.board, { placement: { 期号: '第3期' } });
    await editor.post(`/api/publications/${first.body.id}/withdraw`);
    const second = await publish(articleId, channels.board, { placement: { 期号: '第4期' } });
    expect(second.status).toBe(201);
    expect(await history(articleId)).toEqual([
      [second.body.id, 'published'],
      [first.body.id, 'withdrawn'],
    ]);
  });
});

describe('修改重发: revising an approved article', () => {
  it('sends it back to draft only once every publication is withdrawn; the revision goes through review again and out anew', async () => {
    const articleId = await makeApprovedArticle(team, { title: '儿科门诊时间调整通知' });
    const first = await publish(articleId, channels.website);
    await publish(articleId, channels.board, { placement: { 期号: '第5期' } });

    const refused = await team.author.post(`/api/articles/${articleId}/revise`, { reason: '门诊时间有误' });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('publications_open');
    expect(refused.body.error.message).toContain('医院官网');
    expect(refused.body.error.details.map((d: { channelName: string }) => d.channelName).sort()).toEqual(['住院部宣传栏', '医院官网']);
    expect((await team.author.post(`/api/articles/${articleId}/revise`, {})).status).toBe(400);

    for (const p of (await editor.get(`/api/publications?articleId=${articleId}`)).body.items as { id: number }[]) {
      expect((await editor.post(`/api/publications/${p.id}/withdraw`)).status).toBe(200);
    }
    const revised = await team.author.post(`/api/articles/${articleId}/revise`, { reason: '门诊时间有误' });
    expect(revised.status, JSON.stringify(revised.body)).toBe(200);
    expect(revised.body.status).toBe('draft');
    // A draft is not publishable, and a second revision has nothing to revise.
    expect((await publish(articleId, channels.website)).status).toBe(400);
    expect((await team.author.post(`/api/articles/${articleId}/revise`, { reason: '再改' })).status).toBe(409);

    expect((await team.author.patch(`/api/articles/${articleId}`, { body: '<p>儿科门诊时间调整为每日 8:00—17:30。</p>' })).status).toBe(200);
    expect((await team.author.post(`/api/articles/${articleId}/submit`, {})).status).toBe(200);
    for (const client of [team.reviewer, team.editor]) expect((await client.post(`/api/articles/${articleId}/review`, { decision: 'approve' })).status).toBe(200);
    const again = await publish(articleId, channels.website);
    expect(again.status).toBe(201);
    expect(await history(articleId)).toEqual(expect.arrayContaining([[again.body.id, 'published'], [first.body.id, 'withdrawn']]));
    expect((await site(`/site/articles/${articleId}`)).text).toContain('8:00—17:30');

    const audit = await t.sql.query(`select action, after from audit_log where entity_type = 'article' and entity_id = $1 and action = 'article.revise'`, [String(articleId)]);
    expect(audit.rows).toEqual([{ action: 'article.revise', after: { status: 'draft', reason: '门诊时间有误' } }]);
  });

  it('does not let a correspondent of another department revise the article', async () => {
    const articleId = await makeApprovedArticle(team, { title: '儿科健康讲座预告' });
    const admin = await t.admin();
    const other = await signedIn(t.url, await makeUser(admin, { departmentId: (await makeDepartment(admin, { name: '眼科（重发）' })).id, roles: ['correspondent'] }));
    expect([403, 404]).toContain((await other.post(`/api/articles/${articleId}/revise`, { reason: '想改' })).status);
  });
});

describe('counting a re-published article', () => {
  it('counts it once for the department’s 信息 target, and its points once', async () => {
    const year = chinaYearOf(new Date());
    const plan = (await editor.post('/api/targets/plans', { year, name: `${year}年重发计数` })).body;
    const line = async (metric: string) => (await editor.post(`/api/targets/plans/${plan.id}/items`, { departmentId: dept.id, metric, target: 10, period: 'year' })).body.id as number;
    const lines = { info: await line('info'), website: await line('website') };
    const rule = await editor.post('/api/team/points/rules', { name: '稿件采用（重发计数）', kind: 'article', points: 10 });
    expect(rule.status).toBe(201);

    const doneOf = async () => {
      const progress = (await editor.get(`/api/targets/plans/${plan.id}/progress`)).body.items as { id: number; done: number }[];
      return { info: progress.find((i) => i.id === lines.info)!.done, website: progress.find((i) => i.id === lines.website)!.done };
    };
    const before = await doneOf();

    const articleId = await makeApprovedArticle(team, { title: '儿科义诊重发计数' });
    const first = await publish(articleId, channels.website);
    await publish(articleId, channels.board);
    await editor.post(`/api/publications/${first.body.id}/withdraw`);
    const second = await publish(articleId, channels.website);
    expect(second.status).toBe(201);

    expect(await doneOf()).toEqual({ info: before.info + 1, website: before.website + 1 });
    const pieces = (await editor.get(`/api/targets/plans/${plan.id}/items/${lines.info}/pieces`)).body.items.filter((p: { title: string }) => p.title === '儿科义诊重发计数');
    expect(pieces).toHaveLength(1);
    expect(pieces[0].carriedBy.map((c: { where: string }) => c.where).sort()).toEqual(['住院部宣传栏', '医院官网']);

    // The ledger may hold an award, its reversal and a new award; what it adds up to is one article's points.
    const entries = async () =>
      ((await editor.get(`/api/team/points/entries?userId=${writer.id}&limit=200`)).body.items as { articleId: number | null; points: number }[]).filter((e) => e.articleId === articleId);
    await expect.poll(async () => (await entries()).reduce((sum, e) => sum + e.points, 0), { timeout: 10_000 }).toBe(10);
    const recomputed = await editor.post('/api/team/points/recompute', { from: chinaDate(new Date()), to: chinaDate(new Date()) });
    expect(recomputed.status).toBe(200);
    expect((await entries()).reduce((sum, e) => sum + e.points, 0)).toBe(10);
  });
});
