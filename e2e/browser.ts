/** The browser the e2e specs drive the console in, and the steps through the console that they share. */

import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { chromium, type APIRequestContext, type Browser, type BrowserContext, type BrowserContextOptions, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject } from 'vitest';

const baseUrl = inject('baseUrl');
const screenshotDir = path.join(import.meta.dirname, 'screenshots');

let browser: Browser;

/**
 * Launches Debian's Chromium before the calling spec file's tests and closes it after them: playwright-core brings
 * no browser of its own, and the flags let it run in a container (no sandbox, no GPU) without traffic of its own.
 */
export function useBrowser(): void {
  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    await mkdir(screenshotDir, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
  });
}

/** A fresh context (its own cookies, so its own session) on the server the global setup started. */
export function newContext(options: BrowserContextOptions = {}): Promise<BrowserContext> {
  return browser.newContext({ baseURL: baseUrl, ...options });
}

/** A page as a user in the hospital sees the console: Chinese, Beijing time, a desktop screen. */
export async function openConsole(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  return { context, page };
}

export async function signIn(page: Page, username: string, password: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: buttonName('登录') }).click();
}

/**
 * antd puts a space between the two characters of a two-character Chinese button ("登 录"); and a button that was
 * loading may keep its loading icon, invisible, in a leave animation that never ends, which adds "loading" to its name.
 */
export function buttonName(text: string): RegExp {
  return new RegExp(`^(?:loading)?\\s*${[...text].join('\\s*')}\\s*$`);
}

/** Opens a page from the side menu, first unfolding its submenu unless that is already open (a click would fold it). */
export async function openMenuPage(page: Page, submenu: string, label: string): Promise<void> {
  const entry = page.getByRole('menuitem', { name: label, exact: true });
  if (!(await entry.isVisible())) await page.getByRole('menuitem', { name: submenu }).click();
  await entry.click();
}

/** Opens a select and picks an option; closed dropdowns stay in the page, hidden, so only the visible one is looked in. */
export async function chooseOption(page: Page, select: Locator, option: string): Promise<void> {
  await select.click();
  await visibleOption(page, option).click();
}

/** Types into a searchable select, so that an option far down its (virtual) list is rendered, and picks it. */
export async function searchOption(page: Page, select: Locator, option: string): Promise<void> {
  await select.click();
  await select.pressSequentially(option);
  await visibleOption(page, option).click();
}

/**
 * Picks options of a multiple select, then closes its dropdown by clicking the dialog's title: a multiple select stays open
 * for more picks, and its closing animation would otherwise still cover the buttons below it. Escape would close the dialog.
 */
export async function chooseOptions(page: Page, dialog: Locator, select: Locator, options: string[]): Promise<void> {
  await select.click();
  for (const option of options) await visibleOption(page, option).click();
  await dialog.locator('.ant-modal-title').click();
  await expect.poll(() => page.locator('.ant-select-dropdown:visible').count()).toBe(0);
}

function visibleOption(page: Page, option: string): Locator {
  return page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option }).first();
}

/**
 * Screenshots after antd's open and close animations have run, so dialogs and drawers are where they stop;
 * endless ones (spinners) are not waited for, and cancelled ones count as done.
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((animation) => Number.isFinite(animation.effect?.getComputedTiming().endTime ?? Infinity))
        .map((animation) => animation.finished.catch(() => undefined)),
    ),
  );
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true });
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: '用户菜单' }).click();
  await page.getByRole('menuitem', { name: '退出登录' }).click();
  await page.waitForURL('**/login');
}

/** A signed-in API session (cookie and CSRF token), for setting up what a journey needs without clicking through it. */
export type ApiSession = { request: APIRequestContext; headers: Record<string, string>; close: () => Promise<void> };

export async function apiSession(username: string, password: string): Promise<ApiSession> {
  const context = await newContext();
  const login = await context.request.post('/api/auth/login', { data: { username, password } });
  expect(login.status()).toBe(200);
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  return { request: context.request, headers: { 'x-csrf-token': csrfToken }, close: () => context.close() };
}

export function adminApi(): Promise<ApiSession> {
  return apiSession('admin', inject('adminPassword'));
}

/** POSTs as a session and answers the created or changed resource; anything but a 2xx fails the test with the body. */
export async function apiPost<T>(who: ApiSession, path: string, data: unknown): Promise<T> {
  const res = await who.request.post(path, { headers: who.headers, data });
  expect(res.status(), `${path}: ${await res.text()}`).toBeLessThan(300);
  return (await res.json()) as T;
}
