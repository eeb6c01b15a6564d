import { describe, expect, inject, it } from 'vitest';
import { buttonName, chooseOption, chooseOptions, openConsole, openMenuPage, screenshot, searchOption, signIn, signOut, useBrowser } from './browser.ts';

const adminPassword = inject('adminPassword');

const department = '心血管内科';
const correspondent = {
  username: 'zhangwei',
  displayName: '张伟',
  initialPassword: 'Chushi#2026a',
  temporaryPassword: 'Linshi#2026a',
  ownPassword: 'Xinnei#2026zw',
};

useBrowser();

describe('foundation: organisation set-up by the administrator, first sign-in of a correspondent', () => {
  it('runs the journey from sign-in to the audit log', async () => {
    const { context, page } = await openConsole();

    await page.goto('/');
    await page.waitForURL('**/login');
    await page.getByRole('button', { name: buttonName('登录') }).waitFor();
    await screenshot(page, '01-login');
    await signIn(page, 'admin', adminPassword);
    await expect.poll(() => page.getByTestId('dashboard-greeting').textContent()).toContain('系统管理员');
    await expect.poll(() => page.getByText('即将上线').count()).toBe(3);
    await screenshot(page, '02-admin-dashboard');

    await openMenuPage(page, '系统管理', '科室');
    await page.getByRole('button', { name: '新建科室' }).click();
    const departmentDialog = page.getByRole('dialog', { name: '新建科室' });
    await departmentDialog.getByLabel('科室名称').fill(department);
    await chooseOption(page, departmentDialog.getByLabel('类型'), '临床科室');
    await screenshot(page, '03-department-form');
    await departmentDialog.getByRole('button', { name: buttonName('保存') }).click();
    await departmentDialog.waitFor({ state: 'hidden' });
    const departmentRow = page.getByRole('row', { name: new RegExp(department) });
    await expect.poll(() => departmentRow.textContent()).toContain('临床科室');
    await screenshot(page, '04-departments');

    await openMenuPage(page, '系统管理', '用户');
    await page.getByRole('button', { name: '新建用户' }).click();
    const userDialog = page.getByRole('dialog', { name: '新建用户' });
    await userDialog.getByLabel('用户名').fill(correspondent.username);
    await userDialog.getByLabel('初始密码').fill(correspondent.initialPassword);
    await userDialog.getByLabel('姓名').fill(correspondent.displayName);
    await searchOption(page, userDialog.getByLabel('科室'), department);
    await chooseOptions(page, userDialog, userDialog.getByLabel('角色'), ['科室通讯员']);
    await screenshot(page, '05-user-form');
    await userDialog.getByRole('button', { name: buttonName('保存') }).click();
    await userDialog.waitFor({ state: 'hidden' });
    const userRow = page.getByRole('row', { name: new RegExp(correspondent.displayName) });
    await expect.poll(() => userRow.textContent()).toContain('科室通讯员');
    await expect.poll(() => userRow.textContent()).toContain(department);
    await screenshot(page, '06-users');

    // A reset (unlike creation) obliges the user to choose a new password at the next sign-in.
    await userRow.getByRole('button', { name: '重置密码' }).click();
    const resetDialog = page.getByRole('dialog', { name: /重置“张伟”的密码/ });
    await resetDialog.getByLabel('新密码').fill(correspondent.temporaryPassword);
    await resetDialog.getByRole('button', { name: buttonName('确定') }).click();
    await resetDialog.waitFor({ state: 'hidden' });
    await expect.poll(() => userRow.textContent()).toContain('待改密');

    await signOut(page);
    await signIn(page, correspondent.username, correspondent.temporaryPassword);
    await page.waitForURL('**/change-password');
    await page.getByText('请先修改密码').waitFor();
    await screenshot(page, '07-forced-password-change');
    await page.getByLabel('当前密码').fill(correspondent.temporaryPassword);
    await page.getByLabel('新密码', { exact: true }).fill(correspondent.ownPassword);
    await page.getByLabel('确认新密码').fill(correspondent.ownPassword);
    await page.getByRole('button', { name: '修改密码' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    const greeting = page.getByTestId('dashboard-greeting');
    await expect.poll(() => greeting.textContent()).toContain(correspondent.displayName);
    await expect.poll(() => page.getByText(`所在科室：${department}`).count()).toBe(1);
    await screenshot(page, '08-correspondent-dashboard');

    await page.getByRole('menuitem', { name: /媒体关系/ }).click();
    await expect.poll(() => page.getByText('媒体关系 · 即将上线').count()).toBe(1);
    await screenshot(page, '09-coming-soon');

    await signOut(page);
    await signIn(page, 'admin', adminPassword);
    await page.getByTestId('dashboard-greeting').waitFor();
    await openMenuPage(page, '系统管理', '审计日志');
    const departmentCreated = page.getByRole('row', { name: /department\.create/ }).filter({ hasText: department });
    const userCreated = page.getByRole('row', { name: /user\.create/ }).filter({ hasText: correspondent.displayName });
    await expect.poll(() => departmentCreated.count()).toBe(1);
    await expect.poll(() => userCreated.count()).toBe(1);
    await departmentCreated.getByRole('button', { name: /展开|expand/i }).click();
    await expect.poll(() => page.getByTestId('audit-diff').textContent()).toContain(department);
    await screenshot(page, '10-audit-log');

    await context.close();
  });

  it('shows the menu in English after switching the language', async () => {
    const { context, page } = await openConsole();
    await signIn(page, 'admin', adminPassword);
    await page.getByTestId('dashboard-greeting').waitFor();

    await page.getByRole('button', { name: '语言' }).click();
    await page.getByRole('menuitem', { name: 'English' }).click();
    for (const label of ['Dashboard', 'Content', 'Channels', 'Messaging', 'Public opinion', 'Reports', 'System']) {
      await expect.poll(() => page.getByRole('menuitem', { name: label }).count()).toBeGreaterThan(0);
    }
    await expect.poll(() => page.getByText('Coming soon').count()).toBe(3);

    await page.reload();
    await expect.poll(() => page.getByTestId('dashboard-greeting').textContent()).toMatch(/^Good (morning|afternoon|evening), /);
    await screenshot(page, '11-english-dashboard');
    await context.close();
  });
});
