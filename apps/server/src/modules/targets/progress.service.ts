import { and, asc, eq } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../platform/db/database.ts';
import type { RequestContext } from '../../platform/http/request-context.ts';
import { collectOccurrences, piecesOf, sourceAvailable } from './counting-sources.ts';
import { chinaYearOf, yearProgress, yearTarget as yearTargetOf } from './plan-calendar.ts';
import { namedItems, planRow, readableItemRow, readableItemRows, toPlan, type Item } from './plan.service.ts';
import { itemRate } from './scoring.ts';
import { formatTarget } from './target-wording.ts';
import { targetItems, targetPlans } from './targets.tables.ts';

type PlanRow = typeof targetPlans.$inferSelect;

/** How many distinct pieces each line's department achieved within [from, to), from the counting sources. */
export async function countItems(db: DbOrTx, hospitalId: number, items: Item[], window: { from: Date; to: Date }) {
  const occurrencesOf = await collectOccurrences(db, hospitalId, [...new Set(items.map((i) => i.metric))], {
    ...window,
    departmentIds: [...new Set(items.map((i) => i.departmentId))],
  });
  return (item: Item) => piecesOf(occurrencesOf(item.metric, item.departmentId)).length;
}

/**
 * Progress of the lines the caller may read, counted from 1 January to now. `expected` is the year's target times
 * the share of the year gone, rounded down (a department is not behind for a fraction of a piece); a line is behind
 * when it has fewer. Lines whose counting source does not exist yet are never behind: they cannot be counted.
 */
async function progressOf(db: DbOrTx, ctx: RequestContext, plan: PlanRow, now: Date) {
  return progressOfRows(db, plan, await readableItemRows(db, ctx, plan.id), now);
}

/** The same for the given lines of a plan, whoever asks (the reminder job has no caller). */
async function progressOfRows(db: DbOrTx, plan: PlanRow, rows: (typeof targetItems.$inferSelect)[], now: Date) {
  const items = await namedItems(db, plan.hospitalId, rows);
  const year = yearProgress(plan.year, now);
  const doneOf = await countItems(db, plan.hospitalId, items, { from: year.from, to: year.asOf });
  const lines = items.map((item) => {
    const yearTarget = yearTargetOf(item.target, item.period);
    const available = sourceAvailable(item.metric);
    const done = doneOf(item);
    const expected = Math.floor(yearTarget * year.elapsed);
    return { ...item, yearTarget, done, expected, rate: itemRate(done, yearTarget), behind: available && done < expected, sourceAvailable: available };
  });
  return { year, lines };
}

export type ProgressLine = Awaited<ReturnType<typeof progressOf>>['lines'][number];

/** 合计: one line per metric and period, as the seed table's 合计 78篇信息. */
export function totalsOf(lines: ProgressLine[]) {
  const groups = new Map<string, ProgressLine[]>();
  for (const line of lines) groups.set(`${line.metric}:${line.period}`, [...(groups.get(`${line.metric}:${line.period}`) ?? []), line]);
  return [...groups.values()].map((group) => {
    const sum = (pick: (l: ProgressLine) => number) => group.reduce((total, l) => total + pick(l), 0);
    const { metric, period } = group[0];
    const target = sum((l) => l.target);
    const yearTarget = sum((l) => l.yearTarget);
    const done = sum((l) => l.done);
    return {
      metric,
      period,
      target,
      text: formatTarget({ metric, period, target, note: null }),
      yearTarget,
      done,
      expected: sum((l) => l.expected),
      rate: itemRate(done, yearTarget),
      sourceAvailable: group[0].sourceAvailable,
    };
  });
}

export async function planProgress(db: Db, ctx: RequestContext, planId: number, now = new Date()) {
  const plan = await planRow(db, ctx, planId);
  const { year, lines } = await progressOf(db, ctx, plan, now);
  return { plan: toPlan(plan), asOf: year.asOf.toISOString(), elapsed: Math.round(year.elapsed * 10_000) / 10_000, items: lines, totals: totalsOf(lines) };
}

/** The pieces behind one line's number, newest first, each with every channel that carried it. */
export async function itemPieces(db: Db, ctx: RequestContext, planId: number, itemId: number, now = new Date()) {
  const plan = await planRow(db, ctx, planId);
  const row = await readableItemRow(db, ctx, plan.id, itemId);
  const year = yearProgress(plan.year, now);
  const occurrencesOf = await collectOccurrences(db, ctx.actor.hospitalId, [row.metric], { from: year.from, to: year.asOf, departmentIds: [row.departmentId] });
  const pieces = piecesOf(occurrencesOf(row.metric, row.departmentId)).reverse();
  return {
    sourceAvailable: sourceAvailable(row.metric),
    items: pieces.map(({ first, all }) => ({
      key: first.key,
      title: first.title,
      articleId: first.articleId,
      category: first.category,
      attribution: first.attribution,
      occurredAt: first.occurredAt.toISOString(),
      carriedBy: all.map((o) => ({ kind: o.kind, where: o.where, occurredAt: o.occurredAt.toISOString() })),
    })),
    nextCursor: null,
  };
}

/** For the dashboard: the caller's readable lines of this year's plans that are behind the time-proportional target. */
export async function behindSchedule(db: Db, ctx: RequestContext, now = new Date()) {
  const plans = await db
    .select()
    .from(targetPlans)
    .where(and(eq(targetPlans.hospitalId, ctx.actor.hospitalId), eq(targetPlans.year, chinaYearOf(now))))
    .orderBy(asc(targetPlans.id));
  const items = [];
  for (const plan of plans) {
    const { lines } = await progressOf(db, ctx, plan, now);
    items.push(...lines.filter((l) => l.behind).map((l) => ({ ...l, planName: plan.name })));
  }
  return { asOf: now.toISOString(), items };
}

/**
 * For the monthly reminder, without a caller: every hospital's plans of the year `now` falls in, each with its lines
 * behind the time-proportional target (the dashboard's rule, over all departments). Plans with none are left out.
 */
export async function laggingLinesOfYear(db: Db, now = new Date()) {
  const plans = await db.select().from(targetPlans).where(eq(targetPlans.year, chinaYearOf(now))).orderBy(asc(targetPlans.id));
  const lagging = [];
  for (const plan of plans) {
    const rows = await db.select().from(targetItems).where(eq(targetItems.planId, plan.id)).orderBy(asc(targetItems.position), asc(targetItems.id));
    const { lines } = await progressOfRows(db, plan, rows, now);
    const behind = lines.filter((l) => l.behind);
    if (behind.length) lagging.push({ plan: toPlan(plan), hospitalId: plan.hospitalId, lines: behind });
  }
  return lagging;
}
