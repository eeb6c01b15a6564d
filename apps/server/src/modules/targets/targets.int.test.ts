import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docxPictures, pngSignature } from '../../platform/office-report.fixture.ts';
import { seriesShapes } from '../../platform/report-charts.fixture.ts';
import type { ApiClient } from '../../test/api-client.ts';
import { makeDepartment, makeUser, signedIn } from '../../test/factories.ts';
import { startTestServer, type TestServer } from '../../test/test-server.ts';
import { chinaYearOf } from './plan-calendar.ts';
import { seedDepartmentNames, seedWorkbook as seedLayout } from './seed-table.fixture.ts';

const year = chinaYearOf(new Date());
let t: TestServer;
let admin: ApiClient;
let editor: ApiClient;
let leader: ApiClient;
let writer: ApiClient;
let reviewer: ApiClient;
let youthWriter: { id: number };
let dept: Record<string, number>;
let website: { id: number };
let board: { id: number };
let plan: { id: number };

beforeAll(async () => {
  t = await startTestServer();
  admin = await t.admin();
  dept = {};
  for (const name of seedDepartmentNames) dept[name] = (await makeDepartment(admin, { name, kind: 'functional' })).id;
  editor = await signedIn(t.url, await makeUser(admin, { departmentId: dept.党办, roles: ['editor'], username: 'zhanghj', displayName: '张华君' }));
  leader = await signedIn(t.url, await makeUser(admin, { departmentId: dept.院办, roles: ['leader'], username: 'vp-li', displayName: '李副院长' }));
  writer = await signedIn(t.url, await makeUser(admin, { departmentId: dept.基保科, roles: ['correspondent'] }));
  reviewer = await signedIn(t.url, await makeUser(admin, { departmentId: dept.基保科, roles: ['dept_reviewer'] }));
  youthWriter = await makeUser(admin, { departmentId: dept.团支部, roles: ['correspondent'] });
  for (const departmentId of [dept.药剂科, dept.检验科]) await makeUser(admin, { departmentId, displayName: '王芳' });
  website = (await editor.post('/api/channels', { kind: 'website', name: '医院官网', ownerDepartmentId: dept.党办 })).body;
  board = (await editor.post('/api/channels', { kind: 'bulletin_board', name: '门诊宣传栏', ownerDepartmentId: dept.党办 })).body;
  plan = (await editor.post('/api/targets/plans', { year, name: `${year}年宣传工作目标任务分解表` })).body;
}, 120_000);
afterAll(() => t.close());

const seedWorkbook = (total?: string) => seedLayout({ year, total, people: ['张华君', 'VP-LI'] });

async function structuredWorkbook(rows: (string | number)[][]) {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('目标任务分解表');
  sheet.addRow(['科室', '指标', '目标数', '周期', '备注', '责任人', '分管领导']);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function upload(client: ApiClient, planId: number, content: Buffer, dryRun: boolean) {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(content)], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }), 'targets.xlsx');
  return client.request('POST', `/api/targets/plans/${planId}/import${dryRun ? '?dryRun=true' : ''}`, form);
}

async function download(client: ApiClient, path: string) {
  const res = await fetch(t.url + path, { headers: { cookie: client.cookie! } });
  return { status: res.status, type: res.headers.get('content-type') ?? '', disposition: res.headers.get('content-disposition') ?? '', content: Buffer.from(await res.arrayBuffer()) };
}

async function openWorkbook(content: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(content as unknown as ArrayBuffer);
  return workbook;
}

const sheetText = (sheet: ExcelJS.Worksheet) => {
  const rows: string[][] = [];
  sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))));
  return rows;
};

/** A 基保科 correspondent's article through the department and publicity reviews. */
async function approvedArticle(title: string, overrides: Record<string, unknown> = {}) {
  const created = await writer.post('/api/articles', { title, body: `<p>${title}，群众反响良好。</p>`, category: 'news', ...overrides });
  expect(created.status).toBe(201);
  await writer.post(`/api/articles/${created.body.id}/submit`, {});
  await reviewer.post(`/api/articles/${created.body.id}/review`, { decision: 'approve' });
  const approved = await editor.post(`/api/articles/${created.body.id}/review`, { decision: 'approve' });
  expect(approved.body.status).toBe('approved');
  return created.body.id as number;
}

async function publish(articleId: number, channelId: number, scheduledAt?: Date) {
  const res = await editor.post('/api/publications', { articleId, channelId, ...(scheduledAt ? { scheduledAt: scheduledAt.toISOString() } : {}) });
  expect(res.status).toBe(201);
}

type Line = { id: number; departmentId: number; metric: string; period: string; target: number; done: number; expected: number; behind: boolean; sourceAvailable: boolean; text: string };
const progressOf = async (client: ApiClient, planId = plan.id) => (await client.get(`/api/targets/plans/${planId}/progress`)).body as { items: Line[]; totals: (Line & { yearTarget: number })[] };
const lineOf = (lines: Line[], department: string, metric: string) => lines.find((l) => l.departmentId === dept[department] && l.metric === metric)!;

describe('importing the seed table', () => {
  it('previews every line without saving, then imports it all and reproduces the 78-piece total', async () => {
    const preview = await upload(editor, plan.id, await seedWorkbook(), true);
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ dryRun: true, imported: 0, errors: [] });
    expect(preview.body.items).toHaveLength(28);
    expect(preview.body.items[2]).toMatchObject({ row: 5, departmentName: '党办', metric: 'tv_report', target: 16, note: '县电视台新闻报道，12篇新闻，4篇专题', responsible: '张华君', supervisor: 'VP-LI' });
    expect((await progressOf(editor)).items).toEqual([]);

    const imported = await upload(editor, plan.id, await seedWorkbook(), false);
    expect(imported.body).toMatchObject({ dryRun: false, imported: 28, errors: [] });
    const progress = await progressOf(editor);
    expect(progress.items).toHaveLength(28);
    expect(progress.totals.find((l) => l.metric === 'info' && l.period === 'year')).toMatchObject({ target: 78, text: '78篇信息' });
    expect(lineOf(progress.items, '党办', 'weibo')).toMatchObject({ target: 10, period: 'month', yearTarget: 120, text: '微博每月10条' });
    expect(lineOf(progress.items, '基保科', 'info').text).toBe('12篇信息（其中5次群众宣传活动）');
    const party = (await editor.get(`/api/targets/plans/${plan.id}/progress`)).body.items.find((l: { departmentId: number }) => l.departmentId === dept.党办);
    expect(party).toMatchObject({ responsibleName: '张华君', supervisorName: '李副院长' });
  });

  it('refuses a second import of the same lines, each row saying why', async () => {
    const again = await upload(editor, plan.id, await seedWorkbook(), false);
    expect(again.body.imported).toBe(0);
    expect(again.body.errors).toHaveLength(28);
    expect(again.body.errors[0]).toEqual({ row: 3, message: '计划中已有党办的“22篇信息”这一指标' });
    expect((await progressOf(editor)).items).toHaveLength(28);
  });

  it('gives row-level errors for bad rows and saves nothing, not even the good rows', async () => {
    const other = (await editor.post('/api/targets/plans', { year, name: '新媒体目标' })).body;
    const workbook = await structuredWorkbook([
      ['不存在科', '信息', 3],
      ['基保科', '义诊', 3],
      ['基保科', '信息', '三篇'],
      ['基保科', '微博', 10, '季'],
      ['护理部', '信息', 3, '', '', '查无此人'],
      ['医务科', '信息', 3],
      ['药剂科', '信息', 2, '', '', '王芳'],
    ]);
    const result = await upload(editor, other.id, workbook, false);
    expect(result.status).toBe(200);
    expect(result.body.imported).toBe(0);
    expect(result.body.errors.map((e: { row: number }) => e.row)).toEqual([2, 3, 4, 5, 6, 8]);
    expect(result.body.errors[0].message).toBe('科室“不存在科”不存在');
    expect(result.body.errors[5].message).toContain('有多名用户叫“王芳”');
    const english = await editor.request('POST', `/api/targets/plans/${other.id}/import?dryRun=true`, (() => {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(workbook)]), 'targets.xlsx');
      return form;
    })(), { 'accept-language': 'en' });
    expect(english.body.errors[0].message).toBe('No department “不存在科”');
    expect((await progressOf(editor, other.id)).items).toEqual([]);

    const wrongTotal = await upload(editor, other.id, await seedWorkbook('80篇信息'), true);
    expect(wrongTotal.body.errors).toEqual([{ row: 31, message: '合计“80篇信息”与各科室之和 78 不符' }]);
    const notXlsx = await upload(editor, other.id, Buffer.from('科室,目标数\n党办,22篇信息'), true);
    expect(notXlsx.status).toBe(400);
    expect(notXlsx.body.error.details[0].field).toBe('file');
  });

  it('offers a template with the headings and the hospital’s departments, which imports back', async () => {
    const template = await download(editor, `/api/targets/plans/${plan.id}/import-template.xlsx`);
    expect(template.status).toBe(200);
    expect(template.disposition).toContain(encodeURIComponent('导入模板'));
    const workbook = await openWorkbook(template.content);
    expect(sheetText(workbook.getWorksheet('目标任务分解表')!)[1]).toEqual(['科室', '指标', '目标数', '周期', '备注', '责任人', '分管领导']);
    expect(sheetText(workbook.getWorksheet('科室')!).flat()).toEqual(expect.arrayContaining(['科室', '基保科', '党办']));

    const sheet = workbook.getWorksheet('目标任务分解表')!;
    sheet.getRow(3).values = ['基保科', '科普', 4];
    sheet.getRow(4).values = ['基保科', '网站', 6, '年', '', 'zhanghj'];
    const result = await upload(editor, plan.id, Buffer.from(await workbook.xlsx.writeBuffer()), false);
    expect(result.body).toMatchObject({ imported: 2, errors: [] });
    expect(lineOf((await progressOf(editor)).items, '基保科', 'website')).toMatchObject({ target: 6, text: '网站6篇' });
  });
});

describe('progress from what was published', () => {
  it('counts a department’s article once across channels, by channel kind and category, and via its authors’ departments', async () => {
    const news = await approvedArticle('基保科开展世界人口日群众宣传活动');
    await publish(news, website.id);
    await publish(news, board.id);
    const science = await approvedArticle('孕期营养科普', { category: 'science' });
    await publish(science, website.id);
    const byEditor = await editor.post('/api/articles', {
      title: '团支部青年志愿者走进基保科', body: '<p>青年志愿者开展义诊服务。</p>', category: 'news', departmentId: dept.基保科,
      credits: [{ role: '供稿', name: '团支部', userId: youthWriter.id }],
    });
    await editor.post(`/api/articles/${byEditor.body.id}/submit`, {});
    await reviewer.post(`/api/articles/${byEditor.body.id}/review`, { decision: 'approve' });
    // The editor wrote it, so another editor takes the publicity step: nobody approves their own article.
    const secondEditor = await signedIn(t.url, await makeUser(admin, { departmentId: dept.党办, roles: ['editor'] }));
    expect((await secondEditor.post(`/api/articles/${byEditor.body.id}/review`, { decision: 'approve' })).body.status).toBe('approved');
    await publish(byEditor.body.id, website.id);
    const later = await approvedArticle('下月刊发的稿件');
    await publish(later, website.id, new Date(Date.now() + 86_400_000));
    const lastYear = await approvedArticle('去年的稿件');
    await publish(lastYear, website.id, new Date(`${year - 1}-12-31T12:00:00+08:00`));

    const progress = await progressOf(editor);
    expect(lineOf(progress.items, '基保科', 'info').done).toBe(3);
    expect(lineOf(progress.items, '基保科', 'website').done).toBe(3);
    expect(lineOf(progress.items, '基保科', 'science').done).toBe(1);
    expect(lineOf(progress.items, '团支部', 'info').done).toBe(1);
    expect(lineOf(progress.items, '党办', 'info').done).toBe(1);
    expect(lineOf(progress.items, '党办', 'weibo').done).toBe(0);
    expect(lineOf(progress.items, '护理部', 'info').done).toBe(0);
    expect(lineOf(progress.items, '党办', 'newspaper_report')).toMatchObject({ done: 0, sourceAvailable: false, behind: false });
    expect(progress.totals.find((l) => l.metric === 'info')).toMatchObject({ target: 78, done: 5 });
  });

  it('drills down from a number to the pieces behind it, each with the channels that carried it', async () => {
    const progress = await progressOf(editor);
    const pieces = await editor.get(`/api/targets/plans/${plan.id}/items/${lineOf(progress.items, '基保科', 'info').id}/pieces`);
    expect(pieces.status).toBe(200);
    expect(pieces.body.items.map((p: { title: string }) => p.title)).toEqual(['团支部青年志愿者走进基保科', '孕期营养科普', '基保科开展世界人口日群众宣传活动']);
    expect(pieces.body.items[2].carriedBy.map((c: { kind: string; where: string }) => [c.kind, c.where])).toEqual([
      ['website', '医院官网'],
      ['bulletin_board', '门诊宣传栏'],
    ]);
    const youth = await editor.get(`/api/targets/plans/${plan.id}/items/${lineOf(progress.items, '团支部', 'info').id}/pieces`);
    expect(youth.body.items).toEqual([expect.objectContaining({ title: '团支部青年志愿者走进基保科', attribution: 'author' })]);
    const newspaper = await editor.get(`/api/targets/plans/${plan.id}/items/${lineOf(progress.items, '党办', 'newspaper_report').id}/pieces`);
    expect(newspaper.body).toEqual({ sourceAvailable: false, items: [], nextCursor: null });
  });
});

describe('evaluations', () => {
  it('freeze progress with rates, scores and a ranking that later publications do not change', async () => {
    const created = await editor.post(`/api/targets/plans/${plan.id}/evaluations`, { kind: 'year_end' });
    expect(created.status).toBe(201);
    const evaluation = created.body;
    const basic = evaluation.departments.find((d: { departmentId: number }) => d.departmentId === dept.基保科);
    // info 3/12, science 1/4, website 3/6: (0.25 + 0.25 + 0.5) / 3.
    expect(basic).toMatchObject({ items: 3, counted: 3, score: 33.3, rate: 0.3182, rank: 2 });
    expect(evaluation.departments[0]).toMatchObject({ departmentId: dept.团支部, score: 100, rank: 1 });
    const party = evaluation.departments.find((d: { departmentId: number }) => d.departmentId === dept.党办);
    expect(party).toMatchObject({ items: 4, counted: 2, score: 2.3 });
    expect(evaluation.items.find((i: { departmentId: number; metric: string }) => i.departmentId === dept.党办 && i.metric === 'tv_report')).toMatchObject({ counted: false, done: 0, expected: 16 });
    expect(evaluation.departments.find((d: { departmentId: number }) => d.departmentId === dept.护理部)).toMatchObject({ score: 0 });
    expect(evaluation.scoringRule).toContain('得分');

    await publish(await approvedArticle('考核之后刊发的稿件'), website.id);
    expect(lineOf((await progressOf(editor)).items, '基保科', 'info').done).toBe(4);
    const reread = await editor.get(`/api/targets/plans/${plan.id}/evaluations/${evaluation.id}`);
    expect(reread.body.items).toEqual(evaluation.items);
    expect(reread.body.departments).toEqual(evaluation.departments);

    const duplicate = await editor.post(`/api/targets/plans/${plan.id}/evaluations`, { kind: 'year_end' });
    expect(duplicate.status).toBe(409);
  });

  it('evaluates the first half against half the year’s target, and can be deleted and taken again', async () => {
    const half = (await editor.post(`/api/targets/plans/${plan.id}/evaluations`, { kind: 'half_year' })).body;
    expect(new Date(half.windowTo).toISOString()).toBe(new Date(`${year}-07-01T00:00:00+08:00`).toISOString());
    const info = half.items.find((i: { departmentId: number; metric: string }) => i.departmentId === dept.基保科 && i.metric === 'info');
    expect(info.expected).toBe(6);
    expect(info.done).toBe(Date.now() < new Date(half.windowTo).getTime() ? 4 : 0);
    expect((await editor.delete(`/api/targets/plans/${plan.id}/evaluations/${half.id}`)).status).toBe(204);
    expect((await editor.get(`/api/targets/plans/${plan.id}/evaluations/${half.id}`)).status).toBe(404);
    expect((await editor.post(`/api/targets/plans/${plan.id}/evaluations`, { kind: 'half_year' })).status).toBe(201);
    expect((await editor.get(`/api/targets/plans/${plan.id}/evaluations`)).body.items.map((e: { kind: string }) => e.kind).sort()).toEqual(['half_year', 'year_end']);
  });
});

describe('exports', () => {
  it('exports the plan in the seed layout with progress columns and the 合计 row, and the export imports back', async () => {
    const file = await download(leader, `/api/targets/plans/${plan.id}/export.xlsx`);
    expect(file.status).toBe(200);
    expect(file.type).toContain('spreadsheetml');
    const rows = sheetText((await openWorkbook(file.content)).worksheets[0]);
    expect(rows[0][0]).toBe(`${year}年宣传工作目标任务分解表`);
    expect(rows[2]).toEqual(['科室', '目标数', '责任人', '分管领导', '完成数', '应完成（按时间进度）', '完成率', '进度']);
    expect(rows[3].slice(0, 4)).toEqual(['党办', '22篇信息', '张华君', '李副院长']);
    const total = rows.find((r) => r[0] === '合计' && r[1] === '78篇信息');
    expect(total?.[4]).toBe('6');
    expect(rows.filter((r) => r[0] === '合计').map((r) => r[1])).toEqual(
      expect.arrayContaining(['78篇信息', '20（报刊新闻报道）', '16（电视台新闻报道）', '微博每月10条']),
    );

    const copy = (await editor.post('/api/targets/plans', { year, name: '导出再导入' })).body;
    const reimported = await upload(editor, copy.id, file.content, true);
    expect(reimported.body.errors).toEqual([]);
    expect(reimported.body.items).toHaveLength(30);
  });

  it('exports an evaluation as .xlsx and as a .docx report', async () => {
    const [evaluation] = (await editor.get(`/api/targets/plans/${plan.id}/evaluations`)).body.items.filter((e: { kind: string }) => e.kind === 'year_end');
    const workbook = await download(editor, `/api/targets/plans/${plan.id}/evaluations/${evaluation.id}/export.xlsx`);
    const sheets = await openWorkbook(workbook.content);
    const ranking = sheetText(sheets.getWorksheet('考核结果')!);
    expect(ranking[0][0]).toBe(`${year}年宣传工作目标任务分解表年终考核`);
    expect(ranking[2]).toEqual(['排名', '科室', '目标项数', '计分项数', '完成率', '得分']);
    expect(ranking[3].slice(0, 2)).toEqual(['1', '团支部']);
    expect(sheetText(sheets.getWorksheet('目标完成明细')!).some((r) => r[0] === '基保科' && r[1] === '12篇信息（其中5次群众宣传活动）')).toBe(true);

    const report = await download(editor, `/api/targets/plans/${plan.id}/evaluations/${evaluation.id}/report.docx`);
    expect(report.type).toContain('wordprocessingml');
    const xml = strFromU8(unzipSync(new Uint8Array(report.content))['word/document.xml']);
    expect(xml).toContain('年终考核');
    expect(xml).toContain('基保科');
    expect(xml).toContain('媒体报道登记');
    // Under the ranking, the chart of the rates: an SVG for Word and WPS, a PNG for older readers, one bar per rated department.
    const [chart, ...others] = docxPictures(new Uint8Array(report.content));
    expect(others).toEqual([]);
    expect(chart.title).toBe('图1　各科室目标完成率');
    expect(chart.svg.path).toMatch(/^word\/media\/.+\.svg$/);
    expect(chart.png.path).toMatch(/^word\/media\/.+\.png$/);
    expect([...chart.png.bytes.subarray(0, 8)]).toEqual(pngSignature);
    const rated = (await editor.get(`/api/targets/plans/${plan.id}/evaluations/${evaluation.id}`)).body.departments.filter((d: { rate: number | null }) => d.rate !== null);
    expect(rated.length).toBeGreaterThan(1);
    expect(seriesShapes(chart.svg.text!, 0)).toHaveLength(rated.length);
    for (const d of rated) expect(chart.svg.text).toContain(`>${d.departmentName}</text>`);
    expect(xml.indexOf('</w:tbl>')).toBeLessThan(xml.indexOf('<w:drawing>'));
  });
});

describe('the dashboard reminder', () => {
  it('lists lines behind the time-proportional target, never those that cannot be counted yet, scoped to the department', async () => {
    const unreachable = await editor.post(`/api/targets/plans/${plan.id}/items`, { departmentId: dept.基保科, metric: 'wechat', target: 100_000, period: 'year' });
    expect(unreachable.status).toBe(201);
    const behind = (await editor.get('/api/targets/behind')).body.items as (Line & { planName: string })[];
    expect(behind).toContainEqual(expect.objectContaining({ id: unreachable.body.id, behind: true, planName: `${year}年宣传工作目标任务分解表` }));
    expect(behind.every((l) => l.done < l.expected && l.sourceAvailable)).toBe(true);
    const own = (await writer.get('/api/targets/behind')).body.items as Line[];
    expect(own.map((l) => l.id)).toContain(unreachable.body.id);
    expect(own.every((l) => l.departmentId === dept.基保科)).toBe(true);
  });
});

describe('roles and department scoping', () => {
  it('lets editors and administrators manage, leaders read everything, and departments read only their own lines', async () => {
    const body = { departmentId: dept.护理部, metric: 'science', target: 2, period: 'year' };
    for (const client of [leader, writer, reviewer]) {
      expect((await client.post('/api/targets/plans', { year, name: '无权创建' })).status).toBe(403);
      expect((await client.post(`/api/targets/plans/${plan.id}/items`, body)).status).toBe(403);
      expect((await upload(client, plan.id, await seedWorkbook(), true)).status).toBe(403);
      expect((await client.post(`/api/targets/plans/${plan.id}/evaluations`, { kind: 'year_end' })).status).toBe(403);
    }
    expect((await admin.post(`/api/targets/plans/${plan.id}/items`, body)).status).toBe(201);
    expect((await editor.post(`/api/targets/plans/${plan.id}/items`, body)).status).toBe(409);

    expect((await progressOf(leader)).items.length).toBeGreaterThan(28);
    const own = await progressOf(writer);
    expect(own.items.length).toBeGreaterThan(0);
    expect(own.items.every((l) => l.departmentId === dept.基保科)).toBe(true);
    const nursing = lineOf((await progressOf(editor)).items, '护理部', 'info');
    expect((await writer.get(`/api/targets/plans/${plan.id}/items/${nursing.id}/pieces`)).status).toBe(404);
    expect((await reviewer.get(`/api/targets/plans/${plan.id}/items/${lineOf(own.items, '基保科', 'info').id}/pieces`)).status).toBe(200);

    const [evaluation] = (await writer.get(`/api/targets/plans/${plan.id}/evaluations`)).body.items;
    const mine = (await writer.get(`/api/targets/plans/${plan.id}/evaluations/${evaluation.id}`)).body;
    expect(new Set(mine.items.map((i: { departmentId: number }) => i.departmentId))).toEqual(new Set([dept.基保科]));
    expect(mine.departments).toEqual([expect.objectContaining({ departmentId: dept.基保科 })]);
    const file = await download(writer, `/api/targets/plans/${plan.id}/export.xlsx`);
    const departments = sheetText((await openWorkbook(file.content)).worksheets[0]).slice(3).map((r) => r[0]);
    expect(new Set(departments)).toEqual(new Set(['基保科', '合计']));
    expect((await t.client().get(`/api/targets/plans/${plan.id}/progress`)).status).toBe(401);
  });

  it('documents its routes in the OpenAPI reference', async () => {
    const paths = Object.keys((await t.client().get('/api/openapi.json')).body.paths);
    for (const path of ['/api/targets/plans/{id}/import', '/api/targets/plans/{id}/progress', '/api/targets/plans/{id}/evaluations/{evalId}/report.docx']) expect(paths).toContain(path);
  });

  it('records every change in the audit log', async () => {
    const actions = new Set<string>();
    for (const entityType of ['target_plan', 'target_item', 'evaluation']) {
      for (const entry of (await admin.get(`/api/audit?entityType=${entityType}&limit=200`)).body.items) actions.add(entry.action);
    }
    for (const action of ['target_plan.create', 'target_plan.import', 'target_item.create', 'evaluation.create', 'evaluation.delete']) expect(actions).toContain(action);
  });
});
