import { and, desc, eq, gte, lt, lte, type SQL } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../platform/db/database.ts';
import { decodeCursor, pageOf } from '../../platform/http/pagination.ts';
import type { AuditContext, RequestContext } from '../../platform/http/request-context.ts';
import { auditLog } from './org.tables.ts';
import { assertAdmin } from './org.policy.ts';

export type AuditChange = {
  action: string;
  entityType: string;
  entityId: string | number | null;
  hospitalId: number | null;
  before?: unknown;
  after?: unknown;
};

/** Written inside the caller's transaction, so a change and its audit entry commit or fail together. */
export async function recordAudit(tx: DbOrTx, ctx: AuditContext, change: AuditChange) {
  await tx.insert(auditLog).values({
    hospitalId: change.hospitalId,
    actorId: ctx.actor?.userId ?? null,
    actorUsername: ctx.actor?.username ?? 'system',
    via: ctx.actor?.via ?? 'system',
    ip: ctx.ip,
    requestId: ctx.requestId,
    action: change.action,
    entityType: change.entityType,
    entityId: change.entityId === null ? null : String(change.entityId),
    before: change.before ?? null,
    after: change.after ?? null,
  });
}

export type AuditFilter = {
  limit: number;
  cursor?: string;
  actorId?: number;
  action?: string;
  entityType?: string;
  entityId?: string;
  from?: Date;
  to?: Date;
};

export async function listAudit(db: Db, ctx: RequestContext, filter: AuditFilter) {
  assertAdmin(ctx.actor);
  const before = decodeCursor(filter.cursor);
  const conditions: (SQL | undefined)[] = [
    eq(auditLog.hospitalId, ctx.actor.hospitalId),
    before === undefined ? undefined : lt(auditLog.id, before),
    filter.actorId === undefined ? undefined : eq(auditLog.actorId, filter.actorId),
    filter.action === undefined ? undefined : eq(auditLog.action, filter.action),
    filter.entityType === undefined ? undefined : eq(auditLog.entityType, filter.entityType),
    filter.entityId === undefined ? undefined : eq(auditLog.entityId, filter.entityId),
    filter.from === undefined ? undefined : gte(auditLog.at, filter.from),
    filter.to === undefined ? undefined : lte(auditLog.at, filter.to),
  ];
  const rows = await db
    .select()
    .from(auditLog)
    .where(and(...conditions))
    .orderBy(desc(auditLog.id))
    .limit(filter.limit + 1);
  return pageOf(rows, filter.limit, (r) => ({
    id: r.id,
    at: r.at.toISOString(),
    actorId: r.actorId,
    actorUsername: r.actorUsername,
    via: r.via,
    ip: r.ip,
    requestId: r.requestId,
    action: r.action,
    entityType: r.entityType,
    entityId: r.entityId,
    before: r.before,
    after: r.after,
  }));
}
