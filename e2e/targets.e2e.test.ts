import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import type { Download, Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { seedDepartmentNames, seedWorkbook } from '../apps/server/src/modules/targets/seed-table.fixture.ts';
import { adminApi, type ApiSession, apiSession, buttonName, chooseOption, openConsole, openMenuPage, screenshot, searchOption, signIn, useBrowser } from './browser.ts';

/** Names of its own (every spec shares one server); the departments are the seed table's. */
const editor = { username: 'targets-editor', password: 'Mubiao#2026ed', displayName: '周宣传' };
const leader = { username: 'targets-leader', password: 'Fenguan#2026ld', displayName: '李院长' };
const correspondent = { username: 'targets-writer', password: 'Jibao#2026wr', displayName: '孙通讯' };
const reviewer = { username: 'targets-reviewer', password: 'Keshen#2026rv', displayName: '钱主任' };
const website = '医院门户网站';
const title = '基保科开展世界人口日群众宣传活动';
const year = Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()));

useBrowser();

/** Another spec may have made one of the seed's departments already: names are unique, so it is looked up. */
async function ensureDepartment(admin: ApiSession, name: string): Promise<number> {
  const created = await admin.request.post('/api/departments', { headers: admin.headers, data: { name, kind: 'functional' } });
  if (created.status() === 201) return ((await created.json()) as { id: number }).id;
  const found = (await (await admin.request.get(`/api/departments?q=${encodeURIComponent(name)}&limit=200`)).json()) as { items: { id: number; name: string }[] };
  return found.items.find((d) => d.name === name)!.id;
}

/** The correspondent's article through 科室审核 and 宣传部审核, then on the website. */
async function publishArticle(website: number): Promise<void> {
  const writer = await apiSession(correspondent.username, correspondent.password);
  const created = await writer.request.post('/api/articles', { headers: writer.headers, data: { title, body: `<p>${title}，为群众提供健康咨询。</p>`, category: 'news' } });
  const { id } = (await created.json()) as { id: number };
  expect((await writer.request.post(`/api/articles/${id}/submit`, { headers: writer.headers, data: {} })).status()).toBe(200);
  for (const user of [reviewer, editor]) {
    const api = await apiSession(user.username, user.password);
    expect((await api.request.post(`/api/articles/${id}/review`, { headers: api.headers, data: { decision: 'approve' } })).status()).toBe(200);
    if (user === editor) expect((await api.request.post('/api/publications', { headers: api.headers, data: { articleId: id, channelId: website } })).status()).toBe(201);
    await api.close();
  }
  await writer.close();
}

async function downloaded(page: Page, trigger: Locator): Promise<{ name: string; content: Buffer }> {
  const [download] = (await Promise.all([page.waitForEvent('download'), trigger.click()])) as [Download, void];
  return { name: download.suggestedFilename(), content: await readFile((await download.path())!) };
}

async function sheetRows(content: Buffer, sheet: string | number): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(content as unknown as ArrayBuffer);
  const rows: string[][] = [];
  (typeof sheet === 'number' ? workbook.worksheets[sheet] : workbook.getWorksheet(sheet))!.eachRow((row) =>
    rows.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))),
  );
  return rows;
}

beforeAll(async () => {
  const admin = await adminApi();
  const departments = new Map<string, number>();
  for (const name of seedDepartmentNames) departments.set(name, await ensureDepartment(admin, name));
  for (const [user, department, role] of [
    [editor, '党办', 'editor'],
    [leader, '院办', 'leader'],
    [correspondent, '基保科', 'correspondent'],
    [reviewer, '基保科', 'dept_reviewer'],
  ] as const) {
    const created = await admin.request.post('/api/users', { headers: admin.headers, data: { ...user, departmentId: departments.get(department), roles: [role] } });
    expect(created.status()).toBe(201);
  }
  const channel = await admin.request.post('/api/channels', { headers: admin.headers, data: { kind: 'website', name: website, ownerDepartmentId: departments.get('党办') } });
  expect(channel.status()).toBe(201);
  const websiteId = ((await channel.json()) as { id: number }).id;
  await admin.close();
  await publishArticle(websiteId);
}, 120_000);

describe('targets (目标任务分解 and 考核): import, progress, evaluation, export', () => {
  it('imports the seed table after a preview, shows progress from what was published, evaluates and exports', async () => {
    const { context, page } = await openConsole();
    await signIn(page, editor.username, editor.password);
    await page.getByTestId('dashboard-greeting').waitFor();
    await openMenuPage(page, '目标考核', '目标计划');
    await page.waitForURL('**/targets/plans');

    await page.getByRole('button', { name: '新建计划' }).click();
    const planDialog = page.getByRole('dialog', { name: '新建计划' });
    await expect.poll(() => planDialog.getByLabel('计划名称').inputValue()).toBe(`${year}年宣传工作目标任务分解表`);
    await planDialog.getByRole('button', { name: buttonName('保存') }).click();
    await page.waitForURL(/\/targets\/plans\/\d+$/);

    await page.getByRole('button', { name: '导入分解表' }).click();
    const importDialog = page.getByRole('dialog', { name: '导入目标任务分解表' });
    const people: [string, string] = [editor.username, leader.username];
    await importDialog.locator('input[type=file]').setInputFiles({ name: '分解表-合计有误.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await seedWorkbook({ year, total: '80篇信息', people }) });
    await expect.poll(() => importDialog.getByTestId('import-preview').textContent()).toContain('合计“80篇信息”与各科室之和 78 不符');
    expect(await importDialog.getByRole('button', { name: /确认导入/ }).isDisabled()).toBe(true);
    await screenshot(page, 'targets-01-import-errors');

    await importDialog.locator('input[type=file]').setInputFiles({ name: '2024年宣传工作目标任务分解表.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await seedWorkbook({ year, people }) });
    await expect.poll(() => importDialog.getByTestId('import-preview').textContent()).toContain('预览无误：共 28 项目标');
    await screenshot(page, 'targets-02-import-preview');
    await importDialog.getByRole('button', { name: '确认导入 28 项' }).click();
    await importDialog.waitFor({ state: 'hidden' });

    const basicDone = page.getByRole('button', { name: '查看基保科“12篇信息（其中5次群众宣传活动）”的完成明细' });
    await expect.poll(() => basicDone.textContent()).toBe('1');
    await expect.poll(() => page.getByTestId('target-total').first().textContent()).toContain('78篇信息');
    const partyRow = page.getByRole('row', { name: /22篇信息/ });
    await expect.poll(() => partyRow.textContent()).toContain(editor.displayName);
    await expect.poll(() => page.locator('tr.ant-table-row', { hasText: '20（报刊新闻报道）' }).textContent()).toContain('暂不计数');
    await screenshot(page, 'targets-03-progress');

    await basicDone.click();
    const drawer = page.getByRole('dialog', { name: '基保科 · 12篇信息（其中5次群众宣传活动）' });
    await expect.poll(() => drawer.getByRole('row', { name: new RegExp(title) }).textContent()).toContain(website);
    await screenshot(page, 'targets-04-drill-down');
    await drawer.getByRole('button', { name: /close|关闭/i }).click();
    await drawer.waitFor({ state: 'hidden' });

    const planExport = await downloaded(page, page.getByRole('link', { name: /导出 Excel/ }));
    expect(planExport.name).toMatch(/\.xlsx$/);
    const exported = await sheetRows(planExport.content, 0);
    expect(exported[2].slice(0, 4)).toEqual(['科室', '目标数', '责任人', '分管领导']);
    expect(exported.find((r) => r[0] === '合计' && r[1] === '78篇信息')?.[4]).toBe('1');

    await page.getByRole('button', { name: '发起年终考核' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: buttonName('确定') }).click();
    await page.waitForURL(/\/evaluations\/\d+$/);
    const ranking = page.getByTestId('evaluation-ranking');
    await expect.poll(() => ranking.getByRole('row', { name: /基保科/ }).textContent()).toContain('8.3');
    await expect.poll(() => page.getByTestId('scoring-rule').textContent()).toContain('单项最高按 100% 计');
    await screenshot(page, 'targets-05-evaluation');

    const workbook = await downloaded(page, page.getByRole('link', { name: /导出 Excel/ }));
    expect(workbook.name).toBe(`${year}年宣传工作目标任务分解表年终考核-${new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date())}.xlsx`);
    const ranked = await sheetRows(workbook.content, '考核结果');
    expect(ranked[3].slice(0, 2)).toEqual(['1', '基保科']);
    const report = await downloaded(page, page.getByRole('link', { name: /导出 Word 报告/ }));
    expect(report.name).toMatch(/年终考核-.*\.docx$/);
    expect(report.content.subarray(0, 2).toString('latin1')).toBe('PK');

    await page.getByRole('link', { name: '返回计划' }).click();
    await page.getByRole('button', { name: '添加目标' }).click();
    const itemDialog = page.getByRole('dialog', { name: '添加目标' });
    await searchOption(page, itemDialog.getByLabel('科室'), '基保科');
    await chooseOption(page, itemDialog.getByLabel('指标'), '微信');
    await itemDialog.getByLabel('目标数量').fill('100000');
    await itemDialog.getByRole('button', { name: buttonName('保存') }).click();
    await itemDialog.waitFor({ state: 'hidden' });
    const wechatRow = page.locator('tr.ant-table-row', { hasText: '微信100000篇' });
    await expect.poll(() => wechatRow.textContent()).toContain('落后');
    expect(await wechatRow.getAttribute('class')).toContain('target-row-behind');

    await page.goto('/');
    await expect.poll(() => page.getByTestId('targets-behind').textContent()).toContain('基保科：微信100000篇，已完成 0');
    await screenshot(page, 'targets-06-dashboard-reminder');
    await context.close();
  });
});
