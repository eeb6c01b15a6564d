import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test/test-server.ts';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

describe('platform HTTP behaviour', () => {
  it('reports health with the database mode and version', async () => {
    const res = await t.client().get('/api/health');
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('ok');
    expect(res.body.database.mode).toBe('external');
    expect(res.body.database.version).toMatch(/^\d+(\.\d+)?/);
    expect(res.body.version).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('answers unknown API routes with a JSON 404', async () => {
    const res = await t.client().get('/api/no-such-thing');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('route_not_found');
  });

  it('serves an OpenAPI 3 document generated from the route schemas', async () => {
    const res = await t.client().get('/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toMatch(/^3\./);
    expect(Object.keys(res.body.paths)).toEqual(expect.arrayContaining(['/api/auth/login', '/api/departments', '/api/users', '/api/audit']));
    expect(res.body.paths['/api/departments'].post.requestBody.content['application/json'].schema.properties.kind.enum).toEqual([
      'clinical', 'medical_tech', 'functional', 'party_branch',
    ]);
  });

  it('serves the interactive API reference at /api/docs', async () => {
    const res = await fetch(`${t.url}/api/docs/`, { redirect: 'follow' });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('swagger');
  });

  it('turns malformed JSON into a 400, never a 500', async () => {
    const admin = await t.admin();
    const res = await admin.request('POST', '/api/departments', '{"name": "心内科", ', { 'content-type': 'application/json' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBeTruthy();
  });

  it('names the field and the reason when validation fails, in the requested language', async () => {
    const admin = await t.admin();
    const zh = await admin.post('/api/departments', { name: '', kind: 'surgery' });
    expect(zh.status).toBe(400);
    expect(zh.body.error.code).toBe('validation_failed');
    expect(zh.body.error.message).toMatch(/字段/);
    expect(zh.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual(['kind', 'name']);
    for (const d of zh.body.error.details) expect(d.message).toMatch(/[\u4e00-\u9fff]/);
    const en = await admin.request('POST', '/api/departments', { name: 'x', kind: 'surgery' }, { 'accept-language': 'en-US,en;q=0.9' });
    expect(en.body.error.message).toBe('Some fields are invalid');
    expect(en.body.error.details[0].message).not.toMatch(/[\u4e00-\u9fff]/);
    const custom = await admin.post('/api/users', { username: '-bad', displayName: 'x', password: 'Long-enough-1', departmentId: 1, roles: ['viewer'] });
    expect(custom.body.error.details[0]).toEqual({ field: 'username', message: '3–32 位字母、数字、点、横线或下划线，以字母或数字开头' });
    const service = await admin.post('/api/users', { username: 'weak.one', displayName: 'x', password: 'short', departmentId: 1, roles: ['viewer'] });
    expect(service.body.error.details[0]).toEqual({ field: 'password', message: '密码至少 10 位' });
  });

  it('echoes a caller-supplied request id and makes one up otherwise', async () => {
    const given = await t.client().request('GET', '/api/health', undefined, { 'x-request-id': 'trace-abc-123' });
    expect(given.headers.get('x-request-id')).toBe('trace-abc-123');
    const made = await t.client().get('/api/health');
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('never writes passwords, session cookies or tokens to the log', async () => {
    const admin = await t.admin();
    const token = await admin.post('/api/api-tokens', { name: 'log-check', scopes: ['read'], expiresAt: new Date(Date.now() + 86_400_000).toISOString() });
    await t.client().request('GET', '/api/auth/me', undefined, { authorization: `Bearer ${token.body.token}` });
    await t.client().post('/api/auth/login', { username: 'admin', password: 'Wrong-password-1' });
    const all = t.logs.join('');
    expect(all).toContain('"url":"/api/auth/login"');
    expect(all).not.toContain('Admin#Test-2026');
    expect(all).not.toContain('Wrong-password-1');
    expect(all).not.toContain(token.body.token);
    expect(all).not.toContain(admin.cookie!.split('=')[1]);
  });

  it('answers bad input on every route with a 4xx, never a 500', async () => {
    const admin = await t.admin();
    const spec = (await admin.get('/api/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
    const badIds = ['abc', '-1', '0', '99999999999999999999', '1.5', '%00'];
    const badBodies: unknown[] = [null, [], 'text', 42, { name: 123, kind: [], username: {}, roles: 'admin', password: null, expiresAt: 'yesterday' }, { ['x'.repeat(300)]: 'y'.repeat(20_000) }];
    const requests: { method: string; path: string; body: unknown }[] = [];
    for (const [route, methods] of Object.entries(spec.paths)) {
      for (const method of Object.keys(methods)) {
        // Sign-out would end the session; an event stream (SSE) answers and then stays open by design.
        if (route === '/api/auth/logout' || route.endsWith('/stream')) continue;
        const paths = route.includes('{id}') ? badIds.map((id) => route.replace('{id}', id)) : [`${route}?limit=-5&cursor=@@&from=notadate&status=maybe`];
        for (const path of paths) {
          for (const body of method === 'get' || method === 'delete' ? [undefined] : badBodies) requests.push({ method: method.toUpperCase(), path, body });
        }
      }
    }
    // Eight at a time: every module's routes make thousands of requests, and the answer must not depend on the order.
    const problems: string[] = [];
    for (let i = 0; i < requests.length; i += 8) {
      await Promise.all(
        requests.slice(i, i + 8).map(async ({ method, path, body }) => {
          const res = await admin.request(method, path, body === undefined ? undefined : JSON.stringify(body), { 'content-type': 'application/json' });
          if (res.status >= 500) problems.push(`${method} ${path} ${JSON.stringify(body)?.slice(0, 40)} → ${res.status}`);
        }),
      );
    }
    expect(requests.length).toBeGreaterThan(150);
    expect(problems).toEqual([]);
  }, 60_000);
});

