import { describe, expect, inject, it } from 'vitest';
import { buttonName, newContext, openConsole, screenshot, searchOption, signIn, useBrowser } from './browser.ts';

const adminPassword = inject('adminPassword');

const serviceAccount = {
  name: '医院服务号',
  recordNumber: '蜀ICP备2026000123号',
  subject: '某某大学附属医院',
  revisedSubject: '某某大学附属医院（党委宣传部）',
  appId: 'wx5e1f2a3b4c5d6e7f',
  appSecret: 'e2e-app-secret-9c41d7f0b2a8',
};
const column = '《肿而言之》';
const bulletinBoard = '门诊大厅宣传栏';
const viewer = { username: 'channel-viewer', password: 'Yuedu#2026cv', displayName: '阵地只读' };

useBrowser();

describe('channels (阵地管理) as the administrator', () => {
  it('registers a WeChat service account with its secret kept out of sight, adds a column, and registers a bulletin board', async () => {
    const { context, page } = await openConsole();
    // Every API answer the page receives, to show that the secret never comes back.
    const apiBodies: Promise<string>[] = [];
    page.on('response', (response) => {
      if (new URL(response.url()).pathname.startsWith('/api/')) apiBodies.push(response.text().catch(() => ''));
    });

    await signIn(page, 'admin', adminPassword);
    await page.getByTestId('dashboard-greeting').waitFor();
    await expect.poll(() => page.getByText('即将上线').count()).toBe(3);

    await page.getByRole('menuitem', { name: '阵地管理' }).click();
    await page.getByRole('menuitem', { name: '阵地列表', exact: true }).click();
    await page.waitForURL('**/channels/registry');

    await page.getByRole('button', { name: '新建阵地' }).click();
    const createDialog = page.getByRole('dialog', { name: '新建阵地' });
    await searchOption(page, createDialog.getByLabel('类型'), '微信服务号');
    await createDialog.getByLabel('名称').fill(serviceAccount.name);
    await searchOption(page, createDialog.getByLabel('归属科室'), '党委宣传部');
    // An online kind starts with the suggested 备案 items, and a WeChat account with its integration fields.
    await createDialog.getByLabel('备案号', { exact: true }).fill(serviceAccount.recordNumber);
    await createDialog.getByLabel('认证主体', { exact: true }).fill(serviceAccount.subject);
    await createDialog.getByLabel('AppID').fill(serviceAccount.appId);
    await createDialog.getByLabel('AppSecret').fill(serviceAccount.appSecret);
    await createDialog.getByText('接口配置').scrollIntoViewIfNeeded();
    await screenshot(page, 'channels-01-service-account-form');
    await createDialog.getByRole('button', { name: buttonName('保存') }).click();
    await createDialog.waitFor({ state: 'hidden' });

    const serviceRow = page.getByRole('row', { name: new RegExp(serviceAccount.name) });
    for (const text of ['微信服务号', '线上', '党委宣传部', '在用', `备案号：${serviceAccount.recordNumber}`, '已配置']) {
      await expect.poll(() => serviceRow.textContent()).toContain(text);
    }
    await screenshot(page, 'channels-02-list-configured');

    // Editing shows that the secret is set, never what it is; leaving it empty keeps it.
    await serviceRow.getByRole('button', { name: buttonName('编辑') }).click();
    const editDialog = page.getByRole('dialog', { name: '编辑阵地' });
    const secretInput = editDialog.getByLabel('AppSecret');
    await expect.poll(() => secretInput.getAttribute('placeholder')).toBe('已设置，留空则不修改');
    await expect.poll(() => secretInput.inputValue()).toBe('');
    await expect.poll(() => editDialog.getByText('清除', { exact: true }).count()).toBe(1);
    await expect.poll(() => editDialog.getByLabel('AppID').inputValue()).toBe(serviceAccount.appId);
    await expect.poll(() => editDialog.getByLabel('备案号', { exact: true }).inputValue()).toBe(serviceAccount.recordNumber);
    expect(await page.content()).not.toContain(serviceAccount.appSecret);
    await editDialog.getByLabel('认证主体', { exact: true }).fill(serviceAccount.revisedSubject);
    await secretInput.scrollIntoViewIfNeeded();
    await screenshot(page, 'channels-03-edit-secret-set');
    await editDialog.getByRole('button', { name: buttonName('保存') }).click();
    await editDialog.waitFor({ state: 'hidden' });
    await expect.poll(() => serviceRow.textContent()).toContain(serviceAccount.revisedSubject);
    await expect.poll(() => serviceRow.textContent()).toContain('已配置');

    await serviceRow.getByRole('button', { name: buttonName('栏目') }).click();
    const drawer = page.getByRole('dialog', { name: `${serviceAccount.name} · 栏目` });
    await drawer.getByRole('button', { name: '新增栏目' }).click();
    const columnDialog = page.getByRole('dialog', { name: '新增栏目' });
    await columnDialog.getByLabel('栏目名称').fill(column);
    await columnDialog.getByLabel('说明').fill('肿瘤防治科普');
    await columnDialog.getByRole('button', { name: buttonName('保存') }).click();
    await columnDialog.waitFor({ state: 'hidden' });
    await expect.poll(() => drawer.getByRole('row', { name: new RegExp(column) }).textContent()).toContain('启用中');
    await screenshot(page, 'channels-04-columns');
    await drawer.getByRole('button', { name: /close|关闭/i }).click();
    await drawer.waitFor({ state: 'hidden' });

    // An offline kind has no integration and no suggested 备案 items.
    await page.getByRole('button', { name: '新建阵地' }).click();
    const boardDialog = page.getByRole('dialog', { name: '新建阵地' });
    await searchOption(page, boardDialog.getByLabel('类型'), '宣传栏');
    await boardDialog.getByLabel('名称').fill(bulletinBoard);
    await expect.poll(() => boardDialog.getByText('接口配置').count()).toBe(0);
    await expect.poll(() => boardDialog.getByLabel('备案号', { exact: true }).count()).toBe(0);
    await boardDialog.getByRole('button', { name: '添加备案项' }).click();
    await boardDialog.getByLabel('项目').fill('位置');
    await boardDialog.getByLabel('位置', { exact: true }).fill('门诊楼一楼大厅');
    await screenshot(page, 'channels-05-bulletin-board-form');
    await boardDialog.getByRole('button', { name: buttonName('保存') }).click();
    await boardDialog.waitFor({ state: 'hidden' });
    const boardRow = page.getByRole('row', { name: new RegExp(bulletinBoard) });
    for (const text of ['宣传栏', '线下', '党委宣传部', '位置：门诊楼一楼大厅']) {
      await expect.poll(() => boardRow.textContent()).toContain(text);
    }
    await expect.poll(() => boardRow.textContent()).not.toContain('配置');
    await screenshot(page, 'channels-06-list');

    await page.getByPlaceholder('按名称搜索').fill('宣传栏');
    await page.getByPlaceholder('按名称搜索').press('Enter');
    await expect.poll(() => serviceRow.count()).toBe(0);
    await expect.poll(() => boardRow.count()).toBe(1);

    await page.getByPlaceholder('按名称搜索').fill('');
    await page.getByPlaceholder('按名称搜索').press('Enter');
    await expect.poll(() => serviceRow.count()).toBe(1);

    // 清除 removes the stored secret on save, and the integration is no longer complete.
    await serviceRow.getByRole('button', { name: buttonName('编辑') }).click();
    const clearDialog = page.getByRole('dialog', { name: '编辑阵地' });
    await clearDialog.getByText('清除', { exact: true }).click();
    await clearDialog.getByText('保存后清除').waitFor();
    await clearDialog.getByRole('button', { name: buttonName('保存') }).click();
    await clearDialog.waitFor({ state: 'hidden' });
    await expect.poll(() => serviceRow.textContent()).toContain('未配置');

    expect(await page.content()).not.toContain(serviceAccount.appSecret);
    const bodies = await Promise.all(apiBodies);
    expect(bodies.some((body) => body.includes(serviceAccount.appId))).toBe(true);
    expect(bodies.filter((body) => body.includes(serviceAccount.appSecret))).toEqual([]);

    await context.close();
  });

  it('shows the registry and its columns to a viewer, without anything to change', async () => {
    const adminContext = await newContext();
    const login = await adminContext.request.post('/api/auth/login', { data: { username: 'admin', password: adminPassword } });
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const me = (await (await adminContext.request.get('/api/auth/me')).json()) as { departmentId: number };
    const created = await adminContext.request.post('/api/users', {
      headers: { 'x-csrf-token': csrfToken },
      data: { username: viewer.username, password: viewer.password, displayName: viewer.displayName, departmentId: me.departmentId, roles: ['viewer'] },
    });
    expect(created.status()).toBe(201);
    await adminContext.close();

    const { context, page } = await openConsole();
    await signIn(page, viewer.username, viewer.password);
    await page.getByTestId('dashboard-greeting').waitFor();
    await page.getByRole('menuitem', { name: '阵地管理' }).click();
    await page.getByRole('menuitem', { name: '阵地列表', exact: true }).click();

    const serviceRow = page.getByRole('row', { name: new RegExp(serviceAccount.name) });
    await expect.poll(() => serviceRow.textContent()).toContain('微信服务号');
    await expect.poll(() => page.getByRole('button', { name: '新建阵地' }).count()).toBe(0);
    await expect.poll(() => serviceRow.getByRole('button', { name: buttonName('编辑') }).count()).toBe(0);
    await serviceRow.getByRole('button', { name: buttonName('栏目') }).click();
    const drawer = page.getByRole('dialog', { name: `${serviceAccount.name} · 栏目` });
    await expect.poll(() => drawer.getByRole('row', { name: new RegExp(column) }).count()).toBe(1);
    await expect.poll(() => drawer.getByRole('button', { name: '新增栏目' }).count()).toBe(0);
    await expect.poll(() => drawer.getByRole('button', { name: buttonName('停用') }).count()).toBe(0);
    await screenshot(page, 'channels-07-viewer-columns');

    await context.close();
  });
});
