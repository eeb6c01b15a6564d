import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../test/api-client.ts';
import { makeDepartment, makeUser, signedIn } from '../../test/factories.ts';
import { startTestServer, type TestServer } from '../../test/test-server.ts';
import { chinaYearOf } from './plan-calendar.ts';
import { remindLaggingDepartments, targetReminderCron, targetReminderQueue } from './target-reminders.ts';

const year = chinaYearOf(new Date());
let t: TestServer;
let admin: ApiClient;
let editor: ApiClient;
let dept: Record<'lagging' | 'onTrack' | 'gridCovered' | 'uncovered' | 'office', number>;
type Person = { id: number; username: string; password: string };
let people: Record<'responsible' | 'onTrackResponsible' | 'leader' | 'gridCorrespondent' | 'homeCorrespondent' | 'bareCorrespondent' | 'bareReviewer' | 'retiredLeader', Person>;
let plan: { id: number; name: string };

type Notice = { id: number; kind: string; title: string; body: string; link: string; readAt: string | null };
const inbox = async (person: Person) => (await (await signedIn(t.url, person)).get('/api/notices')).body.items as Notice[];

beforeAll(async () => {
  t = await startTestServer();
  admin = await t.admin();
  dept = {
    lagging: (await makeDepartment(admin, { name: '基保科' })).id,
    onTrack: (await makeDepartment(admin, { name: '护理部' })).id,
    gridCovered: (await makeDepartment(admin, { name: '检验科' })).id,
    uncovered: (await makeDepartment(admin, { name: '药剂科' })).id,
    office: (await makeDepartment(admin, { name: '党办', kind: 'functional' })).id,
  };
  editor = await signedIn(t.url, await makeUser(admin, { departmentId: dept.office, roles: ['editor'] }));
  people = {
    responsible: await makeUser(admin, { departmentId: dept.lagging, roles: ['correspondent'] }),
    onTrackResponsible: await makeUser(admin, { departmentId: dept.onTrack, roles: ['correspondent'] }),
    leader: await makeUser(admin, { departmentId: dept.office, roles: ['leader'] }),
    gridCorrespondent: await makeUser(admin, { departmentId: dept.office, roles: ['correspondent'] }),
    homeCorrespondent: await makeUser(admin, { departmentId: dept.gridCovered, roles: ['correspondent'] }),
    bareCorrespondent: await makeUser(admin, { departmentId: dept.uncovered, roles: ['correspondent'] }),
    bareReviewer: await makeUser(admin, { departmentId: dept.uncovered, roles: ['dept_reviewer'] }),
    retiredLeader: await makeUser(admin, { departmentId: dept.office, roles: ['leader'] }),
  };

  const level = (await editor.post('/api/team/grid/levels', { name: '科室通讯员' })).body;
  const member = await editor.post('/api/team/grid/members', { userId: people.gridCorrespondent.id, levelId: level.id, gridRoles: ['correspondent'], departmentIds: [dept.gridCovered] });
  expect(member.status).toBe(201);

  plan = (await editor.post('/api/targets/plans', { year, name: `${year}年宣传工作目标` })).body;
  // Out of reach (behind as soon as the year has begun) or within it (one piece a year: nothing due before December's end).
  const lines = [
    { departmentId: dept.lagging, metric: 'info', target: 100_000, period: 'year', responsibleUserId: people.responsible.id, supervisorUserId: people.leader.id },
    { departmentId: dept.lagging, metric: 'website', target: 100_000, period: 'year', responsibleUserId: people.responsible.id, supervisorUserId: people.leader.id },
    { departmentId: dept.onTrack, metric: 'info', target: 1, period: 'year', responsibleUserId: people.onTrackResponsible.id, supervisorUserId: people.leader.id },
    { departmentId: dept.gridCovered, metric: 'info', target: 100_000, period: 'year' },
    { departmentId: dept.uncovered, metric: 'weibo', target: 10_000, period: 'month', supervisorUserId: people.retiredLeader.id },
    // Cannot be counted yet (no coverage log): never behind, never reminded.
    { departmentId: dept.onTrack, metric: 'newspaper_report', target: 100_000, period: 'year', responsibleUserId: people.onTrackResponsible.id },
  ];
  for (const line of lines) expect((await editor.post(`/api/targets/plans/${plan.id}/items`, line)).status).toBe(201);
  // Named on a line, then gone.
  expect((await admin.post(`/api/users/${people.retiredLeader.id}/disable`)).status).toBe(200);
  // Last year's plan is over: its laggards are the evaluation's business, not this month's reminder.
  const lastYear = (await editor.post('/api/targets/plans', { year: year - 1, name: `${year - 1}年宣传工作目标` })).body;
  await editor.post(`/api/targets/plans/${lastYear.id}/items`, { departmentId: dept.lagging, metric: 'info', target: 100_000, period: 'year', responsibleUserId: people.responsible.id });
}, 120_000);
afterAll(() => t.close());

describe('the monthly reminder of departments behind schedule', () => {
  it('is scheduled at 09:00 China time on the 1st of each month', async () => {
    const { rows } = await t.sql.query('select cron, timezone from pgboss.schedule where name = $1', [targetReminderQueue]);
    expect(rows).toEqual([{ cron: targetReminderCron, timezone: 'Asia/Shanghai' }]);
    expect(targetReminderCron).toBe('0 9 1 * *');
  });

  it('tells each answerable person once, listing their lagging departments with done against expected', async () => {
    const result = await remindLaggingDepartments(t.server.database.db, new Date());
    expect(result).toEqual({ plans: 1, posted: 4 });

    const [responsible] = await inbox(people.responsible);
    expect(responsible).toMatchObject({ kind: 'targets.behind', title: `目标进度提醒：${plan.name}`, link: `/targets/plans/${plan.id}`, readAt: null });
    expect(responsible.body).toMatch(/^截至\d{4}-\d{2}-\d{2}，以下科室的宣传目标落后于时间进度：\n基保科：100000篇信息，已完成 0，按进度应完成 \d+；网站100000篇，已完成 0，按进度应完成 \d+\n/);
    expect(await inbox(people.responsible)).toHaveLength(1);

    // The supervising leader hears about the lagging departments only, not the one on track.
    const [leader] = await inbox(people.leader);
    expect(leader.body).toContain('基保科：');
    expect(leader.body).not.toContain('护理部');
    expect(await inbox(people.onTrackResponsible)).toEqual([]);

    // No responsible person named: the department's 通讯员 in the grid, else its own correspondents.
    expect((await inbox(people.gridCorrespondent))[0].body).toContain('检验科：100000篇信息');
    expect(await inbox(people.homeCorrespondent)).toEqual([]);
    expect((await inbox(people.bareCorrespondent))[0].body).toContain('药剂科：微博每月10000条');
    expect(await inbox(people.bareReviewer)).toEqual([]);
  });

  it('adds nothing when it runs again in the same month', async () => {
    expect(await remindLaggingDepartments(t.server.database.db, new Date())).toEqual({ plans: 1, posted: 0 });
    expect(await inbox(people.responsible)).toHaveLength(1);
    expect(await inbox(people.leader)).toHaveLength(1);
  });

  it('never tells a disabled user', async () => {
    const { rows } = await t.sql.query('select count(*)::int as n from notice where user_id = $1', [people.retiredLeader.id]);
    expect(rows[0].n).toBe(0);
  });
});
