import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../test/api-client.ts';
import type { Role } from '../org/roles.ts';
import { makeDepartment, makeUser, signedIn } from '../../test/factories.ts';
import { startTestServer, type TestServer } from '../../test/test-server.ts';
import { remindOverdueReviews } from './review-reminders.service.ts';

let t: TestServer;
type Person = { id: number; client: ApiClient };
let people: Record<'author' | 'reviewer' | 'secondReviewer' | 'otherReviewer' | 'editor' | 'secondEditor' | 'retiredEditor' | 'leader', Person>;
let articleId: number;
let returnedId: number;

type Notice = { id: number; kind: string; title: string; body: string; link: string };
const inbox = async (person: Person) => (await person.client.get('/api/notices')).body.items as Notice[];
const hoursFromNow = (hours: number) => new Date(Date.now() + hours * 3_600_000);

beforeAll(async () => {
  t = await startTestServer();
  const admin = await t.admin();
  const ward = (await makeDepartment(admin, { name: '儿科' })).id;
  const other = (await makeDepartment(admin, { name: '眼科' })).id;
  const office = (await makeDepartment(admin, { name: '宣传部', kind: 'functional' })).id;
  const person = async (departmentId: number, roles: Role[]) => {
    const user = await makeUser(admin, { departmentId, roles });
    return { id: user.id, client: await signedIn(t.url, user) };
  };
  people = {
    // The author also reviews for the department: never for their own article.
    author: await person(ward, ['correspondent', 'dept_reviewer']),
    reviewer: await person(ward, ['dept_reviewer']),
    secondReviewer: await person(ward, ['dept_reviewer']),
    otherReviewer: await person(other, ['dept_reviewer']),
    editor: await person(office, ['editor']),
    secondEditor: await person(office, ['editor']),
    retiredEditor: await person(office, ['editor']),
    leader: await person(office, ['leader']),
  };
  expect((await admin.post(`/api/users/${people.retiredEditor.id}/disable`)).status).toBe(200);

  const write = async (title: string) => {
    const created = await people.author.client.post('/api/articles', { title, body: `<p>${title}，欢迎家长带孩子参加。</p>`, category: 'news' });
    expect(created.status).toBe(201);
    expect((await people.author.client.post(`/api/articles/${created.body.id}/submit`, {})).status).toBe(200);
    return created.body.id as number;
  };
  articleId = await write('儿科开展儿童节义诊活动');
  returnedId = await write('儿童营养讲座');
  expect((await people.reviewer.client.post(`/api/articles/${returnedId}/review`, { decision: 'return', comment: '请补充讲座时间' })).status).toBe(200);
}, 120_000);
afterAll(() => t.close());

describe('reminders of overdue review steps', () => {
  it('tells nobody while the step is within its time', async () => {
    expect(await remindOverdueReviews(t.server.database.db, hoursFromNow(1))).toEqual({ posted: 0 });
    expect(await inbox(people.reviewer)).toEqual([]);
  });

  it('tells the department’s reviewers once the department step is overdue, never the author or other departments', async () => {
    expect(await remindOverdueReviews(t.server.database.db, hoursFromNow(25))).toEqual({ posted: 2 });
    for (const reviewer of [people.reviewer, people.secondReviewer]) {
      const notices = await inbox(reviewer);
      expect(notices).toHaveLength(1);
      expect(notices[0]).toMatchObject({ kind: 'review.overdue', title: '审核超时：儿科开展儿童节义诊活动', link: `/content/review/${articleId}` });
      expect(notices[0].body).toMatch(/^稿件《儿科开展儿童节义诊活动》的“科室审核”已于 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 到期，尚未审核，请尽快处理。$/);
    }
    for (const nobody of [people.author, people.otherReviewer, people.editor, people.leader]) expect(await inbox(nobody)).toEqual([]);
    // The returned article waits for its author, not for a reviewer.
    expect((await inbox(people.reviewer)).map((n) => n.link)).not.toContain(`/content/review/${returnedId}`);
  });

  it('adds nothing when the sweep runs again', async () => {
    expect(await remindOverdueReviews(t.server.database.db, hoursFromNow(30))).toEqual({ posted: 0 });
    expect(await inbox(people.reviewer)).toHaveLength(1);
  });

  it('tells the next step’s reviewers hospital-wide when that step is overdue in turn, active ones only', async () => {
    expect((await people.reviewer.client.post(`/api/articles/${articleId}/review`, { decision: 'approve' })).status).toBe(200);
    expect(await remindOverdueReviews(t.server.database.db, hoursFromNow(1))).toEqual({ posted: 0 });
    // The editors, and the first administrator, who is an editor too.
    expect(await remindOverdueReviews(t.server.database.db, hoursFromNow(25))).toEqual({ posted: 3 });
    for (const editor of [people.editor, people.secondEditor, { id: 0, client: await t.admin() }]) {
      const [notice] = await inbox(editor);
      expect(notice.body).toContain('“宣传部审核”');
    }
    const { rows } = await t.sql.query('select count(*)::int as n from notice where user_id = $1', [people.retiredEditor.id]);
    expect(rows[0].n).toBe(0);
    expect(await inbox(people.author)).toEqual([]);
    expect(await inbox(people.leader)).toEqual([]);
    // The reviewers of the first step keep their one notice.
    expect(await inbox(people.secondReviewer)).toHaveLength(1);
  });

  it('tells nobody once the article is decided', async () => {
    expect((await people.editor.client.post(`/api/articles/${articleId}/review`, { decision: 'approve' })).body.status).toBe('approved');
    expect(await remindOverdueReviews(t.server.database.db, hoursFromNow(100))).toEqual({ posted: 0 });
  });
});
