import { and, desc, eq, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../platform/db/database.ts';
import { errors } from '../../platform/http/errors.ts';
import { decodeCursor, pageOf } from '../../platform/http/pagination.ts';
import type { RequestContext } from '../../platform/http/request-context.ts';
import { recordAudit } from '../org/audit.service.ts';
import { departmentsByIds, usersByIds } from '../org/directory.service.ts';
import { chinaDayEnd, chinaDayStart, periodOf, type Period } from './period.ts';
import { reconcilePoints } from './points-sources.ts';
import { assertJudgesPoints, assertManagesTeam, ownDepartmentUnlessHospitalWide, teamPolicy } from './team.policy.ts';
import { pointsEntries, pointsRules, type PointsEntryKind, type PointsSourceType } from './team.tables.ts';

type EntryRow = typeof pointsEntries.$inferSelect;

/** Ledger lines with the names a reader needs: the person, the department it counts for, the rule, who adjusted. */
async function namedEntries(db: DbOrTx, hospitalId: number, rows: EntryRow[]) {
  const people = new Map((await usersByIds(db, hospitalId, [...new Set(rows.flatMap((r) => (r.createdBy === null ? [r.userId] : [r.userId, r.createdBy])))])).map((p) => [p.id, p.displayName]));
  const departments = new Map((await departmentsByIds(db, hospitalId, [...new Set(rows.map((r) => r.departmentId))])).map((d) => [d.id, d.name]));
  const ruleIds = [...new Set(rows.flatMap((r) => (r.ruleId === null ? [] : [r.ruleId])))];
  const rules = new Map(ruleIds.length === 0 ? [] : (await db.select({ id: pointsRules.id, name: pointsRules.name }).from(pointsRules).where(inArray(pointsRules.id, ruleIds))).map((r) => [r.id, r.name]));
  return rows.map((r) => ({
    id: r.id,
    userId: r.userId,
    displayName: people.get(r.userId) ?? '',
    departmentId: r.departmentId,
    departmentName: departments.get(r.departmentId) ?? '',
    points: r.points,
    kind: r.kind,
    reason: r.reason,
    sourceType: r.sourceType,
    sourceId: r.sourceId,
    articleId: r.articleId,
    ruleId: r.ruleId,
    ruleName: r.ruleId === null ? null : (rules.get(r.ruleId) ?? null),
    reversesId: r.reversesId,
    occurredAt: r.occurredAt.toISOString(),
    createdBy: r.createdBy,
    createdByName: r.createdBy === null ? null : (people.get(r.createdBy) ?? null),
    createdAt: r.createdAt.toISOString(),
  }));
}

export type EntryFilter = {
  limit: number;
  cursor?: string;
  from?: string;
  to?: string;
  userId?: number;
  departmentId?: number;
  sourceType?: PointsSourceType;
  kind?: PointsEntryKind;
};

/** The ledger, newest first. Hospital-wide roles read everyone's lines; everyone else their own. */
export async function listEntries(db: Db, ctx: RequestContext, filter: EntryFilter) {
  const own = teamPolicy.seesWholeHospital(ctx.actor) ? undefined : ctx.actor.userId;
  if (own !== undefined && filter.userId !== undefined && filter.userId !== own) return { items: [], nextCursor: null };
  if (filter.from && filter.to && filter.from > filter.to) throw errors.invalidField('to', '结束日期不能早于开始日期', 'The end date is before the start date');
  const before = decodeCursor(filter.cursor);
  const userId = own ?? filter.userId;
  const conditions: (SQL | undefined)[] = [
    eq(pointsEntries.hospitalId, ctx.actor.hospitalId),
    before === undefined ? undefined : lt(pointsEntries.id, before),
    filter.from ? gte(pointsEntries.occurredAt, chinaDayStart(filter.from)) : undefined,
    filter.to ? lt(pointsEntries.occurredAt, chinaDayEnd(filter.to)) : undefined,
    userId === undefined ? undefined : eq(pointsEntries.userId, userId),
    filter.departmentId === undefined ? undefined : eq(pointsEntries.departmentId, filter.departmentId),
    filter.sourceType ? eq(pointsEntries.sourceType, filter.sourceType) : undefined,
    filter.kind ? eq(pointsEntries.kind, filter.kind) : undefined,
  ];
  const rows = await db.select().from(pointsEntries).where(and(...conditions)).orderBy(desc(pointsEntries.id)).limit(filter.limit + 1);
  const page = pageOf(rows, filter.limit, (r) => r);
  return { items: await namedEntries(db, ctx.actor.hospitalId, page.items), nextCursor: page.nextCursor };
}

export type AdjustmentInput = { userId: number; points: number; reason: string; occurredOn?: string };

/** An editor's manual entry (稿费 for a piece outside the platform, a deduction), always with its reason. */
export async function adjustPoints(db: Db, ctx: RequestContext, input: AdjustmentInput) {
  assertJudgesPoints(ctx.actor);
  return db.transaction(async (tx) => {
    const [person] = await usersByIds(tx, ctx.actor.hospitalId, [input.userId]);
    if (!person) throw errors.invalidField('userId', '用户不存在', 'Unknown user');
    const [row] = await tx
      .insert(pointsEntries)
      .values({
        hospitalId: ctx.actor.hospitalId,
        userId: person.id,
        departmentId: person.departmentId,
        points: input.points,
        kind: 'adjustment',
        reason: input.reason,
        sourceType: 'manual',
        occurredAt: input.occurredOn ? chinaDayStart(input.occurredOn) : new Date(),
        createdBy: ctx.actor.userId,
      })
      .returning();
    const [entry] = await namedEntries(tx, ctx.actor.hospitalId, [row]);
    await recordAudit(tx, ctx, { action: 'points_entry.adjust', entityType: 'points_entry', entityId: row.id, hospitalId: row.hospitalId, after: entry });
    return entry;
  });
}

export type RankingRow = {
  rank: number;
  userId: number | null;
  displayName: string | null;
  departmentId: number;
  departmentName: string;
  points: number;
  entries: number;
  /** Department rows: how many people earned its points. */
  people: number | null;
};

/** Most points first, equal points share a rank (1, 2, 2, 4) and are listed by name. */
export function ranked<T extends { points: number }>(rows: T[], nameOf: (row: T) => string): (T & { rank: number })[] {
  const sorted = [...rows].sort((a, b) => b.points - a.points || nameOf(a).localeCompare(nameOf(b), 'zh-CN'));
  let rank = 0;
  return sorted.map((row, index) => {
    if (index === 0 || sorted[index - 1].points !== row.points) rank = index + 1;
    return { ...row, rank };
  });
}

const inPeriod = (hospitalId: number, period: Period) =>
  and(eq(pointsEntries.hospitalId, hospitalId), gte(pointsEntries.occurredAt, period.start), lt(pointsEntries.occurredAt, period.end));

/** People by their points in the period (optionally only what they earned in one department), with their current department. */
export async function personRanking(db: DbOrTx, hospitalId: number, period: Period, departmentId?: number): Promise<RankingRow[]> {
  const totals = await db
    .select({ userId: pointsEntries.userId, points: sql<number>`sum(${pointsEntries.points})::int`, entries: sql<number>`count(*)::int` })
    .from(pointsEntries)
    .where(and(inPeriod(hospitalId, period), departmentId === undefined ? undefined : eq(pointsEntries.departmentId, departmentId)))
    .groupBy(pointsEntries.userId);
  const people = new Map((await usersByIds(db, hospitalId, totals.map((t) => t.userId))).map((p) => [p.id, p]));
  const departments = new Map((await departmentsByIds(db, hospitalId, [...new Set([...people.values()].map((p) => p.departmentId))])).map((d) => [d.id, d.name]));
  const rows = totals.map((t) => {
    const person = people.get(t.userId)!;
    return { userId: t.userId, displayName: person.displayName, departmentId: person.departmentId, departmentName: departments.get(person.departmentId) ?? '', points: t.points, entries: t.entries, people: null };
  });
  return ranked(rows, (r) => r.displayName);
}

/** Departments by the points earned in them in the period. */
export async function departmentRanking(db: DbOrTx, hospitalId: number, period: Period): Promise<RankingRow[]> {
  const totals = await db
    .select({
      departmentId: pointsEntries.departmentId,
      points: sql<number>`sum(${pointsEntries.points})::int`,
      entries: sql<number>`count(*)::int`,
      people: sql<number>`count(distinct ${pointsEntries.userId})::int`,
    })
    .from(pointsEntries)
    .where(inPeriod(hospitalId, period))
    .groupBy(pointsEntries.departmentId);
  const departments = new Map((await departmentsByIds(db, hospitalId, totals.map((t) => t.departmentId))).map((d) => [d.id, d.name]));
  const rows = totals.map((t) => ({ userId: null, displayName: null, departmentName: departments.get(t.departmentId) ?? '', ...t }));
  return ranked(rows, (r) => r.departmentName);
}

export type RankingQuery = { from?: string; to?: string; groupBy: 'person' | 'department'; departmentId?: number };

/**
 * `GET /api/team/points`: the ranking for any period. The department ranking is open to everyone; outside the
 * hospital-wide roles the person ranking is of one's own department (what its people earned there).
 */
export async function pointsRanking(db: Db, ctx: RequestContext, query: RankingQuery) {
  const period = periodOf(query);
  const own = ownDepartmentUnlessHospitalWide(ctx.actor);
  const items =
    query.groupBy === 'department'
      ? await departmentRanking(db, ctx.actor.hospitalId, period)
      : own !== undefined && query.departmentId !== undefined && query.departmentId !== own
        ? []
        : await personRanking(db, ctx.actor.hospitalId, period, own ?? query.departmentId);
  return { from: period.from, to: period.to, groupBy: query.groupBy, items, nextCursor: null };
}

/** An editor's 重新核算 of a period: derives what the ledger misses from what was published and attended, and reverses what ended. */
export async function recomputePoints(db: Db, ctx: RequestContext, query: { from: string; to: string }) {
  assertManagesTeam(ctx.actor);
  const period = periodOf(query);
  const now = new Date();
  const result = await reconcilePoints(db, ctx.actor.hospitalId, { start: period.start, end: period.end < now ? period.end : now });
  const summary = { from: period.from, to: period.to, ...result };
  await db.transaction((tx) => recordAudit(tx, ctx, { action: 'points.recompute', entityType: 'points_entry', entityId: null, hospitalId: ctx.actor.hospitalId, after: summary }));
  return summary;
}
