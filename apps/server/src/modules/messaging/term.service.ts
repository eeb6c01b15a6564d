import { and, asc, eq, gt, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.ts';
import { isUniqueViolation } from '../../platform/db/pg-errors.ts';
import { errors } from '../../platform/http/errors.ts';
import { decodeCursor, pageOf } from '../../platform/http/pagination.ts';
import type { RequestContext } from '../../platform/http/request-context.ts';
import { recordAudit } from '../org/audit.service.ts';
import { hospitalNameBook } from '../org/name-book.service.ts';
import { bumpMessagingRevision } from './messaging-revision.ts';
import { assertCanManageRules } from './messaging.policy.ts';
import { terms } from './messaging.tables.ts';

type TermRow = typeof terms.$inferSelect;

export function toTerm(r: TermRow) {
  return {
    id: r.id,
    canonical: r.canonical,
    variants: r.variants,
    note: r.note,
    status: r.status,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

const duplicate = () => errors.conflict('canonical', '该规范名称已存在', 'A term with this canonical name exists');

export async function listTerms(db: Db, ctx: RequestContext, filter: { limit: number; cursor?: string; status?: TermRow['status'] }) {
  const after = decodeCursor(filter.cursor);
  const conditions: (SQL | undefined)[] = [
    eq(terms.hospitalId, ctx.actor.hospitalId),
    after === undefined ? undefined : gt(terms.id, after),
    filter.status ? eq(terms.status, filter.status) : undefined,
  ];
  const rows = await db.select().from(terms).where(and(...conditions)).orderBy(asc(terms.id)).limit(filter.limit + 1);
  return pageOf(rows, filter.limit, toTerm);
}

/** The hospital profile's former names are retired terms too; they are edited on the profile, shown here. */
export async function termsFromProfile(db: Db, ctx: RequestContext) {
  const book = await hospitalNameBook(db, ctx.actor.hospitalId);
  return { items: book.formerNames.map((name) => ({ variant: name, canonical: book.fullName, source: 'hospital_profile' as const })) };
}

export type TermInput = { canonical: string; variants: string[]; note?: string | null };

function assertVariantsDiffer(input: Partial<TermInput>) {
  if (input.canonical && input.variants?.includes(input.canonical)) {
    throw errors.invalidField('variants', '替换词不能与规范名称相同', 'A variant cannot equal the canonical name');
  }
}

export async function createTerm(db: Db, ctx: RequestContext, input: TermInput) {
  assertCanManageRules(ctx.actor);
  assertVariantsDiffer(input);
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(terms)
        .values({ hospitalId: ctx.actor.hospitalId, canonical: input.canonical, variants: [...new Set(input.variants)], note: input.note ?? null })
        .returning();
      await bumpMessagingRevision(tx, ctx.actor.hospitalId);
      await recordAudit(tx, ctx, { action: 'term.create', entityType: 'term', entityId: row.id, hospitalId: row.hospitalId, after: toTerm(row) });
      return toTerm(row);
    });
  } catch (err) {
    if (isUniqueViolation(err, 'term_hospital_canonical_uq')) throw duplicate();
    throw err;
  }
}

export async function updateTerm(db: Db, ctx: RequestContext, id: number, patch: Partial<TermInput> & { status?: TermRow['status'] }) {
  assertCanManageRules(ctx.actor);
  try {
    return await db.transaction(async (tx) => {
      const [before] = await tx.select().from(terms).where(and(eq(terms.id, id), eq(terms.hospitalId, ctx.actor.hospitalId))).for('update');
      if (!before) throw errors.notFound('term');
      assertVariantsDiffer({ canonical: patch.canonical ?? before.canonical, variants: patch.variants ?? before.variants });
      const [row] = await tx
        .update(terms)
        .set({ ...patch, variants: patch.variants ? [...new Set(patch.variants)] : undefined, updatedAt: sql`now()` })
        .where(eq(terms.id, id))
        .returning();
      await bumpMessagingRevision(tx, ctx.actor.hospitalId);
      await recordAudit(tx, ctx, { action: 'term.update', entityType: 'term', entityId: id, hospitalId: row.hospitalId, before: toTerm(before), after: toTerm(row) });
      return toTerm(row);
    });
  } catch (err) {
    if (isUniqueViolation(err, 'term_hospital_canonical_uq')) throw duplicate();
    throw err;
  }
}
