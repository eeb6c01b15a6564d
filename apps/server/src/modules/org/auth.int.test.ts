import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../../test/api-client.ts';
import { defaultPassword, makeUser, signedIn } from '../../test/factories.ts';
import { adminPassword, startTestServer, type TestServer } from '../../test/test-server.ts';
import { loginLimits } from './auth.service.ts';

let t: TestServer;
let admin: ApiClient;
beforeAll(async () => {
  t = await startTestServer();
  admin = await t.admin();
});
afterAll(() => t.close());

const tomorrow = () => new Date(Date.now() + 86_400_000).toISOString();

describe('sign-in', () => {
  it('returns the user and a CSRF token, and sets an HttpOnly SameSite session cookie', async () => {
    const client = t.client();
    const res = await client.post('/api/auth/login', { username: 'admin', password: adminPassword });
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ username: 'admin', roles: expect.arrayContaining(['admin']) });
    expect(res.body.user).not.toHaveProperty('passwordHash');
    expect(res.body.csrfToken).toMatch(/^[\w-]{20,}$/);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('rongmei_session='))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const me = await client.get('/api/auth/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ username: 'admin', departmentName: '党委宣传部', csrfToken: res.body.csrfToken });
  });

  it('is case-insensitive on the username', async () => {
    const res = await t.client().post('/api/auth/login', { username: 'ADMIN', password: adminPassword });
    expect(res.status).toBe(200);
  });

  it('refuses a wrong password or an unknown user with the same 401', async () => {
    const wrong = await t.client().post('/api/auth/login', { username: 'admin', password: 'not-the-password-1' });
    const unknown = await t.client().post('/api/auth/login', { username: 'nobody-here', password: 'not-the-password-1' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.error.code).toBe('invalid_credentials');
    expect(unknown.body).toEqual(wrong.body);
  });

  it('rate-limits repeated failures for a username with 429 and Retry-After, even for the right password', async () => {
    const user = await makeUser(admin);
    for (let i = 0; i < loginLimits.failuresPerUsername; i++) {
      expect((await t.client().post('/api/auth/login', { username: user.username, password: `wrong-${i}-password` })).status).toBe(401);
    }
    const blocked = await t.client().post('/api/auth/login', { username: user.username, password: user.password });
    expect(blocked.status).toBe(429);
    expect(blocked.body.error.code).toBe('too_many_attempts');
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    await t.sql.query(`update login_failure set at = at - interval '1 hour' where username = $1`, [user.username]);
    expect((await t.client().post('/api/auth/login', { username: user.username, password: user.password })).status).toBe(200);
  });

  it('requires sign-in for everything but health and login', async () => {
    for (const path of ['/api/auth/me', '/api/departments', '/api/users', '/api/audit', '/api/hospital']) {
      const res = await t.client().get(path);
      expect(res.status, path).toBe(401);
      expect(res.body.error.code).toBe('unauthenticated');
    }
  });
});

describe('CSRF', () => {
  it('refuses a cookie-authenticated write without the x-csrf-token header, and accepts it with', async () => {
    const client = await t.admin();
    const without = await client.request('POST', '/api/departments', { name: '无令牌科室', kind: 'clinical' }, { 'x-csrf-token': '' });
    expect(without.status).toBe(403);
    expect(without.body.error.code).toBe('csrf_failed');
    const forged = await client.request('POST', '/api/departments', { name: '无令牌科室', kind: 'clinical' }, { 'x-csrf-token': 'forged-token-value-000000' });
    expect(forged.status).toBe(403);
    const withToken = await client.post('/api/departments', { name: '有令牌科室', kind: 'clinical' });
    expect(withToken.status).toBe(201);
  });
});

describe('sessions', () => {
  it('ends on sign-out', async () => {
    const client = await t.admin();
    const replay = new ApiClient(t.url);
    replay.cookie = client.cookie;
    expect((await replay.get('/api/auth/me')).status).toBe(200);
    expect((await client.post('/api/auth/logout')).status).toBe(204);
    expect((await replay.get('/api/auth/me')).status).toBe(401);
  });

  it('expires: a session past its expiry is refused, at the latest once the 5-second session cache has passed', async () => {
    const user = await makeUser(admin);
    const client = await signedIn(t.url, user);
    expect((await client.get('/api/auth/me')).status).toBe(200);
    await t.sql.query(`update session set expires_at = now() - interval '1 second' where user_id = $1`, [user.id]);
    await new Promise((r) => setTimeout(r, 5_100));
    expect((await client.get('/api/auth/me')).status).toBe(401);
  });

  it('ends when an administrator disables the user, who can then no longer sign in', async () => {
    const user = await makeUser(admin);
    const client = await signedIn(t.url, user);
    expect((await admin.post(`/api/users/${user.id}/disable`)).status).toBe(200);
    expect((await client.get('/api/auth/me')).status).toBe(401);
    const again = await t.client().post('/api/auth/login', { username: user.username, password: user.password });
    expect(again.status).toBe(403);
    expect(again.body.error.code).toBe('account_disabled');
  });
});

describe('passwords', () => {
  it('lets a user change their own password, checks strength, and ends their other sessions', async () => {
    const user = await makeUser(admin);
    const first = await signedIn(t.url, user);
    const second = await signedIn(t.url, user);
    const wrongCurrent = await first.post('/api/auth/password', { currentPassword: 'not-it-at-all-1', newPassword: 'Brand-new-pass-9' });
    expect(wrongCurrent.status).toBe(400);
    expect(wrongCurrent.body.error.details[0].field).toBe('currentPassword');
    const weak = await first.post('/api/auth/password', { currentPassword: defaultPassword, newPassword: 'short' });
    expect(weak.status).toBe(400);
    expect(weak.body.error.details[0].field).toBe('newPassword');
    expect((await first.post('/api/auth/password', { currentPassword: defaultPassword, newPassword: 'Brand-new-pass-9' })).status).toBe(204);
    expect((await first.get('/api/auth/me')).status).toBe(200);
    expect((await second.get('/api/auth/me')).status).toBe(401);
    await signedIn(t.url, { username: user.username, password: 'Brand-new-pass-9' });
  });

  it('stores only argon2id hashes', async () => {
    const { rows } = await t.sql.query(`select password_hash from "user"`);
    for (const row of rows) expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it('after an administrator reset, the user must change the temporary password before anything else', async () => {
    const user = await makeUser(admin);
    expect((await admin.post(`/api/users/${user.id}/reset-password`, { newPassword: 'Temporary-pass-1' })).status).toBe(204);
    const client = await signedIn(t.url, { username: user.username, password: 'Temporary-pass-1' });
    const me = await client.get('/api/auth/me');
    expect(me.body.mustChangePassword).toBe(true);
    const blocked = await client.get('/api/departments');
    expect(blocked.status).toBe(403);
    expect(blocked.body.error.code).toBe('password_change_required');
    expect((await client.post('/api/auth/password', { currentPassword: 'Temporary-pass-1', newPassword: 'My-own-pass-2026' })).status).toBe(204);
    expect((await client.get('/api/departments')).status).toBe(200);
  });
});

describe('API tokens', () => {
  it('are shown once, stored hashed, and authenticate machine clients without CSRF', async () => {
    const created = await admin.post('/api/api-tokens', { name: '舆情数据推送', scopes: ['read', 'write'], expiresAt: tomorrow() });
    expect(created.status).toBe(201);
    expect(created.body.token).toMatch(/^rm_[\w-]{40,}$/);
    expect(created.body.prefix).toBe(created.body.token.slice(0, 10));
    const { rows } = await t.sql.query('select token_hash from api_token where id = $1', [created.body.id]);
    expect(rows[0].token_hash).not.toContain(created.body.token);
    const list = await admin.get('/api/api-tokens');
    expect(JSON.stringify(list.body)).not.toContain(created.body.token);

    const machine = ApiClient.withToken(t.url, created.body.token);
    expect((await machine.get('/api/auth/me')).body).toMatchObject({ username: 'admin', via: 'api_token', csrfToken: null });
    expect((await machine.post('/api/departments', { name: '令牌创建的科室', kind: 'functional' })).status).toBe(201);
  });

  it('enforce scopes: a read token cannot write', async () => {
    const created = await admin.post('/api/api-tokens', { name: 'read only', scopes: ['read'], expiresAt: tomorrow() });
    const machine = ApiClient.withToken(t.url, created.body.token);
    expect((await machine.get('/api/departments')).status).toBe(200);
    const write = await machine.post('/api/departments', { name: '不应创建', kind: 'functional' });
    expect(write.status).toBe(403);
    expect(write.body.error.code).toBe('insufficient_scope');
  });

  it('stop working when revoked or expired, and reject garbage', async () => {
    const created = await admin.post('/api/api-tokens', { name: 'short lived', scopes: ['read'], expiresAt: tomorrow() });
    const machine = ApiClient.withToken(t.url, created.body.token);
    expect((await machine.get('/api/departments')).status).toBe(200);
    expect((await admin.delete(`/api/api-tokens/${created.body.id}`)).status).toBe(204);
    expect((await machine.get('/api/departments')).status).toBe(401);

    const expiring = await admin.post('/api/api-tokens', { name: 'expiring', scopes: ['read'], expiresAt: tomorrow() });
    await t.sql.query(`update api_token set expires_at = now() - interval '1 second' where id = $1`, [expiring.body.id]);
    expect((await ApiClient.withToken(t.url, expiring.body.token).get('/api/departments')).status).toBe(401);
    expect((await ApiClient.withToken(t.url, 'rm_not-a-real-token').get('/api/departments')).status).toBe(401);
  });

  it('must expire within a year', async () => {
    const res = await admin.post('/api/api-tokens', { name: 'forever', scopes: ['read'], expiresAt: new Date(Date.now() + 400 * 86_400_000).toISOString() });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].field).toBe('expiresAt');
  });
});
