import { beforeAll, describe, expect, it } from 'vitest';
import { adminApi, apiSession, buttonName, chooseOption, openConsole, openMenuPage, screenshot, signIn, useBrowser } from './browser.ts';

/** Names of its own (every spec shares one server). */
const editor = { username: 'team-editor', password: 'Jifen#2026ed', displayName: '孔宣传' };
const correspondent = { username: 'team-writer', password: 'Tongxun#2026wr', displayName: '胡通讯' };
const reviewer = { username: 'team-reviewer', password: 'Keshen#2026tr', displayName: '丁主任' };
const title = '手足外科成功完成断指再植手术';

useBrowser();

let website: number;
let writerId: number;

beforeAll(async () => {
  const admin = await adminApi();
  const department = async (name: string, kind: string) => {
    const res = await admin.request.post('/api/departments', { headers: admin.headers, data: { name, kind } });
    expect(res.status()).toBe(201);
    return ((await res.json()) as { id: number }).id;
  };
  const surgery = await department('手足外科', 'clinical');
  const publicity = await department('宣传部（积分）', 'functional');
  for (const [user, departmentId, role] of [
    [editor, publicity, 'editor'],
    [correspondent, surgery, 'correspondent'],
    [reviewer, surgery, 'dept_reviewer'],
  ] as const) {
    const created = await admin.request.post('/api/users', { headers: admin.headers, data: { ...user, departmentId, roles: [role] } });
    expect(created.status()).toBe(201);
    if (user === correspondent) writerId = ((await created.json()) as { id: number }).id;
  }
  const channel = await admin.request.post('/api/channels', { headers: admin.headers, data: { kind: 'website', name: '医院官网（积分）', ownerDepartmentId: publicity } });
  expect(channel.status()).toBe(201);
  website = ((await channel.json()) as { id: number }).id;
  await admin.close();
}, 120_000);

/** The correspondent's article through 科室审核 and 宣传部审核, then on the website. */
async function publishArticle(): Promise<void> {
  const writer = await apiSession(correspondent.username, correspondent.password);
  const created = await writer.request.post('/api/articles', { headers: writer.headers, data: { title, body: `<p>${title}，患者恢复良好。</p>`, category: 'news' } });
  const { id } = (await created.json()) as { id: number };
  expect((await writer.request.post(`/api/articles/${id}/submit`, { headers: writer.headers, data: {} })).status()).toBe(200);
  for (const user of [reviewer, editor]) {
    const api = await apiSession(user.username, user.password);
    expect((await api.request.post(`/api/articles/${id}/review`, { headers: api.headers, data: { decision: 'approve' } })).status()).toBe(200);
    if (user === editor) expect((await api.request.post('/api/publications', { headers: api.headers, data: { articleId: id, channelId: website } })).status()).toBe(201);
    await api.close();
  }
  await writer.close();
}

describe('team (宣传网格 · 积分): a rule set in the console counts a published article', () => {
  it('an editor sets a points rule, an article is published, and the author’s points appear in the ranking', async () => {
    const { context, page } = await openConsole();
    await signIn(page, editor.username, editor.password);
    await page.getByTestId('dashboard-greeting').waitFor();
    await openMenuPage(page, '宣传网格', '积分');
    await page.waitForURL('**/team/points');

    await page.getByRole('tab', { name: '积分规则' }).click();
    await page.getByRole('button', { name: '新建规则' }).click();
    const dialog = page.getByRole('dialog', { name: '新建规则' });
    await dialog.getByLabel('规则名称').fill('稿件采用每篇');
    await expect.poll(() => dialog.textContent()).toContain('每篇稿件（多阵地只计一次）');
    await dialog.getByLabel('积分', { exact: true }).fill('8');
    await dialog.getByRole('button', { name: buttonName('保存') }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => page.getByRole('row', { name: /稿件采用每篇/ }).textContent()).toContain('8');
    await screenshot(page, 'team-01-points-rules');

    await publishArticle();
    const api = await apiSession(editor.username, editor.password);
    await expect
      .poll(async () => ((await (await api.request.get(`/api/team/points/entries?userId=${writerId}`)).json()) as { items: { points: number }[] }).items.length)
      .toBe(1);
    await api.close();

    await page.reload();
    await page.getByRole('tab', { name: '积分排名' }).waitFor();
    const row = page.getByTestId('points-ranking').getByRole('row', { name: new RegExp(correspondent.displayName) });
    await expect.poll(() => row.textContent()).toContain('手足外科');
    expect(await row.locator('td').allTextContents()).toEqual(['1', correspondent.displayName, '手足外科', '8', '1']);
    await screenshot(page, 'team-02-ranking');

    await page.getByRole('tab', { name: '积分明细' }).click();
    await expect.poll(() => page.getByRole('row', { name: new RegExp(title) }).textContent()).toContain(`稿件《${title}》发布（稿件采用每篇）`);
    await screenshot(page, 'team-03-ledger');

    await openMenuPage(page, '宣传网格', '网格与人员');
    await expect.poll(() => page.getByTestId('coverage-summary').textContent()).toContain('尚无在岗的通讯员');
    // Other journeys' departments share this server: only the gaps are listed, so 手足外科 is on the first page.
    await page.getByRole('switch').click();
    await expect.poll(() => page.locator('tr.team-row-gap', { hasText: '手足外科' }).count()).toBe(1);
    await screenshot(page, 'team-04-grid');
    await context.close();
  });

  it('the author, put in the grid as 通讯员, is proposed for the year’s commendation; a training session shows its list', async () => {
    const api = await apiSession(editor.username, editor.password);
    const levels = (await (await api.request.get('/api/team/grid/levels')).json()) as { items: { id: number; name: string }[] };
    const level = levels.items.find((l) => l.name === '科室通讯员')!;
    expect((await api.request.post('/api/team/grid/members', { headers: api.headers, data: { userId: writerId, levelId: level.id, gridRoles: ['correspondent'] } })).status()).toBe(201);
    const training = await api.request.post('/api/team/trainings', {
      headers: api.headers,
      data: { topic: '新闻写作与摄影培训', trainer: '张瑞雪', startsAt: new Date(Date.now() - 3_600_000).toISOString(), place: '行政楼三楼会议室' },
    });
    const trainingId = ((await training.json()) as { id: number }).id;
    await api.request.post(`/api/team/trainings/${trainingId}/attendees`, { headers: api.headers, data: { userIds: [writerId] } });
    await api.close();

    const { context, page } = await openConsole();
    await signIn(page, editor.username, editor.password);
    await page.getByTestId('dashboard-greeting').waitFor();
    await openMenuPage(page, '宣传网格', '年度表彰');
    await page.getByRole('button', { name: '生成建议名单' }).click();
    const proposal = page.getByTestId('commendation-proposal');
    await expect.poll(() => proposal.getByRole('row', { name: new RegExp(correspondent.displayName) }).textContent()).toContain('手足外科');
    await screenshot(page, 'team-05-commendation-proposal');

    await openMenuPage(page, '宣传网格', '培训');
    await page.getByRole('button', { name: '新闻写作与摄影培训' }).click();
    const drawer = page.getByRole('dialog', { name: '新闻写作与摄影培训' });
    await chooseOption(page, drawer.getByLabel(`${correspondent.displayName}的出勤`), '出席');
    await expect.poll(() => drawer.textContent()).toContain('1 / 1');
    await screenshot(page, 'team-06-training');
    await context.close();
  });
});
