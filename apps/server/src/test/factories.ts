import { randomBytes } from 'node:crypto';
import type { Role } from '../modules/org/roles.ts';
import { ApiClient } from './api-client.ts';

const unique = () => randomBytes(3).toString('hex');

export const defaultPassword = 'Xinwen-2026-pass';

/** Test data through the public API, the way an administrator would create it. */
export async function makeDepartment(admin: ApiClient, overrides: Record<string, unknown> = {}) {
  const res = await admin.post('/api/departments', { name: `科室-${unique()}`, kind: 'clinical', ...overrides });
  if (res.status !== 201) throw new Error(`makeDepartment: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: number; name: string; kind: string };
}

export async function makeUser(admin: ApiClient, overrides: { roles?: Role[]; departmentId?: number; username?: string; password?: string; displayName?: string } = {}) {
  const departmentId = overrides.departmentId ?? (await makeDepartment(admin)).id;
  const username = overrides.username ?? `u${unique()}`;
  const password = overrides.password ?? defaultPassword;
  const res = await admin.post('/api/users', {
    username,
    displayName: overrides.displayName ?? `测试用户${unique()}`,
    password,
    departmentId,
    roles: overrides.roles ?? ['correspondent'],
  });
  if (res.status !== 201) throw new Error(`makeUser: ${res.status} ${JSON.stringify(res.body)}`);
  return { ...(res.body as { id: number; username: string; departmentId: number }), password };
}

export async function signedIn(baseUrl: string, user: { username: string; password: string }) {
  const client = new ApiClient(baseUrl);
  await client.login(user.username, user.password);
  return client;
}
