import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../test/api-client.ts';
import { makeDepartment, makeUser, onePixelPng, signedIn } from '../../test/factories.ts';
import { roles } from '../org/roles.ts';
import { startTestServer, type TestServer } from '../../test/test-server.ts';

let t: TestServer;
let admin: ApiClient;
let editor: ApiClient;
let correspondent: ApiClient;
let cardiology: { id: number };
let pediatrics: { id: number };

const png = onePixelPng();

const upload = (content: BlobPart, type = 'image/png') => {
  const form = new FormData();
  form.append('file', new Blob([content], { type }), 'photo.png');
  return form;
};

beforeAll(async () => {
  t = await startTestServer();
  admin = await t.admin();
  cardiology = await makeDepartment(admin, { name: '心血管内科' });
  pediatrics = await makeDepartment(admin, { name: '儿科' });
  const publicity = await makeDepartment(admin, { name: '宣传部', kind: 'functional' });
  editor = await signedIn(t.url, await makeUser(admin, { departmentId: publicity.id, roles: ['editor'] }));
  correspondent = await signedIn(t.url, await makeUser(admin, { departmentId: cardiology.id, roles: ['correspondent'] }));
}, 120_000);
afterAll(() => t.close());

describe('the expert registry (专家库)', () => {
  it('lets an editor add an expert with their grid roles, and records it in the audit log', async () => {
    const created = await editor.post('/api/experts', {
      name: '王建国',
      title: '主任医师',
      departmentId: cardiology.id,
      specialties: '冠心病介入治疗、高血压',
      clinicHours: '周一上午、周四全天',
      bio: '从事心血管内科临床工作三十年。\n国家心血管病中心特聘专家。',
      gridRoles: ['science_expert', 'media_expert', 'science_expert'],
      publicOnSite: true,
      sortOrder: 1,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: '王建国', title: '主任医师', departmentId: cardiology.id, gridRoles: ['science_expert', 'media_expert'],
      publicOnSite: true, status: 'active', photoUrl: null, userId: null,
    });
    const audit = await admin.get(`/api/audit?entityType=expert&entityId=${created.body.id}`);
    expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual(['expert.create']);

    const changed = await editor.patch(`/api/experts/${created.body.id}`, { clinicHours: '周二下午', gridRoles: ['influencer'] });
    expect(changed.body).toMatchObject({ clinicHours: '周二下午', gridRoles: ['influencer'], specialties: '冠心病介入治疗、高血压' });
    expect((await admin.get(`/api/audit?entityType=expert&entityId=${created.body.id}`)).body.items[0]).toMatchObject({
      action: 'expert.update', before: { clinicHours: '周一上午、周四全天' }, after: { clinicHours: '周二下午' },
    });
  });

  it('is read by everyone signed in and kept by editors and administrators only', async () => {
    const expert = (await admin.post('/api/experts', { name: '李芳', title: '副主任医师', departmentId: pediatrics.id })).body;
    expect((await correspondent.get(`/api/experts/${expert.id}`)).body.name).toBe('李芳');
    expect((await correspondent.get('/api/experts')).status).toBe(200);
    expect((await correspondent.post('/api/experts', { name: '张三', title: '主治医师', departmentId: cardiology.id })).status).toBe(403);
    expect((await correspondent.patch(`/api/experts/${expert.id}`, { publicOnSite: true })).status).toBe(403);
    expect((await correspondent.put(`/api/experts/${expert.id}/photo`, upload(png))).status).toBe(403);
    expect((await t.client().get('/api/experts')).status).toBe(401);
    expect((await correspondent.get('/api/experts/999999')).status).toBe(404);
  });

  it('refuses an unknown department, a disabled account and a second profile for one account, naming the field', async () => {
    const unknown = await editor.post('/api/experts', { name: '赵六', title: '主任护师', departmentId: 999_999 });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details[0].field).toBe('departmentId');
    const missingTitle = await editor.post('/api/experts', { name: '赵六', departmentId: cardiology.id });
    expect(missingTitle.status).toBe(400);
    expect(missingTitle.body.error.details[0].field).toBe('title');

    const doctor = await makeUser(admin, { departmentId: cardiology.id });
    expect((await editor.post('/api/experts', { name: '陈医生', title: '主治医师', departmentId: cardiology.id, userId: doctor.id })).status).toBe(201);
    const twice = await editor.post('/api/experts', { name: '陈医生', title: '主治医师', departmentId: cardiology.id, userId: doctor.id });
    expect(twice.status).toBe(409);
    expect(twice.body.error.details[0].field).toBe('userId');

    const leaver = await makeUser(admin, { departmentId: cardiology.id });
    await admin.post(`/api/users/${leaver.id}/disable`);
    const disabled = await editor.post('/api/experts', { name: '离职医生', title: '主治医师', departmentId: cardiology.id, userId: leaver.id });
    expect(disabled.status).toBe(400);
    expect(disabled.body.error.details[0].field).toBe('userId');
  });

  it('filters the list by department, grid role, site visibility and name', async () => {
    const dept = await makeDepartment(admin, { name: '消化内科' });
    const a = (await editor.post('/api/experts', { name: '周_明', title: '主任医师', departmentId: dept.id, gridRoles: ['influencer'], publicOnSite: true })).body;
    const b = (await editor.post('/api/experts', { name: '周明辉', title: '主治医师', departmentId: dept.id, gridRoles: ['science_expert'] })).body;
    const ids = async (query: string) => (await correspondent.get(`/api/experts?${query}`)).body.items.map((e: { id: number }) => e.id);
    expect(await ids(`departmentId=${dept.id}`)).toEqual([a.id, b.id]);
    expect(await ids(`departmentId=${dept.id}&gridRole=influencer`)).toEqual([a.id]);
    expect(await ids(`departmentId=${dept.id}&publicOnSite=false`)).toEqual([b.id]);
    // "_" is a literal underscore, not LIKE's any-character.
    expect(await ids(`q=${encodeURIComponent('周_')}`)).toEqual([a.id]);
    const first = await correspondent.get(`/api/experts?departmentId=${dept.id}&limit=1`);
    expect(first.body.items.map((e: { id: number }) => e.id)).toEqual([a.id]);
    expect((await correspondent.get(`/api/experts?departmentId=${dept.id}&limit=1&cursor=${first.body.nextCursor}`)).body.items[0].id).toBe(b.id);
  });

  it('takes a photo that really is an image, serves it to members, and removes it', async () => {
    const expert = (await editor.post('/api/experts', { name: '孙丽', title: '主任医师', departmentId: pediatrics.id })).body;
    const uploaded = await editor.put(`/api/experts/${expert.id}/photo`, upload(png));
    expect(uploaded.status).toBe(200);
    expect(uploaded.body.photoUrl).toMatch(new RegExp(`^/api/experts/${expert.id}/photo\\?v=`));
    const image = await fetch(t.url + uploaded.body.photoUrl, { headers: { cookie: correspondent.cookie! } });
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await image.arrayBuffer()).equals(png)).toBe(true);

    const disguised = await editor.put(`/api/experts/${expert.id}/photo`, upload('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'));
    expect(disguised.status).toBe(415);
    expect((await editor.get(`/api/experts/${expert.id}`)).body.photoUrl).toBe(uploaded.body.photoUrl);

    expect((await editor.delete(`/api/experts/${expert.id}/photo`)).body.photoUrl).toBeNull();
    expect((await correspondent.get(`/api/experts/${expert.id}/photo`)).status).toBe(404);
    const actions = (await admin.get(`/api/audit?entityType=expert&entityId=${expert.id}`)).body.items.map((e: { action: string }) => e.action);
    expect(actions).toEqual(['expert.photo.clear', 'expert.photo.set', 'expert.create']);
  });

  it('answers every role as the policy says: all read, editors and administrators write', async () => {
    const expert = (await admin.post('/api/experts', { name: '矩阵专家', title: '主任医师', departmentId: cardiology.id })).body;
    for (const role of roles) {
      const client = await signedIn(t.url, await makeUser(admin, { departmentId: cardiology.id, roles: [role] }));
      const writes = role === 'admin' || role === 'editor';
      expect([role, (await client.get('/api/experts')).status]).toEqual([role, 200]);
      expect([role, (await client.get(`/api/experts/${expert.id}`)).status]).toEqual([role, 200]);
      expect([role, (await client.patch(`/api/experts/${expert.id}`, { sortOrder: 5 })).status]).toEqual([role, writes ? 200 : 403]);
      expect([role, (await client.post('/api/experts', { name: `${role}专家`, title: '主治医师', departmentId: cardiology.id })).status]).toEqual([role, writes ? 201 : 403]);
      expect([role, (await client.delete(`/api/experts/${expert.id}/photo`)).status]).toEqual([role, writes ? 200 : 403]);
    }
  });

  it('documents its routes in the OpenAPI reference', async () => {
    const paths = Object.keys((await t.client().get('/api/openapi.json')).body.paths);
    for (const path of ['/api/experts', '/api/experts/{id}', '/api/experts/{id}/photo']) expect(paths).toContain(path);
  });
});
