import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { buttonName, chooseOption, newContext, openConsole, openMenuPage, screenshot, signIn, signOut, useBrowser } from './browser.ts';

const adminPassword = inject('adminPassword');

/** Names of its own: the other specs run on the same server. */
const department = '卒中中心';
const writer = { username: 'editor-writer', password: 'Bianxie#2026wr', displayName: '陈静' };
const reviewer = { username: 'editor-reviewer', password: 'Shenhe#2026rv', displayName: '周主任' };
const title = '卒中中心开通急救绿色通道';
const typed = '我院卒中中心为急性脑梗患者开通绿色通道，可以根治。';
const quote = '绿色通道';
const scheduleTitle = '卒中中心专家出诊安排与宣教视频';

/** The start of an MP4 file (an ftyp box, brand isom, and a media data box): what the library checks a video by. */
function mp4(): Buffer {
  const ftyp = Buffer.from([0, 0, 0, 0x18, ...Buffer.from('ftypisom'), 0, 0, 2, 0, ...Buffer.from('isommp41')]);
  const mdat = Buffer.alloc(8 + 2048, 7);
  mdat.writeUInt32BE(mdat.length, 0);
  mdat.write('mdat', 4, 'latin1');
  return Buffer.concat([ftyp, mdat]);
}

const schedulePdf = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');

useBrowser();

beforeAll(async () => {
  const context = await newContext();
  const login = await context.request.post('/api/auth/login', { data: { username: 'admin', password: adminPassword } });
  const headers = { 'x-csrf-token': ((await login.json()) as { csrfToken: string }).csrfToken };
  const created = await context.request.post('/api/departments', { headers, data: { name: department, kind: 'clinical' } });
  expect(created.status()).toBe(201);
  const departmentId = ((await created.json()) as { id: number }).id;
  for (const [user, role] of [[writer, 'correspondent'], [reviewer, 'dept_reviewer']] as const) {
    expect((await context.request.post('/api/users', { headers, data: { ...user, departmentId, roles: [role] } })).status()).toBe(201);
  }
  await context.close();
}, 60_000);

async function signInAs(page: Page, user: { username: string; password: string }): Promise<void> {
  await signIn(page, user.username, user.password);
  await page.getByTestId('dashboard-greeting').waitFor();
}

/** Selects `phrase` in the read-only body as a mouse would, and lets go of the button. */
async function selectInBody(page: Page, phrase: string): Promise<void> {
  await page.evaluate((text) => {
    const root = document.querySelector('[data-testid="article-body"] .ProseMirror');
    if (!root) throw new Error('no article body');
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent?.indexOf(text) ?? -1;
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + text.length);
      window.getSelection()?.removeAllRanges();
      window.getSelection()?.addRange(range);
      root.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
      return;
    }
    throw new Error(`${text} is not in the body`);
  }, phrase);
}

describe('the article editor (TipTap): compliance highlights, comments anchored to text, version diff', () => {
  it('marks a block term while typing and replaces it in one click; a reviewer comments on a passage; the author resolves it; the versions diff', async () => {
    const { context, page } = await openConsole();
    const body = page.getByLabel('正文', { exact: true });

    // The correspondent types a claim the default lexicon blocks: it is marked red as typing pauses.
    await signInAs(page, writer);
    await openMenuPage(page, '采编发', '稿件');
    await page.getByRole('button', { name: '新建稿件' }).click();
    await page.getByLabel('标题', { exact: true }).fill(title);
    await chooseOption(page, page.getByLabel('分类', { exact: true }), '新闻');
    await page.getByLabel('姓名或单位').fill(department);
    await body.click();
    await body.pressSequentially(typed);
    const blocked = page.locator('[data-finding].finding-mark-block', { hasText: '根治' });
    await blocked.waitFor();
    await blocked.click();
    const popover = page.getByTestId('finding-popover');
    await expect.poll(() => popover.textContent()).toContain('医疗');
    await screenshot(page, 'editor-01-finding');
    await popover.getByRole('button', { name: '替换为“有效控制”' }).click();
    await expect.poll(() => body.textContent()).toBe('我院卒中中心为急性脑梗患者开通绿色通道，可以有效控制。');
    await expect.poll(() => page.locator('[data-finding]').count()).toBe(0);

    await page.getByRole('button', { name: buttonName('保存') }).click();
    await page.waitForURL(/\/content\/articles\/\d+$/);
    await page.getByRole('button', { name: '提交审核' }).click();
    await expect.poll(() => page.getByText('审核中').first().isVisible()).toBe(true);
    await signOut(page);

    // The department reviewer selects a phrase, comments on it, and returns the article.
    await signInAs(page, reviewer);
    await openMenuPage(page, '采编发', '审核');
    await page.getByRole('link', { name: title }).click();
    await expect.poll(() => page.getByTestId('article-body').textContent()).toContain('有效控制');
    await selectInBody(page, quote);
    const commentBox = page.getByTestId('comment-popover');
    await commentBox.getByLabel('对所选文字的意见').fill('请写明绿色通道的开放时间');
    await commentBox.getByRole('button', { name: '添加批注' }).click();
    const thread = page.getByTestId('comment-thread').filter({ hasText: '请写明绿色通道的开放时间' });
    await expect.poll(() => thread.textContent()).toContain(quote);
    await expect.poll(() => page.locator('[data-testid="article-body"] [data-comment]').textContent()).toBe(quote);
    await screenshot(page, 'editor-02-comment');
    await page.getByRole('button', { name: buttonName('退回') }).click();
    const dialog = page.getByRole('dialog', { name: '退回' });
    await dialog.getByLabel('审核意见').fill('见批注');
    await dialog.getByRole('button', { name: buttonName('确定') }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => page.getByText('已退回').first().isVisible()).toBe(true);
    await signOut(page);

    // The author sees the comment on its passage, edits before it (the mark follows), resolves it and resubmits.
    await signInAs(page, writer);
    await openMenuPage(page, '采编发', '稿件');
    await page.getByRole('link', { name: title }).click();
    const mark = page.locator('[data-testid="rich-text-editor"] [data-comment]');
    await expect.poll(() => mark.textContent()).toBe(quote);
    await body.click();
    await page.keyboard.press('Control+Home');
    await page.keyboard.type('近日，');
    await page.keyboard.press('Control+End');
    await page.keyboard.type('绿色通道全天24小时开放。');
    await page.getByRole('button', { name: buttonName('保存') }).click();
    await expect.poll(() => page.getByTestId('article-version').textContent()).toBe('第 3 版');
    // Read again from the server: the quote is found where it moved to, not in the sentence added after it.
    await page.reload();
    await expect.poll(() => mark.count()).toBe(1);
    const textBefore = (element: Element) => {
      const range = document.createRange();
      range.setStart(element.closest('p')!, 0);
      range.setEndBefore(element);
      return range.toString();
    };
    await expect.poll(() => mark.evaluate(textBefore)).toBe('近日，我院卒中中心为急性脑梗患者开通');
    await mark.click();
    await expect.poll(() => page.getByTestId('comment-thread').first().getAttribute('class')).toContain('comment-thread-active');
    await screenshot(page, 'editor-03-author-sees-comment');
    await page.getByTestId('comment-thread').first().getByRole('button', { name: '标为已解决' }).click();
    await expect.poll(() => mark.count()).toBe(0);
    await expect.poll(() => page.getByTestId('article-comments').textContent()).toContain('已解决（1）');
    await page.getByRole('button', { name: '提交审核' }).click();
    await expect.poll(() => page.getByText('审核中').first().isVisible()).toBe(true);

    // The version the reviewer read (2) against the one resubmitted (4).
    // Its name is the icon's (history) and the label's.
    await page.getByRole('button', { name: /版\s*本$/ }).click();
    const drawer = page.getByRole('dialog', { name: '版本对比' });
    await chooseOption(page, drawer.getByLabel('旧版本'), '第 2 版');
    const diff = drawer.getByTestId('version-diff');
    await expect.poll(() => diff.locator('ins').allTextContents()).toEqual(['近日，', '。绿色通道全天24小时开放']);
    await expect.poll(() => diff.textContent()).toContain('未修改');
    await screenshot(page, 'editor-04-version-diff');

    await context.close();
  }, 120_000);

  it('inserts a table, a video and an attachment from the asset library; all are there when the article is read again', async () => {
    const { context, page } = await openConsole();
    const editor = page.getByTestId('rich-text-editor');
    const body = page.getByLabel('正文', { exact: true });
    await signInAs(page, writer);
    await openMenuPage(page, '采编发', '稿件');
    await page.getByRole('button', { name: '新建稿件' }).click();
    await page.getByLabel('标题', { exact: true }).fill(scheduleTitle);
    await chooseOption(page, page.getByLabel('分类', { exact: true }), '新闻');
    await page.getByLabel('姓名或单位').fill(department);
    await body.click();
    await body.pressSequentially('专家出诊安排');
    await page.getByRole('button', { name: '居中' }).click();
    await expect.poll(() => page.getByRole('button', { name: '居中' }).getAttribute('aria-pressed')).toBe('true');
    await page.keyboard.press('Enter');

    // A table with a header row, filled in cell by cell with Tab; a row added below the last.
    await page.getByRole('button', { name: '表格', exact: true }).click();
    await page.getByRole('menuitem', { name: '插入表格' }).click();
    for (const [i, cell] of ['星期', '专家', '地点', '周一', '王医生', '门诊三楼'].entries()) {
      if (i > 0) await page.keyboard.press('Tab');
      await page.keyboard.type(cell);
    }
    await page.getByRole('button', { name: '表格', exact: true }).click();
    await page.getByRole('menuitem', { name: '在下方插入行' }).click();
    await page.keyboard.press('Tab');
    await page.keyboard.type('周三可以根治');
    // The checker's offsets count in the table's text as the editor does: the term is marked inside its cell.
    const blocked = editor.locator('td [data-finding].finding-mark-block', { hasText: '根治' });
    await blocked.waitFor();
    await blocked.click();
    await page.getByTestId('finding-popover').getByRole('button', { name: '替换为“有效控制”' }).click();
    await expect.poll(() => editor.locator('td').allTextContents()).toEqual(['周一', '王医生', '门诊三楼', '周三可以有效控制', '', '', '', '', '']);

    // A video uploaded into the library from the picker, and a PDF as an attachment, each at the end of the body.
    await page.keyboard.press('Control+End');
    await page.getByRole('button', { name: '插入视频' }).click();
    const videoPicker = page.getByRole('dialog', { name: '插入视频' });
    await videoPicker.locator('.ant-upload-drag input[type=file]').setInputFiles({ name: '卒中识别宣教.mp4', mimeType: 'video/mp4', buffer: mp4() });
    await expect.poll(() => videoPicker.locator('.asset-tile-selected').textContent()).toContain('卒中识别宣教');
    await videoPicker.getByRole('button', { name: buttonName('插入') }).click();
    await videoPicker.waitFor({ state: 'hidden' });
    const video = editor.locator('video');
    await expect.poll(() => video.getAttribute('src')).toMatch(/^\/api\/assets\/\d+\/file$/);
    const videoId = (await video.getAttribute('src'))!.split('/')[3];
    expect(await video.getAttribute('data-asset-id')).toBe(videoId);

    await page.keyboard.press('Control+End');
    await page.getByRole('button', { name: '插入附件' }).click();
    const filePicker = page.getByRole('dialog', { name: '插入附件' });
    await filePicker.locator('.ant-upload-drag input[type=file]').setInputFiles({ name: '出诊安排.pdf', mimeType: 'application/pdf', buffer: schedulePdf });
    await expect.poll(() => filePicker.locator('.asset-tile-selected').textContent()).toContain('出诊安排');
    await filePicker.getByRole('button', { name: buttonName('插入') }).click();
    await filePicker.waitFor({ state: 'hidden' });
    const attachment = editor.locator('a[download]');
    await expect.poll(() => attachment.textContent()).toBe('出诊安排.pdf（1 KB）');
    await screenshot(page, 'editor-05-table-video-attachment');

    await page.getByRole('button', { name: buttonName('保存') }).click();
    await page.waitForURL(/\/content\/articles\/\d+$/);
    const articleId = page.url().split('/').pop();

    // Read again from the server: the table, the alignment, the video and the download link are all in the editor.
    await page.reload();
    await expect.poll(() => editor.locator('th').allTextContents()).toEqual(['星期', '专家', '地点']);
    expect(await editor.locator('td').allTextContents()).toEqual(['周一', '王医生', '门诊三楼', '周三可以有效控制', '', '', '', '', '']);
    expect(await editor.locator('p', { hasText: '专家出诊安排' }).getAttribute('style')).toMatch(/^text-align: center;?$/);
    expect(await video.getAttribute('src')).toBe(`/api/assets/${videoId}/file`);
    expect(await video.getAttribute('controls')).not.toBeNull();
    expect(await attachment.getAttribute('download')).toBe('出诊安排.pdf');
    expect(await attachment.getAttribute('href')).toBe(`/api/assets/${await attachment.getAttribute('data-asset-id')}/file`);

    // What is stored, saved once more unchanged: opening and saving the body from the console changes nothing.
    const stored = async () => ((await (await page.request.get(`/api/articles/${articleId}`)).json()) as { body: string; version: number });
    const first = await stored();
    expect(first.body).toContain(`<video data-asset-id="${videoId}" src="/api/assets/${videoId}/file" controls></video>`);
    expect(first.body).toMatch(/<table><tbody><tr><th><p>星期<\/p><\/th>/);
    await body.click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('欢迎咨询。');
    // Typed after the download link, not into it.
    expect(await attachment.textContent()).toBe('出诊安排.pdf（1 KB）');
    await page.getByRole('button', { name: buttonName('保存') }).click();
    await expect.poll(async () => (await stored()).version).toBe(first.version + 1);
    const second = (await stored()).body;
    expect(second.replace('欢迎咨询。', '')).toBe(first.body);
    await context.close();
  }, 120_000);
});
