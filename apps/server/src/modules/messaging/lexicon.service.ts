import { and, asc, count, eq, gt, ilike, sql, type SQL } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../platform/db/database.ts';
import { isUniqueViolation } from '../../platform/db/pg-errors.ts';
import { errors } from '../../platform/http/errors.ts';
import { decodeCursor, pageOf } from '../../platform/http/pagination.ts';
import type { RequestContext } from '../../platform/http/request-context.ts';
import { recordAudit } from '../org/audit.service.ts';
import { escapeLike } from '../org/department.service.ts';
import type { FindingCategory, Severity } from './compliance/compliance-types.ts';
import { bumpMessagingRevision } from './messaging-revision.ts';
import { assertCanManageRules } from './messaging.policy.ts';
import { allowedTerms, lexiconEntries, lexicons } from './messaging.tables.ts';

type LexiconRow = typeof lexicons.$inferSelect;
type EntryRow = typeof lexiconEntries.$inferSelect;

export function toLexicon(r: LexiconRow, entryCount: number) {
  return {
    id: r.id,
    name: r.name,
    category: r.category as FindingCategory,
    defaultSeverity: r.defaultSeverity,
    description: r.description,
    status: r.status,
    entryCount,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

export function toLexiconEntry(r: EntryRow) {
  return { id: r.id, term: r.term, category: r.category as FindingCategory, severity: r.severity, suggestion: r.suggestion, note: r.note, createdAt: r.createdAt.toISOString() };
}

const duplicateLexicon = () => errors.conflict('name', '已存在同名词库', 'A lexicon with this name exists');
const duplicateEntry = () => errors.conflict('term', '词库中已有该词', 'This term is already in the lexicon');

async function lexiconRow(db: DbOrTx, ctx: RequestContext, id: number, lock = false) {
  const query = db.select().from(lexicons).where(and(eq(lexicons.id, id), eq(lexicons.hospitalId, ctx.actor.hospitalId)));
  const [row] = lock ? await query.for('update') : await query;
  if (!row) throw errors.notFound('lexicon');
  return row;
}

async function entryCountOf(db: DbOrTx, lexiconId: number) {
  const [{ n }] = await db.select({ n: count() }).from(lexiconEntries).where(eq(lexiconEntries.lexiconId, lexiconId));
  return n;
}

export async function listLexicons(db: Db, ctx: RequestContext) {
  const rows = await db
    .select({ lexicon: lexicons, entries: sql<number>`(select count(*)::int from ${lexiconEntries} where ${lexiconEntries.lexiconId} = ${lexicons.id})` })
    .from(lexicons)
    .where(eq(lexicons.hospitalId, ctx.actor.hospitalId))
    .orderBy(asc(lexicons.id));
  return { items: rows.map((r) => toLexicon(r.lexicon, r.entries)), nextCursor: null };
}

export async function getLexicon(db: Db, ctx: RequestContext, id: number) {
  const row = await lexiconRow(db, ctx, id);
  return toLexicon(row, await entryCountOf(db, id));
}

export type LexiconInput = { name: string; category: FindingCategory; defaultSeverity: Severity; description?: string | null };

export async function createLexicon(db: Db, ctx: RequestContext, input: LexiconInput) {
  assertCanManageRules(ctx.actor);
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(lexicons)
        .values({ hospitalId: ctx.actor.hospitalId, name: input.name, category: input.category, defaultSeverity: input.defaultSeverity, description: input.description ?? null })
        .returning();
      await bumpMessagingRevision(tx, ctx.actor.hospitalId);
      await recordAudit(tx, ctx, { action: 'lexicon.create', entityType: 'lexicon', entityId: row.id, hospitalId: row.hospitalId, after: toLexicon(row, 0) });
      return toLexicon(row, 0);
    });
  } catch (err) {
    if (isUniqueViolation(err, 'lexicon_hospital_name_uq')) throw duplicateLexicon();
    throw err;
  }
}

export async function updateLexicon(db: Db, ctx: RequestContext, id: number, patch: Partial<LexiconInput> & { status?: LexiconRow['status'] }) {
  assertCanManageRules(ctx.actor);
  try {
    return await db.transaction(async (tx) => {
      const before = await lexiconRow(tx, ctx, id, true);
      const [row] = await tx.update(lexicons).set({ ...patch, updatedAt: sql`now()` }).where(eq(lexicons.id, id)).returning();
      await bumpMessagingRevision(tx, ctx.actor.hospitalId);
      const entries = await entryCountOf(tx, id);
      await recordAudit(tx, ctx, { action: 'lexicon.update', entityType: 'lexicon', entityId: id, hospitalId: row.hospitalId, before: toLexicon(before, entries), after: toLexicon(row, entries) });
      return toLexicon(row, entries);
    });
  } catch (err) {
    if (isUniqueViolation(err, 'lexicon_hospital_name_uq')) throw duplicateLexicon();
    throw err;
  }
}

export async function listLexiconEntries(db: Db, ctx: RequestContext, lexiconId: number, filter: { limit: number; cursor?: string; q?: string }) {
  await lexiconRow(db, ctx, lexiconId);
  const after = decodeCursor(filter.cursor);
  const conditions: (SQL | undefined)[] = [
    eq(lexiconEntries.lexiconId, lexiconId),
    after === undefined ? undefined : gt(lexiconEntries.id, after),
    filter.q ? ilike(lexiconEntries.term, `%${escapeLike(filter.q)}%`) : undefined,
  ];
  const rows = await db.select().from(lexiconEntries).where(and(...conditions)).orderBy(asc(lexiconEntries.id)).limit(filter.limit + 1);
  return pageOf(rows, filter.limit, toLexiconEntry);
}

export type LexiconEntryInput = { term: string; category?: FindingCategory; severity?: Severity; suggestion?: string | null; note?: string | null };

export async function addLexiconEntry(db: Db, ctx: RequestContext, lexiconId: number, input: LexiconEntryInput) {
  assertCanManageRules(ctx.actor);
  try {
    return await db.transaction(async (tx) => {
      const lexicon = await lexiconRow(tx, ctx, lexiconId, true);
      const [row] = await tx
        .insert(lexiconEntries)
        .values({
          lexiconId,
          term: input.term,
          category: input.category ?? lexicon.category,
          severity: input.severity ?? lexicon.defaultSeverity,
          suggestion: input.suggestion ?? null,
          note: input.note ?? null,
        })
        .returning();
      await bumpMessagingRevision(tx, ctx.actor.hospitalId);
      await recordAudit(tx, ctx, { action: 'lexicon_entry.create', entityType: 'lexicon_entry', entityId: row.id, hospitalId: ctx.actor.hospitalId, after: toLexiconEntry(row) });
      return toLexiconEntry(row);
    });
  } catch (err) {
    if (isUniqueViolation(err, 'lexicon_entry_term_uq')) throw duplicateEntry();
    throw err;
  }
}

export async function updateLexiconEntry(db: Db, ctx: RequestContext, lexiconId: number, entryId: number, patch: Partial<LexiconEntryInput>) {
  assertCanManageRules(ctx.actor);
  try {
    return await db.transaction(async (tx) => {
      await lexiconRow(tx, ctx, lexiconId, true);
      const [before] = await tx.select().from(lexiconEntries).where(and(eq(lexiconEntries.id, entryId), eq(lexiconEntries.lexiconId, lexiconId)));
      if (!before) throw errors.notFound('lexicon_entry');
      const [row] = await tx.update(lexiconEntries).set(patch).where(eq(lexiconEntries.id, entryId)).returning();
      await bumpMessagingRevision(tx, ctx.actor.hospitalId);
      await recordAudit(tx, ctx, { action: 'lexicon_entry.update', entityType: 'lexicon_entry', entityId: entryId, hospitalId: ctx.actor.hospitalId, before: toLexiconEntry(before), after: toLexiconEntry(row) });
      return toLexiconEntry(row);
    });
  } catch (err) {
    if (isUniqueViolation(err, 'lexicon_entry_term_uq')) throw duplicateEntry();
    throw err;
  }
}

export async function deleteLexiconEntry(db: Db, ctx: RequestContext, lexiconId: number, entryId: number) {
  assertCanManageRules(ctx.actor);
  await db.transaction(async (tx) => {
    await lexiconRow(tx, ctx, lexiconId, true);
    const [removed] = await tx.delete(lexiconEntries).where(and(eq(lexiconEntries.id, entryId), eq(lexiconEntries.lexiconId, lexiconId))).returning();
    if (!removed) throw errors.notFound('lexicon_entry');
    await bumpMessagingRevision(tx, ctx.actor.hospitalId);
    await recordAudit(tx, ctx, { action: 'lexicon_entry.delete', entityType: 'lexicon_entry', entityId: entryId, hospitalId: ctx.actor.hospitalId, before: toLexiconEntry(removed) });
  });
}

export type ImportSummary = { imported: number; duplicates: number; rejected: { line: number; text: string; reason: string }[] };

const importBatchSize = 1000;

/** One transaction: a file imports whole or not at all. Terms already in the lexicon count as duplicates. */
export async function importLexiconFile(db: Db, ctx: RequestContext, lexiconId: number, file: { name: string; content: Buffer }): Promise<ImportSummary> {
  assertCanManageRules(ctx.actor);
  const text = new TextDecoder('utf-8', { fatal: false }).decode(file.content);
  if (text.includes('\uFFFD')) throw errors.invalidField('file', '文件不是 UTF-8 编码，请另存为 UTF-8 后再导入', 'The file is not UTF-8; save it as UTF-8 and import again');
  return db.transaction(async (tx) => {
    const lexicon = await lexiconRow(tx, ctx, lexiconId, true);
    const { parseLexiconFile } = await import('./compliance/lexicon-file.ts');
    const parsed = parseLexiconFile(file.name, text, { category: lexicon.category as FindingCategory, severity: lexicon.defaultSeverity });
    let imported = 0;
    for (let i = 0; i < parsed.entries.length; i += importBatchSize) {
      const batch = parsed.entries.slice(i, i + importBatchSize).map((e) => ({
        lexiconId,
        term: e.term,
        category: e.category,
        severity: e.severity,
        suggestion: e.suggestion ?? null,
        note: e.note ?? null,
      }));
      const inserted = await tx.insert(lexiconEntries).values(batch).onConflictDoNothing().returning({ id: lexiconEntries.id });
      imported += inserted.length;
    }
    const summary = { imported, duplicates: parsed.duplicates + (parsed.entries.length - imported), rejected: parsed.rejected };
    await bumpMessagingRevision(tx, ctx.actor.hospitalId);
    await recordAudit(tx, ctx, {
      action: 'lexicon.import', entityType: 'lexicon', entityId: lexiconId, hospitalId: ctx.actor.hospitalId,
      after: { file: file.name, bytes: file.content.length, imported: summary.imported, duplicates: summary.duplicates, rejected: summary.rejected.length },
    });
    return summary;
  });
}

type AllowedRow = typeof allowedTerms.$inferSelect;

export function toAllowedTerm(r: AllowedRow) {
  return { id: r.id, term: r.term, note: r.note, createdAt: r.createdAt.toISOString() };
}

export async function listAllowedTerms(db: Db, ctx: RequestContext, filter: { limit: number; cursor?: string }) {
  const after = decodeCursor(filter.cursor);
  const rows = await db
    .select()
    .from(allowedTerms)
    .where(and(eq(allowedTerms.hospitalId, ctx.actor.hospitalId), after === undefined ? undefined : gt(allowedTerms.id, after)))
    .orderBy(asc(allowedTerms.id))
    .limit(filter.limit + 1);
  return pageOf(rows, filter.limit, toAllowedTerm);
}

export async function addAllowedTerm(db: Db, ctx: RequestContext, input: { term: string; note?: string | null }) {
  assertCanManageRules(ctx.actor);
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx.insert(allowedTerms).values({ hospitalId: ctx.actor.hospitalId, term: input.term, note: input.note ?? null, createdBy: ctx.actor.userId }).returning();
      await bumpMessagingRevision(tx, ctx.actor.hospitalId);
      await recordAudit(tx, ctx, { action: 'allowed_term.create', entityType: 'allowed_term', entityId: row.id, hospitalId: row.hospitalId, after: toAllowedTerm(row) });
      return toAllowedTerm(row);
    });
  } catch (err) {
    if (isUniqueViolation(err, 'allowed_term_hospital_term_uq')) throw errors.conflict('term', '白名单中已有该词', 'This term is already allowed');
    throw err;
  }
}

export async function removeAllowedTerm(db: Db, ctx: RequestContext, id: number) {
  assertCanManageRules(ctx.actor);
  await db.transaction(async (tx) => {
    const [removed] = await tx.delete(allowedTerms).where(and(eq(allowedTerms.id, id), eq(allowedTerms.hospitalId, ctx.actor.hospitalId))).returning();
    if (!removed) throw errors.notFound('allowed_term');
    await bumpMessagingRevision(tx, ctx.actor.hospitalId);
    await recordAudit(tx, ctx, { action: 'allowed_term.delete', entityType: 'allowed_term', entityId: id, hospitalId: ctx.actor.hospitalId, before: toAllowedTerm(removed) });
  });
}
