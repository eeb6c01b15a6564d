import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { signPushBody } from '../apps/server/src/modules/opinion/push-signature.ts';
import { adminApi, apiPost, type ApiSession, apiSession, buttonName, openConsole, openMenuPage, screenshot, signIn, useBrowser } from './browser.ts';

const baseUrl = inject('baseUrl');

/** Names of its own: every spec file shares one server. */
const officer = { username: 'alert-officer', password: 'Yujing#2026ao', displayName: '舆情专员小许' };
const alias = '临江三院';
const title = '临江三院急诊科发生伤医事件';
const text = '临江三院急诊科今晚一名医生被患者家属持刀砍伤，警方已到场处置，伤者正在抢救。';

let officerApi: ApiSession;
let source: { id: number; secret: string };
let ruleId: number;

useBrowser();

/** A data vendor's push, signed with the source's secret. */
async function pushMention(mention: Record<string, unknown>) {
  const body = JSON.stringify({ mentions: [mention] });
  const timestamp = Math.floor(Date.now() / 1000);
  const res = await fetch(`${baseUrl}/api/opinion/ingest`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-rongmei-source': String(source.id), 'x-rongmei-timestamp': String(timestamp), 'x-rongmei-signature': signPushBody(source.secret, timestamp, body) },
    body,
  });
  expect(res.status).toBe(200);
  return (await res.json()) as { mentionIds: number[] };
}

beforeAll(async () => {
  const admin = await adminApi();
  const me = (await (await admin.request.get('/api/auth/me')).json()) as { departmentId: number };
  await apiPost(admin, '/api/users', { ...officer, departmentId: me.departmentId, roles: ['opinion_officer'] });
  officerApi = await apiSession(officer.username, officer.password);
  // The hospital's short name as a watch rule: the analysis then knows the post is about it.
  await apiPost(officerApi, '/api/opinion/watch-rules', { kind: 'alias', term: alias });
  source = await apiPost<{ id: number; secret: string }>(officerApi, '/api/opinion/sources', { kind: 'push', name: '舆情服务商（预警 e2e）' });
  ruleId = (await apiPost<{ id: number }>(officerApi, '/api/opinion/alert-rules', { name: '红色预警立即提醒（e2e）', minLevel: 4, recipients: { roles: ['opinion_officer'], channelIds: [] } })).id;
}, 120_000);

afterAll(async () => {
  // Other specs share the server: this rule must not raise alerts on their mentions.
  await officerApi?.request.patch(`/api/opinion/alert-rules/${ruleId}`, { headers: officerApi.headers, data: { status: 'disabled' } });
});

describe('the alert inbox', () => {
  it('shows a pushed red mention live, with its cue, and the officer acknowledges it', async () => {
    const { context, page } = await openConsole();
    await signIn(page, officer.username, officer.password);
    await page.getByTestId('dashboard-greeting').waitFor();
    await openMenuPage(page, '舆情监测', '预警收件箱');
    await expect.poll(() => page.getByTestId('alert-stream-state').textContent()).toContain('实时更新中');
    await expect.poll(() => page.getByRole('row', { name: new RegExp(title) }).count()).toBe(0);

    const { mentionIds } = await pushMention({ id: `weibo-e2e-${Date.now()}`, title, text, author: '本地热点', published_at: new Date().toISOString() });
    expect(mentionIds).toHaveLength(1);

    // No reload: the row arrives over the stream, with the banner and the row's glow of a red alert.
    // Every active rule the mention meets raises its own alert (one per rule and story); other journeys add rules.
    const rows = page.getByRole('row', { name: new RegExp(title) });
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBeGreaterThanOrEqual(1);
    const row = rows.first();
    expect(await row.textContent()).toContain('红色');
    expect(await row.textContent()).toContain('待处理');
    await expect.poll(() => page.getByTestId('urgent-banner').textContent()).toContain('新的红色预警');
    expect(await page.getByTestId('urgent-banner').textContent()).toContain(title);
    expect(await row.getAttribute('class')).toContain('alert-row-level-4');
    await screenshot(page, 'opinion-alerts-01-live');

    await row.getByRole('button', { name: buttonName('确认') }).click();
    await expect.poll(() => row.textContent()).toContain('已确认');
    // Taken: the banner goes.
    await expect.poll(() => page.getByTestId('urgent-banner').count()).toBe(0);
    await row.getByText(title, { exact: true }).click();
    const detail = page.getByTestId('alert-detail');
    await expect.poll(() => detail.textContent()).toContain('风险等级达到红色');
    expect(await detail.textContent()).toContain(text.slice(0, 12));
    // The timeline: raised, escalated to leaders at once (红), acknowledged.
    const timeline = await detail.locator('.ant-timeline').textContent();
    expect(timeline).toMatch(/发出预警.*升级报告领导.*确认/);
    await screenshot(page, 'opinion-alerts-02-acknowledged');

    const alerts = (await (await officerApi.request.get(`/api/opinion/alerts?ruleId=${ruleId}`)).json()) as { items: { status: string; firstMentionId: number; acknowledgedAt: string | null }[] };
    expect(alerts.items).toHaveLength(1);
    expect(alerts.items[0]).toMatchObject({ status: 'acknowledged', firstMentionId: mentionIds[0] });
    await context.close();
  }, 120_000);

  it('sets up a keyword rule in the rules page, and shows the channels and the notification log', async () => {
    const { context, page } = await openConsole();
    await signIn(page, officer.username, officer.password);
    await page.getByTestId('dashboard-greeting').waitFor();
    await openMenuPage(page, '舆情监测', '预警规则');
    await expect.poll(() => page.getByRole('row', { name: /红色预警立即提醒（e2e）/ }).textContent()).toContain('风险达到红色');
    await page.getByRole('button', { name: '新建规则' }).click();
    const dialog = page.getByRole('dialog', { name: '新建规则' });
    await dialog.getByLabel('规则名称').fill('号贩子必预警（e2e）');
    await dialog.getByRole('switch', { name: '关键词必预警' }).click();
    const terms = dialog.getByLabel('关键词', { exact: true });
    await terms.fill('号贩子');
    await terms.press('Enter');
    await screenshot(page, 'opinion-alerts-03-rule-form');
    await dialog.getByRole('button', { name: buttonName('保存') }).click();
    await dialog.waitFor({ state: 'hidden' });
    const created = page.getByRole('row', { name: /号贩子必预警（e2e）/ });
    await expect.poll(() => created.textContent()).toContain('关键词：号贩子');
    expect(await created.textContent()).toContain('风险达到橙色');
    await created.getByRole('switch').click();
    await expect.poll(async () => ((await (await officerApi.request.get('/api/opinion/alert-rules')).json()) as { items: { name: string; status: string }[] }).items.find((r) => r.name === '号贩子必预警（e2e）')?.status).toBe('disabled');

    await openMenuPage(page, '舆情监测', '通知渠道');
    await page.getByRole('button', { name: '添加渠道' }).click();
    const channelDialog = page.getByRole('dialog', { name: '添加渠道' });
    await expect.poll(() => channelDialog.textContent()).toContain('机器人 key');
    await screenshot(page, 'opinion-alerts-04-channel-form');
    await channelDialog.getByRole('button', { name: buttonName('取消') }).click();
    await openMenuPage(page, '舆情监测', '通知记录');
    await expect.poll(() => page.getByRole('columnheader', { name: '对方应答' }).count()).toBe(1);
    await context.close();
  }, 120_000);
});
