import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../test/api-client.ts';
import { makeDepartment, makeUser, signedIn } from '../../test/factories.ts';
import { startTestServer, type TestServer } from '../../test/test-server.ts';

let t: TestServer;
let admin: ApiClient;
let editor: ApiClient;
let leader: ApiClient;
let correspondent: ApiClient;

beforeAll(async () => {
  t = await startTestServer();
  admin = await t.admin();
  const dept = await makeDepartment(admin, { name: '党委宣传部（口径）', kind: 'functional' });
  editor = await signedIn(t.url, await makeUser(admin, { departmentId: dept.id, roles: ['editor'] }));
  leader = await signedIn(t.url, await makeUser(admin, { departmentId: dept.id, roles: ['leader'] }));
  correspondent = await signedIn(t.url, await makeUser(admin, { roles: ['correspondent'] }));
});
afterAll(() => t.close());

type Finding = { field: string; category: string; severity: string; term: string; start: number; end: number; suggestion: string | null; rule: string };
const check = async (client: ApiClient, body: Record<string, string>) => {
  const res = await client.post('/api/compliance/check', body);
  expect(res.status).toBe(200);
  return res.body.findings as Finding[];
};
const categories = (findings: Finding[]) => [...new Set(findings.map((f) => f.category))].sort();

function upload(name: string, content: string) {
  const form = new FormData();
  form.append('file', new Blob([content], { type: 'text/plain' }), name);
  return form;
}

describe('compliance check over HTTP', () => {
  it('finds the default categories at exact positions in the text, for any signed-in user', async () => {
    const text = '本院是全国最好的医院，保证根治，咨询电话13800138000。';
    const findings = await check(correspondent, { title: '国内领先的治疗', text });
    expect(categories(findings)).toEqual(expect.arrayContaining(['ad_absolute', 'medical_claim', 'privacy_phone']));
    for (const f of findings.filter((f) => f.field === 'body')) expect(text.slice(f.start, f.end)).toBe(f.term);
    expect(findings.some((f) => f.field === 'title')).toBe(true);
    expect(findings.find((f) => f.category === 'medical_claim')!.rule).toMatch(/广告法|医疗广告管理办法/);
  });

  it('reports positions in the text a reader sees when given HTML', async () => {
    const res = await editor.post('/api/compliance/check', { html: '<p>我院&nbsp;<strong>最好</strong>的服务</p><script>var x="根治"</script>' });
    const findings = res.body.findings as Finding[];
    const hit = findings.find((f) => f.category === 'ad_absolute')!;
    expect(hit.term).toBe('最好');
    expect(res.body.checkedText.body.slice(hit.start, hit.end)).toBe('最好');
    expect(res.body.checkedText.body).not.toContain('var x');
    expect(findings.some((f) => f.term === '根治')).toBe(false);
  });

  it('refuses text and html together, and oversize input, with a 4xx', async () => {
    expect((await correspondent.post('/api/compliance/check', { text: 'a', html: '<p>a</p>' })).status).toBe(400);
    expect((await correspondent.post('/api/compliance/check', { text: 'x'.repeat(200_001) })).status).toBe(400);
  });

  it('retires the hospital profile former names and never flags its published numbers or own names', async () => {
    await admin.patch('/api/hospital', { fullName: '成都市第一人民医院', shortNames: ['市一医院'], formerNames: ['成都市第一医院'], publicPhones: ['028-85420120', '13980000000'] });
    const findings = await check(editor, { text: '成都市第一医院更名为成都市第一人民医院。市一医院热线13980000000。' });
    const forbidden = findings.filter((f) => f.category === 'term_forbidden');
    expect(forbidden).toHaveLength(1);
    expect(forbidden[0]).toMatchObject({ term: '成都市第一医院', suggestion: '成都市第一人民医院' });
    expect(findings.some((f) => f.category === 'ad_absolute')).toBe(false);
    expect(findings.some((f) => f.category === 'privacy_phone')).toBe(false);
  });

  it('applies a new term, lexicon entry and allow-list word at the next check (the checker rebuilds on change)', async () => {
    expect(categories(await check(editor, { text: '请到老门诊楼挂号，小心黄牛。' }))).toEqual([]);
    const term = await editor.post('/api/terms', { canonical: '门诊综合楼', variants: ['老门诊楼'], note: '2024年更名' });
    expect(term.status).toBe(201);
    const lexicon = await editor.post('/api/lexicons', { name: '舆情风险词', category: 'sensitive', defaultSeverity: 'warn' });
    expect((await editor.post(`/api/lexicons/${lexicon.body.id}/entries`, { term: '黄牛' })).status).toBe(201);
    const after = await check(editor, { text: '请到老门诊楼挂号，小心黄牛。' });
    expect(after.find((f) => f.category === 'term_forbidden')).toMatchObject({ term: '老门诊楼', suggestion: '门诊综合楼', rule: '本院术语表' });
    expect(after.find((f) => f.category === 'sensitive')).toMatchObject({ term: '黄牛', severity: 'warn', rule: '词库：舆情风险词' });

    const allowed = await editor.post('/api/allowed-terms', { term: '黄牛', note: '科普文章中的正常用语' });
    expect(allowed.status).toBe(201);
    expect((await check(editor, { text: '小心黄牛。' })).some((f) => f.term === '黄牛')).toBe(false);
    expect((await editor.delete(`/api/allowed-terms/${allowed.body.id}`)).status).toBe(204);
    expect((await check(editor, { text: '小心黄牛。' })).some((f) => f.term === '黄牛')).toBe(true);

    await editor.patch(`/api/lexicons/${lexicon.body.id}`, { status: 'disabled' });
    expect((await check(editor, { text: '小心黄牛。' })).some((f) => f.term === '黄牛')).toBe(false);
  });
});

describe('lexicon import', () => {
  it('imports plain text and CSV, counting duplicates and naming rejected lines, in one transaction', async () => {
    const lexicon = await editor.post('/api/lexicons', { name: '导入测试', category: 'sensitive', defaultSeverity: 'info' });
    const res = await editor.post(`/api/lexicons/${lexicon.body.id}/import`, upload('words.txt', '\uFEFF号贩子\n医闹\n\n# 注释\n号贩子\n红包\n'));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ imported: 3, duplicates: 1, rejected: [] });
    const again = await editor.post(`/api/lexicons/${lexicon.body.id}/import`, upload('words.txt', '医闹\n回扣\n'));
    expect(again.body).toMatchObject({ imported: 1, duplicates: 1 });

    const csv = await editor.post(`/api/lexicons/${lexicon.body.id}/import`, upload('rules.csv', 'term,category,severity\n包治百病,medical_claim,block\n神药,unknown_category,warn\n特效,sensitive,loud\n'));
    expect(csv.body.imported).toBe(1);
    expect(csv.body.rejected.map((r: { line: number }) => r.line)).toEqual([3, 4]);
    const entries = await editor.get(`/api/lexicons/${lexicon.body.id}/entries?limit=200`);
    expect(entries.body.items.map((e: { term: string }) => e.term).sort()).toEqual(['包治百病', '医闹', '号贩子', '回扣', '红包'].sort());
    expect(entries.body.items.find((e: { term: string }) => e.term === '包治百病')).toMatchObject({ category: 'medical_claim', severity: 'block' });
    expect((await editor.get(`/api/lexicons/${lexicon.body.id}`)).body.entryCount).toBe(5);
  });

  it('refuses a file that is not UTF-8 and writes nothing', async () => {
    const lexicon = await editor.post('/api/lexicons', { name: 'GBK 测试', category: 'sensitive', defaultSeverity: 'info' });
    const form = new FormData();
    form.append('file', new Blob([Buffer.from([0xba, 0xc5, 0xb7, 0xb7, 0xd7, 0xd3, 0x0a])]), 'gbk.txt');
    const res = await editor.post(`/api/lexicons/${lexicon.body.id}/import`, form);
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].field).toBe('file');
    expect((await editor.get(`/api/lexicons/${lexicon.body.id}`)).body.entryCount).toBe(0);
  });

  it('is for editors and administrators only', async () => {
    const lexicon = await editor.post('/api/lexicons', { name: '权限测试', category: 'sensitive', defaultSeverity: 'info' });
    expect((await correspondent.post(`/api/lexicons/${lexicon.body.id}/import`, upload('w.txt', '某词\n'))).status).toBe(403);
    expect((await correspondent.post('/api/lexicons', { name: '越权', category: 'sensitive', defaultSeverity: 'info' })).status).toBe(403);
    expect((await correspondent.post('/api/terms', { canonical: '越权', variants: ['越'] })).status).toBe(403);
    expect((await correspondent.post('/api/allowed-terms', { term: '越权' })).status).toBe(403);
    expect((await correspondent.get('/api/lexicons')).status).toBe(200);
  });
});

describe('statements (口径库)', () => {
  it('go from draft to approved by someone else, back to draft with a new version when edited, and keep their history', async () => {
    const created = await editor.post('/api/statements', {
      topic: '关于门诊号源紧张的回应',
      wording: '我院已增加专家号源，并严厉打击号贩子倒号行为。',
      facts: '2026年新增专家号源1200个/月',
      tags: ['门诊', '号源'],
      validFrom: '2026-01-01',
      validTo: '2099-12-31',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'draft', version: 1 });
    const own = await editor.post(`/api/statements/${created.body.id}/approve`);
    expect(own.status).toBe(400);
    expect(own.body.error.details[0].field).toBe('approvedBy');
    expect((await correspondent.post(`/api/statements/${created.body.id}/approve`)).status).toBe(403);
    const approved = await leader.post(`/api/statements/${created.body.id}/approve`);
    expect(approved.body).toMatchObject({ status: 'approved', version: 1 });

    const edited = await editor.patch(`/api/statements/${created.body.id}`, { wording: '我院已增加专家号源，欢迎通过官方渠道预约。' });
    expect(edited.body).toMatchObject({ status: 'draft', version: 2, approvedBy: null });
    const versions = await editor.get(`/api/statements/${created.body.id}/versions`);
    expect(versions.body.items.map((v: { version: number; status: string }) => [v.version, v.status])).toEqual([[2, 'draft'], [1, 'approved']]);
    expect(versions.body.items[1].snapshot.wording).toContain('号贩子');
  });

  it('are found by Chinese full-text search on jieba tokens', async () => {
    const s = await editor.post('/api/statements', { topic: '医保报销政策解读', wording: '异地就医直接结算已覆盖全部住院费用。', tags: ['医保'] });
    await leader.post(`/api/statements/${s.body.id}/approve`);
    const hit = await editor.get(`/api/statements?q=${encodeURIComponent('异地就医')}`);
    expect(hit.body.items.map((i: { id: number }) => i.id)).toContain(s.body.id);
    const miss = await editor.get(`/api/statements?q=${encodeURIComponent('心脏移植')}`);
    expect(miss.body.items.map((i: { id: number }) => i.id)).not.toContain(s.body.id);
    expect((await editor.get(`/api/statements?tag=${encodeURIComponent('医保')}`)).body.items).toHaveLength(1);
  });

  it('show readers only approved wording, and expire after their valid-to date', async () => {
    const draft = await editor.post('/api/statements', { topic: '未审批的口径', wording: '内容待定。' });
    const old = await editor.post('/api/statements', { topic: '过期的口径', wording: '旧说法。', validFrom: '2020-01-01', validTo: '2020-12-31' });
    await leader.post(`/api/statements/${old.body.id}/approve`);
    const seen = await correspondent.get('/api/statements?limit=200');
    const ids = seen.body.items.map((i: { id: number }) => i.id);
    expect(ids).not.toContain(draft.body.id);
    expect((await correspondent.get(`/api/statements/${draft.body.id}`)).status).toBe(404);
    expect((await editor.get(`/api/statements/${old.body.id}`)).body.status).toBe('expired');
    expect((await editor.get('/api/statements?status=expired')).body.items.map((i: { id: number }) => i.id)).toContain(old.body.id);
    expect((await correspondent.post('/api/statements', { topic: '越权', wording: '越权' })).status).toBe(403);
  });

  it('refuse a valid-to before valid-from, and can be withdrawn, after which they cannot be edited', async () => {
    const bad = await editor.post('/api/statements', { topic: '日期', wording: '日期', validFrom: '2026-05-01', validTo: '2026-04-01' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].field).toBe('validTo');
    const s = await editor.post('/api/statements', { topic: '待撤回', wording: '待撤回' });
    expect((await editor.post(`/api/statements/${s.body.id}/withdraw`)).body.status).toBe('withdrawn');
    expect((await editor.patch(`/api/statements/${s.body.id}`, { wording: '再改' })).status).toBe(400);
    expect((await leader.post(`/api/statements/${s.body.id}/approve`)).status).toBe(400);
  });

  it('record every change in the audit log', async () => {
    const audit = await admin.get('/api/audit?entityType=statement&limit=200');
    const actions = new Set(audit.body.items.map((e: { action: string }) => e.action));
    expect([...actions]).toEqual(expect.arrayContaining(['statement.create', 'statement.approve', 'statement.update', 'statement.withdraw']));
  });
});

describe('Q&A preparation sheet (问答口径)', () => {
  it('exports approved statements as a Word document and refuses drafts by id', async () => {
    const a = await editor.post('/api/statements', { topic: '关于急诊候诊时间的回应', wording: '我院急诊实行分级分诊，危重患者优先救治。', facts: '2026年急诊量同比增长12%' });
    await leader.post(`/api/statements/${a.body.id}/approve`);
    const draft = await editor.post('/api/statements', { topic: '草稿', wording: '草稿' });
    const res = await fetch(`${t.url}/api/statements/qa-sheet`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: editor.cookie!, 'x-csrf-token': editor.csrfToken! },
      body: JSON.stringify({ title: '急诊舆情问答口径', statementIds: [a.body.id] }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('wordprocessingml');
    expect(decodeURIComponent(res.headers.get('content-disposition')!)).toContain('急诊舆情问答口径');
    const bytes = Buffer.from(await res.arrayBuffer());
    const documentXml = strFromU8(unzipSync(new Uint8Array(bytes))['word/document.xml']);
    expect(documentXml).toContain('急诊舆情问答口径');
    expect(documentXml).toContain('问：关于急诊候诊时间的回应');
    expect(documentXml).toContain('我院急诊实行分级分诊');
    expect(documentXml).toContain('仿宋');
    const refused = await editor.post('/api/statements/qa-sheet', { title: '含草稿', statementIds: [a.body.id, draft.body.id] });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toContain(String(draft.body.id));
  });
});

describe('statements related to a draft', () => {
  it('suggests approved, current statements that share the draft’s words, best first', async () => {
    const vaccine = await editor.post('/api/statements', { topic: '关于儿童疫苗接种的回应', wording: '我院疫苗接种门诊严格执行冷链管理，疫苗来源可追溯。', tags: ['疫苗'] });
    const parking = await editor.post('/api/statements', { topic: '停车难问题', wording: '我院已新建立体停车楼。' });
    await leader.post(`/api/statements/${vaccine.body.id}/approve`);
    await leader.post(`/api/statements/${parking.body.id}/approve`);
    const draftOnly = await editor.post('/api/statements', { topic: '疫苗草稿', wording: '疫苗接种疫苗冷链' });

    const res = await correspondent.post('/api/statements/related', { text: '近日有家长在网上询问我院疫苗接种门诊的冷链管理情况，疫苗是否可追溯。' });
    expect(res.status).toBe(200);
    const ids = res.body.items.map((i: { id: number }) => i.id);
    expect(ids[0]).toBe(vaccine.body.id);
    expect(ids).not.toContain(parking.body.id);
    expect(ids).not.toContain(draftOnly.body.id);
    expect(res.body.items[0].score).toBeGreaterThan(0);
    expect((await correspondent.post('/api/statements/related', { text: '的了是' })).body.items).toEqual([]);
  });
});
