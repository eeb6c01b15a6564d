import { and, asc, desc, eq, exists, getTableColumns, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../platform/db/database.ts';
import { AppError, errors, type Locale } from '../../platform/http/errors.ts';
import { decodeCursor, pageOf } from '../../platform/http/pagination.ts';
import type { RequestContext } from '../../platform/http/request-context.ts';
import { sanitizeRichText } from '../../platform/rich-text.ts';
import { publicationsOfArticle } from '../channels/article-publications.service.ts';
import { checkCompliance } from '../messaging/compliance.service.ts';
import { recordAudit } from '../org/audit.service.ts';
import { assertActiveDepartment } from '../org/department.service.ts';
import { usersByIds } from '../org/directory.service.ts';
import { orgPolicy } from '../org/org.policy.ts';
import { articles, articleVersions, reviewSteps, type ArticleCredit } from './content.tables.ts';
import { articleTransitions, defaultDueHours, holdsReviewStep, type ArticleCategory, type ReviewDecision, type Sensitivity } from './review-chain.ts';
import { assertAssetsUsable, assetIdsInHtml } from './asset.service.ts';
import { reviewChainFor } from './review-chain.service.ts';

type ArticleRow = typeof articles.$inferSelect;
type StepRow = typeof reviewSteps.$inferSelect & { decidedByName?: string | null };

export function toReviewStep(s: StepRow) {
  return {
    id: s.id,
    round: s.round,
    position: s.position,
    name: s.name,
    role: s.role,
    scope: s.scope,
    status: s.status,
    dueAt: s.dueAt?.toISOString() ?? null,
    overdue: s.status === 'pending' && s.dueAt !== null && s.dueAt.getTime() < Date.now(),
    decidedBy: s.decidedBy,
    decidedByName: s.decidedByName ?? null,
    decidedAt: s.decidedAt?.toISOString() ?? null,
    comment: s.comment,
  };
}

/** What the lists show of an article: everything but the body, which a list of 20 would otherwise carry 20 times. */
const listColumns = (() => {
  const { bodyHtml: _body, acknowledgement: _acknowledgement, ...columns } = getTableColumns(articles);
  return columns;
})();
type ListedRow = Omit<ArticleRow, 'bodyHtml' | 'acknowledgement'>;

function toArticleListItem(r: ListedRow, pendingStep: StepRow | undefined) {
  return {
    id: r.id,
    title: r.title,
    subtitle: r.subtitle,
    summary: r.summary,
    category: r.category,
    sensitivity: r.sensitivity,
    departmentId: r.departmentId,
    tags: r.tags,
    credits: r.credits,
    authorUserId: r.authorUserId,
    status: r.status,
    version: r.version,
    currentStep: pendingStep && pendingStep.round === r.round ? toReviewStep(pendingStep) : null,
    submittedAt: r.submittedAt?.toISOString() ?? null,
    approvedAt: r.approvedAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

export function toArticle(r: ArticleRow, steps: StepRow[] = []) {
  return {
    id: r.id,
    title: r.title,
    subtitle: r.subtitle,
    summary: r.summary,
    body: r.bodyHtml,
    category: r.category,
    sensitivity: r.sensitivity,
    departmentId: r.departmentId,
    tags: r.tags,
    credits: r.credits,
    authorUserId: r.authorUserId,
    status: r.status,
    version: r.version,
    acknowledgement: r.acknowledgement,
    reviewSteps: steps.map(toReviewStep),
    submittedAt: r.submittedAt?.toISOString() ?? null,
    approvedAt: r.approvedAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

const snapshotOf = (r: ArticleRow) => ({
  title: r.title, subtitle: r.subtitle, summary: r.summary, body: r.bodyHtml, category: r.category, sensitivity: r.sensitivity,
  departmentId: r.departmentId, tags: r.tags, credits: r.credits,
});

/** Hospital-wide roles see every article; everyone else sees their own department's and their own. */
function readableBy(ctx: RequestContext): SQL | undefined {
  if (orgPolicy.seesWholeHospital(ctx.actor)) return undefined;
  return or(eq(articles.departmentId, ctx.actor.departmentId), eq(articles.authorUserId, ctx.actor.userId));
}

/** The article if the caller may read it (else 404): its versions and comments are readable by the same people. */
export async function articleRow(db: DbOrTx, ctx: RequestContext, id: number, lock = false) {
  const query = db.select().from(articles).where(and(eq(articles.id, id), eq(articles.hospitalId, ctx.actor.hospitalId), readableBy(ctx)));
  const [row] = lock ? await query.for('update') : await query;
  if (!row) throw errors.notFound('article');
  return row;
}

/** The current round's steps, with the names of those who decided (the chain shows people, not ids). */
async function stepsOf(db: DbOrTx, row: ArticleRow): Promise<StepRow[]> {
  if (row.round === 0) return [];
  const steps = await db.select().from(reviewSteps).where(and(eq(reviewSteps.articleId, row.id), eq(reviewSteps.round, row.round))).orderBy(asc(reviewSteps.position));
  const deciders = steps.flatMap((step) => (step.decidedBy === null ? [] : [step.decidedBy]));
  const names = new Map((await usersByIds(db, row.hospitalId, deciders)).map((user) => [user.id, user.displayName]));
  return steps.map((step) => ({ ...step, decidedByName: step.decidedBy === null ? null : (names.get(step.decidedBy) ?? null) }));
}

export async function getArticle(db: Db, ctx: RequestContext, id: number) {
  const row = await articleRow(db, ctx, id);
  return toArticle(row, await stepsOf(db, row));
}

export type ArticleFilter = { limit: number; cursor?: string; status?: ArticleRow['status']; departmentId?: number; awaitingMyReview?: boolean };

/** The pending step a user can decide: their role, and for a department step their department. */
function awaitingReviewBy(ctx: RequestContext): SQL {
  const roles = sql.join(ctx.actor.roles.map((role) => sql`${role}`), sql`, `);
  return exists(
    sql`(select 1 from ${reviewSteps} s where s.article_id = ${articles.id} and s.round = ${articles.round} and s.status = 'pending'
      and s.role in (${roles})
      and (s.scope = 'hospital' or ${articles.departmentId} = ${ctx.actor.departmentId})
      and ${articles.authorUserId} <> ${ctx.actor.userId})`,
  );
}

export async function listArticles(db: Db, ctx: RequestContext, filter: ArticleFilter) {
  const before = decodeCursor(filter.cursor);
  const conditions: (SQL | undefined)[] = [
    eq(articles.hospitalId, ctx.actor.hospitalId),
    filter.awaitingMyReview ? undefined : readableBy(ctx),
    before === undefined ? undefined : lt(articles.id, before),
    filter.status ? eq(articles.status, filter.status) : undefined,
    filter.departmentId === undefined ? undefined : eq(articles.departmentId, filter.departmentId),
    filter.awaitingMyReview ? awaitingReviewBy(ctx) : undefined,
  ];
  const rows = await db.select(listColumns).from(articles).where(and(...conditions)).orderBy(desc(articles.id)).limit(filter.limit + 1);
  const inReview = rows.filter((r) => r.status === 'in_review').map((r) => r.id);
  const pending = inReview.length ? await db.select().from(reviewSteps).where(and(inArray(reviewSteps.articleId, inReview), eq(reviewSteps.status, 'pending'))) : [];
  const stepOf = new Map(pending.map((step) => [step.articleId, step]));
  return pageOf(rows, filter.limit, (r) => toArticleListItem(r, stepOf.get(r.id)));
}

export type ArticleInput = {
  title: string;
  subtitle?: string | null;
  summary?: string | null;
  body: string;
  category: ArticleCategory;
  sensitivity?: Sensitivity;
  departmentId?: number;
  tags?: string[];
  credits?: ArticleCredit[];
};

/** Anyone writes for their own department (人人都是宣传员); hospital-wide roles for any. */
function assertMayWriteFor(ctx: RequestContext, departmentId: number) {
  if (departmentId !== ctx.actor.departmentId && !orgPolicy.seesWholeHospital(ctx.actor)) {
    throw errors.invalidField('departmentId', '只能为本科室撰稿', 'You can only write for your own department');
  }
}

/** Takes a transaction too: a topic's 写稿 creates its article and links it in one transaction. */
export async function createArticle(db: DbOrTx, ctx: RequestContext, input: ArticleInput) {
  const departmentId = input.departmentId ?? ctx.actor.departmentId;
  assertMayWriteFor(ctx, departmentId);
  return db.transaction(async (tx) => {
    await assertActiveDepartment(tx, ctx.actor.hospitalId, departmentId);
    const [row] = await tx
      .insert(articles)
      .values({
        hospitalId: ctx.actor.hospitalId,
        title: input.title,
        subtitle: input.subtitle ?? null,
        summary: input.summary ?? null,
        bodyHtml: sanitizeRichText(input.body),
        category: input.category,
        sensitivity: input.sensitivity ?? 'normal',
        departmentId,
        tags: [...new Set(input.tags ?? [])],
        credits: input.credits ?? [],
        authorUserId: ctx.actor.userId,
      })
      .returning();
    await tx.insert(articleVersions).values({ articleId: row.id, version: 1, snapshot: snapshotOf(row), savedBy: ctx.actor.userId });
    await recordAudit(tx, ctx, { action: 'article.create', entityType: 'article', entityId: row.id, hospitalId: row.hospitalId, after: snapshotOf(row) });
    return toArticle(row);
  });
}

function assertMove(row: ArticleRow, move: keyof typeof articleTransitions) {
  const allowed: readonly ArticleRow['status'][] = articleTransitions[move];
  if (!allowed.includes(row.status)) {
    throw new AppError(409, 'invalid_state', { 'zh-CN': `稿件当前状态（${row.status}）不允许此操作`, en: `Cannot ${move} an article that is ${row.status}` }, { status: row.status });
  }
}

/** The author edits; so do the publicity department and administrators (hospital-wide editing roles). */
function assertMayEdit(ctx: RequestContext, row: ArticleRow) {
  if (row.authorUserId !== ctx.actor.userId && !ctx.actor.roles.some((r) => r === 'editor' || r === 'admin')) throw errors.forbidden();
}

export async function updateArticle(db: Db, ctx: RequestContext, id: number, patch: Partial<ArticleInput>) {
  return db.transaction(async (tx) => {
    const before = await articleRow(tx, ctx, id, true);
    assertMayEdit(ctx, before);
    assertMove(before, 'edit');
    if (patch.departmentId !== undefined) {
      assertMayWriteFor(ctx, patch.departmentId);
      await assertActiveDepartment(tx, ctx.actor.hospitalId, patch.departmentId);
    }
    const { body, tags, ...rest } = patch;
    const [row] = await tx
      .update(articles)
      .set({
        ...rest,
        ...(body === undefined ? {} : { bodyHtml: sanitizeRichText(body) }),
        ...(tags === undefined ? {} : { tags: [...new Set(tags)] }),
        version: before.version + 1,
        updatedAt: sql`now()`,
      })
      .where(eq(articles.id, id))
      .returning();
    await tx.insert(articleVersions).values({ articleId: id, version: row.version, snapshot: snapshotOf(row), savedBy: ctx.actor.userId });
    await recordAudit(tx, ctx, { action: 'article.update', entityType: 'article', entityId: id, hospitalId: row.hospitalId, before: snapshotOf(before), after: snapshotOf(row) });
    return toArticle(row, await stepsOf(tx, row));
  });
}

const complianceBlocked = (findings: unknown[]) =>
  new AppError(422, 'compliance_blocked', { 'zh-CN': '稿件存在禁止发布的内容，请修改后再提交', en: 'The draft has findings that block submission' }, findings);
const acknowledgementRequired = (findings: unknown[]) =>
  new AppError(422, 'compliance_acknowledgement_required', { 'zh-CN': '稿件有需要确认的提示，请填写说明后再提交', en: 'Acknowledge the warnings, with a reason, to submit' }, findings);

/**
 * Submitting runs the compliance checker: `block` findings stop it, `warn` findings need an acknowledgement with a
 * reason that reviewers see. Each submission starts a fresh review chain.
 */
export async function submitArticle(db: Db, ctx: RequestContext, id: number, input: { acknowledgement?: { reason: string } }, locale: Locale) {
  const current = await articleRow(db, ctx, id);
  assertMayEdit(ctx, current);
  assertMove(current, 'submit');
  const { findings } = await checkCompliance(db, ctx, { title: current.title, html: current.bodyHtml }, locale);
  const blocking = findings.filter((f) => f.severity === 'block');
  if (blocking.length) throw complianceBlocked(blocking);
  const warnings = findings.filter((f) => f.severity === 'warn');
  if (warnings.length && !input.acknowledgement?.reason.trim()) throw acknowledgementRequired(warnings);
  // Photos of patients go out only with their consent on record (the asset library keeps it).
  await assertAssetsUsable(db, current.hospitalId, assetIdsInHtml(current.bodyHtml));

  return db.transaction(async (tx) => {
    const before = await articleRow(tx, ctx, id, true);
    assertMove(before, 'submit');
    if (before.version !== current.version) {
      throw new AppError(409, 'changed_meanwhile', { 'zh-CN': '稿件在检查期间被修改，请重新提交', en: 'The article changed while it was being checked; submit again' });
    }
    const round = before.round + 1;
    const chain = await reviewChainFor(tx, before.hospitalId, before.category, before.sensitivity);
    await tx.insert(reviewSteps).values(
      chain.map((step, position) => ({
        articleId: id,
        round,
        position,
        name: step.name,
        role: step.role,
        scope: step.scope,
        status: position === 0 ? ('pending' as const) : ('waiting' as const),
        dueAt: position === 0 ? sql`now() + make_interval(hours => ${step.dueHours})` : null,
        dueHours: step.dueHours,
      })),
    );
    const [row] = await tx
      .update(articles)
      .set({
        status: 'in_review',
        round,
        acknowledgement: warnings.length ? { reason: input.acknowledgement!.reason.trim(), findings: warnings } : null,
        submittedAt: sql`now()`,
        updatedAt: sql`now()`,
      })
      .where(eq(articles.id, id))
      .returning();
    await recordAudit(tx, ctx, { action: 'article.submit', entityType: 'article', entityId: id, hospitalId: row.hospitalId, before: { status: before.status }, after: { status: row.status, round, steps: chain.map((s) => s.name) } });
    return toArticle(row, await stepsOf(tx, row));
  });
}

/**
 * 修改重发: an approved article goes back to draft for its author (or the publicity department) to change and submit
 * again, through the whole review chain. Only once every publication of it is withdrawn: what a channel shows must
 * stay what was approved.
 */
export async function reviseArticle(db: Db, ctx: RequestContext, id: number, input: { reason: string }) {
  return db.transaction(async (tx) => {
    const before = await articleRow(tx, ctx, id, true);
    assertMayEdit(ctx, before);
    assertMove(before, 'revise');
    const open = (await publicationsOfArticle(tx, id)).filter((p) => p.status !== 'withdrawn');
    if (open.length) {
      const names = [...new Set(open.map((p) => p.channelName))];
      throw new AppError(
        409,
        'publications_open',
        { 'zh-CN': `请先撤回该稿件在以下阵地的发布：${names.join('、')}`, en: `Withdraw the article from ${names.join(', ')} first` },
        open.map((p) => ({ publicationId: p.publicationId, channelName: p.channelName, status: p.status })),
      );
    }
    const [row] = await tx.update(articles).set({ status: 'draft', acknowledgement: null, updatedAt: sql`now()` }).where(eq(articles.id, id)).returning();
    await recordAudit(tx, ctx, { action: 'article.revise', entityType: 'article', entityId: id, hospitalId: row.hospitalId, before: { status: before.status }, after: { status: row.status, reason: input.reason } });
    return toArticle(row, await stepsOf(tx, row));
  });
}

const decisionStatus = { approve: 'approved', return: 'returned', reject: 'rejected' } as const;

/** The current step's reviewer decides: nobody approves their own work and no step is skipped. */
export async function reviewArticle(db: Db, ctx: RequestContext, id: number, input: { decision: ReviewDecision; comment?: string }) {
  if (input.decision !== 'approve' && !input.comment?.trim()) {
    throw errors.invalidField('comment', '退回或不通过时须填写意见', 'A comment is required to return or reject');
  }
  return db.transaction(async (tx) => {
    const before = await articleRow(tx, ctx, id, true);
    assertMove(before, 'review');
    const steps = await stepsOf(tx, before);
    const step = steps.find((s) => s.status === 'pending');
    if (!step) throw new AppError(409, 'invalid_state', { 'zh-CN': '没有待审核的步骤', en: 'No step is waiting for a decision' });
    if (!holdsReviewStep(ctx.actor, step, before)) throw errors.forbidden();
    if (before.authorUserId === ctx.actor.userId) throw errors.invalidField('decision', '不能审核自己的稿件', 'You cannot review your own article');

    await tx
      .update(reviewSteps)
      .set({ status: decisionStatus[input.decision], decidedBy: ctx.actor.userId, decidedAt: sql`now()`, comment: input.comment?.trim() || null })
      .where(eq(reviewSteps.id, step.id));
    const next = steps.find((s) => s.position === step.position + 1);
    let status: ArticleRow['status'] = input.decision === 'approve' ? 'in_review' : decisionStatus[input.decision];
    if (input.decision === 'approve' && next) {
      await tx.update(reviewSteps).set({ status: 'pending', dueAt: sql`now() + make_interval(hours => ${next.dueHours ?? defaultDueHours})` }).where(eq(reviewSteps.id, next.id));
    } else if (input.decision === 'approve') {
      status = 'approved';
    }
    const [row] = await tx
      .update(articles)
      .set({ status, ...(status === 'approved' ? { approvedAt: sql`now()` } : {}), updatedAt: sql`now()` })
      .where(eq(articles.id, id))
      .returning();
    await recordAudit(tx, ctx, {
      action: `article.review.${input.decision}`, entityType: 'article', entityId: id, hospitalId: row.hospitalId,
      before: { status: before.status, step: step.name }, after: { status: row.status, comment: input.comment ?? null },
    });
    return toArticle(row, await stepsOf(tx, row));
  });
}

/**
 * For the channels module: the article a publication carries, which must be approved. Read FOR SHARE, so that a
 * revision (which locks the article to send it back to draft) waits for the publication being created, and sees it.
 */
export async function approvedArticleForPublishing(db: DbOrTx, hospitalId: number, articleId: number) {
  const [row] = await db.select().from(articles).where(and(eq(articles.id, articleId), eq(articles.hospitalId, hospitalId))).for('share');
  if (!row) throw errors.invalidField('articleId', '稿件不存在', 'Unknown article');
  if (row.status !== 'approved') throw errors.invalidField('articleId', '只有审核通过的稿件才能发布', 'Only approved articles can be published');
  return row;
}

/** For the portal: published articles by id, in the order asked. */
export async function articlesByIds(db: Db, hospitalId: number, ids: number[]) {
  if (ids.length === 0) return [];
  const rows = await db.select().from(articles).where(and(eq(articles.hospitalId, hospitalId), inArray(articles.id, ids)));
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
}
