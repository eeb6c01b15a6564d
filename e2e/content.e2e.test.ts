import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { adminApi, buttonName, chooseOption, openConsole, openMenuPage, screenshot, searchOption, signIn, signOut, useBrowser } from './browser.ts';

/** Its own department: names are unique, and the foundation spec creates 心血管内科 through the console. */
const department = '胸痛中心';
const correspondent = { username: 'content-writer', password: 'Xiegao#2026cw', displayName: '李敏' };
const deptReviewer = { username: 'content-dept-reviewer', password: 'Keshen#2026dr', displayName: '王主任' };
const editor = { username: 'content-editor', password: 'Bianji#2026ed', displayName: '赵编辑' };
const website = '医院官网';
/** A column (栏目) of the website: the re-published article goes into it, and the site lists it on the column's page. */
const websiteColumn = '胸痛专栏';
/** Channels for the publishing steps; the channels spec registers its own under other names on the same server. */
const bulletinBoard = '住院部宣传栏';
const weibo = { name: '医院官方微博', safeDomain: 'www.example-hospital.cn' };
const wechat = '健康科普订阅号';
// A loopback receiver: the server's SSRF guard refuses it before any connection, so the delivery fails for certain.
const webhook = { name: '院内信息平台', url: 'http://127.0.0.1:9/rongmei-hook' };
const title = '胸痛中心义诊';
const blockedBody = '我院心血管内科在门诊大厅开展胸痛中心义诊，保证根治。';
const revisedBody = '我院心血管内科在门诊大厅开展胸痛中心义诊，为市民提供免费咨询。';

useBrowser();

/** Confirms the open Popconfirm whose question contains `question`. */
async function confirmPopup(page: Page, question: string): Promise<void> {
  await page.locator('.ant-popconfirm:visible').filter({ hasText: question }).getByRole('button', { name: buttonName('确定') }).click();
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
  for (const channel of [
    { kind: 'website', name: website },
    { kind: 'bulletin_board', name: bulletinBoard },
    { kind: 'weibo', name: weibo.name, settings: { appKey: '1234567890', safeDomain: weibo.safeDomain }, secrets: { accessToken: 'e2e-weibo-token' } },
    { kind: 'wechat_subscription', name: wechat, settings: { appId: 'wx0123456789abcdef' }, secrets: { appSecret: 'e2e-wechat-secret' } },
    { kind: 'webhook', name: webhook.name, settings: { url: webhook.url }, secrets: { signingSecret: 'e2e-signing-secret' } },
  ]) {
    const created = await admin.request.post('/api/channels', { headers: admin.headers, data: { ...channel, ownerDepartmentId: me.departmentId } });
    expect(created.status()).toBe(201);
    if (channel.kind === 'website') {
      const { id } = (await created.json()) as { id: number };
      const column = await admin.request.post(`/api/channels/${id}/columns`, { headers: admin.headers, data: { name: websiteColumn, description: '胸痛中心的义诊与科普' } });
      expect(column.status()).toBe(201);
    }
  }
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
    await page.getByLabel('正文', { exact: true }).fill(blockedBody);
    await page.getByRole('button', { name: buttonName('保存') }).click();
    await page.waitForURL(/\/content\/articles\/\d+$/);
    await expect.poll(() => page.getByTestId('article-version').textContent()).toBe('第 1 版');

    await page.getByRole('button', { name: '提交审核' }).click();
    const findings = page.getByTestId('submit-findings');
    await expect.poll(() => findings.getByTestId('finding').filter({ hasText: '根治' }).count()).toBeGreaterThan(0);
    await screenshot(page, 'content-01-blocked');

    await page.getByLabel('正文', { exact: true }).fill(revisedBody);
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
    const publishForm = page.getByTestId('publish-form');
    await searchOption(page, publishForm.getByLabel('阵地', { exact: true }), website);
    await publishForm.getByRole('button', { name: buttonName('发布') }).click();
    const publication = page.getByRole('row', { name: new RegExp(website) });
    await expect.poll(() => publication.textContent()).toContain('已发布');
    await expect.poll(() => publication.getByRole('link', { name: '查看' }).getAttribute('href')).toMatch(/\/site\/articles\/\d+$/);
    await screenshot(page, 'content-04-published');

    // An offline channel records where the article is put up.
    await searchOption(page, publishForm.getByLabel('阵地', { exact: true }), bulletinBoard);
    await publishForm.getByLabel('位置', { exact: true }).fill('门诊大厅宣传栏');
    await publishForm.getByRole('button', { name: '登记投放' }).click();
    const placement = page.getByRole('row', { name: new RegExp(bulletinBoard) });
    await expect.poll(() => placement.textContent()).toContain('位置：门诊大厅宣传栏');
    await expect.poll(() => placement.textContent()).toContain('已发布');
    await screenshot(page, 'content-05-offline-placement');

    // 撤稿后重发: the website publication is withdrawn and kept as history, then published again from its row, into a column.
    await publication.getByRole('button', { name: buttonName('撤回') }).click();
    await confirmPopup(page, '确定撤回');
    await expect.poll(() => publication.textContent()).toContain('已撤回');
    await publication.getByRole('button', { name: '重新发布' }).click();
    // The form takes the row's channel; the column picker appears because the website has columns.
    await chooseOption(page, publishForm.getByLabel('栏目', { exact: true }), websiteColumn);
    await publishForm.getByRole('button', { name: buttonName('发布') }).click();
    const websiteRows = page.getByRole('row', { name: new RegExp(website) });
    await expect.poll(() => websiteRows.count()).toBe(2);
    await expect.poll(() => websiteRows.first().textContent()).toContain('已发布');
    await expect.poll(() => websiteRows.first().textContent()).toContain(`栏目：${websiteColumn}`);
    await expect.poll(() => websiteRows.first().textContent()).toContain('第 2 次发布');
    await expect.poll(() => websiteRows.nth(1).textContent()).toContain('已撤回');
    await screenshot(page, 'content-06-republished');

    await page.goto('/site/');
    await expect.poll(() => page.getByText(title).count()).toBeGreaterThan(0);
    await screenshot(page, 'content-06-site');
    await page.getByRole('navigation', { name: '网站导航' }).getByRole('link', { name: websiteColumn, exact: true }).click();
    await page.waitForURL(/\/site\/columns\/\d+$/);
    await expect.poll(() => page.locator('main h1').textContent()).toBe(websiteColumn);
    await expect.poll(() => page.locator('main').getByRole('link', { name: title }).count()).toBe(1);
    await screenshot(page, 'content-06-site-column');
    const rss = await page.request.get('/site/rss.xml');
    expect(await rss.text()).toContain(title);

    await context.close();
  });

  it('adapts the article to each platform in the variant editor, follows a failed delivery, retries and withdraws it', async () => {
    const { context, page } = await openConsole();
    await signIn(page, editor.username, editor.password);
    await page.getByTestId('dashboard-greeting').waitFor();
    await openMenuPage(page, '采编发', '稿件');
    await page.getByRole('link', { name: title }).click();
    const publishForm = page.getByTestId('publish-form');
    const channelSelect = publishForm.getByLabel('阵地', { exact: true });

    // Weibo: the post needs a link in the app's safe domain, so publishing waits until the text has one.
    await searchOption(page, channelSelect, weibo.name);
    await publishForm.getByRole('button', { name: '编辑渠道版本' }).click();
    const weiboDrawer = page.getByRole('dialog', { name: `渠道版本 · ${weibo.name}` });
    await expect.poll(() => weiboDrawer.getByTestId('variant-problems').textContent()).toContain(weibo.safeDomain);
    expect(await weiboDrawer.getByRole('button', { name: buttonName('发布') }).isDisabled()).toBe(true);
    await screenshot(page, 'content-07-weibo-problems');
    await weiboDrawer.getByLabel('微博正文').fill(`【${title}】心血管内科专家在门诊大厅为市民免费咨询 https://${weibo.safeDomain}/site/articles/1`);
    await expect.poll(() => weiboDrawer.getByText('符合平台要求，可以发布').count()).toBe(1);
    await expect.poll(() => weiboDrawer.getByTestId('weibo-preview').textContent()).toContain(weibo.safeDomain);
    expect(await weiboDrawer.getByRole('button', { name: buttonName('发布') }).isEnabled()).toBe(true);
    await screenshot(page, 'content-08-weibo-ready');
    await weiboDrawer.getByRole('button', { name: buttonName('取消') }).click();
    await weiboDrawer.waitFor({ state: 'hidden' });

    // WeChat: the server's inline-styled HTML, shown in a phone-sized sandboxed frame.
    await searchOption(page, channelSelect, wechat);
    await publishForm.getByRole('button', { name: '编辑渠道版本' }).click();
    const wechatDrawer = page.getByRole('dialog', { name: `渠道版本 · ${wechat}` });
    const phone = wechatDrawer.getByTestId('wechat-preview');
    expect(await phone.locator('iframe').getAttribute('sandbox')).toBe('');
    await expect.poll(() => phone.frameLocator('iframe').locator('body').textContent()).toContain('免费咨询');
    await wechatDrawer.getByLabel('标题', { exact: true }).fill(`${title}：专家面对面`);
    await expect.poll(() => phone.frameLocator('iframe').locator('h1').textContent()).toBe(`${title}：专家面对面`);
    await screenshot(page, 'content-09-wechat-preview');
    await wechatDrawer.getByRole('button', { name: buttonName('取消') }).click();
    await wechatDrawer.waitFor({ state: 'hidden' });

    // A webhook the server refuses to call: the delivery job fails it, the table follows it there, and it is retried and withdrawn.
    await searchOption(page, channelSelect, webhook.name);
    await publishForm.getByRole('button', { name: '编辑渠道版本' }).click();
    const webhookDrawer = page.getByRole('dialog', { name: `渠道版本 · ${webhook.name}` });
    await expect.poll(() => webhookDrawer.getByText('符合平台要求，可以发布').count()).toBe(1);
    await webhookDrawer.getByRole('button', { name: buttonName('发布') }).click();
    await webhookDrawer.waitFor({ state: 'hidden' });
    const delivery = page.getByRole('row', { name: new RegExp(webhook.name) });
    await expect.poll(() => delivery.textContent(), { timeout: 30_000 }).toContain('发布失败');
    await expect.poll(() => delivery.textContent()).toContain('接收地址指向本机或内网');
    await screenshot(page, 'content-10-delivery-failed');

    // The table is read again after the retry, so the failure seen next is the retried delivery's.
    await delivery.getByRole('button', { name: buttonName('重试') }).click();
    const reread = page.waitForResponse((response) => response.url().includes('/api/publications?') && response.request().method() === 'GET');
    await confirmPopup(page, '重新发布');
    await reread;
    await expect.poll(() => delivery.textContent(), { timeout: 30_000 }).toContain('发布失败');
    await delivery.getByRole('button', { name: buttonName('撤回') }).click();
    await confirmPopup(page, '确定撤回');
    await expect.poll(() => delivery.textContent()).toContain('已撤回');
    await screenshot(page, 'content-11-withdrawn');

    // The calendar shows every publication on its day; one opens its article.
    await openMenuPage(page, '阵地管理', '发布日历');
    await page.waitForURL('**/channels/calendar');
    const entries = page.getByTestId('calendar-publication').filter({ hasText: title });
    // The website twice (withdrawn, then re-published), the bulletin board and the webhook.
    await expect.poll(() => entries.count()).toBe(4);
    await screenshot(page, 'content-12-calendar');
    await entries.first().click();
    await page.waitForURL(/\/content\/articles\/\d+$/);
    await page.getByTestId('publish-form').waitFor();

    await context.close();
  }, 120_000);
});
