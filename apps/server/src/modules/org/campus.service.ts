import { and, asc, eq, gt, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.ts';
import { isUniqueViolation } from '../../platform/db/pg-errors.ts';
import { errors } from '../../platform/http/errors.ts';
import { decodeCursor, pageOf } from '../../platform/http/pagination.ts';
import type { RequestContext } from '../../platform/http/request-context.ts';
import { recordAudit } from './audit.service.ts';
import { assertAdmin } from './org.policy.ts';
import { campuses } from './org.tables.ts';

type CampusRow = typeof campuses.$inferSelect;

export function toCampus(r: CampusRow) {
  return { id: r.id, name: r.name, address: r.address, status: r.status, createdAt: r.createdAt.toISOString(), updatedAt: r.updatedAt.toISOString() };
}

const duplicateName = () => errors.conflict('name', '已存在同名院区', 'A campus with this name already exists');

export async function listCampuses(db: Db, ctx: RequestContext, filter: { limit: number; cursor?: string; status?: CampusRow['status'] }) {
  const after = decodeCursor(filter.cursor);
  const conditions: (SQL | undefined)[] = [
    eq(campuses.hospitalId, ctx.actor.hospitalId),
    after === undefined ? undefined : gt(campuses.id, after),
    filter.status ? eq(campuses.status, filter.status) : undefined,
  ];
  const rows = await db.select().from(campuses).where(and(...conditions)).orderBy(asc(campuses.id)).limit(filter.limit + 1);
  return pageOf(rows, filter.limit, toCampus);
}

export async function getCampus(db: Db, ctx: RequestContext, id: number) {
  const [row] = await db.select().from(campuses).where(and(eq(campuses.id, id), eq(campuses.hospitalId, ctx.actor.hospitalId)));
  if (!row) throw errors.notFound('campus');
  return toCampus(row);
}

export async function createCampus(db: Db, ctx: RequestContext, input: { name: string; address?: string | null }) {
  assertAdmin(ctx.actor);
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx.insert(campuses).values({ hospitalId: ctx.actor.hospitalId, name: input.name, address: input.address ?? null }).returning();
      await recordAudit(tx, ctx, { action: 'campus.create', entityType: 'campus', entityId: row.id, hospitalId: row.hospitalId, after: toCampus(row) });
      return toCampus(row);
    });
  } catch (err) {
    if (isUniqueViolation(err, 'campus_hospital_name_uq')) throw duplicateName();
    throw err;
  }
}

export type CampusPatch = { name?: string; address?: string | null; status?: CampusRow['status'] };

export async function updateCampus(db: Db, ctx: RequestContext, id: number, patch: CampusPatch) {
  assertAdmin(ctx.actor);
  try {
    return await db.transaction(async (tx) => {
      const [before] = await tx.select().from(campuses).where(and(eq(campuses.id, id), eq(campuses.hospitalId, ctx.actor.hospitalId))).for('update');
      if (!before) throw errors.notFound('campus');
      const [row] = await tx.update(campuses).set({ ...patch, updatedAt: sql`now()` }).where(eq(campuses.id, id)).returning();
      await recordAudit(tx, ctx, { action: 'campus.update', entityType: 'campus', entityId: id, hospitalId: row.hospitalId, before: toCampus(before), after: toCampus(row) });
      return toCampus(row);
    });
  } catch (err) {
    if (isUniqueViolation(err, 'campus_hospital_name_uq')) throw duplicateName();
    throw err;
  }
}
