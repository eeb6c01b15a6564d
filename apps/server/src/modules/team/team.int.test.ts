import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventBus } from '../../platform/events.ts';
import type { ApiClient } from '../../test/api-client.ts';
import { makeApprovedArticle, makeDepartment, makeUser, signedIn, type ArticleTeam } from '../../test/factories.ts';
import { startTestServer, type TestServer } from '../../test/test-server.ts';
import { chinaDate } from './period.ts';
import { settleArticle } from './points-sources.ts';

let t: TestServer;
let admin: ApiClient;
let editor: ApiClient;
let leader: ApiClient;
let sysAdmin: ApiClient;
let writer: ApiClient;
let neighbour: ApiClient;
let team: ArticleTeam;
let dept: { cardio: number; neuro: number; publicity: number; branch: number };
let people: { writer: { id: number }; coAuthor: { id: number }; editor: { id: number }; neighbour: { id: number } };
let channels: { website: number; board: number };
let rules: { piece: number; board: number };

type Entry = { id: number; userId: number; departmentId: number; points: number; kind: string; reason: string; sourceType: string; sourceId: number | null; articleId: number | null; ruleId: number | null; reversesId: number | null };

beforeAll(async () => {
  t = await startTestServer();
  admin = await t.admin();
  dept = {
    cardio: (await makeDepartment(admin, { name: '心血管内科' })).id,
    neuro: (await makeDepartment(admin, { name: '神经内科' })).id,
    publicity: (await makeDepartment(admin, { name: '宣传统战部', kind: 'functional' })).id,
    branch: (await makeDepartment(admin, { name: '内科第一党支部', kind: 'party_branch' })).id,
  };
  const editorUser = await makeUser(admin, { departmentId: dept.publicity, roles: ['editor'], displayName: '张瑞雪' });
  const writerUser = await makeUser(admin, { departmentId: dept.cardio, roles: ['correspondent'], displayName: '王通讯' });
  const coAuthor = await makeUser(admin, { departmentId: dept.neuro, roles: ['correspondent'], displayName: '李医生' });
  const neighbourUser = await makeUser(admin, { departmentId: dept.neuro, roles: ['correspondent'], displayName: '赵护士' });
  editor = await signedIn(t.url, editorUser);
  writer = await signedIn(t.url, writerUser);
  neighbour = await signedIn(t.url, neighbourUser);
  leader = await signedIn(t.url, await makeUser(admin, { departmentId: dept.publicity, roles: ['leader'] }));
  sysAdmin = await signedIn(t.url, await makeUser(admin, { departmentId: dept.publicity, roles: ['admin'] }));
  team = { author: writer, reviewer: await signedIn(t.url, await makeUser(admin, { departmentId: dept.cardio, roles: ['dept_reviewer'] })), editor };
  people = { writer: writerUser, coAuthor, editor: editorUser, neighbour: neighbourUser };
  const channel = async (kind: string, name: string) => (await editor.post('/api/channels', { kind, name, ownerDepartmentId: dept.publicity })).body.id as number;
  channels = { website: await channel('website', '医院官网'), board: await channel('bulletin_board', '门诊宣传栏') };
}, 120_000);
afterAll(() => t.close());

const entriesOf = async (userId: number, client = editor) => (await client.get(`/api/team/points/entries?userId=${userId}&limit=200`)).body.items as Entry[];
const totalOf = (entries: Entry[]) => entries.reduce((sum, e) => sum + e.points, 0);
const publish = async (articleId: number, channelId: number, extra: Record<string, unknown> = {}) => {
  const res = await editor.post('/api/publications', { articleId, channelId, ...extra });
  expect(res.status).toBe(201);
  return res.body as { id: number; publishedAt: string };
};
const today = () => chinaDate(new Date());

describe('points rules (积分办法)', () => {
  it('an editor sets the rules; each kind takes only its own conditions; others read them', async () => {
    expect((await writer.post('/api/team/points/rules', { name: '自封规则', kind: 'article', points: 100 })).status).toBe(403);
    const wrongCondition = await editor.post('/api/team/points/rules', { name: '报道', kind: 'publication', points: 5, mediaLevel: 'national' });
    expect(wrongCondition.status).toBe(400);
    expect(wrongCondition.body.error.details).toEqual([{ field: 'mediaLevel', message: '这类规则不能按媒体级别限定' }]);
    const backwards = await editor.post('/api/team/points/rules', { name: '倒序', kind: 'article', points: 5, validFrom: '2024-06-01', validTo: '2024-01-01' });
    expect(backwards.body.error.details[0].field).toBe('validTo');

    const piece = await editor.post('/api/team/points/rules', { name: '稿件采用每篇', kind: 'article', points: 10 });
    expect(piece.status).toBe(201);
    expect(piece.body).toMatchObject({ kind: 'article', points: 10, validFrom: today(), validTo: null, sourceAvailable: true });
    const board = await editor.post('/api/team/points/rules', { name: '宣传栏刊出', kind: 'publication', channelKind: 'bulletin_board', points: 3 });
    const coverage = await editor.post('/api/team/points/rules', { name: '国家级媒体报道', kind: 'coverage', mediaLevel: 'national', points: 30 });
    expect(coverage.body.sourceAvailable).toBe(false);
    rules = { piece: piece.body.id, board: board.body.id };

    const read = await writer.get('/api/team/points/rules');
    expect(read.body.items.map((r: { name: string }) => r.name)).toEqual(expect.arrayContaining(['稿件采用每篇', '宣传栏刊出', '国家级媒体报道']));
    const kinds = await writer.get('/api/team/points/rule-kinds');
    expect(kinds.body.items).toContainEqual({ kind: 'opinion_clue', sourceAvailable: false });
  });
});

describe('points from publishing', () => {
  let articleId: number;
  let onWebsite: { id: number };
  let onBoard: { id: number };

  it('publishing an approved article gives its author the configured points once', async () => {
    articleId = await makeApprovedArticle(team, { title: '心血管内科开展义诊进社区活动' });
    onWebsite = await publish(articleId, channels.website);
    await expect.poll(async () => (await entriesOf(people.writer.id)).length).toBe(1);
    const [entry] = await entriesOf(people.writer.id);
    expect(entry).toMatchObject({ points: 10, kind: 'award', sourceType: 'article', sourceId: articleId, articleId, ruleId: rules.piece, departmentId: dept.cardio });
    expect(entry.reason).toBe('稿件《心血管内科开展义诊进社区活动》发布（稿件采用每篇）');
  });

  it('a second channel adds only the rule for its channel kind; a retried event adds nothing', async () => {
    onBoard = await publish(articleId, channels.board);
    await expect.poll(async () => (await entriesOf(people.writer.id)).length).toBe(2);
    const entries = await entriesOf(people.writer.id);
    expect(entries[0]).toMatchObject({ points: 3, sourceType: 'publication', sourceId: onBoard.id, ruleId: rules.board, reason: '稿件《心血管内科开展义诊进社区活动》发布于门诊宣传栏（宣传栏刊出）' });
    expect(totalOf(entries)).toBe(13);

    eventBus.publish('publication.published', { publicationId: onBoard.id, articleId, channelId: channels.board });
    eventBus.publish('publication.published', { publicationId: onWebsite.id, articleId, channelId: channels.website });
    expect(await settleArticle(t.server.database.db, articleId)).toEqual({ awarded: 0, reversed: 0 });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await entriesOf(people.writer.id)).toEqual(entries);
  });

  it('the unique index refuses a second grant of the same source, rule and person', async () => {
    const [award] = await entriesOf(people.writer.id);
    const copy = t.sql.query(
      `insert into points_entry (hospital_id, user_id, department_id, points, kind, reason, source_type, source_id, rule_id, grant_no, occurred_at)
       select hospital_id, user_id, department_id, points, kind, reason, source_type, source_id, rule_id, grant_no, occurred_at from points_entry where id = $1`,
      [award.id],
    );
    await expect(copy).rejects.toMatchObject({ code: '23505', constraint: 'points_entry_grant_uq' });
  });

  it('withdrawing reverses what the publication earned; the per-piece points go when the last channel does', async () => {
    expect((await editor.post(`/api/publications/${onBoard.id}/withdraw`)).status).toBe(200);
    await expect.poll(async () => (await entriesOf(people.writer.id)).length).toBe(3);
    const [reversal, boardAward] = await entriesOf(people.writer.id);
    expect(reversal).toMatchObject({ points: -3, kind: 'reversal', reversesId: boardAward.id, sourceId: onBoard.id, reason: '撤销：稿件《心血管内科开展义诊进社区活动》在门诊宣传栏的发布已撤回' });

    expect((await editor.post(`/api/publications/${onWebsite.id}/withdraw`)).status).toBe(200);
    await expect.poll(async () => (await entriesOf(people.writer.id)).length).toBe(4);
    const entries = await entriesOf(people.writer.id);
    expect(entries[0]).toMatchObject({ points: -10, kind: 'reversal', sourceType: 'article', reason: '撤销：稿件《心血管内科开展义诊进社区活动》已从所有阵地撤下' });
    expect(totalOf(entries)).toBe(0);
    expect(await settleArticle(t.server.database.db, articleId)).toEqual({ awarded: 0, reversed: 0 });
  });

  it('credited authors with accounts earn the points, in their own department; an editor credited as 编辑 does not', async () => {
    const credited = await makeApprovedArticle(team, {
      title: '神经内科卒中中心通过国家认证',
      credits: [
        { role: '供稿', name: '李医生', userId: people.coAuthor.id },
        { role: '编辑', name: '张瑞雪', userId: people.editor.id },
      ],
    });
    await publish(credited, channels.website);
    await expect.poll(async () => (await entriesOf(people.coAuthor.id)).length).toBe(1);
    expect((await entriesOf(people.coAuthor.id))[0]).toMatchObject({ points: 10, departmentId: dept.neuro, articleId: credited });
    expect(await entriesOf(people.writer.id)).toHaveLength(4);
    expect(await entriesOf(people.editor.id)).toEqual([]);
  });
});

describe('reconciliation', () => {
  it('restores the points of a piece that went live without an event (a scheduled website publication)', async () => {
    const scheduled = await makeApprovedArticle(team, { title: '胸痛中心开放日预告' });
    const before = (await entriesOf(people.writer.id)).length;
    const publication = await publish(scheduled, channels.website, { scheduledAt: new Date(Date.now() + 1500).toISOString() });
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(new Date(publication.publishedAt).getTime()).toBeLessThan(Date.now());
    expect(await entriesOf(people.writer.id)).toHaveLength(before);

    expect((await writer.post('/api/team/points/recompute', { from: today(), to: today() })).status).toBe(403);
    const recomputed = await editor.post('/api/team/points/recompute', { from: today(), to: today() });
    expect(recomputed.status).toBe(200);
    expect(recomputed.body).toMatchObject({ from: today(), to: today(), awarded: 1, reversed: 0 });
    const [restored] = await entriesOf(people.writer.id);
    expect(restored).toMatchObject({ points: 10, articleId: scheduled, sourceType: 'article' });
    expect(Math.abs(new Date((restored as unknown as { occurredAt: string }).occurredAt).getTime() - new Date(publication.publishedAt).getTime())).toBeLessThan(1000);

    const again = await editor.post('/api/team/points/recompute', { from: today(), to: today() });
    expect(again.body).toMatchObject({ awarded: 0, reversed: 0 });
    const audit = await admin.get('/api/audit?action=points.recompute');
    expect(audit.body.items[0].after).toMatchObject({ awarded: 0 });
  });

  it('restores an entry lost when the process died before the listener ran', async () => {
    const lost = await makeApprovedArticle(team, { title: '护理部举办护士节表彰会' });
    await publish(lost, channels.website);
    await expect.poll(async () => (await entriesOf(people.writer.id)).filter((e) => e.articleId === lost)).toHaveLength(1);
    // What a crash between commit and listener leaves behind: the publication without its points.
    await t.sql.query('delete from points_entry where article_id = $1', [lost]);
    const recomputed = await editor.post('/api/team/points/recompute', { from: today(), to: today() });
    expect(recomputed.body.awarded).toBe(1);
    expect((await entriesOf(people.writer.id)).filter((e) => e.articleId === lost)).toEqual([expect.objectContaining({ points: 10, kind: 'award' })]);
  });
});

describe('manual adjustments', () => {
  it('need an editor and a reason', async () => {
    const body = { userId: people.writer.id, points: 5, reason: '院外报刊投稿稿费', occurredOn: '2020-03-01' };
    expect((await writer.post('/api/team/points/adjustments', body)).status).toBe(403);
    expect((await sysAdmin.post('/api/team/points/adjustments', body)).status).toBe(403);
    const noReason = await editor.post('/api/team/points/adjustments', { ...body, reason: ' ' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.details[0]).toMatchObject({ field: 'reason', message: '请写明调整原因（至少 2 个字）' });
    expect((await editor.post('/api/team/points/adjustments', { ...body, points: 0 })).status).toBe(400);

    const adjusted = await editor.post('/api/team/points/adjustments', body);
    expect(adjusted.status).toBe(201);
    expect(adjusted.body).toMatchObject({ kind: 'adjustment', sourceType: 'manual', points: 5, reason: '院外报刊投稿稿费', createdByName: '张瑞雪', departmentId: dept.cardio });
    expect(adjusted.body.occurredAt).toBe('2020-02-29T16:00:00.000Z');
    const audit = await admin.get(`/api/audit?action=points_entry.adjust&entityId=${adjusted.body.id}`);
    expect(audit.body.items).toHaveLength(1);
    expect((await editor.post('/api/team/points/adjustments', { userId: people.coAuthor.id, points: 8, reason: '《健康报》刊发科普文章', occurredOn: '2020-06-01' })).status).toBe(201);
    expect((await editor.post('/api/team/points/adjustments', { userId: people.neighbour.id, points: 5, reason: '提供新闻线索被采用', occurredOn: '2020-06-02' })).status).toBe(201);
  });
});

describe('rankings', () => {
  type Row = { rank: number; userId: number | null; displayName: string | null; departmentId: number; departmentName: string; points: number; entries: number; people: number | null };
  const ranking = async (client: ApiClient, query: string) => (await client.get(`/api/team/points?${query}`)).body as { from: string; to: string; items: Row[] };

  it('ranks people and departments over any period, equal points sharing a rank', async () => {
    const year = await ranking(editor, 'from=2020-01-01&to=2020-12-31&groupBy=person');
    expect(year).toMatchObject({ from: '2020-01-01', to: '2020-12-31' });
    expect(year.items.map((r) => [r.rank, r.displayName, r.points])).toEqual([
      [1, '李医生', 8],
      [2, '王通讯', 5],
      [2, '赵护士', 5],
    ]);
    expect(year.items[0]).toMatchObject({ userId: people.coAuthor.id, departmentName: '神经内科', entries: 1 });
    const spring = await ranking(editor, 'from=2020-01-01&to=2020-03-31&groupBy=person');
    expect(spring.items.map((r) => [r.displayName, r.points])).toEqual([['王通讯', 5]]);
    const departments = await ranking(editor, 'from=2020-01-01&to=2020-12-31&groupBy=department');
    expect(departments.items.map((r) => [r.rank, r.departmentName, r.points, r.people])).toEqual([
      [1, '神经内科', 13, 2],
      [2, '心血管内科', 5, 1],
    ]);
    expect((await editor.get('/api/team/points?from=2020-12-31&to=2020-01-01')).status).toBe(400);
  });

  it('counts this year’s published pieces by default', async () => {
    const thisYear = await ranking(leader, 'groupBy=person');
    expect(thisYear.to).toBe(today());
    expect(thisYear.items.find((r) => r.userId === people.writer.id)?.points).toBe(20);
    expect(thisYear.items.find((r) => r.userId === people.coAuthor.id)?.points).toBe(10);
  });

  it('a correspondent sees their own ledger, their department’s people and every department', async () => {
    const own = await writer.get('/api/team/points/entries?limit=200');
    expect(own.body.items.length).toBeGreaterThan(0);
    expect(new Set(own.body.items.map((e: Entry) => e.userId))).toEqual(new Set([people.writer.id]));
    expect((await writer.get(`/api/team/points/entries?userId=${people.coAuthor.id}`)).body.items).toEqual([]);

    const colleagues = await ranking(neighbour, 'from=2020-01-01&to=2020-12-31&groupBy=person');
    expect(colleagues.items.map((r) => r.displayName)).toEqual(['李医生', '赵护士']);
    expect((await ranking(neighbour, `from=2020-01-01&to=2020-12-31&groupBy=person&departmentId=${dept.cardio}`)).items).toEqual([]);
    const departments = await ranking(neighbour, 'from=2020-01-01&to=2020-12-31&groupBy=department');
    expect(departments.items).toHaveLength(2);
  });

  it('exports the rankings and the ledger lines to .xlsx as the office files them', async () => {
    const res = await fetch(`${t.url}/api/team/points/export.xlsx?from=2020-01-01&to=2020-12-31`, { headers: { cookie: editor.cookie! } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain(encodeURIComponent('宣传积分排名-2020-01-01至2020-12-31.xlsx'));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await res.arrayBuffer());
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['个人积分排名', '科室积分排名', '积分明细']);
    const people = workbook.getWorksheet('个人积分排名')!;
    expect(people.getCell('A2').value).toBe('统计区间：2020年1月1日至2020年12月31日');
    expect(people.getRow(3).values).toEqual([undefined, '名次', '姓名', '科室', '积分', '计分条目']);
    expect(people.getRow(4).values).toEqual([undefined, 1, '李医生', '神经内科', 8, 1]);
    expect(people.getCell('A8').value).toMatch(/^制表：张瑞雪/);
    const lines = workbook.getWorksheet('积分明细')!;
    expect(lines.getRow(4).values).toEqual([undefined, '2020-03-01', '王通讯', '心血管内科', 5, '调整', '院外报刊投稿稿费']);
  });
});

describe('the publicity grid (宣传网格)', () => {
  let levels: { id: number; name: string }[];
  let member: { id: number };

  it('starts with seed 002’s four levels', async () => {
    levels = (await writer.get('/api/team/grid/levels')).body.items;
    expect(levels.map((l) => l.name)).toEqual(['医院宣传部', '党支部宣传委员', '科室通讯员', '全体职工']);
    expect((await editor.get('/api/team/grid/levels')).body.items).toHaveLength(4);
  });

  it('an editor puts people in the grid with their roles and the departments they cover', async () => {
    const body = { userId: people.writer.id, levelId: levels[2].id, gridRoles: ['correspondent', 'opinion_officer'], since: '2023-03-01' };
    expect((await writer.post('/api/team/grid/members', body)).status).toBe(403);
    const created = await editor.post('/api/team/grid/members', body);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ displayName: '王通讯', homeDepartmentName: '心血管内科', departments: [{ id: dept.cardio, name: '心血管内科' }], since: '2023-03-01', status: 'active' });
    member = created.body;
    expect((await editor.post('/api/team/grid/members', body)).status).toBe(409);
    const badDepartment = await editor.post('/api/team/grid/members', { ...body, userId: people.neighbour.id, departmentIds: [dept.neuro, 999_999] });
    expect(badDepartment.body.error.details[0].field).toBe('departmentIds.1');
    expect((await editor.post('/api/team/grid/members', { userId: people.coAuthor.id, levelId: levels[1].id, gridRoles: ['publicity_member', 'science_expert'], departmentIds: [dept.branch] })).status).toBe(201);

    const filtered = await editor.get(`/api/team/grid/members?gridRole=opinion_officer`);
    expect(filtered.body.items.map((m: { userId: number }) => m.userId)).toEqual([people.writer.id]);
    expect((await neighbour.get('/api/team/grid/members')).body.items).toEqual([]);
    expect((await writer.get('/api/team/grid/members')).body.items.map((m: { id: number }) => m.id)).toEqual([member.id]);
    expect((await neighbour.get(`/api/team/grid/members/${member.id}`)).status).toBe(404);
  });

  it('the overview counts people per level and flags departments nobody covers', async () => {
    const overview = (await writer.get('/api/team/grid/overview')).body;
    expect(overview.levels.map((l: { name: string; members: number }) => [l.name, l.members])).toEqual([
      ['医院宣传部', 0],
      ['党支部宣传委员', 1],
      ['科室通讯员', 1],
      ['全体职工', 0],
    ]);
    const row = (id: number) => overview.departments.find((d: { departmentId: number }) => d.departmentId === id);
    expect(row(dept.cardio)).toMatchObject({ correspondents: 1, gap: false, needs: 'correspondent' });
    expect(row(dept.neuro)).toMatchObject({ correspondents: 0, gap: true });
    expect(row(dept.branch)).toMatchObject({ publicityMembers: 1, gap: false, needs: 'publicity_member' });

    expect((await editor.patch(`/api/team/grid/members/${member.id}`, { status: 'paused' })).body.status).toBe('paused');
    expect((await editor.get('/api/team/grid/overview')).body.departments.find((d: { departmentId: number }) => d.departmentId === dept.cardio).gap).toBe(true);
    expect((await editor.patch(`/api/team/grid/members/${member.id}`, { status: 'active' })).status).toBe(200);
    expect((await editor.delete(`/api/team/grid/levels/${levels[2].id}`)).status).toBe(409);
  });
});

describe('training (培训)', () => {
  let session: { id: number };

  it('records attendance once a session has started, and a training rule’s points follow it', async () => {
    const upcoming = await editor.post('/api/team/trainings', { topic: '新闻写作培训', trainer: '《大众日报》记者', startsAt: new Date(Date.now() + 86_400_000).toISOString(), place: '行政楼三楼会议室' });
    expect(upcoming.status).toBe(201);
    await editor.post(`/api/team/trainings/${upcoming.body.id}/attendees`, { userIds: [people.writer.id] });
    const early = await editor.put(`/api/team/trainings/${upcoming.body.id}/attendance`, { items: [{ userId: people.writer.id, attendance: 'present' }] });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('training_not_started');

    expect((await editor.post('/api/team/points/rules', { name: '参加培训', kind: 'training', points: 2, validFrom: '2024-01-01' })).status).toBe(201);
    const held = await editor.post('/api/team/trainings', { topic: '短视频拍摄与剪辑', trainer: '王厚江', startsAt: new Date(Date.now() - 3_600_000).toISOString(), place: '学术报告厅' });
    session = held.body;
    expect((await writer.post(`/api/team/trainings/${session.id}/attendees`, { userIds: [people.writer.id] })).status).toBe(403);
    const listed = await editor.post(`/api/team/trainings/${session.id}/attendees`, { userIds: [people.writer.id, people.neighbour.id] });
    expect(listed.body.attendeeList.map((a: { attendance: string }) => a.attendance)).toEqual(['pending', 'pending']);
    const notListed = await editor.put(`/api/team/trainings/${session.id}/attendance`, { items: [{ userId: people.coAuthor.id, attendance: 'present' }] });
    expect(notListed.body.error.details[0].field).toBe('items.0.userId');

    const marked = await editor.put(`/api/team/trainings/${session.id}/attendance`, {
      items: [
        { userId: people.writer.id, attendance: 'present' },
        { userId: people.neighbour.id, attendance: 'excused' },
      ],
    });
    expect(marked.body).toMatchObject({ attendees: 2, present: 1 });
    const trainingPoints = async () => (await entriesOf(people.writer.id)).filter((e) => e.sourceType === 'training');
    expect(await trainingPoints()).toEqual([expect.objectContaining({ points: 2, kind: 'award', reason: '参加培训“短视频拍摄与剪辑”（参加培训）' })]);
    expect((await entriesOf(people.neighbour.id)).filter((e) => e.sourceType === 'training')).toEqual([]);

    await editor.put(`/api/team/trainings/${session.id}/attendance`, { items: [{ userId: people.writer.id, attendance: 'absent' }] });
    expect((await trainingPoints()).map((e) => [e.points, e.reason])).toEqual([
      [-2, '撤销：培训“短视频拍摄与剪辑”的出勤改为缺席'],
      [2, '参加培训“短视频拍摄与剪辑”（参加培训）'],
    ]);
    await editor.put(`/api/team/trainings/${session.id}/attendance`, { items: [{ userId: people.writer.id, attendance: 'present' }] });
    expect(totalOf(await trainingPoints())).toBe(2);
    expect((await editor.delete(`/api/team/trainings/${session.id}`)).status).toBe(409);
    expect((await editor.delete(`/api/team/trainings/${upcoming.body.id}`)).status).toBe(204);
  });

  it('keeps each person’s training record, readable by them and hospital-wide roles', async () => {
    const record = await writer.get(`/api/team/people/${people.writer.id}/trainings`);
    expect(record.body.summary).toEqual({ sessions: 1, present: 1, absent: 0, excused: 0 });
    expect(record.body.items[0]).toMatchObject({ topic: '短视频拍摄与剪辑', trainer: '王厚江', attendance: 'present' });
    expect((await leader.get(`/api/team/people/${people.neighbour.id}/trainings`)).body.summary.excused).toBe(1);
    expect((await writer.get(`/api/team/people/${people.neighbour.id}/trainings`)).status).toBe(404);
    const asNeighbour = await neighbour.get(`/api/team/trainings/${session.id}`);
    expect(asNeighbour.body.attendeeList.map((a: { userId: number }) => a.userId)).toEqual([people.neighbour.id]);
  });
});

describe('the year-end commendation list (年度优秀通讯员)', () => {
  it('is proposed from the ranking among the grid’s correspondents and frozen when an editor confirms it', async () => {
    const query = 'year=2020&topN=2&minPoints=5';
    expect((await writer.get(`/api/team/commendations/proposal?${query}`)).status).toBe(403);
    const proposal = await editor.get(`/api/team/commendations/proposal?${query}`);
    // 李医生 has more points but is in the grid as 宣传委员, not 通讯员; 赵护士 is not in the grid.
    expect(proposal.body.items).toEqual([{ rank: 1, userId: people.writer.id, displayName: '王通讯', departmentId: dept.cardio, departmentName: '心血管内科', points: 5 }]);
    expect((await editor.get(`/api/team/commendations/proposal?${query}&exclude=${people.writer.id}`)).body.items).toEqual([]);
    const nobody = await editor.post('/api/team/commendations', { year: 2020, topN: 2, minPoints: 6 });
    expect(nobody.body.error.details[0].field).toBe('minPoints');

    const confirmed = await editor.post('/api/team/commendations', { year: 2020, topN: 2, minPoints: 5, note: '经宣传工作领导小组审定' });
    expect(confirmed.status).toBe(201);
    expect(confirmed.body).toMatchObject({ title: '2020年度优秀通讯员', confirmedByName: '张瑞雪', items: proposal.body.items });
    expect((await editor.post('/api/team/commendations', { year: 2020, topN: 2, minPoints: 5 })).status).toBe(409);

    await editor.post('/api/team/points/adjustments', { userId: people.writer.id, points: 7, reason: '年终补记院刊稿件', occurredOn: '2020-12-20' });
    expect((await editor.get(`/api/team/commendations/proposal?${query}`)).body.items[0].points).toBe(12);
    expect((await writer.get(`/api/team/commendations/${confirmed.body.id}`)).body.items[0].points).toBe(5);
    expect((await writer.get('/api/team/commendations')).body.items.map((c: { year: number }) => c.year)).toEqual([2020]);

    const res = await fetch(`${t.url}/api/team/commendations/${confirmed.body.id}/export.xlsx`, { headers: { cookie: writer.cookie! } });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await res.arrayBuffer());
    const sheet = workbook.getWorksheet('优秀通讯员名单')!;
    expect(sheet.getCell('A1').value).toMatch(/2020年度优秀通讯员名单$/);
    expect(sheet.getRow(4).values).toEqual([undefined, 1, '王通讯', '心血管内科', 5, 1]);

    expect((await writer.delete(`/api/team/commendations/${confirmed.body.id}`)).status).toBe(403);
    expect((await editor.delete(`/api/team/commendations/${confirmed.body.id}`)).status).toBe(204);
    expect((await editor.post('/api/team/commendations', { year: 2020, topN: 2, minPoints: 5 })).body.items[0].points).toBe(12);
  });
});
