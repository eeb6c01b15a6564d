import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../test/api-client.ts';
import { makeDepartment, makeUser, signedIn } from '../../test/factories.ts';
import { startTestServer, type TestServer } from '../../test/test-server.ts';

let t: TestServer;
let admin: ApiClient;
let editor: ApiClient;
let correspondent: ApiClient;
let publicity: { id: number };

beforeAll(async () => {
  t = await startTestServer();
  admin = await t.admin();
  publicity = await makeDepartment(admin, { name: '新闻中心', kind: 'functional' });
  editor = await signedIn(t.url, await makeUser(admin, { departmentId: publicity.id, roles: ['editor'] }));
  correspondent = await signedIn(t.url, await makeUser(admin, { roles: ['correspondent'] }));
});
afterAll(() => t.close());

const appSecret = 'wx-app-secret-9f8e7d6c5b4a';

describe('channel registry', () => {
  it('registers a WeChat service account with 备案 data; the secret is encrypted at rest and never returned', async () => {
    const created = await editor.post('/api/channels', {
      kind: 'wechat_service',
      name: '医院服务号',
      ownerDepartmentId: publicity.id,
      registration: { recordNumber: '川ICP备2026000001号', accountId: 'gh_abcdef123456' },
      settings: { appId: 'wx1234567890abcdef' },
      secrets: { appSecret },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ kind: 'wechat_service', online: true, settings: { appId: 'wx1234567890abcdef' }, secretsSet: ['appSecret'], status: 'active' });
    expect(JSON.stringify(created.body)).not.toContain(appSecret);
    expect(JSON.stringify((await correspondent.get(`/api/channels/${created.body.id}`)).body)).not.toContain(appSecret);
    expect(JSON.stringify((await admin.get('/api/audit?entityType=channel')).body)).not.toContain(appSecret);

    const { rows } = await t.sql.query('select secrets_ciphertext from channel where id = $1', [created.body.id]);
    expect(rows[0].secrets_ciphertext).toMatch(/^v1\./);
    expect(rows[0].secrets_ciphertext).not.toContain(appSecret);
    expect(t.logs.join('')).not.toContain(appSecret);
  });

  it('keeps a secret when a patch leaves it out, replaces it when given, and removes it with null', async () => {
    const created = await editor.post('/api/channels', { kind: 'weibo', name: '官方微博', ownerDepartmentId: publicity.id, settings: { appKey: '123456' }, secrets: { accessToken: 'token-1' } });
    const renamed = await editor.patch(`/api/channels/${created.body.id}`, { name: '医院官方微博' });
    expect(renamed.body.secretsSet).toEqual(['accessToken']);
    const { rows: before } = await t.sql.query('select secrets_ciphertext from channel where id = $1', [created.body.id]);
    await editor.patch(`/api/channels/${created.body.id}`, { secrets: { accessToken: 'token-2' } });
    const { rows: after } = await t.sql.query('select secrets_ciphertext from channel where id = $1', [created.body.id]);
    expect(after[0].secrets_ciphertext).not.toBe(before[0].secrets_ciphertext);
    const cleared = await editor.patch(`/api/channels/${created.body.id}`, { secrets: { accessToken: null } });
    expect(cleared.body.secretsSet).toEqual([]);
  });

  it('refuses settings and secrets the kind does not have, an unknown owner, and a duplicate name', async () => {
    const wrongSecret = await editor.post('/api/channels', { kind: 'wechat_service', name: '甲', ownerDepartmentId: publicity.id, secrets: { password: 'x' } });
    expect(wrongSecret.status).toBe(400);
    expect(wrongSecret.body.error.details[0].field).toBe('secrets.password');
    const secretAsSetting = await editor.post('/api/channels', { kind: 'wechat_service', name: '乙', ownerDepartmentId: publicity.id, settings: { appSecret: 'x' } });
    expect(secretAsSetting.body.error.details[0].field).toBe('settings.appSecret');
    const offlineWithSettings = await editor.post('/api/channels', { kind: 'bulletin_board', name: '丙', ownerDepartmentId: publicity.id, settings: { url: 'x' } });
    expect(offlineWithSettings.status).toBe(400);
    const badUrl = await editor.post('/api/channels', { kind: 'webhook', name: '丁', ownerDepartmentId: publicity.id, settings: { url: 'ftp://x' } });
    expect(badUrl.body.error.details[0].field).toBe('settings.url');
    expect((await editor.post('/api/channels', { kind: 'website', name: '戊', ownerDepartmentId: 999999 })).body.error.details[0].field).toBe('ownerDepartmentId');
    expect((await editor.post('/api/channels', { kind: 'website', name: '戊', ownerDepartmentId: publicity.id, managerUserId: 999999 })).body.error.details[0].field).toBe('managerUserId');
    await editor.post('/api/channels', { kind: 'website', name: '官方网站', ownerDepartmentId: publicity.id });
    const dup = await editor.post('/api/channels', { kind: 'website', name: '官方网站', ownerDepartmentId: publicity.id });
    expect(dup.status).toBe(409);
    expect((await editor.post('/api/channels', { kind: 'magazine', name: '官方网站', ownerDepartmentId: publicity.id })).status).toBe(201);
  });

  it('lists with filters, offline kinds marked, and columns per channel', async () => {
    const board = await editor.post('/api/channels', { kind: 'bulletin_board', name: '门诊大厅宣传栏', ownerDepartmentId: publicity.id, registration: { location: '门诊楼一楼' } });
    expect(board.body.online).toBe(false);
    expect((await correspondent.get('/api/channels?kind=bulletin_board')).body.items.map((c: { name: string }) => c.name)).toEqual(['门诊大厅宣传栏']);
    expect((await correspondent.get(`/api/channels?q=${encodeURIComponent('宣传栏')}`)).body.items).toHaveLength(1);
    const column = await editor.post(`/api/channels/${board.body.id}/columns`, { name: '《肿而言之》', description: '肿瘤科普' });
    expect(column.status).toBe(201);
    expect((await editor.post(`/api/channels/${board.body.id}/columns`, { name: '《肿而言之》' })).status).toBe(409);
    expect((await editor.patch(`/api/channels/${board.body.id}/columns/${column.body.id}`, { status: 'disabled' })).body.status).toBe('disabled');
    expect((await correspondent.get(`/api/channels/${board.body.id}/columns`)).body.items).toHaveLength(1);
    const kinds = await correspondent.get('/api/channel-kinds');
    const wechat = kinds.body.items.find((k: { kind: string }) => k.kind === 'wechat_service');
    expect(wechat).toMatchObject({ online: true, publishable: true });
    expect(wechat.integrationFields).toEqual([
      { name: 'appId', secret: false },
      { name: 'appSecret', secret: true },
      { name: 'callbackToken', secret: true, optional: true },
    ]);
    expect(kinds.body.items.find((k: { kind: string }) => k.kind === 'douyin')).toMatchObject({ online: true, publishable: false });
    expect(kinds.body.items.find((k: { kind: string }) => k.kind === 'bulletin_board')).toMatchObject({ online: false, publishable: true });
  });

  it('is managed by editors and administrators; everyone else reads', async () => {
    expect((await correspondent.post('/api/channels', { kind: 'website', name: '越权', ownerDepartmentId: publicity.id })).status).toBe(403);
    const channel = await admin.post('/api/channels', { kind: 'douyin', name: '医院抖音', ownerDepartmentId: publicity.id });
    expect((await correspondent.patch(`/api/channels/${channel.body.id}`, { status: 'paused' })).status).toBe(403);
    expect((await correspondent.post(`/api/channels/${channel.body.id}/columns`, { name: '越权栏目' })).status).toBe(403);
    expect((await correspondent.get('/api/channels')).status).toBe(200);
    expect((await t.client().get('/api/channels')).status).toBe(401);
  });
});
