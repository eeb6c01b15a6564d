import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../../test/api-client.ts';
import { makeUser, signedIn } from '../../test/factories.ts';
import { startTestServer, type TestServer } from '../../test/test-server.ts';
import { enqueueNightlyRetraining, nightOf } from './classifier.jobs.ts';
import { hospitalsDueForRetraining, minCorrections, retrainIfDue } from './classifier.service.ts';

let t: TestServer;
let admin: ApiClient;
let officer: ApiClient;
let officerName: string;
let editor: ApiClient;
let leader: ApiClient;
let staff: ApiClient;
let pusher: ApiClient;
let sourceId: number;
let hospitalId: number;

/**
 * The lexicon reads a scalper's advert for specialist appointments as neutral news, and a doctor who collapsed after a
 * day of operations as neutral (or, 累, as a complaint): officers correct them to negative and positive.
 */
const depts = ['心内科', '骨科', '儿科', '产科', '眼科', '皮肤科', '消化内科'];
const platforms = ['二手平台', '闲鱼', '朋友圈', '贴吧', '微信群', '抖音评论区', '本地论坛'];
const scalping = (i: number) => `滨江一院${depts[i % depts.length]}专家号今天在${platforms[(i * 3) % platforms.length]}挂出转让，一个号${300 + i * 20}元，私聊`;
const devotion = (i: number) => `滨江一院${depts[i % depts.length]}医生连续工作${20 + i}小时，累倒在手术台旁，第${i + 2}台手术刚做完`;

let externalSeq = 0;
async function ingest(texts: string[]) {
  const mentions = texts.map((text) => ({ id: `clf-${++externalSeq}`, title: '', text, published_at: new Date().toISOString() }));
  const res = await pusher.request('POST', '/api/opinion/ingest', { mentions }, { 'x-rongmei-source': String(sourceId) });
  expect(res.status).toBe(200);
  expect(res.body.inserted).toBe(texts.length);
  return res.body.mentionIds as number[];
}

async function mention(id: number) {
  const res = await officer.get(`/api/opinion/mentions/${id}`);
  expect(res.status).toBe(200);
  return res.body as { polarity: string; reasons: string[] };
}

async function correct(id: number, polarity: string) {
  const res = await officer.patch(`/api/opinion/mentions/${id}`, { polarity, reason: '人工研判' });
  expect(res.status).toBe(200);
}

async function auditOf(action: string) {
  const res = await admin.get(`/api/audit?action=${action}&limit=50`);
  expect(res.status).toBe(200);
  return res.body.items as { entityId: string; before: Record<string, unknown> | null; after: Record<string, unknown> | null; actorUsername: string }[];
}

let scalpingIds: number[];
let devotionIds: number[];

beforeAll(async () => {
  t = await startTestServer();
  admin = await t.admin();
  hospitalId = (await admin.get('/api/auth/me')).body.hospitalId;
  expect((await admin.patch('/api/hospital', { fullName: '滨江市第一人民医院', shortNames: ['滨江一院'] })).status).toBe(200);
  const officerUser = await makeUser(admin, { roles: ['opinion_officer'], displayName: '舆情专员甲' });
  officerName = '舆情专员甲';
  officer = await signedIn(t.url, officerUser);
  editor = await signedIn(t.url, await makeUser(admin, { roles: ['editor'] }));
  leader = await signedIn(t.url, await makeUser(admin, { roles: ['leader'] }));
  staff = await signedIn(t.url, await makeUser(admin, { roles: ['correspondent'] }));
  const token = await admin.post('/api/api-tokens', { name: '舆情服务商', scopes: ['write'], expiresAt: new Date(Date.now() + 86_400_000).toISOString(), userId: officerUser.id });
  expect(token.status).toBe(201);
  pusher = ApiClient.withToken(t.url, token.body.token);
  const source = await officer.post('/api/opinion/sources', { kind: 'push', name: '舆情服务商' });
  expect(source.status).toBe(201);
  sourceId = source.body.id;
  scalpingIds = await ingest(Array.from({ length: 14 }, (_, i) => scalping(i)));
  devotionIds = await ingest(Array.from({ length: 11 }, (_, i) => devotion(i)));
}, 120_000);

afterAll(async () => {
  await t?.close();
});

describe('the per-hospital classifier', () => {
  it('refuses to train below the minimum of corrections, with the field and the reason', async () => {
    for (const id of scalpingIds.slice(0, 5)) await correct(id, 'negative');
    const status = await officer.get('/api/opinion/classifier');
    expect(status.status).toBe(200);
    expect(status.body).toMatchObject({ correctedMentions: 5, correctionsSinceLastModel: 5, minCorrections, active: null, candidate: null, lastTrainedAt: null });

    const res = await officer.post('/api/opinion/classifier/train');
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('not_enough_corrections');
    expect(res.body.error.details).toEqual([{ field: 'corrections', message: expect.stringContaining(`${minCorrections}`) }]);
    const english = await officer.request('POST', '/api/opinion/classifier/train', undefined, { 'accept-language': 'en' });
    expect(english.body.error.details[0].message).toMatch(/At least 20 corrected mentions.*there are 5/);
    expect((await officer.get('/api/opinion/classifier/models')).body.items).toEqual([]);
  });

  it('is trained and switched on by opinion managers only; everyone who sees opinion reads it', async () => {
    expect((await staff.get('/api/opinion/classifier')).status).toBe(403);
    expect((await staff.get('/api/opinion/classifier/models')).status).toBe(403);
    expect((await leader.get('/api/opinion/classifier')).status).toBe(200);
    expect((await leader.post('/api/opinion/classifier/train')).status).toBe(403);
    expect((await staff.post('/api/opinion/classifier/train')).status).toBe(403);
    expect((await leader.post('/api/opinion/classifier/deactivate')).status).toBe(403);
  });

  let v1: number;

  it('trains a candidate from the corrections with a cross-validated report, and does not switch it on', async () => {
    for (const id of scalpingIds.slice(5)) await correct(id, 'negative');
    for (const id of devotionIds) await correct(id, 'positive');

    const res = await officer.post('/api/opinion/classifier/train');
    expect(res.status).toBe(201);
    const model = res.body;
    v1 = model.id;
    expect(model).toMatchObject({ version: 1, status: 'candidate', trigger: 'manual', examples: 25, trainedBy: { name: officerName }, activatedAt: null, minProbability: 0.9 });
    expect(model.features).toBeGreaterThan(20);
    const { report } = model;
    expect(report).toMatchObject({ method: 'k-fold', folds: 5, n: 25, labels: { negative: 14, neutral: 0, positive: 11 } });
    // The lexicon was wrong on every one of them (that is why they were corrected); the model, never shown the mention it
    // reads, gets most of them right.
    expect(report.before.accuracy).toBeLessThan(0.5);
    expect(report.after.accuracy).toBeGreaterThan(0.8);
    expect(report.after.macroF1).toBeGreaterThan(report.before.macroF1);
    expect(Object.keys(report.after.perClass).sort()).toEqual(['negative', 'positive']);
    expect(report.after.perClass.negative).toMatchObject({ support: 14 });
    expect(report.fixed).toBeGreaterThan(15);
    expect(report.changes.length).toBe(report.fixed + report.broken + report.changed);
    const fixed = report.changes.find((c: { outcome: string }) => c.outcome === 'fixed');
    expect(fixed).toMatchObject({ expected: expect.any(String), modelReason: expect.stringMatching(/^model:/), misleadingReasons: expect.arrayContaining(['alias:滨江一院']) });
    expect(fixed.excerpt).toContain('滨江一院');
    // Every uncorrected mention is one of these (none left): nothing to drift.
    expect(report.recent).toMatchObject({ tested: 0, changed: 0 });

    const status = (await officer.get('/api/opinion/classifier')).body;
    expect(status).toMatchObject({ correctedMentions: 25, correctionsSinceLastModel: 0, active: null, candidate: { id: v1, status: 'candidate' } });
    const audit = await auditOf('opinion_classifier.train');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ entityId: String(v1), after: { version: 1, status: 'candidate', trigger: 'manual', examples: 25 } });

    // A candidate never analyses anything.
    const [fresh] = await ingest([scalping(40)]);
    expect((await mention(fresh)).reasons.some((r) => r.startsWith('model:'))).toBe(false);
  });

  it('once switched on, analyses new mentions with the model, and says so in their reasons; switching on again changes nothing', async () => {
    expect((await leader.post(`/api/opinion/classifier/models/${v1}/activate`)).status).toBe(403);
    expect((await officer.post('/api/opinion/classifier/models/999999/activate')).status).toBe(404);

    const res = await officer.post(`/api/opinion/classifier/models/${v1}/activate`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: v1, status: 'active', activatedBy: { name: officerName } });
    const again = await officer.post(`/api/opinion/classifier/models/${v1}/activate`);
    expect(again.status).toBe(200);
    expect(again.body.activatedAt).toBe(res.body.activatedAt);
    expect(await auditOf('opinion_classifier.activate')).toHaveLength(1);

    const [advert, praise] = await ingest([scalping(41), devotion(42)]);
    const read = await mention(advert);
    expect(read.polarity).toBe('negative');
    expect(read.reasons.find((r) => r.startsWith('model:'))).toMatch(/^model:negative\(/);
    expect((await mention(praise)).polarity).toBe('positive');
  });

  let v2: number;

  it('a second candidate waits beside the active model; it can be rejected, not switched on afterwards', async () => {
    const res = await editor.post('/api/opinion/classifier/train');
    expect(res.status).toBe(201);
    v2 = res.body.id;
    expect(res.body).toMatchObject({ version: 2, status: 'candidate' });
    // Two uncorrected mentions arrived since (the advert and the praise above): the report reads them without and with it.
    expect(res.body.report.recent.tested).toBeGreaterThanOrEqual(2);
    const status = (await officer.get('/api/opinion/classifier')).body;
    expect(status).toMatchObject({ active: { id: v1 }, candidate: { id: v2 } });

    expect((await staff.post(`/api/opinion/classifier/models/${v2}/reject`, {})).status).toBe(403);
    expect((await officer.post(`/api/opinion/classifier/models/${v2}/reject`, { reason: 'x'.repeat(501) })).status).toBe(400);
    const rejected = await officer.post(`/api/opinion/classifier/models/${v2}/reject`, { reason: '与当前模型相同' });
    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({ status: 'rejected', rejectReason: '与当前模型相同', rejectedBy: { name: officerName } });
    expect((await officer.post(`/api/opinion/classifier/models/${v2}/reject`, {})).status).toBe(200);
    const activate = await officer.post(`/api/opinion/classifier/models/${v2}/activate`);
    expect(activate.status).toBe(409);
    expect(activate.body.error).toMatchObject({ code: 'invalid_transition', details: { from: 'rejected', to: 'active' } });
    expect((await officer.post(`/api/opinion/classifier/models/${v1}/reject`, {})).status).toBe(409);
    expect(await auditOf('opinion_classifier.reject')).toHaveLength(1);
  });

  it('a newer candidate supersedes one still waiting', async () => {
    const first = (await officer.post('/api/opinion/classifier/train')).body;
    const second = (await officer.post('/api/opinion/classifier/train')).body;
    expect(second.version).toBe(first.version + 1);
    const older = (await officer.get(`/api/opinion/classifier/models/${first.id}`)).body;
    expect(older).toMatchObject({ status: 'rejected', rejectReason: expect.stringContaining(`v${second.version}`) });
    expect((await officer.get('/api/opinion/classifier/models?status=candidate')).body.items.map((m: { id: number }) => m.id)).toEqual([second.id]);
    expect((await officer.post(`/api/opinion/classifier/models/${second.id}/reject`, {})).status).toBe(200);
  });

  it('switched off, the analysis goes back to the lexicon alone; a retired model can be switched on again', async () => {
    const off = await officer.post('/api/opinion/classifier/deactivate');
    expect(off.status).toBe(200);
    expect(off.body.active).toBeNull();
    const retired = (await officer.get(`/api/opinion/classifier/models/${v1}`)).body;
    expect(retired).toMatchObject({ status: 'retired', retiredBy: { name: officerName } });
    expect((await officer.post('/api/opinion/classifier/deactivate')).status).toBe(200);
    expect(await auditOf('opinion_classifier.deactivate')).toHaveLength(1);

    const [advert] = await ingest([scalping(43)]);
    const read = await mention(advert);
    expect(read.reasons.some((r) => r.startsWith('model:'))).toBe(false);
    expect(read.polarity).toBe('neutral');

    const back = await officer.post(`/api/opinion/classifier/models/${v1}/activate`);
    expect(back.status).toBe(200);
    expect(back.body).toMatchObject({ status: 'active', retiredAt: null });
    const [again] = await ingest([scalping(44)]);
    expect((await mention(again)).reasons.some((r) => r.startsWith('model:negative'))).toBe(true);

    const history = (await officer.get('/api/opinion/classifier/models?limit=2')).body;
    expect(history.items).toHaveLength(2);
    expect(history.nextCursor).not.toBeNull();
    const rest = (await officer.get(`/api/opinion/classifier/models?limit=20&cursor=${history.nextCursor}`)).body;
    expect([...history.items, ...rest.items].map((m: { version: number }) => m.version)).toEqual([4, 3, 2, 1]);
  });

  it('retrains nightly on the job queue when there are corrections newer than the last model, once', { timeout: 60_000 }, async () => {
    const db = t.server.database.db;
    expect(nightOf(new Date('2026-03-01T18:30:00Z'))).toBe('2026-03-02');
    expect(nightOf(new Date('2026-03-01T06:00:00Z'))).toBeNull();
    expect(await hospitalsDueForRetraining(db)).not.toContain(hospitalId);
    expect(await retrainIfDue(db, hospitalId)).toEqual({ skipped: 'no new corrections' });

    const [advert] = await ingest([scalping(45)]);
    await correct(advert, 'positive');
    expect(await hospitalsDueForRetraining(db)).toContain(hospitalId);
    const jobs = t.server.app.deps.publishing.jobs;
    // In the day, the sweep enqueues nothing; at night, one job, which trains a candidate on the queue.
    expect(await enqueueNightlyRetraining(db, jobs, new Date('2026-03-01T06:00:00Z'))).toBe(0);
    expect(await enqueueNightlyRetraining(db, jobs, new Date('2026-03-01T19:00:00Z'))).toBe(1);
    let trained: { id: number } | null = null;
    for (let waited = 0; !trained && waited < 30_000; waited += 250) {
      const candidate = (await officer.get('/api/opinion/classifier')).body.candidate;
      if (candidate?.trigger === 'schedule') trained = candidate;
      else await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(trained).toMatchObject({ version: 5, status: 'candidate', trigger: 'schedule', trainedBy: null, examples: 26 });
    expect(await hospitalsDueForRetraining(db)).not.toContain(hospitalId);
    expect(await enqueueNightlyRetraining(db, jobs, new Date('2026-03-01T19:10:00Z'))).toBe(0);
    expect(await retrainIfDue(db, hospitalId)).toEqual({ skipped: 'no new corrections' });
    const audit = await auditOf('opinion_classifier.train');
    expect(audit[0]).toMatchObject({ entityId: String(trained!.id), actorUsername: 'system' });
    // Still only the model an officer switched on analyses mentions.
    expect((await officer.get('/api/opinion/classifier')).body).toMatchObject({ active: { id: v1 }, candidate: { id: trained!.id } });
  });
});
