import type { APIRequestContext, Page } from 'playwright-core';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { buttonName, chooseOption, newContext, openConsole, openMenuPage, screenshot, signIn, useBrowser } from './browser.ts';

const adminPassword = inject('adminPassword');

/** Its own department: names are unique, and the foundation spec creates 心血管内科 through the console. */
const department = '胸痛中心';
const correspondent = { username: 'content-writer', password: 'Xiegao#2026cw', displayName: '李敏' };
const deptReviewer = { username: 'content-dept-reviewer', password: 'Keshen#2026dr', displayName: '王主任' };
const editor = { username: 'content-editor', password: 'Bianji#2026ed', displayName: '赵编辑' };
const website = '医院官网';
const title = '胸痛中心义诊';
const blockedBody = '<p>我院心血管内科在门诊大厅开展胸痛中心义诊，保证根治。</p>';
const revisedBody = '<p>我院心血管内科在门诊大厅开展胸痛中心义诊，为市民提供免费咨询。</p>';

useBrowser();

/** The admin's API session, for setting up what the journey needs without clicking through it. */
async function adminApi(): Promise<{ request: APIRequestContext; headers: Record<string, string>; close: () => Promise<void> }> {
  const context = await newContext();
  const login = await context.request.post('/api/auth/login', { data: { username: 'admin', password: adminPassword } });
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  return { request: context.request, headers: { 'x-csrf-token': csrfToken }, close: () => context.close() };
}

async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: '用户菜单' }).click();
  await page.getByRole('menuitem', { name: '退出登录' }).click();
  await page.waitForURL('**/login');
}

async function approveFromInbox(page: Page): Promise<void> {
  await openMenuPage(page, '采编发', '审核');
  await page.getByRole('link', { name: title }).click();
  await expect.poll(() => page.getByTestId('article-body').textContent()).toContain('免费咨询');
  await page.getByRole('button', { name: buttonName('通过') }).click();
  const dialog = page.getByRole('dialog', { name: '通过' });
  await dialog.getByLabel('审核意见').fill('同意');
  await dialog.getByRole('button', { name: buttonName('确定') }).click();
  await dialog.waitFor({ state: 'hidden' });
}

beforeAll(async () => {
  const admin = await adminApi();
  const me = (await (await admin.request.get('/api/auth/me')).json()) as { departmentId: number };
  const createdDepartment = await admin.request.post('/api/departments', { headers: admin.headers, data: { name: department, kind: 'clinical' } });
  expect(createdDepartment.status()).toBe(201);
  const departmentId = ((await createdDepartment.json()) as { id: number }).id;
  for (const [user, userDepartment, role] of [
    [correspondent, departmentId, 'correspondent'],
    [deptReviewer, departmentId, 'dept_reviewer'],
    [editor, me.departmentId, 'editor'],
  ] as const) {
    const created = await admin.request.post('/api/users', { headers: admin.headers, data: { ...user, departmentId: userDepartment, roles: [role] } });
    expect(created.status()).toBe(201);
  }
  const channel = await admin.request.post('/api/channels', { headers: admin.headers, data: { kind: 'website', name: website, ownerDepartmentId: me.departmentId } });
  expect(channel.status()).toBe(201);
  await admin.close();
}, 60_000);

describe('content (采编发): write, review and publish an article', () => {
  it('is blocked by the compliance check, passes the department and publicity reviews, and goes out on the website', async () => {
    const { context, page } = await openConsole();

    await signIn(page, correspondent.username, correspondent.password);
    await page.getByTestId('dashboard-greeting').waitFor();
    await openMenuPage(page, '采编发', '稿件');
    await page.waitForURL('**/content/articles');
    await page.getByRole('button', { name: '新建稿件' }).click();
    await page.getByLabel('标题', { exact: true }).fill(title);
    await chooseOption(page, page.getByLabel('分类', { exact: true }), '新闻');
    await page.getByLabel('姓名或单位').fill(department);
    await page.getByLabel('正文（HTML）').fill(blockedBody);
    await page.getByRole('button', { name: buttonName('保存') }).click();
    await page.waitForURL(/\/content\/articles\/\d+$/);
    await expect.poll(() => page.getByTestId('article-version').textContent()).toBe('第 1 版');

    await page.getByRole('button', { name: '提交审核' }).click();
    const findings = page.getByTestId('submit-findings');
    await expect.poll(() => findings.getByTestId('finding').filter({ hasText: '根治' }).count()).toBeGreaterThan(0);
    await screenshot(page, 'content-01-blocked');

    await page.getByLabel('正文（HTML）').fill(revisedBody);
    await page.getByRole('button', { name: '提交审核' }).click();
    await expect.poll(() => page.getByText('审核中').first().isVisible()).toBe(true);
    await expect.poll(() => findings.count()).toBe(0);
    await expect.poll(() => page.getByTestId('review-chain').textContent()).toContain('科室审核');
    await screenshot(page, 'content-02-in-review');

    await openMenuPage(page, '采编发', '稿件');
    const row = page.getByRole('row', { name: new RegExp(title) });
    await expect.poll(() => row.textContent()).toContain('审核中');
    await signOut(page);

    await signIn(page, deptReviewer.username, deptReviewer.password);
    await page.getByTestId('dashboard-greeting').waitFor();
    await approveFromInbox(page);
    await expect.poll(() => page.getByTestId('review-chain').textContent()).toContain('宣传部审核');
    await screenshot(page, 'content-03-department-approved');
    await signOut(page);

    await signIn(page, editor.username, editor.password);
    await page.getByTestId('dashboard-greeting').waitFor();
    await approveFromInbox(page);
    await expect.poll(() => page.getByText('已通过').first().isVisible()).toBe(true);
    await chooseOption(page, page.getByLabel('选择官网阵地'), website);
    await page.getByRole('button', { name: '发布到官网' }).click();
    const publication = page.getByRole('row', { name: new RegExp(website) });
    await expect.poll(() => publication.textContent()).toContain('已发布');
    await expect.poll(() => publication.getByRole('link', { name: '查看' }).getAttribute('href')).toMatch(/\/site\/articles\/\d+$/);
    await screenshot(page, 'content-04-published');

    await page.goto('/site/');
    await expect.poll(() => page.getByText(title).count()).toBeGreaterThan(0);
    await screenshot(page, 'content-05-site');
    const rss = await page.request.get('/site/rss.xml');
    expect(await rss.text()).toContain(title);

    await context.close();
  });
});
