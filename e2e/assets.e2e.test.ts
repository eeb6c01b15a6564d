import sharp from 'sharp';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { buttonName, newContext, openConsole, openMenuPage, screenshot, signIn, useBrowser } from './browser.ts';

const adminPassword = inject('adminPassword');

/** Names of its own: every spec file shares one server. */
const department = '康复医学科';
const correspondent = { username: 'asset-writer', password: 'Sucai#2026aw', displayName: '周婷' };
const photoTitle = '康复患者出院合影';

useBrowser();

/** A phone photo: a real JPEG with the camera and GPS position in its EXIF, as patients' photos arrive. */
function phonePhoto() {
  return sharp({ create: { width: 1200, height: 800, channels: 3, background: { r: 96, g: 160, b: 120 } } })
    .jpeg()
    .withExif({ IFD0: { Make: 'WardPhone' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '30/1 39/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '104/1 4/1 0/1' } })
    .toBuffer();
}

const consentScan = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');

beforeAll(async () => {
  const context = await newContext();
  const login = await context.request.post('/api/auth/login', { data: { username: 'admin', password: adminPassword } });
  const headers = { 'x-csrf-token': ((await login.json()) as { csrfToken: string }).csrfToken };
  const created = await context.request.post('/api/departments', { headers, data: { name: department, kind: 'clinical' } });
  expect(created.status()).toBe(201);
  const departmentId = ((await created.json()) as { id: number }).id;
  const user = await context.request.post('/api/users', { headers, data: { ...correspondent, departmentId, roles: ['correspondent'] } });
  expect(user.status()).toBe(201);
  await context.close();
}, 60_000);

describe('asset library (素材库)', () => {
  it('a patient photo is uploaded, marked, flagged for missing consent until consent is recorded', async () => {
    const { context, page } = await openConsole();
    await signIn(page, correspondent.username, correspondent.password);
    await page.getByTestId('dashboard-greeting').waitFor();
    await openMenuPage(page, '采编发', '素材库');
    await page.waitForURL('**/content/assets');

    await page.locator('.ant-upload-drag input[type=file]').setInputFiles({ name: `${photoTitle}.jpg`, mimeType: 'image/jpeg', buffer: await phonePhoto() });
    const tile = page.getByTestId('asset-tile').filter({ hasText: photoTitle });
    await tile.waitFor();
    // The thumbnail route answers only signed-in readers: a loaded 320 px WebP proves the session and the thumbnail.
    await expect.poll(() => tile.locator('img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(320);
    expect(await tile.getByTestId('consent-missing').count()).toBe(0);

    await tile.click();
    const detail = page.getByTestId('asset-detail');
    await detail.waitFor();
    await detail.getByLabel('图片说明').fill('患者康复出院，与医护人员合影');
    await detail.getByLabel('摄影/来源').fill('摄影：宣传部 张华');
    await detail.getByRole('switch', { name: '含患者影像' }).click();
    await detail.getByRole('button', { name: buttonName('保存') }).click();
    await expect.poll(() => tile.getByTestId('consent-missing').textContent()).toBe('缺少知情同意');
    await expect.poll(() => page.getByTestId('asset-consent').textContent()).toContain('尚未登记患者知情同意');
    await page.getByTestId('asset-consent').scrollIntoViewIfNeeded();
    await screenshot(page, 'assets-01-consent-missing');

    await page.getByTestId('asset-consent').getByRole('button', { name: '登记知情同意' }).click();
    const dialog = page.getByRole('dialog', { name: '登记知情同意' });
    await dialog.getByLabel('取得人').fill('护士长 李敏');
    await dialog.getByLabel('同意日期').fill('2026-01-05');
    await dialog.getByLabel('同意日期').press('Enter');
    await dialog.locator('input[type=file]').setInputFiles({ name: '知情同意书.pdf', mimeType: 'application/pdf', buffer: consentScan });
    await expect.poll(() => dialog.locator('.ant-upload-list-item').count()).toBe(1);
    await screenshot(page, 'assets-02-record-consent');
    await dialog.getByRole('button', { name: buttonName('保存') }).click();
    await dialog.waitFor({ state: 'hidden' });

    await expect.poll(() => tile.getByTestId('consent-missing').count()).toBe(0);
    const consent = page.getByTestId('asset-consent');
    await expect.poll(() => consent.textContent()).toContain('护士长 李敏');
    expect(await consent.textContent()).toContain('2026-01-05');
    expect(await consent.getByRole('link', { name: '查看扫描件' }).getAttribute('href')).toMatch(/^\/api\/assets\/\d+\/consent\/scan$/);
    await screenshot(page, 'assets-03-consent-recorded');

    await page.keyboard.press('Escape');
    await page.getByText('只看缺少知情同意').click();
    await expect.poll(() => tile.count()).toBe(0);
    await context.close();
  });
});
