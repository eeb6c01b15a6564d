import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../test/api-client.ts';
import { makeApprovedArticle, makeDepartment, makeUser, signedIn } from '../../test/factories.ts';
import { startTestServer, type TestServer } from '../../test/test-server.ts';

let t: TestServer;
let author: ApiClient;
let colleague: ApiClient;
let otherDeptWriter: ApiClient;
let deptReviewer: ApiClient;
let editor: ApiClient;
let authorId: number;

beforeAll(async () => {
  t = await startTestServer();
  const admin = await t.admin();
  const cardiology = await makeDepartment(admin, { name: '心血管内科（版本）' });
  const oncology = await makeDepartment(admin, { name: '肿瘤科（版本）' });
  const publicity = await makeDepartment(admin, { name: '宣传部（版本）', kind: 'functional' });
  const authorUser = await makeUser(admin, { departmentId: cardiology.id, roles: ['correspondent'], displayName: '李敏' });
  authorId = authorUser.id;
  author = await signedIn(t.url, authorUser);
  colleague = await signedIn(t.url, await makeUser(admin, { departmentId: cardiology.id, roles: ['correspondent'] }));
  otherDeptWriter = await signedIn(t.url, await makeUser(admin, { departmentId: oncology.id, roles: ['correspondent'] }));
  deptReviewer = await signedIn(t.url, await makeUser(admin, { departmentId: cardiology.id, roles: ['dept_reviewer'] }));
  editor = await signedIn(t.url, await makeUser(admin, { departmentId: publicity.id, roles: ['editor'] }));
}, 120_000);
afterAll(() => t.close());

describe('article versions', () => {
  it('lists every save newest first with who saved it, a page at a time', async () => {
    const created = await author.post('/api/articles', { title: '义诊', body: '<p>第一稿</p>', category: 'news' });
    const id = created.body.id;
    await author.patch(`/api/articles/${id}`, { title: '胸痛中心义诊' });
    await author.patch(`/api/articles/${id}`, { body: '<p>第三稿</p>', tags: ['义诊'] });

    const all = await author.get(`/api/articles/${id}/versions`);
    expect(all.status).toBe(200);
    expect(all.body.items.map((v: { version: number; savedBy: number; savedByName: string }) => [v.version, v.savedBy, v.savedByName])).toEqual([
      [3, authorId, '李敏'],
      [2, authorId, '李敏'],
      [1, authorId, '李敏'],
    ]);
    expect(all.body.items[0]).not.toHaveProperty('snapshot');
    expect(Date.parse(all.body.items[0].savedAt)).toBeGreaterThanOrEqual(Date.parse(all.body.items[2].savedAt));

    const first = await author.get(`/api/articles/${id}/versions?limit=2`);
    expect(first.body.items.map((v: { version: number }) => v.version)).toEqual([3, 2]);
    const rest = await author.get(`/api/articles/${id}/versions?limit=2&cursor=${first.body.nextCursor}`);
    expect(rest.body.items.map((v: { version: number }) => v.version)).toEqual([1]);
    expect(rest.body.nextCursor).toBeNull();
  });

  it('returns one version as it was saved, with the body as a reader sees it', async () => {
    const created = await author.post('/api/articles', {
      title: '胸痛中心义诊',
      summary: '义诊服务市民',
      body: '<h2>现场</h2><p>专家<strong>义诊</strong>&nbsp;咨询</p><script>x()</script>',
      category: 'news',
      credits: [{ role: '供稿', name: '心血管内科' }],
    });
    const id = created.body.id;
    await author.patch(`/api/articles/${id}`, { body: '<p>改过的正文</p>', category: 'science', sensitivity: 'major' });

    const v1 = await author.get(`/api/articles/${id}/versions/1`);
    expect(v1.status).toBe(200);
    expect(v1.body).toMatchObject({
      version: 1,
      savedBy: authorId,
      savedByName: '李敏',
      // The sanitiser writes &nbsp; as the character itself.
      snapshot: { title: '胸痛中心义诊', summary: '义诊服务市民', body: '<h2>现场</h2><p>专家<strong>义诊</strong>\u00a0咨询</p>', category: 'news', sensitivity: 'normal', credits: [{ role: '供稿', name: '心血管内科' }] },
      bodyText: '现场\n专家义诊\u00a0咨询\n',
    });
    const v2 = await author.get(`/api/articles/${id}/versions/2`);
    expect(v2.body).toMatchObject({ snapshot: { category: 'science', sensitivity: 'major', body: '<p>改过的正文</p>' }, bodyText: '改过的正文\n' });
    expect((await author.get(`/api/articles/${id}/versions/3`)).status).toBe(404);
    expect((await author.get(`/api/articles/${id}/versions/0`)).status).toBe(400);
  });

  it('are read by whoever may read the article, and by nobody else', async () => {
    const created = await author.post('/api/articles', { title: '科室草稿', body: '<p>草稿</p>', category: 'news' });
    const id = created.body.id;
    expect((await colleague.get(`/api/articles/${id}/versions`)).status).toBe(200);
    expect((await colleague.get(`/api/articles/${id}/versions/1`)).status).toBe(200);
    expect((await otherDeptWriter.get(`/api/articles/${id}/versions`)).status).toBe(404);
    expect((await otherDeptWriter.get(`/api/articles/${id}/versions/1`)).status).toBe(404);

    const approved = await makeApprovedArticle({ author, reviewer: deptReviewer, editor });
    expect((await editor.get(`/api/articles/${approved}/versions`)).body.items.map((v: { version: number }) => v.version)).toEqual([1]);
    expect((await deptReviewer.get(`/api/articles/${approved}/versions/1`)).body.bodyText).toBe('我院开展健康义诊活动，为群众提供免费咨询服务。\n');
    expect((await otherDeptWriter.get(`/api/articles/${approved}/versions/1`)).status).toBe(404);
  });
});
