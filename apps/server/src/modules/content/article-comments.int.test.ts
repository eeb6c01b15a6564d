import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../test/api-client.ts';
import { makeDepartment, makeUser, signedIn } from '../../test/factories.ts';
import { startTestServer, type TestServer } from '../../test/test-server.ts';

let t: TestServer;
let admin: ApiClient;
let author: ApiClient;
let colleague: ApiClient;
let otherDeptWriter: ApiClient;
let deptReviewer: ApiClient;
let otherDeptReviewer: ApiClient;
let editor: ApiClient;
let leader: ApiClient;
let authorId: number;
let deptReviewerId: number;

beforeAll(async () => {
  t = await startTestServer();
  admin = await t.admin();
  const cardiology = await makeDepartment(admin, { name: '心血管内科（批注）' });
  const oncology = await makeDepartment(admin, { name: '肿瘤科（批注）' });
  const publicity = await makeDepartment(admin, { name: '宣传部（批注）', kind: 'functional' });
  const authorUser = await makeUser(admin, { departmentId: cardiology.id, roles: ['correspondent'], displayName: '李敏' });
  const reviewerUser = await makeUser(admin, { departmentId: cardiology.id, roles: ['dept_reviewer'], displayName: '王主任' });
  authorId = authorUser.id;
  deptReviewerId = reviewerUser.id;
  author = await signedIn(t.url, authorUser);
  deptReviewer = await signedIn(t.url, reviewerUser);
  colleague = await signedIn(t.url, await makeUser(admin, { departmentId: cardiology.id, roles: ['correspondent'] }));
  otherDeptWriter = await signedIn(t.url, await makeUser(admin, { departmentId: oncology.id, roles: ['correspondent'] }));
  otherDeptReviewer = await signedIn(t.url, await makeUser(admin, { departmentId: oncology.id, roles: ['dept_reviewer'] }));
  editor = await signedIn(t.url, await makeUser(admin, { departmentId: publicity.id, roles: ['editor'] }));
  leader = await signedIn(t.url, await makeUser(admin, { departmentId: publicity.id, roles: ['leader'] }));
}, 120_000);
afterAll(() => t.close());

const body = '<p>胸痛中心开展义诊。</p><p>专家为市民讲解<strong>胸痛</strong>知识，义诊共服务市民300余人次。</p>';
/** The body as a reader sees it: each paragraph ends a line. */
const text = '胸痛中心开展义诊。\n专家为市民讲解胸痛知识，义诊共服务市民300余人次。\n';
const anchorOf = (quote: string, version = 1, from = 0) => {
  const start = text.indexOf(quote, from);
  return { quote, anchor: { start, end: start + quote.length, version } };
};

async function submittedArticle() {
  const created = await author.post('/api/articles', { title: '胸痛中心义诊', body, category: 'news' });
  expect(created.status).toBe(201);
  expect((await author.post(`/api/articles/${created.body.id}/submit`, {})).status).toBe(200);
  return created.body.id as number;
}

describe('comments anchored to text', () => {
  it('are opened by the reviewers of the current round and editors on a passage of the version they read', async () => {
    const id = await submittedArticle();
    const path = `/api/articles/${id}/comments`;

    const first = await deptReviewer.post(path, { ...anchorOf('300余人次'), body: '请核实服务人次' });
    expect(first.status).toBe(201);
    const article = (await author.get(`/api/articles/${id}`)).body;
    expect(first.body).toMatchObject({
      articleId: id, round: 1, reviewStepId: article.reviewSteps[0].id, stepName: '科室审核', parentId: null,
      authorUserId: deptReviewerId, authorName: '王主任', quote: '300余人次', anchor: { ...anchorOf('300余人次').anchor }, resolved: false,
    });

    // The editor's step waits, but an editor may always comment; the offsets it sends drifted by three and are corrected.
    const drifted = anchorOf('胸痛知识');
    const second = await editor.post(path, { quote: drifted.quote, anchor: { ...drifted.anchor, start: drifted.anchor.start + 3, end: drifted.anchor.end + 3 }, body: '建议展开' });
    expect(second.status).toBe(201);
    expect(second.body.anchor).toEqual(drifted.anchor);
    expect(second.body.reviewStepId).toBe(article.reviewSteps[1].id);

    // 义诊 occurs twice: the one nearest the offsets given is kept.
    const later = anchorOf('义诊', 1, 10);
    expect((await deptReviewer.post(path, { ...later, body: '此处重复' })).body.anchor).toEqual(later.anchor);
  });

  it('refuses quotes that are not in that version, a mismatched span, an unknown version and a missing quote', async () => {
    const id = await submittedArticle();
    const path = `/api/articles/${id}/comments`;
    const gone = await deptReviewer.post(path, { quote: '500余人次', anchor: { start: 30, end: 36, version: 1 }, body: '？' });
    expect(gone.status).toBe(400);
    expect(gone.body.error.details[0].field).toBe('quote');
    const span = await deptReviewer.post(path, { quote: '300余人次', anchor: { start: 30, end: 32, version: 1 }, body: '？' });
    expect(span.body.error.details[0].field).toBe('anchor.end');
    const version = await deptReviewer.post(path, { ...anchorOf('300余人次', 9), body: '？' });
    expect(version.body.error.details[0].field).toBe('anchor.version');
    expect((await deptReviewer.post(path, { body: '没有引用' })).body.error.details[0].field).toBe('quote');
    expect((await deptReviewer.post(path, { ...anchorOf('300余人次'), body: '   ' })).status).toBe(400);
  });

  it('are not opened by the author, colleagues, other departments or a leader whose step is not in the chain', async () => {
    const draft = await author.post('/api/articles', { title: '草稿', body, category: 'news' });
    // Before submission there is no round, so no reviewer; an editor may still comment.
    expect((await deptReviewer.post(`/api/articles/${draft.body.id}/comments`, { ...anchorOf('胸痛'), body: '过早' })).status).toBe(403);
    expect((await editor.post(`/api/articles/${draft.body.id}/comments`, { ...anchorOf('胸痛'), body: '先看看' })).status).toBe(201);

    const id = await submittedArticle();
    const path = `/api/articles/${id}/comments`;
    const comment = { ...anchorOf('胸痛中心'), body: '改为全称' };
    expect((await author.post(path, comment)).status).toBe(403);
    expect((await colleague.post(path, comment)).status).toBe(403);
    expect((await leader.post(path, comment)).status).toBe(403);
    expect((await otherDeptReviewer.post(path, comment)).status).toBe(404);
    expect((await otherDeptWriter.get(path)).status).toBe(404);
  });

  it('take replies from the author and the reviewers, one level deep, and are read by whoever may read the article', async () => {
    const id = await submittedArticle();
    const path = `/api/articles/${id}/comments`;
    const thread = (await deptReviewer.post(path, { ...anchorOf('300余人次'), body: '请核实服务人次' })).body;

    const reply = await author.post(path, { parentId: thread.id, body: '已按登记表核实为312人次' });
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({ parentId: thread.id, quote: null, anchor: null, authorUserId: authorId, reviewStepId: null });
    expect((await deptReviewer.post(path, { parentId: thread.id, body: '好的' })).status).toBe(201);
    expect((await author.post(path, { parentId: thread.id, ...anchorOf('专家'), body: '引用' })).body.error.details[0].field).toBe('parentId');
    expect((await author.post(path, { parentId: reply.body.id, body: '回复的回复' })).body.error.details[0].field).toBe('parentId');
    expect((await colleague.post(path, { parentId: thread.id, body: '路过' })).status).toBe(403);

    const other = await submittedArticle();
    const elsewhere = (await deptReviewer.post(`/api/articles/${other}/comments`, { ...anchorOf('专家'), body: '另一篇' })).body;
    expect((await author.post(path, { parentId: elsewhere.id, body: '串门' })).body.error.details[0].field).toBe('parentId');

    const listed = await colleague.get(path);
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((c: { body: string }) => c.body)).toEqual(['请核实服务人次', '已按登记表核实为312人次', '好的']);
    const firstPage = await editor.get(`${path}?limit=2`);
    expect(firstPage.body.items).toHaveLength(2);
    const secondPage = await editor.get(`${path}?limit=2&cursor=${firstPage.body.nextCursor}`);
    expect(secondPage.body.items.map((c: { body: string }) => c.body)).toEqual(['好的']);
    expect(secondPage.body.nextCursor).toBeNull();
  });

  it('are resolved by the author alone, once, thread by thread', async () => {
    const id = await submittedArticle();
    const path = `/api/articles/${id}/comments`;
    const thread = (await deptReviewer.post(path, { ...anchorOf('300余人次'), body: '请核实服务人次' })).body;
    const reply = (await author.post(path, { parentId: thread.id, body: '已核实' })).body;

    expect((await deptReviewer.post(`${path}/${thread.id}/resolve`)).status).toBe(403);
    expect((await author.post(`${path}/${reply.id}/resolve`)).status).toBe(400);
    expect((await otherDeptWriter.post(`${path}/${thread.id}/resolve`)).status).toBe(404);
    expect((await author.post(`/api/articles/${id}/comments/999999/resolve`)).status).toBe(404);
    const resolved = await author.post(`${path}/${thread.id}/resolve`);
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({ resolved: true, resolvedBy: authorId, resolvedByName: '李敏' });
    expect(resolved.body.resolvedAt).toBeTruthy();
    const again = await author.post(`${path}/${thread.id}/resolve`);
    expect(again.status).toBe(409);
  });

  it('keep the version they were made on across a return and a resubmission, and the next round’s reviewers comment in it', async () => {
    const id = await submittedArticle();
    const path = `/api/articles/${id}/comments`;
    await deptReviewer.post(path, { ...anchorOf('300余人次'), body: '请核实服务人次' });
    expect((await deptReviewer.post(`/api/articles/${id}/review`, { decision: 'return', comment: '见批注' })).body.status).toBe('returned');
    // The reviewer who returned it is still a reviewer of the round.
    expect((await deptReviewer.post(path, { ...anchorOf('专家'), body: '补充专家姓名' })).status).toBe(201);

    const revised = '<p>胸痛中心开展义诊。</p><p>心内科专家为市民讲解胸痛知识，义诊共服务市民312人次。</p>';
    expect((await author.patch(`/api/articles/${id}`, { body: revised })).body.version).toBe(2);
    expect((await author.post(`/api/articles/${id}/submit`, {})).body.status).toBe('in_review');
    const next = await deptReviewer.post(path, { quote: '312人次', anchor: { start: 32, end: 37, version: 2 }, body: '已改' });
    expect(next.status).toBe(201);
    expect(next.body).toMatchObject({ round: 2, anchor: { start: 32, end: 37, version: 2 } });

    const items = (await author.get(path)).body.items as { round: number; anchor: { version: number } }[];
    expect(items.map((c) => [c.round, c.anchor.version])).toEqual([[1, 1], [1, 1], [2, 2]]);
  });

  it('are written to the audit log', async () => {
    const id = await submittedArticle();
    const thread = (await deptReviewer.post(`/api/articles/${id}/comments`, { ...anchorOf('专家'), body: '审计' })).body;
    await author.post(`/api/articles/${id}/comments/${thread.id}/resolve`);
    const audit = await admin.get(`/api/audit?entityType=article_comment&entityId=${thread.id}`);
    expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual(['article.comment.resolve', 'article.comment.create']);
    expect(audit.body.items[1].after).toMatchObject({ quote: '专家', body: '审计' });
  });
});
