import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../../test/api-client.ts';
import { makeDepartment, makeUser, signedIn } from '../../test/factories.ts';
import { startTestServer, type TestServer } from '../../test/test-server.ts';
import { roles, type Role } from '../org/roles.ts';

/** Every messaging route × every role, plus anonymous. */
let t: TestServer;
const clients = new Map<Role | 'anonymous', ApiClient>();
let lexiconId: number;
let approvedId: number;
let draftId: number;
let termId: number;

beforeAll(async () => {
  t = await startTestServer();
  const admin = await t.admin();
  const dept = await makeDepartment(admin, { name: '口径矩阵科' });
  for (const role of roles) clients.set(role, await signedIn(t.url, await makeUser(admin, { departmentId: dept.id, roles: [role] })));
  clients.set('anonymous', t.client());
  lexiconId = (await admin.post('/api/lexicons', { name: '矩阵词库', category: 'sensitive', defaultSeverity: 'warn' })).body.id;
  termId = (await admin.post('/api/terms', { canonical: '矩阵规范名', variants: ['矩阵旧名'] })).body.id;
  const approved = await admin.post('/api/statements', { topic: '矩阵口径', wording: '已批准的表述。' });
  await clients.get('leader')!.post(`/api/statements/${approved.body.id}/approve`);
  approvedId = approved.body.id;
  draftId = (await admin.post('/api/statements', { topic: '矩阵草稿', wording: '草稿表述。' })).body.id;
}, 120_000);
afterAll(() => t.close());

const all = (ok: number): Record<Role, number> => Object.fromEntries(roles.map((r) => [r, ok])) as Record<Role, number>;
const only = (allowed: Role[], ok: number, otherwise = 403): Record<Role, number> =>
  Object.fromEntries(roles.map((r) => [r, allowed.includes(r) ? ok : otherwise])) as Record<Role, number>;
const rulesKeepers: Role[] = ['admin', 'editor'];
const drafters: Role[] = ['admin', 'editor', 'spokesperson', 'leader'];

let seq = 0;
const fresh = () => `${Date.now().toString(36)}${seq++}`;

const matrix: [string, string, () => string, (() => unknown) | undefined, Record<Role, number>][] = [
  ['check a text', 'POST', () => '/api/compliance/check', () => ({ text: '全国最好' }), all(200)],
  ['list statements', 'GET', () => '/api/statements', undefined, all(200)],
  ['read an approved statement', 'GET', () => `/api/statements/${approvedId}`, undefined, all(200)],
  ['read a draft statement', 'GET', () => `/api/statements/${draftId}`, undefined, only(drafters, 200, 404)],
  ['related statements', 'POST', () => '/api/statements/related', () => ({ text: '矩阵口径' }), all(200)],
  ['draft a statement', 'POST', () => '/api/statements', () => ({ topic: `口径${fresh()}`, wording: '表述' }), only(drafters, 201)],
  ['list terms', 'GET', () => '/api/terms', undefined, all(200)],
  ['add a term', 'POST', () => '/api/terms', () => ({ canonical: `名${fresh()}`, variants: [`旧${fresh()}`] }), only(rulesKeepers, 201)],
  ['edit a term', 'PATCH', () => `/api/terms/${termId}`, () => ({ note: fresh() }), only(rulesKeepers, 200)],
  ['list lexicons', 'GET', () => '/api/lexicons', undefined, all(200)],
  ['create a lexicon', 'POST', () => '/api/lexicons', () => ({ name: `库${fresh()}`, category: 'sensitive', defaultSeverity: 'info' }), only(rulesKeepers, 201)],
  ['list entries', 'GET', () => `/api/lexicons/${lexiconId}/entries`, undefined, all(200)],
  ['add an entry', 'POST', () => `/api/lexicons/${lexiconId}/entries`, () => ({ term: `词${fresh()}` }), only(rulesKeepers, 201)],
  ['list allowed words', 'GET', () => '/api/allowed-terms', undefined, all(200)],
  ['allow a word', 'POST', () => '/api/allowed-terms', () => ({ term: `白${fresh()}` }), only(rulesKeepers, 201)],
];

describe.each(matrix)('%s', (_name, method, path, body, expected) => {
  it.each([...roles, 'anonymous' as const])('as %s', async (who) => {
    const res = await clients.get(who)!.request(method, path(), body?.());
    expect(res.status).toBe(who === 'anonymous' ? 401 : expected[who]);
  });
});

describe('approval', () => {
  it('is for editors and leaders only', async () => {
    for (const role of roles) {
      const draft = await clients.get('admin')!.post('/api/statements', { topic: `待批${fresh()}`, wording: '表述' });
      const res = await clients.get(role)!.post(`/api/statements/${draft.body.id}/approve`);
      expect(res.status, role).toBe(['editor', 'leader'].includes(role) ? 200 : 403);
    }
  });
});
