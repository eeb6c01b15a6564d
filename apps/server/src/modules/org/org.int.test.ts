import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../test/api-client.ts';
import { makeDepartment, makeUser } from '../../test/factories.ts';
import { startTestServer, type TestServer } from '../../test/test-server.ts';

let t: TestServer;
let admin: ApiClient;
beforeAll(async () => {
  t = await startTestServer();
  admin = await t.admin();
});
afterAll(() => t.close());

async function auditCount(action: string) {
  const { rows } = await t.sql.query<{ n: number }>('select count(*)::int as n from audit_log where action = $1', [action]);
  return rows[0].n;
}

describe('departments', () => {
  it('are created, read, listed, updated, disabled and enabled', async () => {
    const campus = await admin.post('/api/campuses', { name: '锦江院区', address: '成都市锦江区' });
    expect(campus.status).toBe(201);
    const created = await admin.post('/api/departments', { name: '心血管内科', kind: 'clinical', campusId: campus.body.id, code: 'XNK' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: '心血管内科', kind: 'clinical', campusId: campus.body.id, status: 'active' });
    const child = await admin.post('/api/departments', { name: '心血管内科一病区', kind: 'clinical', parentId: created.body.id });
    expect(child.body.parentId).toBe(created.body.id);
    expect((await admin.get(`/api/departments/${created.body.id}`)).body.code).toBe('XNK');
    const children = await admin.get(`/api/departments?parentId=${created.body.id}`);
    expect(children.body.items.map((d: { name: string }) => d.name)).toEqual(['心血管内科一病区']);
    const renamed = await admin.patch(`/api/departments/${created.body.id}`, { name: '心血管内科（胸痛中心）' });
    expect(renamed.body.name).toBe('心血管内科（胸痛中心）');
    expect((await admin.post(`/api/departments/${created.body.id}/disable`)).body.status).toBe('disabled');
    expect((await admin.get('/api/departments?status=disabled')).body.items.map((d: { id: number }) => d.id)).toContain(created.body.id);
    expect((await admin.post(`/api/departments/${created.body.id}/enable`)).body.status).toBe('active');
  });

  it('refuse a duplicate name with 409 and write nothing, not even an audit entry', async () => {
    await makeDepartment(admin, { name: '放射科' });
    const before = await auditCount('department.create');
    const dup = await admin.post('/api/departments', { name: '放射科', kind: 'medical_tech' });
    expect(dup.status).toBe(409);
    expect(dup.body.error.details[0].field).toBe('name');
    expect(await auditCount('department.create')).toBe(before);
  });

  it('refuse a parent that would make a cycle, and unknown campus or parent', async () => {
    const a = await makeDepartment(admin);
    const b = await makeDepartment(admin, { parentId: a.id });
    const cycle = await admin.patch(`/api/departments/${a.id}`, { parentId: b.id });
    expect(cycle.status).toBe(400);
    expect(cycle.body.error.details[0].field).toBe('parentId');
    expect((await admin.patch(`/api/departments/${a.id}`, { parentId: a.id })).status).toBe(400);
    expect((await admin.post('/api/departments', { name: '无院区', kind: 'clinical', campusId: 999999 })).body.error.details[0].field).toBe('campusId');
    expect((await admin.post('/api/departments', { name: '无上级', kind: 'clinical', parentId: 999999 })).status).toBe(400);
  });

  it('page with a cursor and filter by kind and name', async () => {
    for (let i = 0; i < 5; i++) await makeDepartment(admin, { name: `党支部${i}`, kind: 'party_branch' });
    const first = await admin.get('/api/departments?kind=party_branch&limit=3');
    expect(first.body.items).toHaveLength(3);
    expect(first.body.nextCursor).toBeTruthy();
    const second = await admin.get(`/api/departments?kind=party_branch&limit=3&cursor=${first.body.nextCursor}`);
    expect(second.body.items).toHaveLength(2);
    expect(second.body.nextCursor).toBeNull();
    const names = [...first.body.items, ...second.body.items].map((d: { name: string }) => d.name);
    expect(new Set(names).size).toBe(5);
    expect((await admin.get(`/api/departments?q=${encodeURIComponent('党支部3')}`)).body.items).toHaveLength(1);
    expect((await admin.get('/api/departments?cursor=%%%')).status).toBe(400);
  });
});

describe('users', () => {
  it('are created with roles, read without the password hash, updated and listed by role', async () => {
    const dept = await makeDepartment(admin, { name: '护理部' });
    const created = await admin.post('/api/users', {
      username: 'liu.hong', displayName: '刘红', password: 'Huli-bu-2026', departmentId: dept.id, roles: ['correspondent', 'opinion_officer'],
      email: 'liuhong@example.org', phone: '028-85501234',
    });
    expect(created.status).toBe(201);
    expect(created.body).not.toHaveProperty('passwordHash');
    expect(created.body.roles).toEqual(['correspondent', 'opinion_officer']);
    const updated = await admin.patch(`/api/users/${created.body.id}`, { roles: ['dept_reviewer'], displayName: '刘红（护理部）' });
    expect(updated.body).toMatchObject({ roles: ['dept_reviewer'], displayName: '刘红（护理部）' });
    const reviewers = await admin.get('/api/users?role=dept_reviewer');
    expect(reviewers.body.items.map((u: { username: string }) => u.username)).toContain('liu.hong');
  });

  it('refuse a duplicate username (any case) with 409, an unknown role and a weak password with 400', async () => {
    const user = await makeUser(admin);
    const dup = await admin.post('/api/users', { username: user.username.toUpperCase(), displayName: '重复', password: 'Another-pass-1', departmentId: user.departmentId, roles: ['viewer'] });
    expect(dup.status).toBe(409);
    expect(dup.body.error.details[0].field).toBe('username');
    const badRole = await admin.post('/api/users', { username: 'role.test', displayName: '角色', password: 'Another-pass-1', departmentId: user.departmentId, roles: ['superuser'] });
    expect(badRole.status).toBe(400);
    expect(badRole.body.error.details[0].field).toMatch(/^roles/);
    const weak = await admin.post('/api/users', { username: 'weak.test', displayName: '弱', password: '12345678', departmentId: user.departmentId, roles: ['viewer'] });
    expect(weak.status).toBe(400);
    expect(weak.body.error.details[0].field).toBe('password');
    const badDept = await admin.post('/api/users', { username: 'dept.test', displayName: '科', password: 'Another-pass-1', departmentId: 999999, roles: ['viewer'] });
    expect(badDept.status).toBe(400);
    expect(badDept.body.error.details[0].field).toBe('departmentId');
  });

  it('an administrator cannot disable themself or drop their own admin role', async () => {
    const me = await admin.get('/api/auth/me');
    expect((await admin.post(`/api/users/${me.body.id}/disable`)).status).toBe(400);
    expect((await admin.patch(`/api/users/${me.body.id}`, { roles: ['editor'] })).status).toBe(400);
  });
});

describe('hospital profile', () => {
  it('is edited by an administrator: full name, short names, former names', async () => {
    const res = await admin.patch('/api/hospital', { fullName: '四川省妇幼保健院', shortNames: ['川妇幼', '省妇幼'], formerNames: ['四川省妇幼保健医院'] });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ fullName: '四川省妇幼保健院', shortNames: ['川妇幼', '省妇幼'], formerNames: ['四川省妇幼保健医院'] });
  });

  it('takes a PNG logo, serves it back, and refuses SVG or a file that only claims to be an image', async () => {
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);
    const form = new FormData();
    form.append('file', new Blob([png], { type: 'image/png' }), 'logo.png');
    const uploaded = await admin.put('/api/hospital/logo', form);
    expect(uploaded.status).toBe(200);
    expect(uploaded.body.logoUrl).toMatch(/^\/api\/hospital\/logo/);
    const image = await fetch(t.url + uploaded.body.logoUrl, { headers: { cookie: admin.cookie! } });
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await image.arrayBuffer()).equals(png)).toBe(true);

    const svg = new FormData();
    svg.append('file', new Blob(['<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'], { type: 'image/png' }), 'logo.png');
    const refused = await admin.put('/api/hospital/logo', svg);
    expect(refused.status).toBe(415);
    expect((await admin.delete('/api/hospital/logo')).body.logoUrl).toBeNull();
  });
});

describe('audit log', () => {
  it('records who did what, when, from where, with before and after, in the same transaction', async () => {
    const dept = await makeDepartment(admin, { name: '审计测试科' });
    await admin.patch(`/api/departments/${dept.id}`, { name: '审计测试科（改）' });
    const res = await admin.get(`/api/audit?entityType=department&entityId=${dept.id}`);
    expect(res.status).toBe(200);
    const [update, create] = res.body.items;
    expect(update).toMatchObject({ action: 'department.update', actorUsername: 'admin', entityId: String(dept.id) });
    expect(update.before.name).toBe('审计测试科');
    expect(update.after.name).toBe('审计测试科（改）');
    expect(update.ip).toMatch(/127\.0\.0\.1/);
    expect(update.requestId).toBeTruthy();
    expect(create).toMatchObject({ action: 'department.create', before: null });
  });

  it('filters by actor, action and time, pages newest first, and never shows password hashes', async () => {
    const user = await makeUser(admin);
    const me = await admin.get('/api/auth/me');
    const byActor = await admin.get(`/api/audit?actorId=${me.body.id}&action=user.create&limit=1`);
    expect(byActor.body.items).toHaveLength(1);
    expect(byActor.body.items[0].entityId).toBe(String(user.id));
    const next = await admin.get(`/api/audit?actorId=${me.body.id}&action=user.create&limit=1&cursor=${byActor.body.nextCursor}`);
    expect(next.body.items[0].id).toBeLessThan(byActor.body.items[0].id);
    const future = await admin.get(`/api/audit?from=${encodeURIComponent(new Date(Date.now() + 3_600_000).toISOString())}`);
    expect(future.body.items).toHaveLength(0);
    const { rows } = await t.sql.query(`select count(*)::int as n from audit_log where before::text like '%argon2%' or after::text like '%argon2%'`);
    expect(rows[0].n).toBe(0);
  });

  it('records sign-ins and failed sign-ins', async () => {
    await t.client().post('/api/auth/login', { username: 'admin', password: 'definitely-wrong-1' });
    const failed = await admin.get('/api/audit?action=auth.login.failed');
    expect(failed.body.items[0]).toMatchObject({ actorUsername: 'system', after: { username: 'admin' } });
  });
});
