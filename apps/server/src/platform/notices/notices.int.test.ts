import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../test/api-client.ts';
import { makeUser, signedIn } from '../../test/factories.ts';
import { startTestServer, type TestServer } from '../../test/test-server.ts';
import { postNotices, type NoticeInput } from './notice.service.ts';

let t: TestServer;
let alice: { id: number; client: ApiClient };
let bob: { id: number; client: ApiClient };
let hospitalId: number;

beforeAll(async () => {
  t = await startTestServer();
  const admin = await t.admin();
  const a = await makeUser(admin, { roles: ['correspondent'] });
  const b = await makeUser(admin, { roles: ['dept_reviewer'], departmentId: a.departmentId });
  alice = { id: a.id, client: await signedIn(t.url, a) };
  bob = { id: b.id, client: await signedIn(t.url, b) };
  hospitalId = (await alice.client.get('/api/auth/me')).body.hospitalId;
}, 120_000);
afterAll(() => t.close());

const notice = (userId: number, n: number, overrides: Partial<NoticeInput> = {}): NoticeInput => ({
  hospitalId,
  userId,
  kind: 'test.notice',
  title: `提醒 ${n}`,
  body: `第 ${n} 条提醒`,
  link: `/content/review/${n}`,
  sourceKey: `test:${n}`,
  ...overrides,
});

type Notice = { id: number; title: string; readAt: string | null; link: string | null; kind: string; body: string; createdAt: string };

describe('posting notices', () => {
  it('posts each source key once per user, whatever the retries', async () => {
    const db = t.server.database.db;
    expect(await postNotices(db, [1, 2, 3, 4, 5].map((n) => notice(alice.id, n)))).toBe(5);
    expect(await postNotices(db, [notice(alice.id, 1), notice(alice.id, 2, { title: '改过的标题' })])).toBe(0);
    // The same cause for another person is their own notice.
    expect(await postNotices(db, [notice(bob.id, 1)])).toBe(1);
    const titles = ((await alice.client.get('/api/notices')).body.items as Notice[]).map((n) => n.title);
    expect(titles).toEqual(['提醒 5', '提醒 4', '提醒 3', '提醒 2', '提醒 1']);
  });

  it('refuses a link that leaves the console', async () => {
    const db = t.server.database.db;
    for (const link of ['https://evil.example/', '//evil.example', '/\\evil.example', 'javascript:alert(1)']) {
      await expect(postNotices(db, [notice(alice.id, 99, { link, sourceKey: `bad:${link}` })])).rejects.toThrow(/console path/);
    }
  });
});

describe('my inbox', () => {
  it('lists my notices newest first, a page at a time', async () => {
    const first = await alice.client.get('/api/notices?limit=2');
    expect(first.status).toBe(200);
    expect(first.body.items.map((n: Notice) => n.title)).toEqual(['提醒 5', '提醒 4']);
    expect(first.body.items[0]).toMatchObject({ kind: 'test.notice', body: '第 5 条提醒', link: '/content/review/5', readAt: null });
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await alice.client.get(`/api/notices?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.items.map((n: Notice) => n.title)).toEqual(['提醒 3', '提醒 2']);
    const last = await alice.client.get(`/api/notices?limit=2&cursor=${second.body.nextCursor}`);
    expect(last.body).toMatchObject({ items: [expect.objectContaining({ title: '提醒 1' })], nextCursor: null });
    expect((await alice.client.get('/api/notices?cursor=not-a-cursor')).status).toBe(400);
    expect((await alice.client.get('/api/notices?limit=0')).status).toBe(400);
  });

  it('counts unread notices and marks one read, keeping the first reading time', async () => {
    expect((await alice.client.get('/api/notices/unread-count')).body).toEqual({ count: 5 });
    const [newest] = (await alice.client.get('/api/notices?limit=1')).body.items as Notice[];
    const read = await alice.client.post(`/api/notices/${newest.id}/read`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ id: newest.id, readAt: expect.any(String) });
    const again = await alice.client.post(`/api/notices/${newest.id}/read`);
    expect(again.body.readAt).toBe(read.body.readAt);
    expect((await alice.client.get('/api/notices/unread-count')).body).toEqual({ count: 4 });
    const unread = (await alice.client.get('/api/notices?unread=true')).body.items as Notice[];
    expect(unread.map((n) => n.title)).toEqual(['提醒 4', '提醒 3', '提醒 2', '提醒 1']);
  });

  it('never shows or changes another user’s notice', async () => {
    const aliceNotices = (await alice.client.get('/api/notices')).body.items as Notice[];
    const target = aliceNotices.find((n) => n.readAt === null)!;
    expect((await bob.client.post(`/api/notices/${target.id}/read`)).status).toBe(404);
    expect((await bob.client.post('/api/notices/999999/read')).status).toBe(404);
    const bobs = (await bob.client.get('/api/notices')).body.items as Notice[];
    expect(bobs.map((n) => n.title)).toEqual(['提醒 1']);
    expect(aliceNotices.map((n) => n.id)).not.toContain(bobs[0].id);
    // Bob marking all of his read leaves Alice's untouched.
    expect((await bob.client.post('/api/notices/read-all')).body).toEqual({ count: 1 });
    expect((await alice.client.get('/api/notices/unread-count')).body).toEqual({ count: 4 });
    expect(((await alice.client.get('/api/notices')).body.items as Notice[]).find((n) => n.id === target.id)!.readAt).toBeNull();
  });

  it('marks all my notices read', async () => {
    expect((await alice.client.post('/api/notices/read-all')).body).toEqual({ count: 4 });
    expect((await alice.client.get('/api/notices/unread-count')).body).toEqual({ count: 0 });
    expect((await alice.client.get('/api/notices?unread=true')).body.items).toEqual([]);
  });

  it('needs a signed-in user, and the CSRF token on writes', async () => {
    expect((await t.client().get('/api/notices')).status).toBe(401);
    expect((await t.client().get('/api/notices/unread-count')).status).toBe(401);
    const [one] = (await alice.client.get('/api/notices?limit=1')).body.items as Notice[];
    const forged = await alice.client.request('POST', `/api/notices/${one.id}/read`, undefined, { 'x-csrf-token': 'forged' });
    expect(forged.status).toBe(403);
  });

  it('documents its routes in the OpenAPI reference', async () => {
    const paths = Object.keys((await alice.client.get('/api/openapi.json')).body.paths);
    for (const path of ['/api/notices', '/api/notices/unread-count', '/api/notices/{id}/read', '/api/notices/read-all']) expect(paths).toContain(path);
  });
});
