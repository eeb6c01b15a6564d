import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../test/api-client.ts';
import { makeDepartment, makeUser, signedIn } from '../../test/factories.ts';
import { startTestServer, type TestServer } from '../../test/test-server.ts';

let t: TestServer;
let admin: ApiClient;
let author: ApiClient;
let reviewer: ApiClient;
let editor: ApiClient;
let leader: ApiClient;

beforeAll(async () => {
  t = await startTestServer();
  admin = await t.admin();
  const dept = await makeDepartment(admin, { name: '营养科（流程）' });
  const publicity = await makeDepartment(admin, { name: '宣传部（流程）', kind: 'functional' });
  author = await signedIn(t.url, await makeUser(admin, { departmentId: dept.id, roles: ['correspondent'] }));
  reviewer = await signedIn(t.url, await makeUser(admin, { departmentId: dept.id, roles: ['dept_reviewer'] }));
  editor = await signedIn(t.url, await makeUser(admin, { departmentId: publicity.id, roles: ['editor'] }));
  leader = await signedIn(t.url, await makeUser(admin, { departmentId: publicity.id, roles: ['leader'] }));
}, 120_000);
afterAll(() => t.close());

const scienceChain = [
  { name: '科室审核', role: 'dept_reviewer', scope: 'department', dueHours: 12 },
  { name: '宣传部审核', role: 'editor', scope: 'hospital', dueHours: 24 },
  { name: '专家审读', role: 'leader', scope: 'hospital', dueHours: 2 },
];

const submitted = async (category: string) => {
  const created = await author.post('/api/articles', { title: '膳食宝塔怎么看', body: '<p>营养科医生解读中国居民平衡膳食宝塔。</p>', category });
  const res = await author.post(`/api/articles/${created.body.id}/submit`, {});
  expect(res.status).toBe(200);
  return res.body;
};

describe('configurable review chains (审核流程)', () => {
  it('lists every category and sensitivity with the default chain until one is configured', async () => {
    const res = await admin.get('/api/review-chains');
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(12);
    expect(res.body.items.find((c: any) => c.category === 'news' && c.sensitivity === 'major')).toMatchObject({ configured: false, steps: [{ name: '科室审核' }, { name: '宣传部审核' }, { name: '分管领导审批' }] });
  });

  it('applies a configured chain to new submissions with each step’s own time allowance', async () => {
    const set = await admin.put('/api/review-chains/science/normal', { steps: scienceChain });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ configured: true, steps: scienceChain });
    const article = await submitted('science');
    expect(article.reviewSteps.map((s: any) => s.name)).toEqual(['科室审核', '宣传部审核', '专家审读']);
    const hoursToDue = (Date.parse(article.reviewSteps[0].dueAt) - Date.now()) / 3_600_000;
    expect(hoursToDue).toBeGreaterThan(11.9);
    expect(hoursToDue).toBeLessThanOrEqual(12);
    const inbox = await reviewer.get('/api/articles?awaitingMyReview=true');
    const row = inbox.body.items.find((a: any) => a.id === article.id);
    expect(row.currentStep).toMatchObject({ name: '科室审核', dueAt: article.reviewSteps[0].dueAt, overdue: false });
    expect(row).not.toHaveProperty('body');

    // Changing the chain later does not change a round under way.
    await admin.put('/api/review-chains/science/normal', { steps: scienceChain.slice(1) });
    await reviewer.post(`/api/articles/${article.id}/review`, { decision: 'approve' });
    const afterEditor = await editor.post(`/api/articles/${article.id}/review`, { decision: 'approve' });
    expect(afterEditor.body.status).toBe('in_review');
    expect(afterEditor.body.reviewSteps.slice(0, 2).map((step: any) => step.decidedByName)).toEqual([expect.stringMatching(/^测试用户/), expect.stringMatching(/^测试用户/)]);
    const third = afterEditor.body.reviewSteps[2];
    expect(third).toMatchObject({ name: '专家审读', status: 'pending' });
    expect((Date.parse(third.dueAt) - Date.now()) / 3_600_000).toBeLessThanOrEqual(2);
    expect((await leader.post(`/api/articles/${article.id}/review`, { decision: 'approve' })).body.status).toBe('approved');
  });

  it('refuses a chain that ends inside the department or gives a department step to another role, and non-administrators', async () => {
    const endsInDept = await admin.put('/api/review-chains/news/normal', { steps: [{ name: '科室审核', role: 'dept_reviewer', scope: 'department', dueHours: 24 }] });
    expect(endsInDept.status).toBe(400);
    expect(endsInDept.body.error.details[0].field).toBe('steps.0.scope');
    const wrongRole = await admin.put('/api/review-chains/news/normal', { steps: [{ name: '科室审核', role: 'editor', scope: 'department', dueHours: 24 }, scienceChain[1]] });
    expect(wrongRole.body.error.details[0].field).toBe('steps.0.scope');
    const duplicate = await admin.put('/api/review-chains/news/normal', { steps: [scienceChain[1], scienceChain[1]] });
    expect(duplicate.body.error.details[0].field).toBe('steps.1.name');
    expect((await editor.put('/api/review-chains/news/normal', { steps: scienceChain })).status).toBe(403);
    expect((await admin.put('/api/review-chains/news/normal', { steps: [] })).status).toBe(400);
  });

  it('resets to the default and audits every change', async () => {
    const reset = await admin.delete('/api/review-chains/science/normal');
    expect(reset.body).toMatchObject({ configured: false, steps: [{ name: '科室审核' }, { name: '宣传部审核' }] });
    expect((await admin.delete('/api/review-chains/science/normal')).status).toBe(404);
    const audit = await t.sql.query(`select action from audit_log where entity_type = 'review_chain' order by id`);
    expect(audit.rows.map((r) => r.action)).toEqual(['review_chain.set', 'review_chain.set', 'review_chain.reset']);
  });
});
