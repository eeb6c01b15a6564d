import { and, asc, desc, eq, lt, sql, type SQL } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../platform/db/database.ts';
import { isUniqueViolation } from '../../platform/db/pg-errors.ts';
import { errors } from '../../platform/http/errors.ts';
import { decodeCursor, pageOf } from '../../platform/http/pagination.ts';
import type { RequestContext } from '../../platform/http/request-context.ts';
import { recordAudit } from '../org/audit.service.ts';
import { assertActiveDepartment } from '../org/department.service.ts';
import { departmentsByIds, usersByIds } from '../org/directory.service.ts';
import { orgPolicy } from '../org/org.policy.ts';
import { assertActiveUser } from '../org/user.service.ts';
import { formatTarget } from './target-wording.ts';
import { targetItems, targetPlans, type TargetMetric, type TargetPeriod } from './targets.tables.ts';

type PlanRow = typeof targetPlans.$inferSelect;
type ItemRow = typeof targetItems.$inferSelect;

/** The publicity department (editors) and administrators set targets and run evaluations. */
export function assertCanManageTargets(ctx: RequestContext) {
  if (!ctx.actor.roles.some((r) => r === 'admin' || r === 'editor')) throw errors.forbidden();
}

/** Hospital-wide roles read every department's lines; everyone else only their own department's. */
export function readableDepartment(ctx: RequestContext): number | undefined {
  return orgPolicy.seesWholeHospital(ctx.actor) ? undefined : ctx.actor.departmentId;
}

export function toPlan(r: PlanRow) {
  return { id: r.id, year: r.year, name: r.name, createdBy: r.createdBy, createdAt: r.createdAt.toISOString(), updatedAt: r.updatedAt.toISOString() };
}

/** `lock` serialises writers of one plan: line positions are handed out from its last one. */
export async function planRow(db: DbOrTx, ctx: RequestContext, id: number, lock = false) {
  const query = db.select().from(targetPlans).where(and(eq(targetPlans.id, id), eq(targetPlans.hospitalId, ctx.actor.hospitalId)));
  const [row] = lock ? await query.for('update') : await query;
  if (!row) throw errors.notFound('target_plan');
  return row;
}

/** Every member of the hospital sees which plans exist; what is in them is scoped. */
export async function listPlans(db: Db, ctx: RequestContext, filter: { limit: number; cursor?: string; year?: number }) {
  const before = decodeCursor(filter.cursor);
  const conditions: (SQL | undefined)[] = [
    eq(targetPlans.hospitalId, ctx.actor.hospitalId),
    before === undefined ? undefined : lt(targetPlans.id, before),
    filter.year === undefined ? undefined : eq(targetPlans.year, filter.year),
  ];
  const rows = await db.select().from(targetPlans).where(and(...conditions)).orderBy(desc(targetPlans.id)).limit(filter.limit + 1);
  return pageOf(rows, filter.limit, toPlan);
}

export async function getPlan(db: Db, ctx: RequestContext, id: number) {
  return toPlan(await planRow(db, ctx, id));
}

export async function createPlan(db: Db, ctx: RequestContext, input: { year: number; name: string }) {
  assertCanManageTargets(ctx);
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx.insert(targetPlans).values({ hospitalId: ctx.actor.hospitalId, year: input.year, name: input.name, createdBy: ctx.actor.userId }).returning();
      await recordAudit(tx, ctx, { action: 'target_plan.create', entityType: 'target_plan', entityId: row.id, hospitalId: row.hospitalId, after: toPlan(row) });
      return toPlan(row);
    });
  } catch (err) {
    if (isUniqueViolation(err, 'target_plan_name_uq')) throw errors.conflict('name', '该年度已有同名计划', 'A plan with this name exists for the year');
    throw err;
  }
}

export type Item = Awaited<ReturnType<typeof namedItems>>[number];

/** Lines with the names a reader needs beside the ids: department, responsible person, supervising leader. */
export async function namedItems(db: DbOrTx, hospitalId: number, rows: ItemRow[]) {
  const departments = new Map((await departmentsByIds(db, hospitalId, [...new Set(rows.map((r) => r.departmentId))])).map((d) => [d.id, d.name]));
  const people = new Map(
    (await usersByIds(db, hospitalId, [...new Set(rows.flatMap((r) => [r.responsibleUserId, r.supervisorUserId].filter((id) => id !== null)))])).map((u) => [u.id, u.displayName]),
  );
  return rows.map((r) => ({
    id: r.id,
    planId: r.planId,
    departmentId: r.departmentId,
    departmentName: departments.get(r.departmentId) ?? '',
    metric: r.metric,
    target: r.target,
    period: r.period,
    note: r.note,
    text: formatTarget(r),
    responsibleUserId: r.responsibleUserId,
    responsibleName: r.responsibleUserId === null ? null : (people.get(r.responsibleUserId) ?? null),
    supervisorUserId: r.supervisorUserId,
    supervisorName: r.supervisorUserId === null ? null : (people.get(r.supervisorUserId) ?? null),
    position: r.position,
  }));
}

/** The plan's lines the caller may read, in the table's order. */
export async function readableItemRows(db: DbOrTx, ctx: RequestContext, planId: number) {
  const own = readableDepartment(ctx);
  return db
    .select()
    .from(targetItems)
    .where(and(eq(targetItems.planId, planId), own === undefined ? undefined : eq(targetItems.departmentId, own)))
    .orderBy(asc(targetItems.position), asc(targetItems.id));
}

export async function readableItemRow(db: DbOrTx, ctx: RequestContext, planId: number, itemId: number) {
  const own = readableDepartment(ctx);
  const [row] = await db
    .select()
    .from(targetItems)
    .where(and(eq(targetItems.id, itemId), eq(targetItems.planId, planId), own === undefined ? undefined : eq(targetItems.departmentId, own)));
  if (!row) throw errors.notFound('target_item');
  return row;
}

export type ItemInput = {
  departmentId: number;
  metric: TargetMetric;
  target: number;
  period: TargetPeriod;
  note?: string | null;
  responsibleUserId?: number | null;
  supervisorUserId?: number | null;
};

const duplicateItem = () => errors.conflict('metric', '该科室在此计划中已有这项指标', 'The department already has this metric in the plan');

/** Inserts lines after the plan's last one, in the given order; used by a single add and by an import. */
export async function insertItems(tx: DbOrTx, planId: number, inputs: ItemInput[]) {
  const [{ last }] = await tx.select({ last: sql<number>`coalesce(max(${targetItems.position}), 0)` }).from(targetItems).where(eq(targetItems.planId, planId));
  try {
    return await tx
      .insert(targetItems)
      .values(
        inputs.map((input, index) => ({
          planId,
          departmentId: input.departmentId,
          metric: input.metric,
          target: input.target,
          period: input.period,
          note: input.note ?? null,
          responsibleUserId: input.responsibleUserId ?? null,
          supervisorUserId: input.supervisorUserId ?? null,
          position: Number(last) + index + 1,
        })),
      )
      .returning();
  } catch (err) {
    if (isUniqueViolation(err, 'target_item_uq')) throw duplicateItem();
    throw err;
  }
}

export async function addItem(db: Db, ctx: RequestContext, planId: number, input: ItemInput) {
  assertCanManageTargets(ctx);
  return db.transaction(async (tx) => {
    const plan = await planRow(tx, ctx, planId, true);
    await assertActiveDepartment(tx, ctx.actor.hospitalId, input.departmentId);
    if (input.responsibleUserId != null) await assertActiveUser(tx, ctx.actor.hospitalId, input.responsibleUserId, 'responsibleUserId');
    if (input.supervisorUserId != null) await assertActiveUser(tx, ctx.actor.hospitalId, input.supervisorUserId, 'supervisorUserId');
    const [row] = await insertItems(tx, plan.id, [input]);
    const [item] = await namedItems(tx, ctx.actor.hospitalId, [row]);
    await recordAudit(tx, ctx, { action: 'target_item.create', entityType: 'target_item', entityId: row.id, hospitalId: plan.hospitalId, after: item });
    return item;
  });
}

export async function deleteItem(db: Db, ctx: RequestContext, planId: number, itemId: number) {
  assertCanManageTargets(ctx);
  await db.transaction(async (tx) => {
    const plan = await planRow(tx, ctx, planId);
    const [row] = await tx.delete(targetItems).where(and(eq(targetItems.id, itemId), eq(targetItems.planId, plan.id))).returning();
    if (!row) throw errors.notFound('target_item');
    const [item] = await namedItems(tx, ctx.actor.hospitalId, [row]);
    await recordAudit(tx, ctx, { action: 'target_item.delete', entityType: 'target_item', entityId: row.id, hospitalId: plan.hospitalId, before: item });
  });
}
