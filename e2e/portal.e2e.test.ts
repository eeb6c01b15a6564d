import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { buttonName, newContext, openConsole, openMenuPage, screenshot, searchOption, signIn, useBrowser } from './browser.ts';

const adminPassword = inject('adminPassword');

/** Its own department and editor: the other specs run on the same server. */
const department = '眼科';
const editor = { username: 'portal-editor', password: 'Menhu#2026pe', displayName: '周编辑' };
const expert = { name: '林晓光', title: '主任医师', specialties: '白内障、青光眼的诊断与手术治疗', clinicHours: '周二上午、周五全天' };
const phone = { width: 375, height: 812 };

let departmentId: number;

useBrowser();

beforeAll(async () => {
  const context = await newContext();
  const login = await context.request.post('/api/auth/login', { data: { username: 'admin', password: adminPassword } });
  const headers = { 'x-csrf-token': ((await login.json()) as { csrfToken: string }).csrfToken };
  const me = (await (await context.request.get('/api/auth/me')).json()) as { departmentId: number };
  const created = await context.request.post('/api/departments', { headers, data: { name: department, kind: 'clinical' } });
  expect(created.status()).toBe(201);
  departmentId = ((await created.json()) as { id: number }).id;
  const user = await context.request.post('/api/users', { headers, data: { ...editor, departmentId: me.departmentId, roles: ['editor'] } });
  expect(user.status()).toBe(201);
  await context.close();
}, 60_000);

/** A 3:4 portrait drawn in the page's own canvas: a real PNG, as a phone camera or scanner would give. */
async function portrait(page: Page): Promise<Buffer> {
  const dataUrl = await page.evaluate(() => {
    const canvas = document.createElement('canvas');
    canvas.width = 300;
    canvas.height = 400;
    const ctx = canvas.getContext('2d')!;
    ctx.fillStyle = '#dbe7f7';
    ctx.fillRect(0, 0, 300, 400);
    ctx.fillStyle = '#1f5fbf';
    ctx.beginPath();
    ctx.arc(150, 150, 70, 0, Math.PI * 2);
    ctx.fill();
    ctx.beginPath();
    ctx.ellipse(150, 400, 130, 150, 0, 0, Math.PI * 2);
    ctx.fill();
    return canvas.toDataURL('image/png');
  });
  return Buffer.from(dataUrl.split(',')[1], 'base64');
}

/** The site renders a page at most once every 5 seconds: a change shows within that window. */
async function reloadUntil(page: Page, path: string, text: string): Promise<void> {
  await expect
    .poll(
      async () => {
        await page.goto(path);
        return page.locator('main').textContent();
      },
      { timeout: 15_000, interval: 1_000 },
    )
    .toContain(text);
}

describe('portal (门户网站): experts on the public website', () => {
  it('an editor adds an expert with a photo in the console, and the expert appears on the website and their department page', async () => {
    const { context, page } = await openConsole();
    await signIn(page, editor.username, editor.password);
    await page.getByTestId('dashboard-greeting').waitFor();
    await openMenuPage(page, '专家库', '专家列表');
    await page.waitForURL('**/experts/registry');

    await page.getByRole('button', { name: '新增专家' }).click();
    const dialog = page.getByRole('dialog', { name: '新增专家' });
    await dialog.getByLabel('姓名', { exact: true }).fill(expert.name);
    await dialog.getByLabel('职称', { exact: true }).fill(expert.title);
    await searchOption(page, dialog.getByLabel('科室', { exact: true }), department);
    await dialog.locator('input[type=file]').setInputFiles({ name: 'portrait.png', mimeType: 'image/png', buffer: await portrait(page) });
    await expect.poll(() => dialog.getByRole('img', { name: '照片' }).count()).toBe(1);
    await dialog.getByLabel('擅长', { exact: true }).fill(expert.specialties);
    await dialog.getByLabel('出诊时间', { exact: true }).fill(expert.clinicHours);
    await dialog.getByRole('checkbox', { name: '科普专家' }).check();
    await dialog.getByRole('switch', { name: '在官网展示' }).click();
    await screenshot(page, 'portal-01-new-expert');
    await dialog.getByRole('button', { name: buttonName('保存') }).click();
    await dialog.waitFor({ state: 'hidden' });

    const row = page.getByRole('row', { name: new RegExp(expert.name) });
    await expect.poll(() => row.textContent()).toContain('官网展示');
    await expect.poll(() => row.textContent()).toContain('科普专家');
    await expect.poll(() => row.locator('img').getAttribute('src')).toMatch(/^\/api\/experts\/\d+\/photo\?v=/);
    await screenshot(page, 'portal-02-expert-registry');

    await reloadUntil(page, '/site/experts', expert.name);
    const card = page.locator('.card', { hasText: expert.name });
    await expect.poll(() => card.textContent()).toContain(`${expert.title} · ${department}`);
    await expect.poll(() => card.locator('img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(300);
    await screenshot(page, 'portal-03-site-experts');

    await card.getByRole('link', { name: expert.name }).click();
    await expect.poll(() => page.locator('main').textContent()).toContain(expert.clinicHours);
    await page.getByRole('link', { name: department }).click();
    await page.waitForURL(`**/site/departments/${departmentId}`);
    await expect.poll(() => page.locator('main h1').textContent()).toBe(department);
    await expect.poll(() => page.locator('.card', { hasText: expert.name }).count()).toBe(1);
    await screenshot(page, 'portal-04-department');
    await context.close();
  });

  it('shows the whole navigation on a phone, 375 px wide, without sideways scrolling', async () => {
    const context = await newContext({ locale: 'zh-CN', viewport: phone, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await page.goto('/site/');
    const nav = page.getByRole('navigation', { name: '网站导航' });
    for (const label of ['首页', '新闻动态', '健康科普', '党建之窗', '科室导航', '专家介绍', '搜索']) {
      const link = nav.getByRole('link', { name: label, exact: true });
      expect(await link.isVisible()).toBe(true);
      const box = (await link.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(phone.width);
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(phone.width);
    await screenshot(page, 'portal-05-phone-home');

    await nav.getByRole('link', { name: '专家介绍', exact: true }).click();
    await page.waitForURL('**/site/experts');
    await expect.poll(() => page.locator('main').textContent()).toContain(expert.name);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(phone.width);
    await screenshot(page, 'portal-06-phone-experts');
    await context.close();
  });
});
