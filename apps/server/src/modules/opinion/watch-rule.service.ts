import { and, asc, eq, gt, sql, type SQL } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../platform/db/database.ts';
import { isUniqueViolation } from '../../platform/db/pg-errors.ts';
import { errors } from '../../platform/http/errors.ts';
import { decodeCursor, pageOf } from '../../platform/http/pagination.ts';
import type { RequestContext } from '../../platform/http/request-context.ts';
import { recordAudit } from '../org/audit.service.ts';
import { hospitalNameBook } from '../org/name-book.service.ts';
import type { HospitalProfile } from './analysis/types.ts';
import { assertManagesOpinion, assertSeesOpinion } from './opinion.policy.ts';
import { watchRules, type WatchRuleKind } from './opinion.tables.ts';

type WatchRuleRow = typeof watchRules.$inferSelect;

/** The monitored hospital as the analysis reads it (opinion-risk.md's profile.json). */
export type { HospitalProfile };

export function toWatchRule(r: WatchRuleRow) {
  return {
    id: r.id,
    kind: r.kind,
    term: r.term,
    note: r.note,
    status: r.status,
    origin: r.origin,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

const snapshotOf = (r: WatchRuleRow) => ({ kind: r.kind, term: r.term, note: r.note, status: r.status });
const duplicate = () => errors.conflict('term', '已有相同类型的同名规则', 'A rule of this kind with this term exists');

/** The names the organisation already knows: full name, short and former names, campuses, active departments. */
async function orgTerms(db: DbOrTx, hospitalId: number): Promise<{ kind: WatchRuleKind; term: string }[]> {
  const book = await hospitalNameBook(db, hospitalId);
  return [
    ...(book.fullName ? [{ kind: 'name' as const, term: book.fullName }] : []),
    ...[...book.shortNames, ...book.formerNames].map((term) => ({ kind: 'alias' as const, term })),
    ...book.campusNames.map((term) => ({ kind: 'campus' as const, term })),
    ...book.departmentNames.map((term) => ({ kind: 'department' as const, term })),
  ].filter((t) => t.term.trim());
}

async function insertOrgTerms(db: DbOrTx, hospitalId: number) {
  const terms = await orgTerms(db, hospitalId);
  if (terms.length === 0) return [];
  return db
    .insert(watchRules)
    .values(terms.map((t) => ({ hospitalId, kind: t.kind, term: t.term.trim(), origin: 'org' as const })))
    .onConflictDoNothing()
    .returning();
}

/** A hospital's first use of the opinion module starts from what the organisation already knows about its names. */
export async function ensureWatchRules(db: DbOrTx, hospitalId: number) {
  const [any] = await db.select({ id: watchRules.id }).from(watchRules).where(eq(watchRules.hospitalId, hospitalId)).limit(1);
  if (!any) await insertOrgTerms(db, hospitalId);
}

/** Adds the organisation's names that are not rules yet (a new department, a new short name); officers' edits stay. */
export async function syncWatchRulesFromOrg(db: Db, ctx: RequestContext) {
  assertManagesOpinion(ctx.actor);
  return db.transaction(async (tx) => {
    const added = await insertOrgTerms(tx, ctx.actor.hospitalId);
    if (added.length) {
      await recordAudit(tx, ctx, { action: 'watch_rule.sync', entityType: 'watch_rule', entityId: null, hospitalId: ctx.actor.hospitalId, after: { added: added.map(snapshotOf) } });
    }
    return { added: added.length };
  });
}

export type WatchRuleFilter = { limit: number; cursor?: string; kind?: WatchRuleKind };

export async function listWatchRules(db: Db, ctx: RequestContext, filter: WatchRuleFilter) {
  assertSeesOpinion(ctx.actor);
  await ensureWatchRules(db, ctx.actor.hospitalId);
  const after = decodeCursor(filter.cursor);
  const conditions: (SQL | undefined)[] = [
    eq(watchRules.hospitalId, ctx.actor.hospitalId),
    after === undefined ? undefined : gt(watchRules.id, after),
    filter.kind ? eq(watchRules.kind, filter.kind) : undefined,
  ];
  const rows = await db.select().from(watchRules).where(and(...conditions)).orderBy(asc(watchRules.id)).limit(filter.limit + 1);
  return pageOf(rows, filter.limit, toWatchRule);
}

export type WatchRuleInput = { kind: WatchRuleKind; term: string; note?: string | null; status?: WatchRuleRow['status'] };

export async function createWatchRule(db: Db, ctx: RequestContext, input: WatchRuleInput) {
  assertManagesOpinion(ctx.actor);
  try {
    return await db.transaction(async (tx) => {
      await ensureWatchRules(tx, ctx.actor.hospitalId);
      const [row] = await tx
        .insert(watchRules)
        .values({ hospitalId: ctx.actor.hospitalId, kind: input.kind, term: input.term, note: input.note ?? null, status: input.status, createdBy: ctx.actor.userId })
        .returning();
      await recordAudit(tx, ctx, { action: 'watch_rule.create', entityType: 'watch_rule', entityId: row.id, hospitalId: row.hospitalId, after: snapshotOf(row) });
      return toWatchRule(row);
    });
  } catch (err) {
    if (isUniqueViolation(err, 'watch_rule_hospital_kind_term_uq')) throw duplicate();
    throw err;
  }
}

export async function updateWatchRule(db: Db, ctx: RequestContext, id: number, patch: Partial<WatchRuleInput>) {
  assertManagesOpinion(ctx.actor);
  try {
    return await db.transaction(async (tx) => {
      const [before] = await tx.select().from(watchRules).where(and(eq(watchRules.id, id), eq(watchRules.hospitalId, ctx.actor.hospitalId))).for('update');
      if (!before) throw errors.notFound('watch_rule');
      const [row] = await tx.update(watchRules).set({ ...patch, updatedAt: sql`now()` }).where(eq(watchRules.id, id)).returning();
      await recordAudit(tx, ctx, { action: 'watch_rule.update', entityType: 'watch_rule', entityId: id, hospitalId: row.hospitalId, before: snapshotOf(before), after: snapshotOf(row) });
      return toWatchRule(row);
    });
  } catch (err) {
    if (isUniqueViolation(err, 'watch_rule_hospital_kind_term_uq')) throw duplicate();
    throw err;
  }
}

export async function deleteWatchRule(db: Db, ctx: RequestContext, id: number) {
  assertManagesOpinion(ctx.actor);
  await db.transaction(async (tx) => {
    const [before] = await tx.delete(watchRules).where(and(eq(watchRules.id, id), eq(watchRules.hospitalId, ctx.actor.hospitalId))).returning();
    if (!before) throw errors.notFound('watch_rule');
    await recordAudit(tx, ctx, { action: 'watch_rule.delete', entityType: 'watch_rule', entityId: id, hospitalId: before.hospitalId, before: snapshotOf(before) });
  });
}

/** The active rules as the analysis' profile; a hospital without a full-name rule falls back to the organisation's. */
export function profileOf(rows: { kind: WatchRuleKind; term: string }[], fallbackName: string): HospitalProfile {
  const of = (kind: WatchRuleKind) => [...new Set(rows.filter((r) => r.kind === kind).map((r) => r.term))];
  const [name, ...otherNames] = of('name');
  return {
    name: name ?? fallbackName,
    // Extra full names (a second registered name) match like aliases.
    aliases: [...otherNames, ...of('alias')],
    campuses: of('campus'),
    departments: of('department'),
    staff: of('staff'),
    exclude: of('exclude'),
  };
}

/** Changes whenever a rule is added, changed or deleted: the key of the analyzer cache, cheap enough for every batch. */
export async function watchRulesStamp(db: DbOrTx, hospitalId: number): Promise<string> {
  const { rows } = await db.execute<{ stamp: string }>(sql`
    select concat(count(*), ':', max(id), ':', max(updated_at)) as stamp from ${watchRules} where hospital_id = ${hospitalId}`);
  return rows[0]?.stamp ?? '';
}

/** The hospital's profile from its active rules (seeded from the organisation on first use). */
export async function hospitalProfile(db: DbOrTx, hospitalId: number): Promise<HospitalProfile> {
  await ensureWatchRules(db, hospitalId);
  const rows = await db
    .select({ kind: watchRules.kind, term: watchRules.term })
    .from(watchRules)
    .where(and(eq(watchRules.hospitalId, hospitalId), eq(watchRules.status, 'active')))
    .orderBy(asc(watchRules.id));
  return profileOf(rows, (await hospitalNameBook(db, hospitalId)).fullName);
}
