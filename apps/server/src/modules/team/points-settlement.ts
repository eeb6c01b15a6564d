import { and, asc, eq, inArray, isNotNull, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/database.ts';
import { pointsEntries, type PointsSourceType } from './team.tables.ts';

export type EntryRow = typeof pointsEntries.$inferSelect;

/** What a rule grants one person for one source, if nothing granted it already. */
export type Claim = {
  ruleId: number;
  userId: number;
  departmentId: number;
  sourceType: PointsSourceType;
  sourceId: number;
  articleId: number | null;
  points: number;
  reason: string;
  occurredAt: Date;
};

export type Standing = {
  hospitalId: number;
  /** The sources being settled: what the ledger granted from them is compared with the claims. */
  sources: { sourceType: PointsSourceType; sourceIds: number[] }[];
  /** Whether what a grant was for still stands for that person: false once a publication is withdrawn or an attendance undone. */
  stands: (sourceType: PointsSourceType, sourceId: number, userId: number) => boolean;
  /** Why a grant that no longer stands is reversed. */
  endReason: (grant: EntryRow) => string;
  claims: Claim[];
};

export type Settled = { awarded: number; reversed: number };
export const nothingSettled: Settled = { awarded: 0, reversed: 0 };

/** Settlements of one subject (an article, a training) run one at a time, whichever event, sweep or editor starts them. */
export async function lockSubject(tx: DbOrTx, key: string) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`);
}

const grantKey = (e: { sourceType: string; sourceId: number | null; ruleId: number | null; userId: number }) => `${e.sourceType}:${e.sourceId}:${e.ruleId}:${e.userId}`;

/**
 * Brings the ledger in line with what stands, only by appending. A claim with no standing grant is awarded as grant
 * n + 1 after n reversals; a standing grant whose source ended is reversed. A grant whose source still stands is kept
 * even if the rules changed since: a rule change counts from then on. An award is dated when its source happened, a
 * reversal when the source ended, so a closed period's ranking stays as it was. The unique index on (source, rule,
 * person, grant, kind) makes a repeated or concurrent settlement add nothing.
 */
export async function settle(tx: DbOrTx, standing: Standing): Promise<Settled> {
  const bySource = standing.sources.filter((s) => s.sourceIds.length > 0).map((s) => and(eq(pointsEntries.sourceType, s.sourceType), inArray(pointsEntries.sourceId, s.sourceIds)));
  const granted =
    bySource.length === 0
      ? []
      : await tx
          .select()
          .from(pointsEntries)
          .where(and(eq(pointsEntries.hospitalId, standing.hospitalId), isNotNull(pointsEntries.ruleId), or(...bySource)))
          .orderBy(asc(pointsEntries.id));
  const grants = new Map<string, { awards: EntryRow[]; reversals: number }>();
  for (const row of granted) {
    const grant = grants.get(grantKey(row)) ?? { awards: [], reversals: 0 };
    if (row.kind === 'award') grant.awards.push(row);
    else grant.reversals += 1;
    grants.set(grantKey(row), grant);
  }

  const entries: (typeof pointsEntries.$inferInsert)[] = [];
  for (const grant of grants.values()) {
    const last = grant.awards.at(-1);
    if (!last || grant.awards.length <= grant.reversals || standing.stands(last.sourceType, last.sourceId!, last.userId)) continue;
    entries.push({
      hospitalId: last.hospitalId,
      userId: last.userId,
      departmentId: last.departmentId,
      points: -last.points,
      kind: 'reversal',
      reason: standing.endReason(last),
      sourceType: last.sourceType,
      sourceId: last.sourceId,
      articleId: last.articleId,
      ruleId: last.ruleId,
      grantNo: last.grantNo,
      reversesId: last.id,
      occurredAt: new Date(),
    });
  }
  for (const claim of standing.claims) {
    const grant = grants.get(grantKey(claim));
    if ((grant && grant.awards.length > grant.reversals) || !standing.stands(claim.sourceType, claim.sourceId, claim.userId)) continue;
    entries.push({ hospitalId: standing.hospitalId, kind: 'award', grantNo: (grant?.reversals ?? 0) + 1, ...claim });
  }
  if (entries.length === 0) return nothingSettled;
  const written = await tx.insert(pointsEntries).values(entries).onConflictDoNothing().returning({ kind: pointsEntries.kind });
  return { awarded: written.filter((w) => w.kind === 'award').length, reversed: written.filter((w) => w.kind === 'reversal').length };
}
