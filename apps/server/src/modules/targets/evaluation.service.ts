import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.ts';
import { isUniqueViolation } from '../../platform/db/pg-errors.ts';
import { AppError, errors, type Locale } from '../../platform/http/errors.ts';
import type { RequestContext } from '../../platform/http/request-context.ts';
import { recordAudit } from '../org/audit.service.ts';
import { sourceAvailable } from './counting-sources.ts';
import { evaluationWindow, yearTarget } from './plan-calendar.ts';
import { assertCanManageTargets, namedItems, planRow, readableDepartment, readableItemRows } from './plan.service.ts';
import { countItems } from './progress.service.ts';
import { itemRate, scoreDepartments, scoringRule } from './scoring.ts';
import { formatTarget } from './target-wording.ts';
import { evaluations, type EvaluationKind } from './targets.tables.ts';

type EvaluationRow = typeof evaluations.$inferSelect;

/** The snapshot as the caller may read it: departments other than their own are left out unless they see the hospital. */
export function toEvaluation(r: EvaluationRow, ctx: RequestContext, locale: Locale) {
  const own = readableDepartment(ctx);
  const mine = <T extends { departmentId: number }>(list: T[]) => (own === undefined ? list : list.filter((x) => x.departmentId === own));
  return {
    id: r.id,
    planId: r.planId,
    kind: r.kind,
    windowFrom: r.windowFrom.toISOString(),
    windowTo: r.windowTo.toISOString(),
    asOf: r.asOf.toISOString(),
    items: mine(r.items).map((i) => ({ ...i, text: formatTarget(i) })),
    departments: mine(r.departments),
    scoringRule: scoringRule[locale],
    createdBy: r.createdBy,
    createdAt: r.createdAt.toISOString(),
  };
}

const toSummary = (r: EvaluationRow) => ({ id: r.id, planId: r.planId, kind: r.kind, asOf: r.asOf.toISOString(), createdBy: r.createdBy, createdAt: r.createdAt.toISOString() });

/**
 * 半年考核 (January–June) or 年终考核: counts what each line achieved within the window up to now, compares it
 * with the share of the year's target due by the window's end, scores and ranks the departments, and freezes it all.
 */
export async function createEvaluation(db: Db, ctx: RequestContext, planId: number, kind: EvaluationKind, locale: Locale, now = new Date()) {
  assertCanManageTargets(ctx);
  try {
    return await db.transaction(async (tx) => {
      const plan = await planRow(tx, ctx, planId, true);
      const window = evaluationWindow(plan.year, kind, now);
      if (window.from > now) {
        throw new AppError(409, 'plan_not_started', { 'zh-CN': `${plan.year}年尚未开始，无法考核`, en: `The year ${plan.year} has not begun; nothing to evaluate` });
      }
      const items = await namedItems(tx, ctx.actor.hospitalId, await readableItemRows(tx, ctx, plan.id));
      if (items.length === 0) throw errors.invalidField('kind', '计划中还没有目标，无法考核', 'The plan has no targets to evaluate');
      const doneOf = await countItems(tx, ctx.actor.hospitalId, items, { from: window.from, to: window.asOf });
      const lines = items.map((item) => ({
        itemId: item.id,
        departmentId: item.departmentId,
        departmentName: item.departmentName,
        metric: item.metric,
        period: item.period,
        target: item.target,
        note: item.note,
        expected: yearTarget(item.target, item.period) * window.share,
        done: doneOf(item),
        counted: sourceAvailable(item.metric),
      }));
      const [row] = await tx
        .insert(evaluations)
        .values({
          hospitalId: ctx.actor.hospitalId,
          planId: plan.id,
          kind,
          windowFrom: window.from,
          windowTo: window.to,
          asOf: window.asOf,
          items: lines.map((l) => ({ ...l, rate: itemRate(l.done, l.expected) })),
          departments: scoreDepartments(lines),
          createdBy: ctx.actor.userId,
        })
        .returning();
      await recordAudit(tx, ctx, {
        action: 'evaluation.create',
        entityType: 'evaluation',
        entityId: row.id,
        hospitalId: row.hospitalId,
        after: { planId: row.planId, kind: row.kind, asOf: row.asOf.toISOString(), departments: row.departments },
      });
      return toEvaluation(row, ctx, locale);
    });
  } catch (err) {
    if (isUniqueViolation(err, 'evaluation_plan_kind_uq')) throw errors.conflict('kind', '该计划已有这一类考核；如需重做，请先删除原考核', 'The plan already has this evaluation; delete it first to redo it');
    throw err;
  }
}

export async function evaluationRow(db: Db, ctx: RequestContext, planId: number, evaluationId: number) {
  const plan = await planRow(db, ctx, planId);
  const [row] = await db.select().from(evaluations).where(and(eq(evaluations.id, evaluationId), eq(evaluations.planId, plan.id)));
  if (!row) throw errors.notFound('evaluation');
  return { plan, row };
}

export async function getEvaluation(db: Db, ctx: RequestContext, planId: number, evaluationId: number, locale: Locale) {
  return toEvaluation((await evaluationRow(db, ctx, planId, evaluationId)).row, ctx, locale);
}

/** A plan has at most one evaluation of each kind. */
export async function listEvaluations(db: Db, ctx: RequestContext, planId: number) {
  const plan = await planRow(db, ctx, planId);
  const rows = await db.select().from(evaluations).where(eq(evaluations.planId, plan.id)).orderBy(desc(evaluations.id));
  return { items: rows.map(toSummary), nextCursor: null };
}

/** Taken too early or on wrong targets: the publicity department deletes it and evaluates again. */
export async function deleteEvaluation(db: Db, ctx: RequestContext, planId: number, evaluationId: number) {
  assertCanManageTargets(ctx);
  await db.transaction(async (tx) => {
    const plan = await planRow(tx, ctx, planId, true);
    const [row] = await tx.delete(evaluations).where(and(eq(evaluations.id, evaluationId), eq(evaluations.planId, plan.id))).returning();
    if (!row) throw errors.notFound('evaluation');
    await recordAudit(tx, ctx, { action: 'evaluation.delete', entityType: 'evaluation', entityId: row.id, hospitalId: row.hospitalId, before: { ...toSummary(row), departments: row.departments } });
  });
}
