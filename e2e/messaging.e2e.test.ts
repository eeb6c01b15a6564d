import { describe, expect, inject, it } from 'vitest';
import { buttonName, openConsole, openMenuPage, screenshot, signIn, useBrowser } from './browser.ts';

const adminPassword = inject('adminPassword');

const draftText = '本院是全国最好的医院，保证根治。预约请致电13800138000。';
const lexiconName = '舆情风险词（测试）';
// Three words and one repeat: the import counts the repeat as a duplicate.
const lexiconFile = ['黄牛', '医托', '号贩子', '黄牛'].join('\n');
const statement = {
  topic: '门诊夜间服务时间',
  wording: '自2026年3月1日起，本院门诊夜间服务延长至21:00。',
  facts: '覆盖内科、儿科、妇科三个科室。',
  revisedWording: '自2026年3月1日起，本院门诊夜间服务延长至22:00，周末照常。',
};

useBrowser();

describe('messaging (传播口径) as the administrator, who is an editor too', () => {
  it('checks a text, imports a lexicon, drafts and revises a statement, then keeps terms, allow-list and published numbers', async () => {
    const { context, page } = await openConsole();

    await signIn(page, 'admin', adminPassword);
    await page.getByTestId('dashboard-greeting').waitFor();
    await expect.poll(() => page.getByText('即将上线').count()).toBe(3);

    await openMenuPage(page, '传播口径', '合规检查');
    await page.getByLabel('正文').fill(draftText);
    // A button with an icon is named by the icon first ("safety-certificate 检 查").
    await page.getByRole('button', { name: /检\s*查\s*$/ }).click();
    const body = page.getByTestId('checked-body');
    await body.waitFor();
    for (const [category, label] of [
      ['ad_absolute', '广告绝对化用语'],
      ['medical_claim', '医疗广告违规宣称'],
      ['privacy_phone', '手机号码'],
    ]) {
      await expect.poll(() => page.getByTestId(`finding-group-${category}`).textContent()).toContain(label);
    }
    const marked = await body.locator('mark').allTextContents();
    expect(marked.join('|')).toContain('13800138000');
    expect(marked.some((text) => text.includes('最好'))).toBe(true);
    expect(marked.some((text) => text.includes('根治'))).toBe(true);
    await screenshot(page, 'messaging-01-check-findings');

    // Replace the first finding that has a suggestion; after the re-check its term is gone from text and list.
    const replaceable = page.getByTestId('finding').filter({ has: page.getByRole('button', { name: buttonName('替换') }) }).first();
    const term = (await replaceable.locator('strong').first().textContent()) ?? '';
    expect(term).not.toBe('');
    await replaceable.getByRole('button', { name: buttonName('替换') }).click();
    await expect.poll(() => page.getByLabel('正文').inputValue()).not.toContain(term);
    await expect.poll(() => page.getByTestId('finding').filter({ hasText: term }).count()).toBe(0);
    await expect.poll(() => body.textContent()).not.toContain(term);
    await screenshot(page, 'messaging-02-check-after-replace');

    // HTML is shown as the text a reader sees, one line per paragraph, with the offsets still on the word.
    await page.getByRole('switch', { name: '粘贴 HTML' }).click();
    await page.getByLabel('正文').fill('<h2>服务承诺</h2><p>本院   <strong>最好</strong>的服务</p><script>var x = "根治";</script>');
    await page.getByRole('button', { name: /检\s*查\s*$/ }).click();
    await expect.poll(() => body.locator('mark').allTextContents()).toEqual(['最好']);
    await expect.poll(() => body.textContent()).toBe('服务承诺\n本院 最好的服务\n');
    await screenshot(page, 'messaging-03-check-html');

    await openMenuPage(page, '传播口径', '词库');
    await page.getByRole('button', { name: '新建词库' }).click();
    const lexiconDialog = page.getByRole('dialog', { name: '新建词库' });
    await lexiconDialog.getByLabel('词库名称').fill(lexiconName);
    await lexiconDialog.getByRole('button', { name: buttonName('保存') }).click();
    await lexiconDialog.waitFor({ state: 'hidden' });
    await page.getByRole('link', { name: lexiconName }).click();
    await page.getByRole('button', { name: /导\s*入\s*$/ }).click();
    const importDialog = page.getByRole('dialog', { name: /导入词条/ });
    await importDialog.locator('input[type=file]').setInputFiles({ name: 'words.txt', mimeType: 'text/plain', buffer: Buffer.from(lexiconFile, 'utf8') });
    const summary = importDialog.getByTestId('import-summary');
    await expect.poll(() => summary.textContent()).toMatch(/已导入\s*3/);
    await expect.poll(() => summary.textContent()).toMatch(/重复\s*1/);
    await screenshot(page, 'messaging-04-lexicon-import');
    await importDialog.getByRole('button', { name: /close|关闭/i }).click();
    await importDialog.waitFor({ state: 'hidden' });
    await expect.poll(() => page.getByTestId('lexicon-entry-count').textContent()).toBe('3');
    await expect.poll(() => page.getByRole('row', { name: /号贩子/ }).count()).toBe(1);
    await screenshot(page, 'messaging-05-lexicon-entries');

    await openMenuPage(page, '传播口径', '口径库');
    await page.getByRole('button', { name: '新建口径' }).click();
    const statementDialog = page.getByRole('dialog', { name: '新建口径' });
    await statementDialog.getByLabel('主题').fill(statement.topic);
    await statementDialog.getByLabel('标准表述').fill(statement.wording);
    await statementDialog.getByLabel('关键事实与数据').fill(statement.facts);
    await statementDialog.getByLabel('标签').fill('门诊');
    await statementDialog.getByLabel('标签').press('Enter');
    await screenshot(page, 'messaging-06-statement-form');
    await statementDialog.getByRole('button', { name: buttonName('保存') }).click();
    await statementDialog.waitFor({ state: 'hidden' });
    const statementRow = page.getByRole('row', { name: new RegExp(statement.topic) });
    await expect.poll(() => statementRow.textContent()).toContain('草稿');
    await screenshot(page, 'messaging-07-statements');

    // The administrator is an editor too, so 审批 is offered; the server refuses approving one's own draft.
    await statementRow.getByRole('button', { name: buttonName('审批') }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: buttonName('确定') }).click();
    await expect.poll(() => page.locator('.ant-message').textContent()).toContain('不能审批自己起草的口径');
    await expect.poll(() => statementRow.textContent()).toContain('草稿');

    // An edit is a new version; the history shows how its wording differs from the one before.
    await statementRow.getByRole('button', { name: buttonName('编辑') }).click();
    const editDialog = page.getByRole('dialog', { name: '编辑口径' });
    await editDialog.getByLabel('标准表述').fill(statement.revisedWording);
    await editDialog.getByRole('button', { name: buttonName('保存') }).click();
    await editDialog.waitFor({ state: 'hidden' });
    await statementRow.getByRole('button', { name: statement.topic }).click();
    const secondVersion = page.getByTestId('statement-version-2');
    await expect.poll(() => secondVersion.locator('del').allTextContents()).toEqual(['1']);
    await expect.poll(() => secondVersion.locator('ins').allTextContents()).toEqual(['2', '，周末照常']);
    await expect.poll(() => page.getByTestId('statement-version-1').textContent()).toContain(statement.wording);
    await screenshot(page, 'messaging-08-statement-history');
    await page.keyboard.press('Escape');

    await openMenuPage(page, '传播口径', '术语');
    await page.getByRole('button', { name: '新建术语' }).click();
    const termDialog = page.getByRole('dialog', { name: '新建术语' });
    await termDialog.getByLabel('规范名称').fill('门诊综合楼');
    await termDialog.getByLabel('需替换的说法').fill('老门诊楼');
    await termDialog.getByLabel('需替换的说法').press('Enter');
    await termDialog.getByRole('button', { name: buttonName('保存') }).click();
    await termDialog.waitFor({ state: 'hidden' });
    await expect.poll(() => page.getByRole('row', { name: /门诊综合楼/ }).textContent()).toContain('老门诊楼');
    await page.getByTestId('profile-terms').getByRole('link', { name: '在医院信息中编辑' }).waitFor();
    await screenshot(page, 'messaging-09-terms');

    await openMenuPage(page, '传播口径', '白名单');
    await page.getByLabel('词语').fill('黄牛');
    await page.getByLabel('说明').fill('科普文章中的正常用语');
    await page.getByRole('button', { name: buttonName('添加') }).click();
    await expect.poll(() => page.getByRole('row', { name: /黄牛/ }).count()).toBe(1);
    await screenshot(page, 'messaging-10-allowed-terms');

    await page.getByRole('menuitem', { name: '系统管理' }).click();
    await page.getByRole('menuitem', { name: '医院信息', exact: true }).click();
    const phones = page.getByLabel('对外公布电话');
    const phonesItem = page.locator('.ant-form-item', { hasText: '对外公布电话' });
    for (const phone of ['028-85420120', '热线']) {
      await phones.fill(phone);
      await phones.press('Enter');
    }
    await page.getByRole('button', { name: buttonName('保存') }).click();
    // The server names the bad number (publicPhones.1); the error shows under the whole list.
    await phonesItem.locator('.ant-form-item-explain-error').waitFor();
    await phonesItem.locator('.ant-select-selection-item', { hasText: '热线' }).locator('.ant-select-selection-item-remove').click();
    await phonesItem.locator('.ant-form-item-explain-error').waitFor({ state: 'detached' });
    // antd may leave its hidden loading icon in the button after a save, which then reads "loading 保 存".
    await page.getByRole('button', { name: /保\s*存\s*$/ }).click();
    await page.getByText('已保存').last().waitFor();
    await page.reload();
    await expect.poll(() => phonesItem.textContent()).toContain('028-85420120');
    await expect.poll(() => phonesItem.textContent()).not.toContain('热线');
    await screenshot(page, 'messaging-11-hospital-public-phones');

    await context.close();
  });
});
