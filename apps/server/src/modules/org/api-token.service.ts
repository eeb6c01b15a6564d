import { randomBytes } from 'node:crypto';
import { and, desc, eq, lt, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.ts';
import { errors } from '../../platform/http/errors.ts';
import { decodeCursor, pageOf } from '../../platform/http/pagination.ts';
import type { RequestContext } from '../../platform/http/request-context.ts';
import { recordAudit } from './audit.service.ts';
import { hashApiToken } from './auth.service.ts';
import { assertAdmin } from './org.policy.ts';
import { apiTokens, users } from './org.tables.ts';
import type { ApiTokenScope } from './roles.ts';

type ApiTokenRow = typeof apiTokens.$inferSelect;

export const maxTokenLifetimeDays = 366;

export function toApiToken(r: ApiTokenRow) {
  return {
    id: r.id,
    name: r.name,
    prefix: r.prefix,
    scopes: r.scopes,
    userId: r.userId,
    expiresAt: r.expiresAt.toISOString(),
    lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
    revokedAt: r.revokedAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
  };
}

export async function listApiTokens(db: Db, ctx: RequestContext, filter: { limit: number; cursor?: string }) {
  assertAdmin(ctx.actor);
  const before = decodeCursor(filter.cursor);
  const conditions: (SQL | undefined)[] = [
    eq(users.hospitalId, ctx.actor.hospitalId),
    before === undefined ? undefined : lt(apiTokens.id, before),
  ];
  const rows = await db
    .select({ token: apiTokens })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(and(...conditions))
    .orderBy(desc(apiTokens.id))
    .limit(filter.limit + 1);
  return pageOf(rows.map((r) => r.token), filter.limit, toApiToken);
}

export type ApiTokenInput = { name: string; scopes: ApiTokenScope[]; expiresAt: Date; userId?: number };

/** The secret is returned once, here; only its SHA-256 is stored. */
export async function createApiToken(db: Db, ctx: RequestContext, input: ApiTokenInput) {
  assertAdmin(ctx.actor);
  const now = Date.now();
  if (input.expiresAt.getTime() <= now) throw errors.invalidField('expiresAt', '过期时间必须晚于现在', 'expiresAt must be in the future');
  if (input.expiresAt.getTime() > now + maxTokenLifetimeDays * 86_400_000) {
    throw errors.invalidField('expiresAt', '有效期不能超过一年', 'A token may live at most one year');
  }
  const ownerId = input.userId ?? ctx.actor.userId;
  const token = `rm_${randomBytes(32).toString('base64url')}`;
  return db.transaction(async (tx) => {
    const [owner] = await tx.select().from(users).where(and(eq(users.id, ownerId), eq(users.hospitalId, ctx.actor.hospitalId)));
    if (!owner || owner.status !== 'active') throw errors.invalidField('userId', '用户不存在或已停用', 'Unknown or disabled user');
    const [row] = await tx
      .insert(apiTokens)
      .values({
        userId: owner.id,
        name: input.name,
        tokenHash: hashApiToken(token),
        prefix: token.slice(0, 10),
        scopes: [...new Set(input.scopes)],
        expiresAt: input.expiresAt,
        createdBy: ctx.actor.userId,
      })
      .returning();
    await recordAudit(tx, ctx, { action: 'api_token.create', entityType: 'api_token', entityId: row.id, hospitalId: ctx.actor.hospitalId, after: toApiToken(row) });
    return { ...toApiToken(row), token };
  });
}

export async function revokeApiToken(db: Db, ctx: RequestContext, id: number) {
  assertAdmin(ctx.actor);
  await db.transaction(async (tx) => {
    const [found] = await tx
      .select({ token: apiTokens })
      .from(apiTokens)
      .innerJoin(users, eq(users.id, apiTokens.userId))
      .where(and(eq(apiTokens.id, id), eq(users.hospitalId, ctx.actor.hospitalId)))
      .for('update', { of: apiTokens });
    if (!found) throw errors.notFound('api_token');
    if (found.token.revokedAt) return;
    const [row] = await tx.update(apiTokens).set({ revokedAt: sql`now()` }).where(eq(apiTokens.id, id)).returning();
    await recordAudit(tx, ctx, { action: 'api_token.revoke', entityType: 'api_token', entityId: id, hospitalId: ctx.actor.hospitalId, before: toApiToken(found.token), after: toApiToken(row) });
  });
}
