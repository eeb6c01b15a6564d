import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../test/api-client.ts';
import { makeDepartment, makeUser, onePixelPng, signedIn } from '../../test/factories.ts';
import { startTestServer, type TestServer } from '../../test/test-server.ts';

let t: TestServer;
let admin: ApiClient;
let writer: ApiClient;
let writerId: number;
let colleague: ApiClient;
let viewer: ApiClient;
let otherDeptWriter: ApiClient;
let otherDeptWriterId: number;
let deptReviewer: ApiClient;
let editor: ApiClient;
let leader: ApiClient;
let cardiology: { id: number };
let oncology: { id: number };
let website: { id: number };
let retired: { id: number };

beforeAll(async () => {
  t = await startTestServer();
  admin = await t.admin();
  cardiology = await makeDepartment(admin, { name: '心血管内科（线索）' });
  oncology = await makeDepartment(admin, { name: '肿瘤科（线索）' });
  const publicity = await makeDepartment(admin, { name: '宣传部（线索）', kind: 'functional' });
  const writerUser = await makeUser(admin, { departmentId: cardiology.id, roles: ['correspondent'] });
  writerId = writerUser.id;
  writer = await signedIn(t.url, writerUser);
  colleague = await signedIn(t.url, await makeUser(admin, { departmentId: cardiology.id, roles: ['correspondent'] }));
  viewer = await signedIn(t.url, await makeUser(admin, { departmentId: cardiology.id, roles: ['viewer'] }));
  const otherUser = await makeUser(admin, { departmentId: oncology.id, roles: ['correspondent'] });
  otherDeptWriterId = otherUser.id;
  otherDeptWriter = await signedIn(t.url, otherUser);
  deptReviewer = await signedIn(t.url, await makeUser(admin, { departmentId: cardiology.id, roles: ['dept_reviewer'] }));
  editor = await signedIn(t.url, await makeUser(admin, { departmentId: publicity.id, roles: ['editor'] }));
  leader = await signedIn(t.url, await makeUser(admin, { departmentId: publicity.id, roles: ['leader'] }));
  website = (await admin.post('/api/channels', { kind: 'website', name: '医院官网（选题）', ownerDepartmentId: publicity.id })).body;
  retired = (await admin.post('/api/channels', { kind: 'weibo', name: '旧微博（选题）', ownerDepartmentId: publicity.id, status: 'retired' })).body;
}, 120_000);
afterAll(() => t.close());

const chinaDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' });
const dayFromNow = (days: number) => chinaDay.format(new Date(Date.now() + days * 86_400_000));

const lead = (overrides: Record<string, unknown> = {}) => ({
  title: '胸痛中心成功救治一名急性心梗患者',
  description: '凌晨两点患者入院，从进门到球囊扩张仅用 48 分钟。',
  suggestedDate: dayFromNow(3),
  ...overrides,
});

const plan = (overrides: Record<string, unknown> = {}) => ({ assigneeUserId: writerId, dueDate: dayFromNow(7), channelIds: [website.id], ...overrides });

const fieldsOf = (body: { error: { details: { field: string }[] } }) => body.error.details.map((d) => d.field);

function photoForm(content: Buffer<ArrayBuffer> | string, name = 'photo.png', type = 'image/png') {
  const form = new FormData();
  form.append('file', new Blob([content], { type }), name);
  return form;
}

describe('leads (线索)', () => {
  it('refuse bad input with the fields named', async () => {
    const empty = await writer.post('/api/leads', {});
    expect(empty.status).toBe(400);
    expect(fieldsOf(empty.body)).toEqual(expect.arrayContaining(['title', 'description']));
    const badDate = await writer.post('/api/leads', lead({ suggestedDate: '2026-02-30' }));
    expect(badDate.status).toBe(400);
    expect(fieldsOf(badDate.body)).toEqual(['suggestedDate']);
    const otherDept = await writer.post('/api/leads', lead({ departmentId: oncology.id }));
    expect(otherDept.status).toBe(400);
    expect(fieldsOf(otherDept.body)).toEqual(['departmentId']);
    expect((await writer.post('/api/leads', lead({ status: 'accepted' }))).status).toBe(400);
  });

  it('are submitted by any staff member for their own department and hidden from other departments', async () => {
    const created = await writer.post('/api/leads', lead());
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'new', departmentId: cardiology.id, submittedBy: writerId, topicId: null, photos: [] });
    const id = created.body.id;
    expect((await viewer.post('/api/leads', lead({ title: '只读用户也能报线索' }))).status).toBe(201);
    const other = await otherDeptWriter.post('/api/leads', lead({ title: '肿瘤科义诊' }));
    expect(other.body.departmentId).toBe(oncology.id);

    expect((await colleague.get(`/api/leads/${id}`)).status).toBe(200);
    expect((await otherDeptWriter.get(`/api/leads/${id}`)).status).toBe(404);
    expect((await otherDeptWriter.patch(`/api/leads/${id}`, { title: '改' })).status).toBe(404);
    expect((await colleague.patch(`/api/leads/${id}`, { title: '同事改' })).status).toBe(403);
    const ownList = await otherDeptWriter.get('/api/leads?limit=200');
    expect(ownList.body.items.map((l: { id: number }) => l.id)).toEqual([other.body.id]);
    for (const hospitalWide of [editor, leader]) {
      const all = await hospitalWide.get('/api/leads?limit=200');
      expect(all.body.items.map((l: { id: number }) => l.id)).toEqual(expect.arrayContaining([id, other.body.id]));
    }
    const byDept = await editor.get(`/api/leads?departmentId=${oncology.id}`);
    expect(byDept.body.items.map((l: { departmentId: number }) => l.departmentId)).toEqual([oncology.id]);

    const edited = await writer.patch(`/api/leads/${id}`, { title: '胸痛中心 48 分钟救治急性心梗患者', suggestedDate: null });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ title: '胸痛中心 48 分钟救治急性心梗患者', suggestedDate: null });
  });

  it('page newest first by keyset', async () => {
    const first = await colleague.get('/api/leads?limit=1');
    expect(first.body.items).toHaveLength(1);
    expect(first.body.nextCursor).toBeTruthy();
    const second = await colleague.get(`/api/leads?limit=1&cursor=${first.body.nextCursor}`);
    expect(second.body.items[0].id).toBeLessThan(first.body.items[0].id);
  });
});

describe('lead photos', () => {
  it('take a real image, serve it only to readers of the lead, and refuse what only claims to be one', async () => {
    const id = (await writer.post('/api/leads', lead({ title: '护士节献血活动' }))).body.id;
    const png = onePixelPng();
    const uploaded = await writer.post(`/api/leads/${id}/photos`, photoForm(png));
    expect(uploaded.status).toBe(201);
    expect(uploaded.body).toMatchObject({ contentType: 'image/png', bytes: png.length, uploadedBy: writerId });
    expect(uploaded.body.url).toBe(`/api/leads/${id}/photos/${uploaded.body.id}`);

    const image = await fetch(t.url + uploaded.body.url, { headers: { cookie: colleague.cookie! } });
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await image.arrayBuffer()).equals(png)).toBe(true);
    expect((await otherDeptWriter.get(uploaded.body.url)).status).toBe(404);
    expect((await t.client().get(uploaded.body.url)).status).toBe(401);
    const otherLead = (await writer.post('/api/leads', lead({ title: '另一条线索' }))).body.id;
    expect((await writer.get(`/api/leads/${otherLead}/photos/${uploaded.body.id}`)).status).toBe(404);

    const renamedText = await writer.post(`/api/leads/${id}/photos`, photoForm('这不是图片，只是改了扩展名', 'fake.png'));
    expect(renamedText.status).toBe(415);
    expect(renamedText.body.error.code).toBe('unsupported_media_type');
    const tooLarge = await writer.post(`/api/leads/${id}/photos`, photoForm(Buffer.concat([png, Buffer.alloc(10 * 1024 * 1024)])));
    expect(tooLarge.status).toBe(413);
    expect((await colleague.post(`/api/leads/${id}/photos`, photoForm(png))).status).toBe(403);
    expect((await writer.post(`/api/leads/${id}/photos`, lead())).status).toBe(415);

    const read = await writer.get(`/api/leads/${id}`);
    expect(read.body.photos.map((p: { id: number }) => p.id)).toEqual([uploaded.body.id]);
  });

  it('stop at nine a lead', async () => {
    const id = (await writer.post('/api/leads', lead({ title: '九张照片' }))).body.id;
    for (let i = 0; i < 9; i += 1) expect((await writer.post(`/api/leads/${id}/photos`, photoForm(onePixelPng()))).status).toBe(201);
    const tenth = await writer.post(`/api/leads/${id}/photos`, photoForm(onePixelPng()));
    expect(tenth.status).toBe(400);
    expect(fieldsOf(tenth.body)).toEqual(['file']);
  });
});

describe('accepting and declining leads', () => {
  it('turns a lead into a topic once, for editors only, with a checked plan', async () => {
    const id = (await writer.post('/api/leads', lead({ title: '心内科开展高血压日义诊' }))).body.id;
    expect((await writer.post(`/api/leads/${id}/accept`, plan())).status).toBe(403);
    expect((await leader.post(`/api/leads/${id}/accept`, plan())).status).toBe(403);

    const missing = await editor.post(`/api/leads/${id}/accept`, {});
    expect(missing.status).toBe(400);
    expect(fieldsOf(missing.body)).toEqual(expect.arrayContaining(['assigneeUserId', 'dueDate', 'channelIds']));
    for (const [bad, field] of [
      [{ assigneeUserId: 999_999 }, 'assigneeUserId'],
      [{ assigneeUserId: otherDeptWriterId }, 'assigneeUserId'],
      [{ dueDate: dayFromNow(-2) }, 'dueDate'],
      [{ channelIds: [retired.id] }, 'channelIds.0'],
      [{ channelIds: [website.id, 999_999] }, 'channelIds.1'],
    ] as const) {
      const refused = await editor.post(`/api/leads/${id}/accept`, plan(bad));
      expect(refused.status, field).toBe(400);
      expect(fieldsOf(refused.body)).toEqual([field]);
    }

    const accepted = await editor.post(`/api/leads/${id}/accept`, plan({ brief: '突出“时间就是心肌”' }));
    expect(accepted.status).toBe(201);
    expect(accepted.body).toMatchObject({
      title: '心内科开展高血压日义诊', brief: '突出“时间就是心肌”', leadId: id, assigneeUserId: writerId, departmentId: cardiology.id,
      channelIds: [website.id], status: 'planned', overdue: false, articleId: null,
    });
    const after = await writer.get(`/api/leads/${id}`);
    expect(after.body).toMatchObject({ status: 'accepted', topicId: accepted.body.id });

    const again = await editor.post(`/api/leads/${id}/accept`, plan());
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'lead_already_decided', details: { status: 'accepted', topicId: accepted.body.id } });
    expect((await editor.post(`/api/leads/${id}/decline`, { reason: '重复' })).status).toBe(409);
    expect((await writer.patch(`/api/leads/${id}`, { title: '改' })).status).toBe(409);
    expect((await writer.post(`/api/leads/${id}/photos`, photoForm(onePixelPng()))).status).toBe(409);
  });

  it('makes one topic when two editors accept the same lead at once', async () => {
    const id = (await writer.post('/api/leads', lead({ title: '同时采纳' }))).body.id;
    const answers = await Promise.all([editor.post(`/api/leads/${id}/accept`, plan()), editor.post(`/api/leads/${id}/accept`, plan())]);
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
    const { rows } = await t.sql.query('select count(*)::int as n from topic where lead_id = $1', [id]);
    expect(rows[0].n).toBe(1);
  });

  it('declines with a reason', async () => {
    const id = (await writer.post('/api/leads', lead({ title: '科室聚餐' }))).body.id;
    expect((await writer.post(`/api/leads/${id}/decline`, { reason: '不合适' })).status).toBe(403);
    const noReason = await editor.post(`/api/leads/${id}/decline`, { reason: ' ' });
    expect(noReason.status).toBe(400);
    expect(fieldsOf(noReason.body)).toEqual(['reason']);
    const declined = await editor.post(`/api/leads/${id}/decline`, { reason: '内部活动，不宜对外宣传' });
    expect(declined.status).toBe(200);
    expect(declined.body).toMatchObject({ status: 'declined', declineReason: '内部活动，不宜对外宣传', topicId: null });
    expect(declined.body.decidedAt).toBeTruthy();
    expect((await editor.post(`/api/leads/${id}/accept`, plan())).body.error.code).toBe('lead_already_decided');
  });
});

describe('topics (选题)', () => {
  const acceptedTopic = async (title: string) => {
    const id = (await writer.post('/api/leads', lead({ title }))).body.id;
    return (await editor.post(`/api/leads/${id}/accept`, plan())).body as { id: number; moves: string[] };
  };

  it('move only along the table, by the assignee or a planner as each move allows, with the article in between', async () => {
    const topic = await acceptedTopic('胸痛中心通过国家认证');
    const path = `/api/topics/${topic.id}`;
    expect((await otherDeptWriter.get(path)).status).toBe(404);
    expect((await colleague.get(path)).body.moves).toEqual([]);
    expect((await writer.get(path)).body.moves).toEqual(['in_progress']);
    expect((await editor.get(path)).body.moves).toEqual(['in_progress', 'dropped']);

    const skipped = await writer.post(`${path}/transition`, { to: 'published' });
    expect(skipped.status).toBe(409);
    expect(skipped.body.error).toMatchObject({ code: 'invalid_transition', details: { from: 'planned', to: 'published', allowed: ['in_progress', 'dropped'] } });
    expect((await writer.post(`${path}/transition`, { to: 'nowhere' })).status).toBe(400);
    expect((await colleague.post(`${path}/transition`, { to: 'in_progress' })).status).toBe(403);
    expect((await writer.post(`${path}/transition`, { to: 'dropped', reason: '不想写' })).status).toBe(403);

    const started = await writer.post(`${path}/transition`, { to: 'in_progress' });
    expect(started.body).toMatchObject({ status: 'in_progress', moves: ['planned'] });
    const noArticle = await writer.post(`${path}/transition`, { to: 'submitted' });
    expect(noArticle.status).toBe(422);
    expect(noArticle.body.error.code).toBe('topic_article_required');

    expect((await colleague.post(`${path}/article`, {})).status).toBe(403);
    const article = await writer.post(`${path}/article`, {});
    expect(article.status).toBe(201);
    expect(article.body).toMatchObject({ title: '胸痛中心通过国家认证', departmentId: cardiology.id, authorUserId: writerId, status: 'draft', category: 'news' });
    const linked = await writer.get(path);
    expect(linked.body).toMatchObject({ articleId: article.body.id, articleStatus: 'draft', status: 'in_progress', moves: ['planned', 'submitted'] });
    const twice = await writer.post(`${path}/article`, {});
    expect(twice.status).toBe(409);
    expect(twice.body.error).toMatchObject({ code: 'topic_has_article', details: { articleId: article.body.id } });

    expect((await writer.post(`${path}/transition`, { to: 'submitted' })).body.status).toBe('submitted');
    const unapproved = await editor.post(`${path}/transition`, { to: 'published' });
    expect(unapproved.status).toBe(422);
    expect(unapproved.body.error.code).toBe('article_not_approved');

    await writer.patch(`/api/articles/${article.body.id}`, { body: '<p>我院胸痛中心通过国家胸痛中心认证。</p>' });
    expect((await writer.post(`/api/articles/${article.body.id}/submit`, {})).status).toBe(200);
    await deptReviewer.post(`/api/articles/${article.body.id}/review`, { decision: 'approve' });
    expect((await editor.post(`/api/articles/${article.body.id}/review`, { decision: 'approve' })).body.status).toBe('approved');
    expect((await editor.get(path)).body.moves).toEqual(['in_progress', 'published', 'dropped']);
    expect((await writer.post(`${path}/transition`, { to: 'published' })).status).toBe(403);
    const published = await editor.post(`${path}/transition`, { to: 'published' });
    expect(published.body).toMatchObject({ status: 'published', moves: [], overdue: false });
    expect((await editor.post(`${path}/transition`, { to: 'dropped', reason: '撤' })).body.error.code).toBe('invalid_transition');
    expect((await editor.patch(path, { title: '改' })).status).toBe(409);
  });

  it('are dropped with a reason and reopened by planners; the article is written only while planned or in progress', async () => {
    const topic = await acceptedTopic('世界无烟日科普');
    const path = `/api/topics/${topic.id}`;
    const noReason = await editor.post(`${path}/transition`, { to: 'dropped' });
    expect(noReason.status).toBe(400);
    expect(fieldsOf(noReason.body)).toEqual(['reason']);
    const dropped = await editor.post(`${path}/transition`, { to: 'dropped', reason: '与既有科普重复' });
    expect(dropped.body).toMatchObject({ status: 'dropped', dropReason: '与既有科普重复', moves: ['planned'] });
    expect((await writer.get(path)).body.moves).toEqual([]);
    expect((await writer.post(`${path}/article`, {})).body.error.code).toBe('invalid_state');
    const reopened = await editor.post(`${path}/transition`, { to: 'planned' });
    expect(reopened.body).toMatchObject({ status: 'planned', dropReason: null });
    const article = await editor.post(`${path}/article`, { category: 'science' });
    expect(article.body).toMatchObject({ category: 'science', departmentId: cardiology.id });
    expect((await editor.get(path)).body.status).toBe('in_progress');
  });

  it('are planned directly by editors, edited with checks, filtered and paged', async () => {
    expect((await writer.post('/api/topics', { title: '自拟选题', departmentId: cardiology.id, ...plan() })).status).toBe(403);
    const invalid = await editor.post('/api/topics', { departmentId: oncology.id, assigneeUserId: otherDeptWriterId });
    expect(invalid.status).toBe(400);
    expect(fieldsOf(invalid.body)).toEqual(expect.arrayContaining(['title', 'dueDate', 'channelIds']));
    const created = await editor.post('/api/topics', { title: '肿瘤防治宣传周', departmentId: oncology.id, ...plan({ assigneeUserId: otherDeptWriterId, channelIds: [website.id, website.id] }) });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ leadId: null, departmentId: oncology.id, channelIds: [website.id], status: 'planned' });
    const path = `/api/topics/${created.body.id}`;

    expect((await writer.get(path)).status).toBe(404);
    expect((await otherDeptWriter.patch(path, { title: '改' })).status).toBe(403);
    const wrongAssignee = await editor.patch(path, { assigneeUserId: writerId });
    expect(fieldsOf(wrongAssignee.body)).toEqual(['assigneeUserId']);
    const moved = await editor.patch(path, { departmentId: cardiology.id });
    expect(fieldsOf(moved.body)).toEqual(['assigneeUserId']);
    const edited = await editor.patch(path, { dueDate: dayFromNow(14), channelIds: [], brief: '邀请专家直播' });
    expect(edited.body).toMatchObject({ dueDate: dayFromNow(14), channelIds: [], brief: '邀请专家直播' });

    const mine = await otherDeptWriter.get('/api/topics?limit=200');
    expect(mine.body.items.map((x: { id: number }) => x.id)).toEqual([created.body.id]);
    const byAssignee = await editor.get(`/api/topics?assigneeUserId=${otherDeptWriterId}`);
    expect(byAssignee.body.items.map((x: { id: number }) => x.id)).toEqual([created.body.id]);
    const byDepartment = await editor.get(`/api/topics?departmentId=${oncology.id}&status=planned`);
    expect(byDepartment.body.items.map((x: { id: number }) => x.id)).toEqual([created.body.id]);
    expect((await editor.get(`/api/topics?departmentId=${oncology.id}&status=dropped`)).body.items).toEqual([]);
    const page = await editor.get('/api/topics?limit=1');
    const next = await editor.get(`/api/topics?limit=1&cursor=${page.body.nextCursor}`);
    expect(next.body.items[0].id).toBeLessThan(page.body.items[0].id);
  });

  it('are overdue past their due date until published or dropped', async () => {
    const topic = await acceptedTopic('医师节专题');
    await t.sql.query(`update topic set due_date = (now() at time zone 'Asia/Shanghai')::date - 1 where id = $1`, [topic.id]);
    const overdue = await writer.get(`/api/topics/${topic.id}`);
    expect(overdue.body.overdue).toBe(true);
    const retitled = await editor.patch(`/api/topics/${topic.id}`, { title: '医师节专题（改）', dueDate: overdue.body.dueDate });
    expect(retitled.body).toMatchObject({ title: '医师节专题（改）', overdue: true });
    expect(fieldsOf((await editor.patch(`/api/topics/${topic.id}`, { dueDate: dayFromNow(-3) })).body)).toEqual(['dueDate']);
    expect((await editor.post(`/api/topics/${topic.id}/transition`, { to: 'dropped', reason: '时间已过' })).body.overdue).toBe(false);
  });
});

describe('API reference', () => {
  it('documents the lead and topic routes', async () => {
    const { paths } = (await t.client().get('/api/openapi.json')).body;
    for (const path of ['/api/leads', '/api/leads/{id}/photos', '/api/leads/{id}/accept', '/api/topics', '/api/topics/{id}/transition', '/api/topics/{id}/article']) {
      expect(Object.keys(paths)).toContain(path);
    }
  });
});

describe('audit', () => {
  it('records every change of leads and topics, the acceptance and its topic in one request', async () => {
    const leadActions = new Set((await admin.get('/api/audit?entityType=lead&limit=200')).body.items.map((e: { action: string }) => e.action));
    for (const action of ['lead.create', 'lead.update', 'lead.photo.add', 'lead.accept', 'lead.decline']) expect(leadActions).toContain(action);
    const topicActions = new Set((await admin.get('/api/audit?entityType=topic&limit=200')).body.items.map((e: { action: string }) => e.action));
    for (const action of ['topic.create', 'topic.update', 'topic.transition', 'topic.article']) expect(topicActions).toContain(action);

    const [accept] = (await admin.get('/api/audit?action=lead.accept&limit=1')).body.items;
    const created = await admin.get(`/api/audit?action=topic.create&entityId=${accept.after.topicId}`);
    expect(created.body.items[0].requestId).toBe(accept.requestId);
  });
});
