import { and, asc, eq, gt, sql } from 'drizzle-orm';
import { reanchor, visibleText } from '../../../../../packages/text/src/index.ts';
import type { Db, DbOrTx } from '../../platform/db/database.ts';
import { AppError, errors } from '../../platform/http/errors.ts';
import { decodeCursor, pageOf } from '../../platform/http/pagination.ts';
import type { RequestContext } from '../../platform/http/request-context.ts';
import { recordAudit } from '../org/audit.service.ts';
import { usersByIds } from '../org/directory.service.ts';
import { articleRow } from './article.service.ts';
import { articleComments, articles, articleVersions, reviewSteps } from './content.tables.ts';
import { holdsReviewStep } from './review-chain.ts';

type ArticleRow = typeof articles.$inferSelect;
type CommentRow = typeof articleComments.$inferSelect;
type StepRow = typeof reviewSteps.$inferSelect;

/** A thread quotes the text it is about, anchored in the version it was made on; a reply names its thread instead. */
export type CommentInput = { body: string; parentId?: number; quote?: string; anchor?: { start: number; end: number; version: number } };

const commentColumns = { comment: articleComments, stepName: reviewSteps.name };

function toComment(r: CommentRow, stepName: string | null, names: Map<number, string>) {
  return {
    id: r.id,
    articleId: r.articleId,
    round: r.round,
    reviewStepId: r.reviewStepId,
    stepName,
    parentId: r.parentId,
    authorUserId: r.authorUserId,
    authorName: names.get(r.authorUserId) ?? null,
    quote: r.quote,
    anchor: r.anchorStart === null || r.anchorEnd === null || r.anchorVersion === null ? null : { start: r.anchorStart, end: r.anchorEnd, version: r.anchorVersion },
    body: r.body,
    resolved: r.resolvedAt !== null,
    resolvedBy: r.resolvedBy,
    resolvedByName: r.resolvedBy === null ? null : (names.get(r.resolvedBy) ?? null),
    resolvedAt: r.resolvedAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

async function namesOf(db: DbOrTx, hospitalId: number, rows: CommentRow[]) {
  const ids = rows.flatMap((r) => (r.resolvedBy === null ? [r.authorUserId] : [r.authorUserId, r.resolvedBy]));
  const people = await usersByIds(db, hospitalId, [...new Set(ids)]);
  return new Map(people.map((p) => [p.id, p.displayName]));
}

async function commentOut(db: DbOrTx, ctx: RequestContext, id: number) {
  const [found] = await db.select(commentColumns).from(articleComments).leftJoin(reviewSteps, eq(reviewSteps.id, articleComments.reviewStepId)).where(eq(articleComments.id, id));
  return toComment(found.comment, found.stepName, await namesOf(db, ctx.actor.hospitalId, [found.comment]));
}

/** The comments on an article, oldest first (threads read in order): whoever may read the article may read them. */
export async function listArticleComments(db: Db, ctx: RequestContext, articleId: number, filter: { limit: number; cursor?: string }) {
  await articleRow(db, ctx, articleId);
  const after = decodeCursor(filter.cursor);
  const rows = await db
    .select(commentColumns)
    .from(articleComments)
    .leftJoin(reviewSteps, eq(reviewSteps.id, articleComments.reviewStepId))
    .where(and(eq(articleComments.articleId, articleId), after === undefined ? undefined : gt(articleComments.id, after)))
    .orderBy(asc(articleComments.id))
    .limit(filter.limit + 1);
  const names = await namesOf(db, ctx.actor.hospitalId, rows.map((r) => r.comment));
  return pageOf(
    rows.map((r) => ({ id: r.comment.id, ...r })),
    filter.limit,
    (r) => toComment(r.comment, r.stepName, names),
  );
}

/** A step of the round the actor may decide: their role, and for a department step the article's department. */
function mayDecide(ctx: RequestContext, article: ArticleRow, step: StepRow) {
  return holdsReviewStep(ctx.actor, step, article);
}

/** The step a reviewer's comment belongs to: the one waiting for them, else the one they decided this round. */
function stepOfReviewer(ctx: RequestContext, article: ArticleRow, steps: StepRow[]) {
  const mine = steps.filter((s) => mayDecide(ctx, article, s));
  return mine.find((s) => s.status === 'pending') ?? mine.find((s) => s.decidedBy === ctx.actor.userId) ?? mine[0] ?? null;
}

/** Where the quote stands in the visible text of the version the commenter read; moved to its nearest occurrence if the offsets drifted. */
async function anchorIn(db: DbOrTx, articleId: number, quote: string, anchor: NonNullable<CommentInput['anchor']>) {
  if (anchor.end - anchor.start !== quote.length) {
    throw errors.invalidField('anchor.end', '批注位置与所选文字长度不符', 'The anchor does not span the quote');
  }
  const [version] = await db
    .select({ snapshot: articleVersions.snapshot })
    .from(articleVersions)
    .where(and(eq(articleVersions.articleId, articleId), eq(articleVersions.version, anchor.version)));
  if (!version) throw errors.invalidField('anchor.version', '稿件没有该版本', 'The article has no such version');
  const span = reanchor(visibleText(version.snapshot.body), quote, anchor.start);
  if (!span) throw errors.invalidField('quote', '所选文字不在该版本的正文中', 'The quote is not in that version of the body');
  return span;
}

/**
 * Reviewers of the current round and editors open threads on a quoted passage; they and the author reply.
 * Nobody reviews their own article, so its author never counts as its reviewer.
 */
export async function addArticleComment(db: Db, ctx: RequestContext, articleId: number, input: CommentInput) {
  return db.transaction(async (tx) => {
    const article = await articleRow(tx, ctx, articleId);
    const steps = article.round === 0 ? [] : await tx.select().from(reviewSteps).where(and(eq(reviewSteps.articleId, articleId), eq(reviewSteps.round, article.round)));
    const isAuthor = article.authorUserId === ctx.actor.userId;
    const reviewerStep = isAuthor ? null : stepOfReviewer(ctx, article, steps);
    const isEditor = ctx.actor.roles.includes('editor');
    const mayOpenThreads = reviewerStep !== null || isEditor;
    if (!mayOpenThreads && !(isAuthor && input.parentId !== undefined)) throw errors.forbidden();

    let anchor: { quote: string; anchorStart: number; anchorEnd: number; anchorVersion: number } | null = null;
    if (input.parentId !== undefined) {
      if (input.quote !== undefined || input.anchor !== undefined) {
        throw errors.invalidField('parentId', '回复不单独引用原文', 'A reply quotes nothing of its own');
      }
      const [parent] = await tx.select().from(articleComments).where(and(eq(articleComments.id, input.parentId), eq(articleComments.articleId, articleId)));
      if (!parent) throw errors.invalidField('parentId', '要回复的批注不存在', 'No such comment on this article');
      if (parent.parentId !== null) throw errors.invalidField('parentId', '只能回复批注本身', 'Reply to the thread, not to a reply');
    } else {
      if (input.quote === undefined || input.anchor === undefined) {
        throw errors.invalidField('quote', '批注须引用正文中的文字', 'A comment quotes a passage of the body');
      }
      const span = await anchorIn(tx, articleId, input.quote, input.anchor);
      anchor = { quote: input.quote, anchorStart: span.start, anchorEnd: span.end, anchorVersion: input.anchor.version };
    }

    const [row] = await tx
      .insert(articleComments)
      .values({
        articleId,
        round: article.round,
        reviewStepId: reviewerStep?.id ?? null,
        parentId: input.parentId ?? null,
        authorUserId: ctx.actor.userId,
        body: input.body,
        ...anchor,
      })
      .returning();
    const created = await commentOut(tx, ctx, row.id);
    await recordAudit(tx, ctx, { action: 'article.comment.create', entityType: 'article_comment', entityId: row.id, hospitalId: article.hospitalId, after: created });
    return created;
  });
}

/** The author marks a thread dealt with. */
export async function resolveArticleComment(db: Db, ctx: RequestContext, articleId: number, commentId: number) {
  return db.transaction(async (tx) => {
    const article = await articleRow(tx, ctx, articleId);
    const [comment] = await tx
      .select()
      .from(articleComments)
      .where(and(eq(articleComments.id, commentId), eq(articleComments.articleId, articleId)))
      .for('update');
    if (!comment) throw errors.notFound('comment');
    if (article.authorUserId !== ctx.actor.userId) throw errors.forbidden();
    if (comment.parentId !== null) throw errors.invalidField('commentId', '只能将批注本身标为已解决', 'Resolve the thread, not a reply');
    if (comment.resolvedAt !== null) throw new AppError(409, 'invalid_state', { 'zh-CN': '该批注已解决', en: 'The comment is already resolved' });
    await tx.update(articleComments).set({ resolvedBy: ctx.actor.userId, resolvedAt: sql`now()`, updatedAt: sql`now()` }).where(eq(articleComments.id, commentId));
    const resolved = await commentOut(tx, ctx, commentId);
    await recordAudit(tx, ctx, {
      action: 'article.comment.resolve', entityType: 'article_comment', entityId: commentId, hospitalId: article.hospitalId,
      before: { resolved: false }, after: { resolved: true, resolvedBy: ctx.actor.userId },
    });
    return resolved;
  });
}
