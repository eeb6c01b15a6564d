import { randomBytes } from 'node:crypto';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventBus, type DomainEvents } from '../../platform/events.ts';
import { docxPictures, pngSignature } from '../../platform/office-report.fixture.ts';
import { seriesShapes } from '../../platform/report-charts.fixture.ts';
import type { ApiClient } from '../../test/api-client.ts';
import { makeDepartment, makeUser, signedIn } from '../../test/factories.ts';
import { startTestServer, type TestServer } from '../../test/test-server.ts';
import { sweepIncidentSla } from './incident-sla.service.ts';
import { beijingTime } from './notify/alert-message.ts';
import { signPushBody } from './push-signature.ts';

let t: TestServer;
let admin: ApiClient;
let officer: ApiClient;
let reviewer: ApiClient;
let editor: ApiClient;
let leader: ApiClient;
let otherOfficer: ApiClient;
let nurse: ApiClient;
let people: Record<'officer' | 'otherOfficer' | 'nurse', { id: number }>;
let source: { id: number; secret: string };
let statementId: number;
const escalations: DomainEvents['incident.escalated'][] = [];
let stopListening: () => void;

const unique = () => randomBytes(4).toString('hex');
const hour = 3_600_000;
const ago = (hours: number) => new Date(Date.now() - hours * hour);

const violence = '锦江一院急诊科发生伤医事件，一名医生被患者家属持刀砍伤，现场混乱。';
/** Another story, told only in the repair test: its cluster holds that test's mentions alone. */
const brawl = '锦江一院骨科病房深夜发生医闹，患者家属殴打值班护士，多人围观拍摄视频。';
const praise = '为锦江一院急诊科的医护人员点赞，救死扶伤辛苦了，祝受伤的医生早日康复！';
const notice = '锦江市第一人民医院发布情况通报：受伤医生已脱离危险，警方已控制嫌疑人，医院将全力保障医务人员安全。';
const wording = '事件发生后，我院立即救治受伤医务人员，目前伤者生命体征平稳。公安机关已依法控制涉事人员。医院坚决反对任何形式的暴力伤医行为，将全力配合调查，依法维护医务人员合法权益。';

beforeAll(async () => {
  t = await startTestServer();
  admin = await t.admin();
  expect((await admin.patch('/api/hospital', { fullName: '锦江市第一人民医院', shortNames: ['锦江一院'] })).status).toBe(200);
  const office = await makeDepartment(admin, { name: '宣传部', kind: 'functional' });
  const ward = await makeDepartment(admin, { name: '骨科', kind: 'clinical' });
  const officerUser = await makeUser(admin, { departmentId: office.id, roles: ['opinion_officer'] });
  const otherOfficerUser = await makeUser(admin, { departmentId: ward.id, roles: ['opinion_officer'] });
  const nurseUser = await makeUser(admin, { departmentId: ward.id, roles: ['correspondent'], displayName: '骨科护士长' });
  people = { officer: officerUser, otherOfficer: otherOfficerUser, nurse: nurseUser };
  officer = await signedIn(t.url, officerUser);
  otherOfficer = await signedIn(t.url, otherOfficerUser);
  nurse = await signedIn(t.url, nurseUser);
  reviewer = await signedIn(t.url, await makeUser(admin, { departmentId: office.id, roles: ['dept_reviewer'] }));
  editor = await signedIn(t.url, await makeUser(admin, { departmentId: office.id, roles: ['editor'] }));
  leader = await signedIn(t.url, await makeUser(admin, { departmentId: office.id, roles: ['leader'] }));

  const created = await officer.post('/api/opinion/sources', { kind: 'push', name: '舆情数据服务商' });
  expect(created.status).toBe(201);
  source = { id: created.body.id, secret: created.body.secret };

  // The 口径 the responses are drafted from: an editor drafts it, a leader approves it.
  const statement = await editor.post('/api/statements', { topic: '急诊科伤医事件情况通报', wording, tags: ['伤医'] });
  expect(statement.status).toBe(201);
  statementId = statement.body.id;
  expect((await leader.post(`/api/statements/${statementId}/approve`)).status).toBe(200);

  stopListening = eventBus.subscribe('incident.escalated', (e) => escalations.push(e));
}, 120_000);

afterAll(async () => {
  stopListening?.();
  await t?.close();
});

// ── helpers ────────────────────────────────────────────────────────────

type Pushed = { id: string; text: string; published_at?: string; title?: string };

/** Pushes mentions as a data vendor does (HMAC-signed), and answers them as stored, in the order pushed. */
async function ingest(mentions: Pushed[]) {
  const body = JSON.stringify({ mentions });
  const timestamp = Math.floor(Date.now() / 1000);
  const res = await fetch(`${t.url}/api/opinion/ingest`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-rongmei-source': String(source.id), 'x-rongmei-timestamp': String(timestamp), 'x-rongmei-signature': signPushBody(source.secret, timestamp, body) },
    body,
  });
  const result = await res.json();
  expect(res.status, JSON.stringify(result)).toBe(200);
  expect(result.inserted).toBe(mentions.length);
  const stored = (await officer.get(`/api/opinion/mentions?sourceId=${source.id}&limit=200`)).body.items as { id: number; externalId: string; polarity: string; risk: number; clusterId: number; occurredAt: string }[];
  return mentions.map((m) => stored.find((s) => s.externalId === m.id)!);
}

async function open(client: ApiClient, body: Record<string, unknown>) {
  const res = await client.post('/api/opinion/incidents', { title: `锦江一院舆情-${unique()}`, level: 2, ...body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

const move = (client: ApiClient, id: number, to: string, extra: Record<string, unknown> = {}) => client.post(`/api/opinion/incidents/${id}/transitions`, { to, ...extra });

async function moved(client: ApiClient, id: number, to: string, extra: Record<string, unknown> = {}) {
  const res = await move(client, id, to, extra);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

/** Drafts the response from the approved statement, submits it and takes the article through 科室 → 宣传部 → 分管领导. */
async function approvedResponse(id: number) {
  expect((await officer.put(`/api/opinion/incidents/${id}/response`, { statementId })).status).toBe(200);
  const submitted = await officer.post(`/api/opinion/incidents/${id}/response/submit`, {});
  expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
  const articleId = submitted.body.article.id as number;
  for (const client of [reviewer, editor, leader]) expect((await client.post(`/api/articles/${articleId}/review`, { decision: 'approve' })).status).toBe(200);
  return articleId;
}

const detailOf = async (client: ApiClient, id: number) => (await client.get(`/api/opinion/incidents/${id}`)).body;
// Telling an escalation's channels follows its commit asynchronously (incident-escalation.int.test.ts covers it).
const kindsOf = (incident: { events: { kind: string }[] }) => incident.events.map((e) => e.kind).filter((k) => k !== 'escalation_notified');
const auditOf = async (id: number) =>
  (await t.sql.query(`select action from audit_log where entity_type = 'incident' and entity_id = $1 and action <> 'incident.escalation_notified' order by id`, [String(id)])).rows.map((r) => r.action as string);

// ── tests ──────────────────────────────────────────────────────────────

describe('stages', () => {
  it('moves along the transition table, refuses other moves, and asks for a reason where the table does', async () => {
    const incident = await open(officer, { summary: '患者家属在微博投诉收费问题' });
    expect(incident).toMatchObject({ stage: 'discovered', level: 2, ownerId: people.officer.id, escalated: false });
    expect(Date.parse(incident.firstResponseDueAt) - Date.parse(incident.discoveredAt)).toBe(4 * hour);
    expect(incident.moves).toEqual([{ to: 'assessed', reasonRequired: false }, { to: 'closed', reasonRequired: true }]);

    const skipped = await move(officer, incident.id, 'responded');
    expect(skipped.status).toBe(409);
    expect(skipped.body.error).toMatchObject({ code: 'invalid_transition', details: { from: 'discovered', to: 'responded', allowed: ['assessed', 'closed'] } });
    const unexplained = await move(officer, incident.id, 'closed');
    expect(unexplained.status).toBe(400);
    expect(unexplained.body.error.details[0].field).toBe('reason');
    expect((await move(officer, incident.id, 'assessed', { at: new Date(Date.now() + hour).toISOString() })).status).toBe(400);
    expect((await move(officer, incident.id, 'assessed', { at: new Date(Date.parse(incident.discoveredAt) - hour).toISOString() })).status).toBe(400);

    await moved(officer, incident.id, 'assessed', { reason: '确认为真实投诉' });
    await moved(officer, incident.id, 'handled');
    // 回应 needs an approved response statement.
    const unanswered = await move(officer, incident.id, 'responded');
    expect(unanswered.status).toBe(409);
    expect(unanswered.body.error.code).toBe('response_not_approved');
    await moved(officer, incident.id, 'repaired', { reason: '已与患者沟通退费，不作公开回应' });
    await moved(officer, incident.id, 'reviewed');
    const withoutLessons = await move(officer, incident.id, 'closed');
    expect(withoutLessons.status).toBe(409);
    expect(withoutLessons.body.error.code).toBe('lessons_required');
    expect((await officer.patch(`/api/opinion/incidents/${incident.id}`, { lessons: '收费说明应在缴费处公示。' })).status).toBe(200);
    const closed = await moved(officer, incident.id, 'closed');
    expect(closed).toMatchObject({ stage: 'closed', moves: [], permissions: { manage: false } });
    expect(closed.closedAt).not.toBeNull();
    // No public response was given: the first-response clock stopped, neither met nor missed.
    expect(closed.firstResponseMet).toBeNull();

    expect((await officer.patch(`/api/opinion/incidents/${incident.id}`, { title: '改名' })).body.error.code).toBe('incident_closed');
    expect((await move(officer, incident.id, 'assessed')).body.error.code).toBe('invalid_transition');
    expect((await officer.post(`/api/opinion/incidents/${incident.id}/notes`, { text: '结案后补充：已在缴费处张贴说明。' })).status).toBe(200);

    const stages = closed.events.filter((e: any) => e.kind === 'stage_changed').map((e: any) => [e.data.from, e.data.to, e.note]);
    expect(stages).toEqual([
      ['discovered', 'assessed', '确认为真实投诉'],
      ['assessed', 'handled', null],
      ['handled', 'repaired', '已与患者沟通退费，不作公开回应'],
      ['repaired', 'reviewed', null],
      ['reviewed', 'closed', null],
    ]);
  });

  it('writes nothing, neither timeline nor audit, when a change is refused', async () => {
    const incident = await open(officer, {});
    const before = { events: kindsOf(await detailOf(officer, incident.id)), audit: await auditOf(incident.id) };
    expect((await move(officer, incident.id, 'reviewed')).status).toBe(409);
    expect((await officer.post(`/api/opinion/incidents/${incident.id}/tasks`, { title: '核实', assigneeId: 999_999 })).status).toBe(400);
    expect((await officer.post(`/api/opinion/incidents/${incident.id}/clusters`, { clusterId: 999_999 })).status).toBe(400);
    expect(kindsOf(await detailOf(officer, incident.id))).toEqual(before.events);
    expect(await auditOf(incident.id)).toEqual(before.audit);
  });
});

describe('SLA clocks', () => {
  it('escalates a red incident to the leaders at once', async () => {
    const incident = await open(officer, { level: 4, title: '锦江一院伤医事件' });
    expect(incident).toMatchObject({ escalated: true, escalationReason: 'red' });
    expect(kindsOf(incident)).toEqual(['created', 'escalated']);
    expect(escalations).toContainEqual({ incidentId: incident.id, hospitalId: expect.any(Number), level: 4, title: '锦江一院伤医事件', reason: 'red' });
  });

  it('marks an overdue stage and first response by the sweep, escalating once', async () => {
    const incident = await open(officer, { level: 2 });
    expect(incident.escalated).toBe(false);
    // Nothing is due yet.
    await sweepIncidentSla(t.server.database.db, new Date(Date.now() + 30 * 60_000));
    expect((await detailOf(officer, incident.id)).escalated).toBe(false);

    // 发现 allows an hour: past it, the stage is overdue and the incident is escalated.
    await sweepIncidentSla(t.server.database.db, new Date(Date.parse(incident.discoveredAt) + 61 * 60_000));
    const late = await detailOf(officer, incident.id);
    expect(late).toMatchObject({ stageOverdue: true, firstResponseOverdue: false, escalated: true, escalationReason: 'stage_overdue' });
    expect(kindsOf(late).slice(-2)).toEqual(['stage_overdue', 'escalated']);

    // Past 4 hours the first response is missed too; the incident is not escalated a second time.
    await sweepIncidentSla(t.server.database.db, new Date(Date.parse(incident.discoveredAt) + 4 * hour + 60_000));
    const later = await detailOf(officer, incident.id);
    expect(later).toMatchObject({ firstResponseOverdue: true, firstResponseMet: false });
    expect(kindsOf(later).filter((k) => k === 'escalated')).toHaveLength(1);
    expect(kindsOf(later).at(-1)).toBe('first_response_overdue');
    expect(escalations.filter((e) => e.incidentId === incident.id)).toEqual([expect.objectContaining({ reason: 'stage_overdue', level: 2 })]);
    // A sweep with nothing new to mark changes nothing.
    await sweepIncidentSla(t.server.database.db, new Date(Date.parse(incident.discoveredAt) + 5 * hour));
    expect(kindsOf(await detailOf(officer, incident.id))).toEqual(kindsOf(later));
    expect(await auditOf(incident.id)).toEqual(['incident.created', 'incident.stage_overdue', 'incident.escalated', 'incident.first_response_overdue']);
  });

  it('takes its deadlines from the level’s policy, which editors set', async () => {
    const policy = { firstResponseMinutes: 30, stageMinutes: { discovered: 120, assessed: 120, handled: 240, responded: 4320, repaired: 10080, reviewed: 10080 } };
    expect((await officer.put('/api/opinion/incident-sla/1', policy)).status).toBe(403);
    expect((await editor.put('/api/opinion/incident-sla/1', { ...policy, firstResponseMinutes: 0 })).status).toBe(400);
    const saved = await editor.put('/api/opinion/incident-sla/1', policy);
    expect(saved.status).toBe(200);
    expect(saved.body.items.find((p: any) => p.level === 1)).toMatchObject({ custom: true, firstResponseMinutes: 30 });
    expect(saved.body.items.find((p: any) => p.level === 2)).toMatchObject({ custom: false, firstResponseMinutes: 240 });

    const blue = await open(officer, { level: 1 });
    expect(Date.parse(blue.firstResponseDueAt) - Date.parse(blue.discoveredAt)).toBe(30 * 60_000);
    expect(Date.parse(blue.stageDueAt) - Date.parse(blue.discoveredAt)).toBe(120 * 60_000);
    await sweepIncidentSla(t.server.database.db, new Date(Date.parse(blue.discoveredAt) + 31 * 60_000));
    expect(await detailOf(officer, blue.id)).toMatchObject({ firstResponseOverdue: true, stageOverdue: false, escalationReason: 'first_response_overdue' });

    // Raising the level recomputes the deadlines; red escalates at once (here: already escalated, so once).
    const other = await open(officer, { level: 1 });
    const raised = await officer.patch(`/api/opinion/incidents/${other.id}`, { level: 4 });
    expect(raised.body).toMatchObject({ level: 4, escalated: true, escalationReason: 'red' });
    expect(Date.parse(raised.body.firstResponseDueAt) - Date.parse(other.discoveredAt)).toBe(4 * hour);
  });
});

describe('from an alert to a published response', () => {
  it('opens an incident from an alert, which it takes over with its story; the alert closes with it', async () => {
    const rule = await officer.post('/api/opinion/alert-rules', { name: `红色预警-${unique()}`, minLevel: 4 });
    expect(rule.status).toBe(201);
    const [red] = await ingest([{ id: `red-${unique()}`, text: violence }]);
    expect(red.risk).toBe(4);
    let alert: any;
    for (let i = 0; i < 100 && !alert; i++) {
      alert = (await officer.get(`/api/opinion/alerts?ruleId=${rule.body.id}`)).body.items[0];
      if (!alert) await new Promise((r) => setTimeout(r, 100));
    }
    expect(alert).toMatchObject({ status: 'open', level: 4, clusterId: red.clusterId });

    const opened = await officer.post('/api/opinion/incidents/from-alert', { alertId: alert.id });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    const incident = opened.body;
    expect(incident).toMatchObject({ level: 4, title: alert.title, discoveredAt: alert.raisedAt, escalated: true, escalationReason: 'red' });
    expect(incident.clusters.map((c: any) => c.id)).toEqual([red.clusterId]);
    expect(incident.alerts).toEqual([expect.objectContaining({ id: alert.id, status: 'incident', incidentId: incident.id })]);
    expect(kindsOf(incident)).toEqual(['created', 'alert_linked', 'cluster_linked', 'escalated']);
    // An alert is taken over once.
    expect((await officer.post('/api/opinion/incidents/from-alert', { alertId: alert.id })).status).toBe(409);
    expect((await officer.post('/api/opinion/incidents/from-alert', { alertId: 999_999 })).status).toBe(404);
    expect((await officer.patch(`/api/opinion/alert-rules/${rule.body.id}`, { status: 'disabled' })).status).toBe(200);

    await moved(officer, incident.id, 'closed', { reason: '经核实为外地医院事件，误报' });
    expect((await officer.get(`/api/opinion/alerts/${alert.id}`)).body).toMatchObject({ status: 'closed', closeNote: '经核实为外地医院事件，误报' });
  });

  it('drafts the response from an approved statement and publishes it through the review chain', async () => {
    const incident = await open(officer, { level: 3, title: '锦江一院急诊科伤医事件' });
    const suggestions = await officer.get(`/api/opinion/incidents/${incident.id}/statement-suggestions`);
    expect(suggestions.body.items.map((s: any) => s.id)).toContain(statementId);

    const draft = await editor.post('/api/statements', { topic: '未批准的口径', wording: '尚在起草。' });
    expect((await officer.put(`/api/opinion/incidents/${incident.id}/response`, { statementId: draft.body.id })).body.error.details[0].field).toBe('statementId');
    expect((await officer.post(`/api/opinion/incidents/${incident.id}/response/submit`, {})).body.error.code).toBe('response_missing');

    const drafted = await officer.put(`/api/opinion/incidents/${incident.id}/response`, { statementId });
    expect(drafted.body).toMatchObject({ statementId, statementVersion: 1, statementTopic: '急诊科伤医事件情况通报', title: '关于“锦江一院急诊科伤医事件”的情况通报', body: wording, article: null });
    const adapted = `${wording}\n感谢社会各界对医务人员的关心。`;
    expect((await officer.put(`/api/opinion/incidents/${incident.id}/response`, { statementId, body: adapted })).body.body).toBe(adapted);
    // Saving the same draft again is not a new step of the timeline.
    const drafts = kindsOf(await detailOf(officer, incident.id)).length;
    expect((await officer.put(`/api/opinion/incidents/${incident.id}/response`, { statementId, body: adapted })).status).toBe(200);
    expect(kindsOf(await detailOf(officer, incident.id))).toHaveLength(drafts);

    const submitted = await officer.post(`/api/opinion/incidents/${incident.id}/response/submit`, {});
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    expect(submitted.body.article).toMatchObject({ status: 'in_review', title: '关于“锦江一院急诊科伤医事件”的情况通报' });
    const articleId = submitted.body.article.id;
    const article = (await officer.get(`/api/articles/${articleId}`)).body;
    expect(article).toMatchObject({ category: 'notice', sensitivity: 'major', status: 'in_review', tags: ['舆情回应'] });
    expect(article.body).toBe(`<p>${wording}</p><p>感谢社会各界对医务人员的关心。</p>`);
    expect(article.reviewSteps.map((s: any) => s.name)).toEqual(['科室审核', '宣传部审核', '分管领导审批']);
    expect((await officer.put(`/api/opinion/incidents/${incident.id}/response`, { statementId })).body.error.code).toBe('response_locked');

    // Returned by the department: the officer revises the response and submits the same article again.
    expect((await reviewer.post(`/api/articles/${articleId}/review`, { decision: 'return', comment: '请补充警方通报信息' })).status).toBe(200);
    const revised = `${wording}\n警方已发布警情通报。`;
    expect((await officer.put(`/api/opinion/incidents/${incident.id}/response`, { statementId, body: revised })).status).toBe(200);
    const again = await officer.post(`/api/opinion/incidents/${incident.id}/response/submit`, {});
    expect(again.body.article).toMatchObject({ id: articleId, status: 'in_review' });
    expect((await officer.get(`/api/articles/${articleId}`)).body.body).toContain('警方已发布警情通报。');

    await moved(officer, incident.id, 'assessed');
    await moved(officer, incident.id, 'handled');
    expect((await move(officer, incident.id, 'responded')).body.error.code).toBe('response_not_approved');
    for (const client of [reviewer, editor, leader]) expect((await client.post(`/api/articles/${articleId}/review`, { decision: 'approve' })).status).toBe(200);
    const responded = await moved(officer, incident.id, 'responded');
    expect(responded.response.article.status).toBe('approved');
    expect(responded.respondedAt).not.toBeNull();
    expect(responded.firstResponseMet).toBe(true);
    expect(kindsOf(responded).filter((k) => k.startsWith('response_'))).toEqual(['response_drafted', 'response_drafted', 'response_submitted', 'response_drafted', 'response_submitted']);
  });
});

describe('repair measure', () => {
  it('compares volume and negative share in equal windows after the response and before it', async () => {
    const story = unique();
    const [a1, a2, a3, a4, a5, b1, b2, c] = await ingest([
      { id: `a1-${story}`, text: brawl, published_at: ago(23).toISOString() },
      { id: `a2-${story}`, text: `转发微博 //@路人甲: ${brawl}`, published_at: ago(20).toISOString() },
      { id: `a3-${story}`, text: `转发微博 //@路人乙: ${brawl}`, published_at: ago(14).toISOString() },
      // Before the window before the response: not counted.
      { id: `a4-${story}`, text: `转发微博 //@路人丙: ${brawl}`, published_at: ago(30).toISOString() },
      { id: `a5-${story}`, text: `转发微博 //@路人丁: ${brawl}`, published_at: ago(6).toISOString() },
      { id: `b1-${story}`, text: praise, published_at: ago(13).toISOString() },
      { id: `b2-${story}`, text: `转发微博 //@网友: ${praise}`, published_at: ago(8).toISOString() },
      { id: `c-${story}`, title: '锦江一院通报急诊科伤医事件处置情况', text: notice, published_at: ago(11).toISOString() },
    ]);
    expect([a2, a3, a4, a5].map((m) => m.clusterId)).toEqual([a1.clusterId, a1.clusterId, a1.clusterId, a1.clusterId]);
    expect(b2.clusterId).toBe(b1.clusterId);
    expect([a1, a5, b1, c].map((m) => m.polarity)).toEqual(['negative', 'negative', 'positive', 'neutral']);

    const incident = await open(officer, { level: 3, discoveredAt: ago(26).toISOString(), clusterIds: [a1.clusterId, b1.clusterId], mentionIds: [c.id] });
    const notYet = await officer.get(`/api/opinion/incidents/${incident.id}/repair`);
    expect(notYet.body).toMatchObject({ responseAt: null, before: null, after: null });
    await moved(officer, incident.id, 'assessed', { at: ago(25).toISOString() });
    await moved(officer, incident.id, 'handled', { at: ago(24.5).toISOString() });
    await approvedResponse(incident.id);
    const respondedAt = ago(12);
    await moved(officer, incident.id, 'responded', { at: respondedAt.toISOString() });

    const measure = (await officer.get(`/api/opinion/incidents/${incident.id}/repair?hours=12`)).body;
    expect(measure.responseAt).toBe(respondedAt.toISOString());
    expect(measure.windowHours).toBeCloseTo(12, 3);
    // Before: a1, a2, a3 (negative) and b1 (positive); after: a5 (negative), b2 (positive) and the linked notice (neutral).
    expect(measure.before).toMatchObject({ volume: 4, negative: 3, neutral: 0, positive: 1, negativeShare: 0.75 });
    expect(measure.after).toMatchObject({ volume: 3, negative: 1, neutral: 1, positive: 1 });
    expect(measure.after.negativeShare).toBeCloseTo(1 / 3, 6);
    expect(measure.volumeChange).toBeCloseTo(-0.25, 6);
    expect(measure.negativeShareChange).toBeCloseTo(1 / 3 - 0.75, 6);
    expect(measure.improved).toBe(true);
    const sum = (key: 'negative' | 'neutral' | 'positive') => measure.series.reduce((n: number, p: any) => n + p[key], 0);
    expect([sum('negative'), sum('neutral'), sum('positive')]).toEqual([4, 1, 2]);

    // A longer window than has passed since the response is cut to equal lengths.
    const wide = (await officer.get(`/api/opinion/incidents/${incident.id}/repair?hours=48`)).body;
    expect(wide.windowHours).toBeLessThan(12.1);
    expect(wide.before.volume).toBe(4);
    expect((await officer.get(`/api/opinion/incidents/${incident.id}/repair?hours=0`)).status).toBe(400);

    // The review report carries the measure, the timeline and the SLA verdict.
    expect((await officer.patch(`/api/opinion/incidents/${incident.id}`, { lessons: '夜间值班应有专人盯守舆情。' })).status).toBe(200);
    const report = await fetch(`${t.url}/api/opinion/incidents/${incident.id}/report.docx`, { headers: { cookie: officer.cookie! } });
    expect(report.status).toBe(200);
    expect(report.headers.get('content-type')).toContain('wordprocessingml');
    expect(decodeURIComponent(report.headers.get('content-disposition')!)).toContain(`${incident.title}舆情事件复盘报告`);
    const content = new Uint8Array(await report.arrayBuffer());
    const xml = strFromU8(unzipSync(content)['word/document.xml']);
    for (const text of [`${incident.title}舆情事件复盘报告`, '处置时间线', '修复效果', '75.0%', '33.3%', '超时回应', '夜间值班应有专人盯守舆情。', '急诊科伤医事件情况通报', '审核通过']) expect(xml).toContain(text);
    // Under the figures, their chart: hourly mentions by polarity, the negative share and the response marked, as an SVG with a PNG fallback.
    const [chart, ...others] = docxPictures(content);
    expect(others).toEqual([]);
    expect(chart.title).toBe('图1　首次回应前后每小时信息量及负面占比');
    expect(chart.svg.path).toMatch(/^word\/media\/.+\.svg$/);
    expect(chart.png.path).toMatch(/^word\/media\/.+\.png$/);
    expect([...chart.png.bytes.subarray(0, 8)]).toEqual(pngSignature);
    expect(chart.svg.text).toContain(`>首次回应 ${beijingTime(respondedAt).slice(11)}</text>`);
    // An hour's bar of each polarity for every hour of the two 12-hour windows, a point for each hour with mentions.
    const [negative, neutral, positive, share] = [0, 1, 2, 3].map((series) => seriesShapes(chart.svg.text!, series));
    expect(negative.length).toBeGreaterThanOrEqual(24);
    expect([neutral.length, positive.length]).toEqual([negative.length, negative.length]);
    expect(share.length).toBeGreaterThan(0);
    expect(share.length).toBeLessThanOrEqual(7);
  });
});

describe('tasks, notes and scoping', () => {
  it('shows an incident to its department’s officers, its owner and assignees, and leaders; lets each do their part', async () => {
    const incident = await open(officer, { level: 2 });
    // An officer of another department and a correspondent neither see nor change it.
    expect((await otherOfficer.get(`/api/opinion/incidents/${incident.id}`)).status).toBe(404);
    expect((await otherOfficer.get('/api/opinion/incidents?limit=200')).body.items.map((i: any) => i.id)).not.toContain(incident.id);
    expect((await nurse.get(`/api/opinion/incidents/${incident.id}`)).status).toBe(404);
    expect((await nurse.post('/api/opinion/incidents', { title: '试图立案', level: 1 })).status).toBe(403);
    // Leaders see everything and write 批示, but do not run the incident.
    expect((await leader.get('/api/opinion/incidents?limit=200')).body.items.map((i: any) => i.id)).toContain(incident.id);
    expect((await leader.post(`/api/opinion/incidents/${incident.id}/notes`, { text: '请宣传部今日内完成研判。' })).status).toBe(200);
    expect((await move(leader, incident.id, 'assessed')).status).toBe(403);

    const task = await officer.post(`/api/opinion/incidents/${incident.id}/tasks`, { title: '核实患者就诊经过', assigneeId: people.nurse.id, dueAt: new Date(Date.now() + 2 * hour).toISOString() });
    expect(task.status).toBe(200);
    const taskId = task.body.tasks[0].id;
    expect(task.body.tasks[0]).toMatchObject({ title: '核实患者就诊经过', assigneeName: '骨科护士长', done: false, overdue: false });

    // The assignee reads the incident and marks the task done, and nothing more.
    const seen = await nurse.get(`/api/opinion/incidents/${incident.id}`);
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({ permissions: { manage: false }, moves: [] });
    expect((await nurse.get('/api/opinion/incidents?mine=true')).body.items.map((i: any) => i.id)).toEqual([incident.id]);
    expect((await nurse.patch(`/api/opinion/incidents/${incident.id}/tasks/${taskId}`, { title: '改任务' })).status).toBe(403);
    expect((await move(nurse, incident.id, 'assessed')).status).toBe(403);
    const done = await nurse.patch(`/api/opinion/incidents/${incident.id}/tasks/${taskId}`, { done: true });
    expect(done.body.tasks[0]).toMatchObject({ done: true });
    // The repair measure and the report are the opinion roles'.
    expect((await nurse.get(`/api/opinion/incidents/${incident.id}/repair`)).status).toBe(403);

    // Assigned a task, the other department's officer sees and runs it too.
    await officer.post(`/api/opinion/incidents/${incident.id}/tasks`, { title: '联系骨科', assigneeId: people.otherOfficer.id });
    expect((await otherOfficer.get(`/api/opinion/incidents/${incident.id}`)).body.permissions.manage).toBe(true);
    expect((await officer.delete(`/api/opinion/incidents/${incident.id}/tasks/${taskId}`)).body.tasks.map((t: any) => t.title)).toEqual(['联系骨科']);

    const timeline = await detailOf(officer, incident.id);
    expect(timeline.events.map((e: any) => [e.kind, e.actorName !== null])).toEqual([
      ['created', true],
      ['note', true],
      ['task_added', true],
      ['task_done', true],
      ['task_added', true],
      ['task_removed', true],
    ]);
    expect(timeline.events.find((e: any) => e.kind === 'note').note).toBe('请宣传部今日内完成研判。');
    expect(await auditOf(incident.id)).toEqual(['incident.created', 'incident.note', 'incident.task_added', 'incident.task_done', 'incident.task_added', 'incident.task_removed']);
  });

  it('links and unlinks stories and mentions, and deletes only an incident opened by mistake', async () => {
    const [m1, m2] = await ingest([
      { id: `s1-${unique()}`, text: '锦江一院骨科护士态度恶劣，排队三个小时没人管，投诉无门！' },
      { id: `s2-${unique()}`, text: '锦江一院停车难，周末转了半小时找不到车位' },
    ]);
    const incident = await open(officer, { level: 1 });
    const linked = await officer.post(`/api/opinion/incidents/${incident.id}/clusters`, { clusterId: m1.clusterId });
    expect(linked.body.clusters.map((c: any) => c.id)).toEqual([m1.clusterId]);
    const withMentions = await officer.post(`/api/opinion/incidents/${incident.id}/mentions`, { mentionIds: [m2.id, m2.id] });
    expect(withMentions.body).toMatchObject({ mentionCount: 1, mentions: [expect.objectContaining({ id: m2.id })] });
    expect((await officer.post(`/api/opinion/incidents/${incident.id}/mentions`, { mentionIds: [999_999] })).body.error.details[0].field).toBe('mentionIds');
    expect((await officer.delete(`/api/opinion/incidents/${incident.id}/clusters/${m1.clusterId}`)).body.clusters).toEqual([]);
    expect((await officer.delete(`/api/opinion/incidents/${incident.id}/mentions/${m2.id}`)).body.mentionCount).toBe(0);
    expect((await officer.delete(`/api/opinion/incidents/${incident.id}/mentions/${m2.id}`)).status).toBe(404);

    expect((await officer.delete(`/api/opinion/incidents/${incident.id}`)).status).toBe(403);
    await moved(officer, incident.id, 'assessed');
    expect((await editor.delete(`/api/opinion/incidents/${incident.id}`)).body.error.code).toBe('incident_in_use');
    const mistake = await open(officer, { level: 1 });
    expect((await editor.delete(`/api/opinion/incidents/${mistake.id}`)).status).toBe(204);
    expect((await officer.get(`/api/opinion/incidents/${mistake.id}`)).status).toBe(404);
    expect((await t.sql.query(`select action from audit_log where entity_type = 'incident' and entity_id = $1 order by id desc limit 1`, [String(mistake.id)])).rows[0].action).toBe('incident.delete');
  });
});
