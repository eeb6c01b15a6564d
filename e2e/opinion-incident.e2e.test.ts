import { readFile } from 'node:fs/promises';
import { strFromU8, unzipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { signPushBody } from '../apps/server/src/modules/opinion/push-signature.ts';
import { adminApi, apiSession, buttonName, openConsole, openMenuPage, screenshot, signIn, useBrowser } from './browser.ts';

const baseUrl = inject('baseUrl');

/** Names of its own: every spec file shares one server. */
const department = '党委宣传部（舆情）';
const officer = { username: 'incident-officer', password: 'Shijian#2026io', displayName: '舆情专员小林' };
const reviewer = { username: 'incident-reviewer', password: 'Keshen#2026ir', displayName: '宣传部主任' };
const editor = { username: 'incident-editor', password: 'Bianji#2026ie', displayName: '宣传部编辑小陈' };
const leader = { username: 'incident-leader', password: 'Lingdao#2026il', displayName: '分管副院长' };
const alias = '锦城一院';
const violence = '锦城一院急诊科凌晨发生伤医事件，一名值班医生被患者家属持刀砍伤，现场一片混乱。';
const repost = `转发微博 //@锦城同城: ${violence}`;
const statement = {
  topic: '急诊科伤医事件情况通报（事件演练）',
  wording: '事件发生后，我院立即救治受伤医务人员，目前伤者生命体征平稳。公安机关已依法控制涉事人员。医院坚决反对任何形式的暴力伤医行为，将全力配合调查。',
};
const adapted = '感谢社会各界对我院医务人员的关心，后续情况将及时通报。';

let source: { id: number; secret: string };
let ruleId: number;

useBrowser();

/** Pushes mentions the way a data vendor does: signed with the push source's secret. */
async function push(mentions: { id: string; text: string; author: string }[]) {
  const body = JSON.stringify({ mentions: mentions.map((m) => ({ ...m, title: '', published_at: new Date().toISOString() })) });
  const timestamp = Math.floor(Date.now() / 1000);
  const response = await fetch(`${baseUrl}/api/opinion/ingest`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-rongmei-source': String(source.id), 'x-rongmei-timestamp': String(timestamp), 'x-rongmei-signature': signPushBody(source.secret, timestamp, body) },
    body,
  });
  expect(response.status).toBe(200);
  return (await response.json()) as { inserted: number; maxRisk: number };
}

async function move(page: Page, stage: string, reason?: string) {
  await page.getByRole('button', { name: `转入${stage}` }).click();
  const dialog = page.getByRole('dialog', { name: `转入${stage}` });
  if (reason) await dialog.getByLabel('原因').fill(reason);
  await dialog.getByRole('button', { name: buttonName('确定') }).click();
  await dialog.waitFor({ state: 'hidden' });
  await expect.poll(() => page.getByTestId('incident-stage').textContent()).toBe(stage);
}

beforeAll(async () => {
  const admin = await adminApi();
  const created = await admin.request.post('/api/departments', { headers: admin.headers, data: { name: department, kind: 'functional' } });
  expect(created.status()).toBe(201);
  const departmentId = ((await created.json()) as { id: number }).id;
  for (const [user, roles] of [
    [officer, ['opinion_officer']],
    [reviewer, ['dept_reviewer']],
    [editor, ['editor']],
    [leader, ['leader']],
  ] as const) {
    expect((await admin.request.post('/api/users', { headers: admin.headers, data: { ...user, departmentId, roles } })).status()).toBe(201);
  }
  // The hospital's short name as a watch rule: the analysis then knows these posts are about it.
  expect((await admin.request.post('/api/opinion/watch-rules', { headers: admin.headers, data: { kind: 'alias', term: alias } })).status()).toBe(201);
  const pushSource = await admin.request.post('/api/opinion/sources', { headers: admin.headers, data: { kind: 'push', name: '舆情数据服务（事件演练）' } });
  expect(pushSource.status()).toBe(201);
  source = (await pushSource.json()) as { id: number; secret: string };
  const rule = await admin.request.post('/api/opinion/alert-rules', { headers: admin.headers, data: { name: '红色预警（事件演练）', minLevel: 4 } });
  expect(rule.status()).toBe(201);
  ruleId = ((await rule.json()) as { id: number }).id;
  await admin.close();

  // The approved 口径 the response is drafted from: the editor drafts it, the leader approves it.
  const editorApi = await apiSession(editor.username, editor.password);
  const drafted = await editorApi.request.post('/api/statements', { headers: editorApi.headers, data: { ...statement, tags: ['伤医'] } });
  expect(drafted.status()).toBe(201);
  const statementId = ((await drafted.json()) as { id: number }).id;
  await editorApi.close();
  const leaderApi = await apiSession(leader.username, leader.password);
  expect((await leaderApi.request.post(`/api/statements/${statementId}/approve`, { headers: leaderApi.headers })).status()).toBe(200);
  await leaderApi.close();
}, 60_000);

describe('an incident from ingestion to closing (舆情事件)', () => {
  it('ingests a red mention, opens an incident from its alert, responds through review, moves through the stages, closes and reports', async () => {
    // 1. A vendor pushes a red story; the alert rule raises an alert.
    const pushed = await push([
      { id: 'incident-e2e-1', text: violence, author: '锦城同城' },
      { id: 'incident-e2e-2', text: repost, author: '路人甲' },
    ]);
    expect(pushed).toMatchObject({ inserted: 2, maxRisk: 4 });
    const officerApi = await apiSession(officer.username, officer.password);
    await expect
      .poll(async () => ((await (await officerApi.request.get(`/api/opinion/alerts?ruleId=${ruleId}&status=open`)).json()) as { items: { title: string }[] }).items.map((a) => a.title), { timeout: 15_000 })
      .toContain(violence);
    await officerApi.close();

    // 2. The officer opens an incident from the alert on the incident board.
    const { context, page } = await openConsole();
    await signIn(page, officer.username, officer.password);
    await page.getByTestId('dashboard-greeting').waitFor();
    await openMenuPage(page, '舆情监测', '舆情事件');
    await page.waitForURL('**/opinion/incidents');
    await page.getByRole('button', { name: '从预警立案' }).click();
    const alertDialog = page.getByRole('dialog', { name: '从预警立案' });
    const alertRow = alertDialog.getByTestId('open-alert').filter({ hasText: violence.slice(0, 20) });
    await alertRow.waitFor();
    expect(await alertRow.getByTestId('risk-tag').textContent()).toBe('红色');
    await screenshot(page, 'incident-01-open-from-alert');
    await alertRow.getByRole('button', { name: buttonName('立案') }).click();
    await page.waitForURL(/\/opinion\/incidents\/\d+$/);
    const incidentId = Number(new URL(page.url()).pathname.split('/').at(-1));

    await expect.poll(() => page.getByTestId('incident-title').textContent()).toBe(violence);
    expect(await page.getByTestId('incident-stage').textContent()).toBe('发现');
    // Red: escalated to the leaders at once, and the golden four hours are running.
    await page.getByText('已报告领导').first().waitFor();
    await expect.poll(() => page.getByTestId('sla-clock').first().textContent()).toMatch(/^首次回应剩余 3 小时 5\d 分$/);
    await expect.poll(() => page.getByTestId('timeline-entry').allTextContents()).toEqual(
      expect.arrayContaining([expect.stringContaining('升级报告领导'), expect.stringContaining('接管预警'), expect.stringContaining('立案')]),
    );
    await screenshot(page, 'incident-02-opened');

    // 3. The response, drafted from the suggested statement and adapted, goes into review.
    const response = page.getByTestId('incident-response');
    await response.getByTestId('statement-suggestions').getByText(statement.topic).click();
    await expect.poll(() => response.getByLabel('回应正文').inputValue()).toBe(statement.wording);
    await response.getByLabel('回应正文').fill(`${statement.wording}\n${adapted}`);
    await response.getByRole('button', { name: '保存回应稿' }).click();
    await expect.poll(() => response.textContent()).toContain(`依据口径“${statement.topic}”（第 1 版）起草`);
    await response.getByRole('button', { name: '提交审核' }).click();
    const submitDialog = page.getByRole('dialog', { name: '提交回应稿审核' });
    await submitDialog.getByRole('button', { name: '提交审核' }).click();
    await submitDialog.waitFor({ state: 'hidden' });
    await expect.poll(() => response.getByTestId('response-article-status').textContent()).toBe('审核中');
    await screenshot(page, 'incident-03-response-in-review');

    // 4. 研判, 处置; the response cannot be given before the review chain approves it.
    await move(page, '研判', '确认为本院急诊科事件，已核实伤情');
    await move(page, '处置');
    await page.getByLabel('备注').fill('已通知保卫科加强急诊安保，医务部负责与家属沟通。');
    await page.getByRole('button', { name: '添加备注' }).click();
    await expect.poll(() => page.getByTestId('timeline-entry').first().textContent()).toContain('已通知保卫科加强急诊安保');
    await page.getByRole('button', { name: '转入回应' }).click();
    const early = page.getByRole('dialog', { name: '转入回应' });
    await early.getByRole('button', { name: buttonName('确定') }).click();
    await page.getByText('回应稿尚未审核通过').first().waitFor();
    await early.getByRole('button', { name: buttonName('取消') }).click();

    // 科室审核 → 宣传部审核 → 分管领导审批, by the reviewers (their own journey is the content spec's).
    const officerReads = await apiSession(officer.username, officer.password);
    const incident = (await (await officerReads.request.get(`/api/opinion/incidents/${incidentId}`)).json()) as { response: { article: { id: number } } };
    const articleId = incident.response.article.id;
    expect(await (await officerReads.request.get(`/api/articles/${articleId}`)).json()).toMatchObject({ category: 'notice', sensitivity: 'major', status: 'in_review' });
    await officerReads.close();
    for (const person of [reviewer, editor, leader]) {
      const api = await apiSession(person.username, person.password);
      expect((await api.request.post(`/api/articles/${articleId}/review`, { headers: api.headers, data: { decision: 'approve' } })).status()).toBe(200);
      await api.close();
    }
    await page.reload();
    await expect.poll(() => response.getByTestId('response-article-status').textContent()).toBe('已通过');

    // 5. 回应 → 修复 → 复盘 → 结案, with the lessons written before closing.
    await move(page, '回应');
    await expect.poll(() => page.getByTestId('first-response').textContent()).toMatch(/按时回应$/);
    await page.getByTestId('repair-回应前').waitFor();
    await move(page, '修复');
    await move(page, '复盘');
    const review = page.getByTestId('incident-review');
    await review.getByLabel('经验教训').fill('夜间急诊应配备专职安保；舆情专员须在 1 小时内完成首次研判。');
    await review.getByRole('button', { name: buttonName('保存') }).click();
    await expect.poll(() => page.getByTestId('timeline-entry').first().textContent()).toContain('修改经验教训');
    await move(page, '已结案');
    await expect.poll(() => page.getByTestId('timeline-entry').first().textContent()).toContain('复盘 → 已结案');
    await screenshot(page, 'incident-04-closed');

    // 6. The review report downloads as .docx, with the incident in it.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /下载复盘报告/ }).click()]);
    expect(download.suggestedFilename()).toBe(`${violence}舆情事件复盘报告-${new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10)}.docx`);
    const xml = strFromU8(unzipSync(new Uint8Array(await readFile((await download.path())!)))['word/document.xml']);
    for (const text of [`${violence}舆情事件复盘报告`, '按时回应', adapted, '夜间急诊应配备专职安保', '已通知保卫科加强急诊安保']) expect(xml).toContain(text);

    // The board shows it among the closed ones; the alert closed with it.
    await openMenuPage(page, '舆情监测', '舆情事件');
    await page.getByTestId('incident-column-closed').getByRole('link', { name: violence }).waitFor();
    await screenshot(page, 'incident-05-board');
    await context.close();
  });
});
