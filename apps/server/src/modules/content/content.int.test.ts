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
let cardiology: { id: number };

beforeAll(async () => {
  t = await startTestServer();
  admin = await t.admin();
  cardiology = await makeDepartment(admin, { name: '心血管内科（采编）' });
  const oncology = await makeDepartment(admin, { name: '肿瘤科（采编）' });
  const publicity = await makeDepartment(admin, { name: '宣传部（采编）', kind: 'functional' });
  author = await signedIn(t.url, await makeUser(admin, { departmentId: cardiology.id, roles: ['correspondent'] }));
  colleague = await signedIn(t.url, await makeUser(admin, { departmentId: cardiology.id, roles: ['correspondent'] }));
  otherDeptWriter = await signedIn(t.url, await makeUser(admin, { departmentId: oncology.id, roles: ['correspondent'] }));
  deptReviewer = await signedIn(t.url, await makeUser(admin, { departmentId: cardiology.id, roles: ['dept_reviewer'] }));
  otherDeptReviewer = await signedIn(t.url, await makeUser(admin, { departmentId: oncology.id, roles: ['dept_reviewer'] }));
  editor = await signedIn(t.url, await makeUser(admin, { departmentId: publicity.id, roles: ['editor'] }));
  leader = await signedIn(t.url, await makeUser(admin, { departmentId: publicity.id, roles: ['leader'] }));
}, 120_000);
afterAll(() => t.close());

const draft = (overrides: Record<string, unknown> = {}) => ({
  title: '心血管内科开展胸痛中心义诊',
  body: '<p>近日，我院心血管内科在门诊大厅开展义诊活动，为市民提供免费咨询。</p>',
  category: 'news',
  credits: [{ role: '供稿', name: '心血管内科' }, { role: '摄影', name: '张伟' }],
  ...overrides,
});

describe('drafts', () => {
  it('are written for one’s own department, sanitised, versioned, and hidden from other departments', async () => {
    const created = await author.post('/api/articles', draft({ body: '<p onclick="x()">正文<script>alert(1)</script></p>' }));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'draft', version: 1, departmentId: cardiology.id, body: '<p>正文</p>' });
    expect((await author.post('/api/articles', draft({ departmentId: (await admin.get('/api/departments?limit=1')).body.items[0].id }))).status).toBe(400);
    expect((await colleague.get(`/api/articles/${created.body.id}`)).status).toBe(200);
    expect((await otherDeptWriter.get(`/api/articles/${created.body.id}`)).status).toBe(404);
    expect((await otherDeptWriter.patch(`/api/articles/${created.body.id}`, { title: '改' })).status).toBe(404);
    expect((await colleague.patch(`/api/articles/${created.body.id}`, { title: '同事改' })).status).toBe(403);
    const edited = await author.patch(`/api/articles/${created.body.id}`, { title: '心血管内科胸痛中心义诊' });
    expect(edited.body.version).toBe(2);
    const versions = await author.get(`/api/articles/${created.body.id}/versions`);
    expect(versions.body.items.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect((await author.get(`/api/articles/${created.body.id}/versions/1`)).body.snapshot.title).toBe('心血管内科开展胸痛中心义诊');
  });
});

describe('submission runs the compliance checker', () => {
  it('is stopped by block findings, asks for an acknowledgement of warnings, and starts the review chain', async () => {
    const created = await author.post('/api/articles', draft({ body: '<p>我院是全国最好的心血管中心，保证根治。</p>' }));
    const blocked = await author.post(`/api/articles/${created.body.id}/submit`, {});
    expect(blocked.status).toBe(422);
    expect(blocked.body.error.code).toBe('compliance_blocked');
    expect(blocked.body.error.details.map((f: { term: string }) => f.term)).toEqual(expect.arrayContaining(['根治']));
    expect((await author.get(`/api/articles/${created.body.id}`)).body.status).toBe('draft');

    await author.patch(`/api/articles/${created.body.id}`, { body: '<p>我院心血管中心技术国内领先，欢迎咨询。</p>' });
    const unacknowledged = await author.post(`/api/articles/${created.body.id}/submit`, {});
    expect(unacknowledged.status).toBe(422);
    expect(unacknowledged.body.error.code).toBe('compliance_acknowledgement_required');
    const submitted = await author.post(`/api/articles/${created.body.id}/submit`, { acknowledgement: { reason: '“国内领先”有国家卫健委评审结果为据' } });
    expect(submitted.status).toBe(200);
    expect(submitted.body.status).toBe('in_review');
    expect(submitted.body.acknowledgement.reason).toContain('国家卫健委');
    expect(submitted.body.reviewSteps.map((s: { name: string; status: string }) => [s.name, s.status])).toEqual([
      ['科室审核', 'pending'],
      ['宣传部审核', 'waiting'],
    ]);
    expect(new Date(submitted.body.reviewSteps[0].dueAt).getTime()).toBeGreaterThan(Date.now());
    expect((await author.patch(`/api/articles/${created.body.id}`, { title: '审核中修改' })).status).toBe(409);
  });
});

describe('the review chain (三审)', () => {
  it('goes department → publicity department, lets nobody skip a step or approve their own work, and returns with a comment', async () => {
    const created = await author.post('/api/articles', draft());
    await author.post(`/api/articles/${created.body.id}/submit`, {});
    const id = created.body.id;

    expect((await colleague.post(`/api/articles/${id}/review`, { decision: 'approve' })).status).toBe(403);
    expect((await otherDeptReviewer.post(`/api/articles/${id}/review`, { decision: 'approve' })).status).toBe(404);
    expect((await editor.post(`/api/articles/${id}/review`, { decision: 'approve' })).status).toBe(403);
    expect((await deptReviewer.get('/api/articles?awaitingMyReview=true')).body.items.map((a: { id: number }) => a.id)).toContain(id);
    expect((await editor.get('/api/articles?awaitingMyReview=true')).body.items.map((a: { id: number }) => a.id)).not.toContain(id);

    const first = await deptReviewer.post(`/api/articles/${id}/review`, { decision: 'approve', comment: '同意' });
    expect(first.body.reviewSteps.map((s: { status: string }) => s.status)).toEqual(['approved', 'pending']);
    expect((await editor.get('/api/articles?awaitingMyReview=true')).body.items.map((a: { id: number }) => a.id)).toContain(id);

    expect((await editor.post(`/api/articles/${id}/review`, { decision: 'return' })).status).toBe(400);
    const returned = await editor.post(`/api/articles/${id}/review`, { decision: 'return', comment: '请补充义诊人数' });
    expect(returned.body.status).toBe('returned');

    await author.patch(`/api/articles/${id}`, { body: '<p>义诊共服务市民300余人次。</p>' });
    const again = await author.post(`/api/articles/${id}/submit`, {});
    expect(again.body.reviewSteps.map((s: { round: number; status: string }) => [s.round, s.status])).toEqual([
      [2, 'pending'],
      [2, 'waiting'],
    ]);
    await deptReviewer.post(`/api/articles/${id}/review`, { decision: 'approve' });
    const approved = await editor.post(`/api/articles/${id}/review`, { decision: 'approve' });
    expect(approved.body.status).toBe('approved');
    expect(approved.body.approvedAt).toBeTruthy();
    expect((await editor.post(`/api/articles/${id}/review`, { decision: 'approve' })).status).toBe(409);
  });

  it('adds the leader for major items, and an editor cannot approve their own article', async () => {
    const own = await editor.post('/api/articles', draft({ sensitivity: 'major', departmentId: cardiology.id }));
    await editor.post(`/api/articles/${own.body.id}/submit`, {});
    await deptReviewer.post(`/api/articles/${own.body.id}/review`, { decision: 'approve' });
    const self = await editor.post(`/api/articles/${own.body.id}/review`, { decision: 'approve' });
    expect(self.status).toBe(400);
    expect(self.body.error.details[0].field).toBe('decision');

    const major = await author.post('/api/articles', draft({ sensitivity: 'major' }));
    await author.post(`/api/articles/${major.body.id}/submit`, {});
    await deptReviewer.post(`/api/articles/${major.body.id}/review`, { decision: 'approve' });
    const afterEditor = await editor.post(`/api/articles/${major.body.id}/review`, { decision: 'approve' });
    expect(afterEditor.body.status).toBe('in_review');
    expect(afterEditor.body.reviewSteps.at(-1)).toMatchObject({ name: '分管领导审批', status: 'pending' });
    const rejected = await leader.post(`/api/articles/${major.body.id}/review`, { decision: 'reject', comment: '时机不宜' });
    expect(rejected.body.status).toBe('rejected');
    expect((await author.post(`/api/articles/${major.body.id}/submit`, {})).status).toBe(409);
  });

  it('records every step in the audit log', async () => {
    const audit = await admin.get('/api/audit?entityType=article&limit=200');
    const actions = new Set(audit.body.items.map((e: { action: string }) => e.action));
    for (const action of ['article.create', 'article.update', 'article.submit', 'article.review.approve', 'article.review.return', 'article.review.reject']) {
      expect(actions).toContain(action);
    }
  });
});
