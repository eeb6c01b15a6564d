import { beforeAll, describe, expect, inject, it } from 'vitest';
import { buttonName, chooseOption, newContext, openConsole, openMenuPage, screenshot, signIn, signOut, useBrowser } from './browser.ts';
import { solidPng } from './images.ts';

const baseUrl = inject('baseUrl');
const adminPassword = inject('adminPassword');

/** Names of its own: every spec file shares one server. */
const officer = { username: 'opinion-officer', password: 'Yuqing#2026oo', displayName: '舆情专员小周' };
const nurse = { username: 'opinion-nurse', password: 'Hushi#2026on', displayName: '护士小林' };
const alias = '滨江一院';
const violence = '滨江一院急诊科今晚发生伤医事件，一名护士被患者家属持刀砍伤，警方已到场处置。';
const violenceRepost = `转发微博 //@热心市民: ${violence}`;
const queue = '滨江一院门诊排队太久了，等了两个小时才看上病。';
const praise = '感谢滨江一院儿科的医生护士，孩子康复出院了，医术精湛，服务贴心！';
const parking = '滨江一院停车场收费太贵，停两个小时要三十块。';

let token: string;
let sourceId: number;

useBrowser();

/** Pushes mentions the way a data vendor does: POST /api/opinion/ingest with an API token. */
async function push(mentions: { id: string; text: string; author: string }[]) {
  const response = await fetch(`${baseUrl}/api/opinion/ingest`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-rongmei-source': String(sourceId) },
    body: JSON.stringify({ mentions: mentions.map((m) => ({ ...m, title: '', published_at: new Date().toISOString() })) }),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as { inserted: number };
}

beforeAll(async () => {
  const context = await newContext();
  const login = await context.request.post('/api/auth/login', { data: { username: 'admin', password: adminPassword } });
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const headers = { 'x-csrf-token': csrfToken };
  const me = (await (await context.request.get('/api/auth/me')).json()) as { departmentId: number };
  const created = await context.request.post('/api/users', { headers, data: { ...officer, departmentId: me.departmentId, roles: ['opinion_officer'] } });
  expect(created.status()).toBe(201);
  expect((await context.request.post('/api/users', { headers, data: { ...nurse, departmentId: me.departmentId, roles: ['correspondent'] } })).status()).toBe(201);
  const officerId = ((await created.json()) as { id: number }).id;
  const issued = await context.request.post('/api/api-tokens', {
    headers,
    data: { name: '舆情服务商（e2e）', scopes: ['write'], expiresAt: new Date(Date.now() + 86_400_000).toISOString(), userId: officerId },
  });
  expect(issued.status()).toBe(201);
  token = ((await issued.json()) as { token: string }).token;
  // The hospital's short name as a watch rule: the analysis then knows these posts are about it.
  expect((await context.request.post('/api/opinion/watch-rules', { headers, data: { kind: 'alias', term: alias } })).status()).toBe(201);
  const source = await context.request.post('/api/opinion/sources', { headers, data: { kind: 'push', name: '微博舆情服务（e2e）' } });
  expect(source.status()).toBe(201);
  sourceId = ((await source.json()) as { id: number }).id;
  await context.close();
  expect(
    await push([
      { id: 'e2e-1', text: queue, author: '患者小王' },
      { id: 'e2e-2', text: praise, author: '宝妈' },
      { id: 'e2e-3', text: violence, author: '滨江同城' },
      { id: 'e2e-4', text: violenceRepost, author: '路人甲' },
    ]),
  ).toEqual(expect.objectContaining({ inserted: 4 }));
}, 60_000);

describe('the monitoring desk (舆情监测台)', () => {
  it('shows pushed mentions live, filters them by risk, and opens a story with its timeline', async () => {
    const { context, page } = await openConsole();
    await signIn(page, officer.username, officer.password);
    await page.getByTestId('dashboard-greeting').waitFor();
    await openMenuPage(page, '舆情监测', '监测台');
    await page.waitForURL('**/opinion/desk');

    const stream = page.getByTestId('mention-stream');
    const row = (text: string) => stream.getByRole('row').filter({ hasText: text.slice(0, 16) });
    for (const text of [queue, praise, violence]) await row(text).first().waitFor();
    expect(await row(violence).first().getByTestId('risk-tag').first().textContent()).toBe('红色');
    expect(await row(queue).getByTestId('risk-tag').textContent()).toBe('蓝色');
    expect(await row(praise).getByTestId('risk-tag').textContent()).toBe('无风险');
    await page.locator('[aria-label="信息走势（按倾向）"] canvas').first().waitFor();
    await screenshot(page, 'opinion-01-desk');

    // A mention pushed while the desk is open appears without a reload.
    await push([{ id: 'e2e-5', text: parking, author: '车主' }]);
    await row(parking).waitFor({ timeout: 15_000 });

    await chooseOption(page, page.getByLabel('风险等级'), '橙色及以上');
    await expect.poll(() => row(praise).count()).toBe(0);
    await expect.poll(() => row(parking).count()).toBe(0);
    expect(await row(violence).count()).toBe(2);
    // Other journeys push mentions to the same server: every row left must be 橙 or 红, ours among them.
    const tags = await stream.getByTestId('risk-tag').allTextContents();
    expect(tags.length).toBeGreaterThanOrEqual(2);
    expect(tags.every((tag) => tag === '红色' || tag === '橙色')).toBe(true);
    await screenshot(page, 'opinion-02-desk-red');

    await row(violence).first().getByRole('link', { name: '同类 2 条' }).click();
    await page.waitForURL(/\/opinion\/clusters\/\d+$/);
    await expect.poll(() => page.getByTestId('cluster-size').textContent()).toBe('2');
    expect(await page.getByTestId('cluster-title').textContent()).toContain('伤医');
    await page.locator('[aria-label="信息走势（按倾向）"] canvas').first().waitFor();
    const clusterStream = page.getByTestId('mention-stream');
    await expect.poll(() => clusterStream.getByRole('row').filter({ hasText: '伤医' }).count()).toBe(2);
    await screenshot(page, 'opinion-03-cluster');

    await page.goto('/opinion/wall');
    await page.getByTestId('opinion-wall').waitFor();
    await expect.poll(() => page.getByTestId('opinion-wall').textContent()).toContain('伤医');
    await page.locator('[aria-label="信息走势（按倾向）"] canvas').first().waitFor();
    await screenshot(page, 'opinion-04-wall');
    await context.close();
  });

  it('takes a staff clue with a screenshot into the desk, tests a watch rule, and imports a spreadsheet', async () => {
    const { context, page } = await openConsole();
    page.setDefaultTimeout(10_000);
    await signIn(page, nurse.username, nurse.password);
    await page.getByTestId('dashboard-greeting').waitFor();
    await openMenuPage(page, '舆情监测', '线索上报');
    await page.waitForURL('**/opinion/clues');
    await page.getByRole('button', { name: '上报线索' }).click();
    const dialog = page.getByRole('dialog', { name: '上报线索' });
    await dialog.getByLabel('概述').fill('病友群里有人说滨江一院骨科医生收红包');
    await dialog.getByLabel('详细情况').fill('病友群流传聊天截图，称骨科医生收红包，已被多次转发。');
    await dialog.getByLabel('发现渠道').fill('微信群');
    await dialog.locator('input[type=file]').setInputFiles({ name: '聊天截图.png', mimeType: 'image/png', buffer: await solidPng(64, 40, '#5a8ac8') });
    await expect.poll(() => dialog.locator('.ant-upload-list-item').count()).toBe(1);
    await dialog.getByRole('button', { name: buttonName('上报') }).click();
    await dialog.waitFor({ state: 'hidden' });
    const clueRow = page.getByRole('row', { name: /骨科医生收红包/ }).first();
    await expect.poll(() => clueRow.textContent()).toContain('待核实');
    await expect.poll(() => clueRow.locator('img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(64);
    await screenshot(page, 'opinion-05-clue-reported');
    await signOut(page);

    await signIn(page, officer.username, officer.password);
    await page.getByTestId('dashboard-greeting').waitFor();
    await openMenuPage(page, '舆情监测', '线索上报');
    await clueRow.getByRole('button', { name: '纳入监测' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: buttonName('确定') }).click();
    await expect.poll(() => clueRow.textContent()).toContain('已纳入监测');
    await openMenuPage(page, '舆情监测', '监测台');
    await page.getByTestId('mention-stream').getByRole('row').filter({ hasText: '骨科医生收红包' }).first().waitFor();

    await openMenuPage(page, '舆情监测', '来源管理');
    const sourceRow = page.getByRole('row', { name: /微博舆情服务（e2e）/ });
    await expect.poll(() => sourceRow.textContent()).toContain('正常');
    await screenshot(page, 'opinion-06-sources');

    await openMenuPage(page, '舆情监测', '监测规则');
    await page.getByRole('button', { name: '新增规则' }).click();
    const ruleDialog = page.getByRole('dialog', { name: '新增规则' });
    await chooseOption(page, ruleDialog.getByLabel('类型'), '排除词');
    await ruleDialog.getByLabel('词语').fill('滨江一院停车场');
    await ruleDialog.getByRole('button', { name: '在近期信息上试运行' }).click();
    const preview = ruleDialog.getByTestId('rule-preview');
    await expect.poll(() => preview.textContent()).toContain('停车场收费太贵');
    await screenshot(page, 'opinion-07-rule-preview');
    await ruleDialog.getByRole('button', { name: buttonName('取消') }).click();

    await openMenuPage(page, '舆情监测', '表格导入');
    const csv = '发布时间,标题,正文,原文链接\n2024-05-06 10:20,滨江一院食堂涨价,滨江一院住院部食堂一份青菜十八元，家属吐槽太贵,https://bbs.example.cn/1\n';
    await page.locator('input[type=file]').setInputFiles({ name: '舆情导出.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByText('舆情导出.csv：共 1 行数据').waitFor();
    await page.getByPlaceholder('新导入来源的名称').fill('人工整理（e2e）');
    await page.getByRole('button', { name: buttonName('新建') }).click();
    await expect.poll(() => page.getByTestId('import-source').textContent()).toContain('人工整理（e2e）');
    await screenshot(page, 'opinion-08-import-mapping');
    await page.getByRole('button', { name: '导入 1 行' }).click();
    await page.getByText('导入完成').waitFor();
    expect(await page.locator('.ant-statistic').allTextContents()).toEqual(['读取1', '新增1', '重复0', '有误0']);
    await context.close();
  });
});
