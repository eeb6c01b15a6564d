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

/** The people an article needs on its way to `approved`: its correspondent, the department reviewer, an editor. */
export type ArticleTeam = { author: ApiClient; reviewer: ApiClient; editor: ApiClient };

/** A correspondent's news article taken through the default review chain (科室审核 → 宣传部审核) to `approved`. */
export async function makeApprovedArticle(team: ArticleTeam, overrides: Record<string, unknown> = {}) {
  const created = await team.author.post('/api/articles', {
    title: `科室动态-${unique()}`,
    body: '<p>我院开展健康义诊活动，为群众提供免费咨询服务。</p>',
    category: 'news',
    credits: [{ role: '供稿', name: '通讯员' }],
    ...overrides,
  });
  if (created.status !== 201) throw new Error(`makeApprovedArticle: ${created.status} ${JSON.stringify(created.body)}`);
  const id = created.body.id as number;
  for (const [client, path, body] of [
    [team.author, `/api/articles/${id}/submit`, {}],
    [team.reviewer, `/api/articles/${id}/review`, { decision: 'approve' }],
    [team.editor, `/api/articles/${id}/review`, { decision: 'approve' }],
  ] as const) {
    const res = await client.post(path, body);
    if (res.status !== 200) throw new Error(`makeApprovedArticle ${path}: ${res.status} ${JSON.stringify(res.body)}`);
  }
  return id;
}

/** The smallest valid PNG (1×1, RGBA): signature, IHDR, IDAT, IEND, each chunk with its CRC. */
export function onePixelPng(): Buffer<ArrayBuffer> {
  return Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5f6b45e0000000049454e44ae426082', 'hex');
}
