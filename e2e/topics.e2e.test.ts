import { beforeAll, describe, expect, it } from 'vitest';
import { adminApi, buttonName, chooseOptions, openConsole, openMenuPage, screenshot, searchOption, signIn, signOut, useBrowser } from './browser.ts';
import { solidPng } from './images.ts';

/** Names of its own: every spec file shares one server. */
const department = '介入诊疗中心';
const correspondent = { username: 'topic-writer', password: 'Xiansuo#2026tw', displayName: '刘洋' };
const editor = { username: 'topic-editor', password: 'Xuanti#2026te', displayName: '陈编辑' };
const channel = '选题推送订阅号';
const leadTitle = '介入团队为九旬老人成功植入无导线起搏器';
const leadText = '本周三，介入诊疗中心为一位 92 岁的老人植入无导线起搏器，术后第二天即可下床。';

useBrowser();

const chinaDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' });
const dueDate = chinaDay.format(new Date(Date.now() + 7 * 86_400_000));

beforeAll(async () => {
  const admin = await adminApi();
  const me = (await (await admin.request.get('/api/auth/me')).json()) as { departmentId: number };
  const created = await admin.request.post('/api/departments', { headers: admin.headers, data: { name: department, kind: 'clinical' } });
  expect(created.status()).toBe(201);
  const departmentId = ((await created.json()) as { id: number }).id;
  for (const [user, userDepartment, role] of [
    [correspondent, departmentId, 'correspondent'],
    [editor, me.departmentId, 'editor'],
  ] as const) {
    const response = await admin.request.post('/api/users', { headers: admin.headers, data: { ...user, departmentId: userDepartment, roles: [role] } });
    expect(response.status()).toBe(201);
  }
  const registered = await admin.request.post('/api/channels', { headers: admin.headers, data: { kind: 'wechat_subscription', name: channel, ownerDepartmentId: me.departmentId } });
  expect(registered.status()).toBe(201);
  await admin.close();
}, 60_000);

describe('topics (选题): from a correspondent’s lead to a draft', () => {
  it('a lead with a photo is accepted into a topic, moved on the board, and 写稿 opens the editor with its title', async () => {
    const { context, page } = await openConsole();

    await signIn(page, correspondent.username, correspondent.password);
    await page.getByTestId('dashboard-greeting').waitFor();
    await openMenuPage(page, '采编发', '线索');
    await page.waitForURL('**/content/leads');
    await page.getByRole('button', { name: '报送线索' }).click();
    const submitDialog = page.getByRole('dialog', { name: '报送线索' });
    await submitDialog.getByLabel('标题').fill(leadTitle);
    await submitDialog.getByLabel('线索内容').fill(leadText);
    await submitDialog.locator('input[type=file]').setInputFiles({ name: '起搏器手术.png', mimeType: 'image/png', buffer: await solidPng(96, 64, '#e0785a') });
    await expect.poll(() => submitDialog.locator('.ant-upload-list-item').count()).toBe(1);
    await submitDialog.getByRole('button', { name: '报送线索' }).click();
    await submitDialog.waitFor({ state: 'hidden' });
    const leadRow = page.getByRole('row', { name: new RegExp(leadTitle) });
    await expect.poll(() => leadRow.textContent()).toContain('待处理');
    const thumbnail = leadRow.locator('img');
    await expect.poll(() => thumbnail.getAttribute('src')).toMatch(/^\/api\/leads\/\d+\/photos\/\d+$/);
    // The photo route answers only signed-in readers: a loaded thumbnail proves the session reached it.
    await expect.poll(() => thumbnail.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(96);
    await screenshot(page, 'topics-01-lead-submitted');
    await signOut(page);

    await signIn(page, editor.username, editor.password);
    await page.getByTestId('dashboard-greeting').waitFor();
    await openMenuPage(page, '采编发', '线索');
    await leadRow.getByRole('button', { name: '采纳为选题' }).click();
    const acceptDialog = page.getByRole('dialog', { name: `采纳线索“${leadTitle}”` });
    expect(await acceptDialog.getByLabel('选题标题').inputValue()).toBe(leadTitle);
    await searchOption(page, acceptDialog.getByLabel('负责人'), correspondent.displayName);
    await acceptDialog.getByLabel('截止日期').fill(dueDate);
    await acceptDialog.getByLabel('截止日期').press('Enter');
    await chooseOptions(page, acceptDialog, acceptDialog.getByLabel('目标阵地'), [channel]);
    await acceptDialog.getByLabel('角度与要求').fill('突出“九旬”与“无导线”，配手术室照片');
    await screenshot(page, 'topics-02-accept');
    await acceptDialog.getByRole('button', { name: '采纳为选题' }).click();
    await acceptDialog.waitFor({ state: 'hidden' });
    await expect.poll(() => leadRow.textContent()).toContain('已采纳');

    await openMenuPage(page, '采编发', '选题看板');
    await page.waitForURL('**/content/topics');
    const planned = page.getByTestId('topic-column-planned').getByTestId('topic-card').filter({ hasText: leadTitle });
    await expect.poll(() => planned.textContent()).toContain(`截止 ${dueDate}`);
    expect(await planned.textContent()).toContain(correspondent.displayName);
    expect(await planned.textContent()).toContain(channel);
    await planned.getByRole('button', { name: '移至“撰写中”' }).click();
    const inProgress = page.getByTestId('topic-column-in_progress').getByTestId('topic-card').filter({ hasText: leadTitle });
    await expect.poll(() => inProgress.count()).toBe(1);
    await expect.poll(() => planned.count()).toBe(0);
    await screenshot(page, 'topics-03-board');
    await signOut(page);

    await signIn(page, correspondent.username, correspondent.password);
    await page.getByTestId('dashboard-greeting').waitFor();
    await openMenuPage(page, '采编发', '选题看板');
    await inProgress.getByRole('button', { name: buttonName('写稿') }).click();
    await page.waitForURL(/\/content\/articles\/\d+$/);
    await expect.poll(() => page.getByLabel('标题', { exact: true }).inputValue()).toBe(leadTitle);
    await expect.poll(() => page.getByTestId('article-version').textContent()).toBe('第 1 版');
    await screenshot(page, 'topics-04-editor');

    await openMenuPage(page, '采编发', '选题看板');
    await expect.poll(() => inProgress.getByRole('link', { name: '打开稿件' }).count()).toBe(1);
    expect(await inProgress.getByRole('button', { name: buttonName('写稿') }).count()).toBe(0);

    await context.close();
  });
});
