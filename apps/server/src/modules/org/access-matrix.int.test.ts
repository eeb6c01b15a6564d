import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../../test/api-client.ts';
import { makeDepartment, makeUser, signedIn } from '../../test/factories.ts';
import { startTestServer, type TestServer } from '../../test/test-server.ts';
import { roles, type Role } from './roles.ts';

/**
 * Every org route × every role, plus anonymous: who may call what. Each role's user sits in department A;
 * `otherUser` sits in department B, so scoping (own department vs whole hospital) is exercised too.
 */
let t: TestServer;
let admin: ApiClient;
const clients = new Map<Role | 'anonymous', ApiClient>();
let deptA: { id: number };
let otherUser: { id: number };
let sameDeptUser: { id: number };

beforeAll(async () => {
  t = await startTestServer();
  admin = await t.admin();
  deptA = await makeDepartment(admin, { name: '矩阵甲科' });
  const deptB = await makeDepartment(admin, { name: '矩阵乙科' });
  otherUser = await makeUser(admin, { departmentId: deptB.id, roles: ['correspondent'] });
  sameDeptUser = await makeUser(admin, { departmentId: deptA.id, roles: ['viewer'] });
  for (const role of roles) clients.set(role, await signedIn(t.url, await makeUser(admin, { departmentId: deptA.id, roles: [role] })));
  clients.set('anonymous', t.client());
}, 120_000);
afterAll(() => t.close());

type Call = { method: string; path: () => string; body?: () => unknown };
const adminOnly = (ok: number): Record<Role, number> => Object.fromEntries(roles.map((r) => [r, r === 'admin' ? ok : 403])) as Record<Role, number>;
const everyone = (ok: number): Record<Role, number> => Object.fromEntries(roles.map((r) => [r, ok])) as Record<Role, number>;
const hospitalWide = (ok: number, otherwise: number): Record<Role, number> =>
  Object.fromEntries(roles.map((r) => [r, ['admin', 'editor', 'leader'].includes(r) ? ok : otherwise])) as Record<Role, number>;

let seq = 0;
const fresh = () => `${Date.now().toString(36)}${seq++}`;

const matrix: [string, Call, Record<Role, number>][] = [
  ['read own profile', { method: 'GET', path: () => '/api/auth/me' }, everyone(200)],
  ['list roles', { method: 'GET', path: () => '/api/roles' }, everyone(200)],
  ['read hospital', { method: 'GET', path: () => '/api/hospital' }, everyone(200)],
  ['edit hospital', { method: 'PATCH', path: () => '/api/hospital', body: () => ({ shortNames: ['矩阵'] }) }, adminOnly(200)],
  ['remove logo', { method: 'DELETE', path: () => '/api/hospital/logo' }, adminOnly(200)],
  ['list campuses', { method: 'GET', path: () => '/api/campuses' }, everyone(200)],
  ['create campus', { method: 'POST', path: () => '/api/campuses', body: () => ({ name: `院区${fresh()}` }) }, adminOnly(201)],
  ['list departments', { method: 'GET', path: () => '/api/departments' }, everyone(200)],
  ['read department', { method: 'GET', path: () => `/api/departments/${deptA.id}` }, everyone(200)],
  ['create department', { method: 'POST', path: () => '/api/departments', body: () => ({ name: `科${fresh()}`, kind: 'clinical' }) }, adminOnly(201)],
  ['update department', { method: 'PATCH', path: () => `/api/departments/${deptA.id}`, body: () => ({ sortOrder: 1 }) }, adminOnly(200)],
  ['disable department', { method: 'POST', path: () => `/api/departments/${deptA.id}/enable` }, adminOnly(200)],
  ['list users', { method: 'GET', path: () => '/api/users' }, everyone(200)],
  ['read a user of my department', { method: 'GET', path: () => `/api/users/${sameDeptUser.id}` }, everyone(200)],
  ['read a user of another department', { method: 'GET', path: () => `/api/users/${otherUser.id}` }, hospitalWide(200, 404)],
  ['create user', { method: 'POST', path: () => '/api/users', body: () => ({ username: `m${fresh()}`, displayName: '矩阵', password: 'Matrix-pass-2026', departmentId: deptA.id, roles: ['viewer'] }) }, adminOnly(201)],
  ['update user', { method: 'PATCH', path: () => `/api/users/${otherUser.id}`, body: () => ({ phone: '13800000000' }) }, adminOnly(200)],
  ['enable user', { method: 'POST', path: () => `/api/users/${otherUser.id}/enable` }, adminOnly(200)],
  ['list API tokens', { method: 'GET', path: () => '/api/api-tokens' }, adminOnly(200)],
  ['create API token', { method: 'POST', path: () => '/api/api-tokens', body: () => ({ name: 'm', scopes: ['read'], expiresAt: new Date(Date.now() + 3_600_000).toISOString() }) }, adminOnly(201)],
  ['read audit log', { method: 'GET', path: () => '/api/audit' }, adminOnly(200)],
];

describe.each(matrix)('%s', (_name, call, expected) => {
  it.each([...roles, 'anonymous' as const])('as %s', async (who) => {
    const res = await clients.get(who)!.request(call.method, call.path(), call.body?.());
    expect(res.status).toBe(who === 'anonymous' ? 401 : expected[who]);
  });
});

describe('department scoping of user lists', () => {
  it('a correspondent lists only their own department; an editor lists the whole hospital', async () => {
    const own = await clients.get('correspondent')!.get('/api/users?limit=200');
    expect(new Set(own.body.items.map((u: { departmentId: number }) => u.departmentId))).toEqual(new Set([deptA.id]));
    const asked = await clients.get('correspondent')!.get(`/api/users?departmentId=${(await admin.get(`/api/users/${otherUser.id}`)).body.departmentId}`);
    expect(asked.body.items).toEqual([]);
    const all = await clients.get('editor')!.get('/api/users?limit=200');
    expect(all.body.items.map((u: { id: number }) => u.id)).toContain(otherUser.id);
  });

  it('only an administrator resets passwords or disables users', async () => {
    for (const role of roles.filter((r) => r !== 'admin')) {
      expect((await clients.get(role)!.post(`/api/users/${otherUser.id}/reset-password`, { newPassword: 'Reset-by-other-1' })).status).toBe(403);
      expect((await clients.get(role)!.post(`/api/users/${otherUser.id}/disable`)).status).toBe(403);
    }
  });
});
