import { and, arrayContains, desc, eq, lt, sql, type SQL } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../platform/db/database.ts';
import { errors } from '../../platform/http/errors.ts';
import { decodeCursor, pageOf } from '../../platform/http/pagination.ts';
import type { RequestContext } from '../../platform/http/request-context.ts';
import { recordAudit } from '../org/audit.service.ts';
import { searchSegmenter } from './search-segmenter.ts';
import { assertCanDraftStatements, messagingPolicy } from './messaging.policy.ts';
import { statements, statementVersions } from './messaging.tables.ts';

type StatementRow = typeof statements.$inferSelect;

/** What readers see: an approved statement past its valid-to date has expired, whatever is stored. */
export type StatementStatus = StatementRow['status'] | 'expired';

export function effectiveStatus(row: Pick<StatementRow, 'status' | 'validTo'>, today: string): StatementStatus {
  return row.status === 'approved' && row.validTo !== null && row.validTo < today ? 'expired' : row.status;
}

const isoDateInChina = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' });
export const todayInChina = () => isoDateInChina.format(new Date());

export function toStatement(r: StatementRow, today = todayInChina()) {
  return {
    id: r.id,
    topic: r.topic,
    wording: r.wording,
    facts: r.facts,
    tags: r.tags,
    validFrom: r.validFrom,
    validTo: r.validTo,
    ownerUserId: r.ownerUserId,
    status: effectiveStatus(r, today),
    version: r.version,
    approvedBy: r.approvedBy,
    approvedAt: r.approvedAt?.toISOString() ?? null,
    createdBy: r.createdBy,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

type Content = Pick<StatementRow, 'topic' | 'wording' | 'facts' | 'tags' | 'validFrom' | 'validTo'>;

const snapshotOf = (r: Content) => ({ topic: r.topic, wording: r.wording, facts: r.facts, tags: r.tags, validFrom: r.validFrom, validTo: r.validTo });

async function searchTokensOf(content: Content) {
  const segmenter = await searchSegmenter();
  return segmenter.tokensForSearch([content.topic, content.wording, content.facts, content.tags.join(' ')].join('\n'));
}

export type StatementFilter = { limit: number; cursor?: string; q?: string; status?: StatementStatus; tag?: string };

/** Drafts are visible to those who may draft; everyone else reads approved wording only. */
export async function listStatements(db: Db, ctx: RequestContext, filter: StatementFilter) {
  const before = decodeCursor(filter.cursor);
  const seesDrafts = messagingPolicy.canDraftStatements(ctx.actor);
  const today = todayInChina();
  const statusCondition = (() => {
    switch (filter.status) {
      case 'expired':
        return and(eq(statements.status, 'approved'), lt(statements.validTo, today));
      case 'approved':
        return and(eq(statements.status, 'approved'), sql`(${statements.validTo} is null or ${statements.validTo} >= ${today})`);
      case undefined:
        return undefined;
      default:
        return eq(statements.status, filter.status);
    }
  })();
  const tokens = filter.q ? (await searchSegmenter()).tokensForSearch(filter.q) : '';
  const conditions: (SQL | undefined)[] = [
    eq(statements.hospitalId, ctx.actor.hospitalId),
    before === undefined ? undefined : lt(statements.id, before),
    seesDrafts ? undefined : eq(statements.status, 'approved'),
    statusCondition,
    filter.tag ? arrayContains(statements.tags, [filter.tag]) : undefined,
    tokens ? sql`to_tsvector('simple', ${statements.searchTokens}) @@ plainto_tsquery('simple', ${tokens})` : undefined,
  ];
  const rows = await db.select().from(statements).where(and(...conditions)).orderBy(desc(statements.id)).limit(filter.limit + 1);
  return pageOf(rows, filter.limit, (r) => toStatement(r, today));
}

/** Stop-words add nothing to "what is this draft about". */
const ignoredTokens = new Set(['的', '了', '是', '在', '和', '与', '及', '我', '我们', '我院', '医院', '进行', '一个', '这', '也', '有', '为', '对', '将', '等']);

/**
 * Approved statements that speak to a draft, for the editor's side panel: the draft's most frequent tokens
 * OR-ed together, ranked by ts_rank. websearch_to_tsquery never fails on user text.
 */
export async function relatedStatements(db: Db, ctx: RequestContext, text: string, limit: number) {
  const segmenter = await searchSegmenter();
  const counts = new Map<string, number>();
  for (const token of segmenter.tokensForSearch(text).split(' ')) {
    if (token.length < 2 || ignoredTokens.has(token) || /^\d+$/.test(token)) continue;
    counts.set(token, (counts.get(token) ?? 0) + 1);
  }
  const top = [...counts.entries()].sort((a, b) => b[1] - a[1]).slice(0, 24).map(([token]) => token);
  if (top.length === 0) return { items: [] };
  const today = todayInChina();
  const query = sql`websearch_to_tsquery('simple', ${top.join(' or ')})`;
  const rank = sql<number>`ts_rank(to_tsvector('simple', ${statements.searchTokens}), ${query})`;
  const rows = await db
    .select({ statement: statements, rank })
    .from(statements)
    .where(
      and(
        eq(statements.hospitalId, ctx.actor.hospitalId),
        eq(statements.status, 'approved'),
        sql`(${statements.validTo} is null or ${statements.validTo} >= ${today})`,
        sql`to_tsvector('simple', ${statements.searchTokens}) @@ ${query}`,
      ),
    )
    .orderBy(desc(rank))
    .limit(limit);
  return { items: rows.map((r) => ({ ...toStatement(r.statement, today), score: Number(r.rank) })) };
}

async function statementRow(db: DbOrTx, ctx: RequestContext, id: number, lock = false) {
  const query = db.select().from(statements).where(and(eq(statements.id, id), eq(statements.hospitalId, ctx.actor.hospitalId)));
  const [row] = lock ? await query.for('update') : await query;
  if (!row || (row.status !== 'approved' && !messagingPolicy.canDraftStatements(ctx.actor))) throw errors.notFound('statement');
  return row;
}

export async function getStatement(db: Db, ctx: RequestContext, id: number) {
  return toStatement(await statementRow(db, ctx, id));
}

export async function listStatementVersions(db: Db, ctx: RequestContext, id: number) {
  await statementRow(db, ctx, id);
  const rows = await db.select().from(statementVersions).where(eq(statementVersions.statementId, id)).orderBy(desc(statementVersions.version));
  return {
    items: rows.map((r) => ({ version: r.version, status: r.status, snapshot: r.snapshot, changedBy: r.changedBy, changedAt: r.changedAt.toISOString() })),
    nextCursor: null,
  };
}

export type StatementInput = {
  topic: string;
  wording: string;
  facts?: string;
  tags?: string[];
  validFrom?: string | null;
  validTo?: string | null;
  ownerUserId?: number;
};

function assertValidPeriod(validFrom: string | null, validTo: string | null) {
  if (validFrom && validTo && validTo < validFrom) throw errors.invalidField('validTo', '失效日期不能早于生效日期', 'validTo is before validFrom');
}

export async function createStatement(db: Db, ctx: RequestContext, input: StatementInput) {
  assertCanDraftStatements(ctx.actor);
  const content: Content = {
    topic: input.topic,
    wording: input.wording,
    facts: input.facts ?? '',
    tags: [...new Set(input.tags ?? [])],
    validFrom: input.validFrom ?? null,
    validTo: input.validTo ?? null,
  };
  assertValidPeriod(content.validFrom, content.validTo);
  const searchTokens = await searchTokensOf(content);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(statements)
      .values({ ...content, hospitalId: ctx.actor.hospitalId, ownerUserId: input.ownerUserId ?? ctx.actor.userId, createdBy: ctx.actor.userId, searchTokens })
      .returning();
    await tx.insert(statementVersions).values({ statementId: row.id, version: 1, status: row.status, snapshot: snapshotOf(row), changedBy: ctx.actor.userId });
    await recordAudit(tx, ctx, { action: 'statement.create', entityType: 'statement', entityId: row.id, hospitalId: row.hospitalId, after: toStatement(row) });
    return toStatement(row);
  });
}

/** Any change of wording is a new version, and an approved statement goes back to draft until approved again. */
export async function updateStatement(db: Db, ctx: RequestContext, id: number, patch: Partial<StatementInput>) {
  assertCanDraftStatements(ctx.actor);
  return db.transaction(async (tx) => {
    const before = await statementRow(tx, ctx, id, true);
    if (before.status === 'withdrawn') throw errors.invalidField('status', '已撤回的口径不能再修改', 'A withdrawn statement cannot be edited');
    const content: Content = {
      topic: patch.topic ?? before.topic,
      wording: patch.wording ?? before.wording,
      facts: patch.facts ?? before.facts,
      tags: patch.tags ? [...new Set(patch.tags)] : before.tags,
      validFrom: patch.validFrom === undefined ? before.validFrom : patch.validFrom,
      validTo: patch.validTo === undefined ? before.validTo : patch.validTo,
    };
    assertValidPeriod(content.validFrom, content.validTo);
    const [row] = await tx
      .update(statements)
      .set({
        ...content,
        ownerUserId: patch.ownerUserId ?? before.ownerUserId,
        searchTokens: await searchTokensOf(content),
        status: 'draft',
        version: before.version + 1,
        approvedBy: null,
        approvedAt: null,
        updatedAt: sql`now()`,
      })
      .where(eq(statements.id, id))
      .returning();
    await tx.insert(statementVersions).values({ statementId: id, version: row.version, status: row.status, snapshot: snapshotOf(row), changedBy: ctx.actor.userId });
    await recordAudit(tx, ctx, { action: 'statement.update', entityType: 'statement', entityId: id, hospitalId: row.hospitalId, before: toStatement(before), after: toStatement(row) });
    return toStatement(row);
  });
}

const transitions = {
  approve: { from: ['draft'], to: 'approved' },
  withdraw: { from: ['draft', 'approved'], to: 'withdrawn' },
} as const satisfies Record<string, { from: readonly StatementRow['status'][]; to: StatementRow['status'] }>;

export type StatementTransition = keyof typeof transitions;

/** The allowed moves of a statement, as data: approve a draft; withdraw a draft or an approved statement. */
export async function transitionStatement(db: Db, ctx: RequestContext, id: number, move: StatementTransition) {
  if (move === 'approve' ? !messagingPolicy.canApproveStatements(ctx.actor) : !messagingPolicy.canDraftStatements(ctx.actor)) throw errors.forbidden();
  return db.transaction(async (tx) => {
    const before = await statementRow(tx, ctx, id, true);
    const allowed: readonly StatementRow['status'][] = transitions[move].from;
    if (!allowed.includes(before.status)) {
      throw errors.invalidField('status', `当前状态（${before.status}）不能执行该操作`, `Cannot ${move} a ${before.status} statement`);
    }
    if (move === 'approve' && (before.createdBy === ctx.actor.userId || before.ownerUserId === ctx.actor.userId)) {
      throw errors.invalidField('approvedBy', '不能审批自己起草的口径', 'You cannot approve your own statement');
    }
    const [row] = await tx
      .update(statements)
      .set({
        status: transitions[move].to,
        ...(move === 'approve' ? { approvedBy: ctx.actor.userId, approvedAt: sql`now()` } : {}),
        updatedAt: sql`now()`,
      })
      .where(eq(statements.id, id))
      .returning();
    await tx
      .update(statementVersions)
      .set({ status: row.status })
      .where(and(eq(statementVersions.statementId, id), eq(statementVersions.version, row.version)));
    await recordAudit(tx, ctx, { action: `statement.${move}`, entityType: 'statement', entityId: id, hospitalId: row.hospitalId, before: toStatement(before), after: toStatement(row) });
    return toStatement(row);
  });
}
