import { beforeAll, describe, expect, inject, it } from 'vitest';
import { adminApi, apiPost, type ApiSession, apiSession, buttonName, openConsole, openMenuPage, screenshot, searchOption, signIn, useBrowser } from './browser.ts';
import { solidPng } from './images.ts';

const baseUrl = inject('baseUrl');
const wechatApi = inject('wechat');

const department = '儿童保健科（公众号）';
const people = {
  writer: { username: 'wechat-writer', password: 'Gongzhong#2026w', displayName: '陈晨', role: 'correspondent' },
  reviewer: { username: 'wechat-reviewer', password: 'Gongzhong#2026r', displayName: '周主任', role: 'dept_reviewer' },
  editor: { username: 'wechat-editor', password: 'Gongzhong#2026e', displayName: '吴编辑', role: 'editor' },
} as const;
const channel = { name: '妇幼健康服务号', callbackToken: 'e2e-wechat-callback-token' };
const warmUpTitle = '儿童保健科开展视力筛查';
const title = '儿童保健科春季长高课堂开讲';

useBrowser();

const control = (path: string, body?: unknown) =>
  fetch(`${wechatApi.controlUrl}${path}`, { method: body === undefined && path === '/counts' ? 'GET' : 'POST', body: body === undefined ? undefined : JSON.stringify(body) }).then(
    (r) => r.json() as Promise<{ tokensIssued: number; publishes: number }>,
  );

let channelId: number;
let articleId: number;
let warmUpArticleId: number;
let editorApi: ApiSession;

beforeAll(async () => {
  const admin = await adminApi();
  const me = (await (await admin.request.get('/api/auth/me')).json()) as { departmentId: number };
  const dept = await apiPost<{ id: number }>(admin, '/api/departments', { name: department, kind: 'clinical' });
  for (const person of Object.values(people)) {
    const { role, ...user } = person;
    await apiPost(admin, '/api/users', { ...user, departmentId: role === 'editor' ? me.departmentId : dept.id, roles: [role] });
  }
  // WeChat needs a cover image for every article: the hospital logo stands in when the article has none.
  const logo = await solidPng(300, 300, '#c2185b');
  const uploaded = await admin.request.put('/api/hospital/logo', { headers: admin.headers, multipart: { file: { name: 'logo.png', mimeType: 'image/png', buffer: logo } } });
  expect(uploaded.status()).toBe(200);
  channelId = (
    await apiPost<{ id: number }>(admin, '/api/channels', {
      kind: 'wechat_service',
      name: channel.name,
      ownerDepartmentId: me.departmentId,
      settings: { appId: wechatApi.appId },
      secrets: { appSecret: wechatApi.appSecret, callbackToken: channel.callbackToken },
    })
  ).id;
  // The account's server URL, as set in the 公众号 back office: WeChat pushes PUBLISHJOBFINISH there.
  await control('/push-events', { url: `${baseUrl}/api/channels/${channelId}/wechat/callback`, token: channel.callbackToken });

  const writer = await apiSession(people.writer.username, people.writer.password);
  const reviewer = await apiSession(people.reviewer.username, people.reviewer.password);
  const editor = await apiSession(people.editor.username, people.editor.password);
  const approved = async (articleTitle: string) => {
    const article = await apiPost<{ id: number }>(writer, '/api/articles', {
      title: articleTitle,
      body: '<p>儿童保健科医生为家长讲解儿童生长发育规律，提醒家长关注孩子的睡眠、营养和运动。</p>',
      category: 'science',
      credits: [{ role: '供稿', name: department }],
    });
    await apiPost(writer, `/api/articles/${article.id}/submit`, {});
    await apiPost(reviewer, `/api/articles/${article.id}/review`, { decision: 'approve' });
    await apiPost(editor, `/api/articles/${article.id}/review`, { decision: 'approve' });
    return article.id;
  };
  editorApi = editor;
  warmUpArticleId = await approved(warmUpTitle);
  articleId = await approved(title);
}, 120_000);

describe('publishing to a WeChat Official Account (local WeChat API)', () => {
  it('goes out through draft/add and freepublish/submit after the access token expired, and shows the article link', async () => {
    // One publication first, so the server holds an access token that can then expire.
    const warmUp = await apiPost<{ id: number }>(editorApi, '/api/publications', { articleId: warmUpArticleId, channelId });
    await expect
      .poll(async () => ((await (await editorApi.request.get(`/api/publications/${warmUp.id}`)).json()) as { status: string }).status, { timeout: 30_000 })
      .toBe('published');
    const before = await control('/counts');
    expect(before.tokensIssued).toBe(1);
    await control('/expire-tokens', {});

    const { context, page } = await openConsole();
    await signIn(page, people.editor.username, people.editor.password);
    await page.getByTestId('dashboard-greeting').waitFor();
    await page.goto(`/content/articles/${articleId}`);
    const publishForm = page.getByTestId('publish-form');
    await searchOption(page, publishForm.getByLabel('阵地', { exact: true }), channel.name);
    await publishForm.getByRole('button', { name: '编辑渠道版本' }).click();
    const drawer = page.getByRole('dialog', { name: `渠道版本 · ${channel.name}` });
    await expect.poll(() => drawer.getByTestId('wechat-preview').frameLocator('iframe').locator('body').textContent()).toContain('生长发育');
    await expect.poll(() => drawer.getByText('符合平台要求，可以发布').count()).toBe(1);
    await screenshot(page, 'wechat-01-variant');
    await drawer.getByRole('button', { name: buttonName('发布') }).click();
    await drawer.waitFor({ state: 'hidden' });

    const row = page.getByRole('row', { name: new RegExp(channel.name) });
    await expect.poll(() => row.textContent(), { timeout: 30_000 }).toContain('已发布');
    await expect.poll(() => row.getByRole('link').first().getAttribute('href')).toMatch(/^https:\/\/mp\.weixin\.qq\.com\/s\//);
    await screenshot(page, 'wechat-02-published');

    const after = await control('/counts');
    expect(after.tokensIssued).toBe(2);
    expect(after.publishes).toBe(before.publishes + 1);

    await openMenuPage(page, '阵地管理', '发布日历');
    await expect.poll(() => page.getByTestId('calendar-publication').filter({ hasText: title }).count()).toBe(1);
    await context.close();
  }, 120_000);
});
