import { and, desc, eq } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../platform/db/database.ts';
import { isUniqueViolation } from '../../platform/db/pg-errors.ts';
import { errors } from '../../platform/http/errors.ts';
import type { RequestContext } from '../../platform/http/request-context.ts';
import { recordAudit } from '../org/audit.service.ts';
import { usersByIds } from '../org/directory.service.ts';
import { activeCorrespondentIds } from './grid.service.ts';
import { yearPeriod } from './period.ts';
import { personRanking, ranked } from './points.service.ts';
import { assertJudgesPoints } from './team.policy.ts';
import { commendations, type CommendationItem } from './team.tables.ts';

type CommendationRow = typeof commendations.$inferSelect;

export type ProposalInput = { year: number; topN: number; minPoints: number; excludeUserIds?: number[] };

/**
 * 年度优秀通讯员, proposed from the year's ranking: the people active in the grid as 通讯员 with at least the minimum,
 * ranked among themselves, down to rank N (people tied at rank N are all in). An editor may leave people out.
 */
async function proposedItems(db: DbOrTx, hospitalId: number, input: ProposalInput): Promise<CommendationItem[]> {
  const eligible = await activeCorrespondentIds(db, hospitalId);
  const excluded = new Set(input.excludeUserIds ?? []);
  const candidates = (await personRanking(db, hospitalId, yearPeriod(input.year))).filter((r) => eligible.has(r.userId!) && !excluded.has(r.userId!) && r.points >= input.minPoints);
  return ranked(candidates, (r) => r.displayName!)
    .filter((r) => r.rank <= input.topN)
    .map((r) => ({ rank: r.rank, userId: r.userId!, displayName: r.displayName!, departmentId: r.departmentId, departmentName: r.departmentName, points: r.points }));
}

export async function proposeCommendation(db: Db, ctx: RequestContext, input: ProposalInput) {
  assertJudgesPoints(ctx.actor);
  return { year: input.year, topN: input.topN, minPoints: input.minPoints, items: await proposedItems(db, ctx.actor.hospitalId, input) };
}

async function toCommendation(db: DbOrTx, r: CommendationRow) {
  const [confirmer] = await usersByIds(db, r.hospitalId, [r.confirmedBy]);
  return {
    id: r.id,
    year: r.year,
    title: r.title,
    topN: r.topN,
    minPoints: r.minPoints,
    excludedUserIds: r.excludedUserIds,
    items: r.items,
    note: r.note,
    confirmedBy: r.confirmedBy,
    confirmedByName: confirmer?.displayName ?? '',
    confirmedAt: r.confirmedAt.toISOString(),
  };
}

/** The editor's confirmation freezes the list as proposed now: later points do not change it. One list a year. */
export async function confirmCommendation(db: Db, ctx: RequestContext, input: ProposalInput & { note?: string | null }) {
  assertJudgesPoints(ctx.actor);
  try {
    return await db.transaction(async (tx) => {
      const items = await proposedItems(tx, ctx.actor.hospitalId, input);
      if (items.length === 0) throw errors.invalidField('minPoints', '没有符合条件的人选，请调整名额或最低积分', 'Nobody qualifies; change the number or the minimum');
      const [row] = await tx
        .insert(commendations)
        .values({
          hospitalId: ctx.actor.hospitalId,
          year: input.year,
          title: `${input.year}年度优秀通讯员`,
          topN: input.topN,
          minPoints: input.minPoints,
          excludedUserIds: [...new Set(input.excludeUserIds ?? [])],
          items,
          note: input.note ?? null,
          confirmedBy: ctx.actor.userId,
        })
        .returning();
      const confirmed = await toCommendation(tx, row);
      await recordAudit(tx, ctx, { action: 'commendation.confirm', entityType: 'commendation', entityId: row.id, hospitalId: row.hospitalId, after: confirmed });
      return confirmed;
    });
  } catch (err) {
    if (isUniqueViolation(err, 'commendation_year_uq')) throw errors.conflict('year', '该年度名单已确认；如需重新确认，请先撤销原名单', 'The list of this year is confirmed; revoke it first to confirm again');
    throw err;
  }
}

/** Confirmed lists are an honour made public: everyone in the hospital reads them. */
export async function listCommendations(db: Db, ctx: RequestContext) {
  const rows = await db.select().from(commendations).where(eq(commendations.hospitalId, ctx.actor.hospitalId)).orderBy(desc(commendations.year));
  return { items: await Promise.all(rows.map((r) => toCommendation(db, r))), nextCursor: null };
}

async function commendationRow(db: DbOrTx, ctx: RequestContext, id: number, lock = false) {
  const query = db.select().from(commendations).where(and(eq(commendations.id, id), eq(commendations.hospitalId, ctx.actor.hospitalId)));
  const [row] = lock ? await query.for('update') : await query;
  if (!row) throw errors.notFound('commendation');
  return row;
}

export async function getCommendation(db: Db, ctx: RequestContext, id: number) {
  return toCommendation(db, await commendationRow(db, ctx, id));
}

/** Revoking a confirmed list (kept in the audit log) lets the editor confirm the year again. */
export async function revokeCommendation(db: Db, ctx: RequestContext, id: number) {
  assertJudgesPoints(ctx.actor);
  await db.transaction(async (tx) => {
    const before = await toCommendation(tx, await commendationRow(tx, ctx, id, true));
    await tx.delete(commendations).where(eq(commendations.id, id));
    await recordAudit(tx, ctx, { action: 'commendation.revoke', entityType: 'commendation', entityId: id, hospitalId: ctx.actor.hospitalId, before });
  });
}
