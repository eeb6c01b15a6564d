/**
 * 回应口径: a response drafted from an approved statement of the 口径 library, adapted to the incident, then published
 * through the content pipeline: an article of category `notice` (major: the leader approves it) submitted to the
 * review chain. The incident keeps the link and shows the article's status and publications.
 */
import { eq, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../platform/db/database.ts';
import { AppError, errors, type Locale } from '../../platform/http/errors.ts';
import type { RequestContext } from '../../platform/http/request-context.ts';
import { publicationsOfArticle } from '../channels/article-publications.service.ts';
import { articlesByIds, createArticle, submitArticle, updateArticle } from '../content/article.service.ts';
import { getStatement, relatedStatements } from '../messaging/statement.service.ts';
import { assertOpen, incidentFor } from './incident-access.ts';
import { recordIncidentChange } from './incident-events.ts';
import { incidentClusters, incidentResponses } from './incidents.tables.ts';
import { clusterById } from './mention.service.ts';

/** What the incident shows of its response article: its state in the content pipeline and where it went out. */
export async function responseView(db: Db, hospitalId: number, incidentId: number) {
  const [r] = await db.select().from(incidentResponses).where(eq(incidentResponses.incidentId, incidentId));
  if (!r) return null;
  const [article] = r.articleId === null ? [] : await articlesByIds(db, hospitalId, [r.articleId]);
  const publications = article ? await publicationsOfArticle(db, article.id) : [];
  return {
    statementId: r.statementId,
    statementVersion: r.statementVersion,
    statementTopic: r.statementTopic,
    title: r.title,
    body: r.body,
    draftedBy: r.draftedBy,
    submittedAt: r.submittedAt?.toISOString() ?? null,
    updatedAt: r.updatedAt.toISOString(),
    article: article
      ? { id: article.id, title: article.title, status: article.status, submittedAt: article.submittedAt?.toISOString() ?? null, approvedAt: article.approvedAt?.toISOString() ?? null }
      : null,
    publications: publications.map((p) => ({ id: p.publicationId, channelId: p.channelId, channelName: p.channelName, channelKind: p.channelKind, publishedAt: p.publishedAt?.toISOString() ?? null, live: p.live })),
  };
}

/** The response just written: it exists. */
async function writtenResponse(db: Db, hospitalId: number, incidentId: number) {
  const view = await responseView(db, hospitalId, incidentId);
  if (!view) throw errors.notFound('incident_response');
  return view;
}

/** The response article's status, for the 回应 move's requirement. */
export async function responseArticleStatus(db: Db, hospitalId: number, incidentId: number) {
  const [r] = await db.select({ articleId: incidentResponses.articleId }).from(incidentResponses).where(eq(incidentResponses.incidentId, incidentId));
  if (!r || r.articleId === null) return null;
  const [article] = await articlesByIds(db, hospitalId, [r.articleId]);
  return article?.status ?? null;
}

const locked = () => new AppError(409, 'response_locked', { 'zh-CN': '回应稿已提交审核或已通过，不能再修改', en: 'The response is in review or approved; it can no longer change' });
const isLocked = (status: string | null) => status === 'in_review' || status === 'approved';

/** Approved statements that speak to the incident, best first: its title, summary and stories' titles as the query. */
export async function statementSuggestions(db: Db, ctx: RequestContext, incidentId: number) {
  const { row } = await incidentFor(db, ctx, incidentId, 'read');
  const links = await db.select({ clusterId: incidentClusters.clusterId }).from(incidentClusters).where(eq(incidentClusters.incidentId, incidentId));
  const titles = await Promise.all(links.map(async (l) => (await clusterById(db, row.hospitalId, l.clusterId))?.title ?? ''));
  return relatedStatements(db, ctx, [row.title, row.summary, ...titles].join('\n'), 5);
}

/** The approved statement a response is drafted from; anything else is a bad field, not a missing page. */
async function approvedStatement(db: Db, ctx: RequestContext, statementId: number) {
  const refused = () => errors.invalidField('statementId', '请选择已批准且在有效期内的口径', 'Pick an approved statement that is in force');
  try {
    const statement = await getStatement(db, ctx, statementId);
    if (statement.status !== 'approved') throw refused();
    return statement;
  } catch (err) {
    if (err instanceof AppError && err.status === 404) throw refused();
    throw err;
  }
}

export type ResponseDraft = { statementId: number; title?: string; body?: string };

/** Picks a statement and adapts it; the wording is the statement's until edited. Editable until submitted. */
export async function draftResponse(db: Db, ctx: RequestContext, incidentId: number, input: ResponseDraft) {
  const statement = await approvedStatement(db, ctx, input.statementId);
  const status = await responseArticleStatus(db, ctx.actor.hospitalId, incidentId);
  await db.transaction(async (tx) => {
    const { row } = await incidentFor(tx, ctx, incidentId, 'manage', true);
    assertOpen(row);
    if (isLocked(status)) throw locked();
    const values = {
      statementId: statement.id,
      statementVersion: statement.version,
      statementTopic: statement.topic,
      title: input.title?.trim() || `关于“${row.title}”的情况通报`,
      body: input.body?.trim() || statement.wording,
      draftedBy: ctx.actor.userId,
    };
    const [current] = await tx.select().from(incidentResponses).where(eq(incidentResponses.incidentId, incidentId));
    // Saving what is already there (the console saves before it submits) is not a new draft.
    const unchanged = current && (['statementId', 'statementVersion', 'title', 'body'] as const).every((field) => current[field] === values[field]);
    if (unchanged) return;
    await tx.insert(incidentResponses).values({ incidentId, ...values }).onConflictDoUpdate({ target: incidentResponses.incidentId, set: { ...values, updatedAt: sql`now()` } });
    await recordIncidentChange(tx, ctx, row, { kind: 'response_drafted', note: `依据口径“${statement.topic}”（第 ${statement.version} 版）起草回应`, data: { statementId: statement.id, statementVersion: statement.version, title: values.title } });
  });
  return writtenResponse(db, ctx.actor.hospitalId, incidentId);
}

const escapeHtml = (text: string) => text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
const htmlOf = (body: string) =>
  body
    .split(/\n+/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => `<p>${escapeHtml(line)}</p>`)
    .join('');

/** The response article's content: a notice the leader approves (major), tagged as an opinion response. */
const articleOf = (response: { title: string; body: string; statementTopic: string }) => ({
  title: response.title,
  body: htmlOf(response.body),
  summary: response.statementTopic,
  category: 'notice' as const,
  sensitivity: 'major' as const,
  tags: ['舆情回应'],
});

/** Creates the article the first time (or after a rejection), in the incident's transaction, and links it. */
async function linkNewArticle(tx: DbOrTx, ctx: RequestContext, incidentId: number) {
  const { row } = await incidentFor(tx, ctx, incidentId, 'manage', true);
  assertOpen(row);
  const [response] = await tx.select().from(incidentResponses).where(eq(incidentResponses.incidentId, incidentId)).for('update');
  const article = await createArticle(tx, ctx, articleOf(response));
  await tx.update(incidentResponses).set({ articleId: article.id, updatedAt: sql`now()` }).where(eq(incidentResponses.incidentId, incidentId));
  return article.id;
}

/**
 * 发布回应: the drafted response becomes an article (or updates its returned or draft article) and is submitted to the
 * review chain; the content module runs its compliance check, whose refusals come back as they are.
 */
export async function submitResponse(db: Db, ctx: RequestContext, incidentId: number, input: { acknowledgement?: { reason: string } }, locale: Locale) {
  const { row } = await incidentFor(db, ctx, incidentId, 'manage');
  assertOpen(row);
  const [response] = await db.select().from(incidentResponses).where(eq(incidentResponses.incidentId, incidentId));
  if (!response) throw new AppError(409, 'response_missing', { 'zh-CN': '请先依据口径起草回应', en: 'Draft the response from a statement first' });
  const status = await responseArticleStatus(db, row.hospitalId, incidentId);
  if (isLocked(status)) throw locked();
  const articleId = status === null || status === 'rejected' ? await db.transaction((tx) => linkNewArticle(tx, ctx, incidentId)) : response.articleId!;
  if (status === 'draft' || status === 'returned') {
    const { title, body } = articleOf(response);
    await updateArticle(db, ctx, articleId, { title, body });
  }
  const article = await submitArticle(db, ctx, articleId, input, locale);
  await db.transaction(async (tx) => {
    const { row: locked } = await incidentFor(tx, ctx, incidentId, 'manage', true);
    await tx.update(incidentResponses).set({ submittedAt: sql`now()`, updatedAt: sql`now()` }).where(eq(incidentResponses.incidentId, incidentId));
    await recordIncidentChange(tx, ctx, locked, {
      kind: 'response_submitted',
      note: `回应稿《${article.title}》已提交审核：${article.reviewSteps.map((s) => s.name).join(' → ')}`,
      data: { articleId: article.id, status: article.status, steps: article.reviewSteps.map((s) => s.name) },
    });
  });
  return writtenResponse(db, row.hospitalId, incidentId);
}
