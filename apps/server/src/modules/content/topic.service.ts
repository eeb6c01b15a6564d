import { and, desc, eq, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../platform/db/database.ts';
import { AppError, errors } from '../../platform/http/errors.ts';
import { decodeCursor, pageOf } from '../../platform/http/pagination.ts';
import type { RequestContext } from '../../platform/http/request-context.ts';
import type { SecretBox } from '../../platform/secret-box.ts';
import { getChannel } from '../channels/channel.service.ts';
import { todayInChina } from '../messaging/statement.service.ts';
import { recordAudit } from '../org/audit.service.ts';
import { assertActiveDepartment } from '../org/department.service.ts';
import { orgPolicy } from '../org/org.policy.ts';
import { hospitalWideRoles } from '../org/roles.ts';
import { getUser } from '../org/user.service.ts';
import { createArticle } from './article.service.ts';
import { articles, topics } from './content.tables.ts';
import type { ArticleCategory } from './review-chain.ts';

type TopicRow = typeof topics.$inferSelect;
type TopicStatus = TopicRow['status'];
/** A topic as read, with the status of its article, which the publish move depends on. */
type TopicView = TopicRow & { articleStatus: (typeof articles.$inferSelect)['status'] | null };

/** Who may make a move: the assignee (and the planners), or the planners alone. */
type Mover = 'assignee' | 'planner';

/** The allowed moves of a topic, as data: from each status, where it may go and who may move it there. */
export const topicTransitions: Record<TopicStatus, Partial<Record<TopicStatus, Mover>>> = {
  planned: { in_progress: 'assignee', dropped: 'planner' },
  in_progress: { planned: 'assignee', submitted: 'assignee', dropped: 'planner' },
  submitted: { in_progress: 'assignee', published: 'planner', dropped: 'planner' },
  published: {},
  dropped: { planned: 'planner' },
};

const closedStatuses: readonly TopicStatus[] = ['published', 'dropped'];

/** The publicity department plans topics (选题策划): editors and administrators. */
export const plansTopics = (ctx: RequestContext) => ctx.actor.roles.some((r) => r === 'editor' || r === 'admin');

export function assertPlansTopics(ctx: RequestContext) {
  if (!plansTopics(ctx)) throw errors.forbidden();
}

const mayMove = (ctx: RequestContext, topic: TopicRow, mover: Mover) =>
  plansTopics(ctx) || (mover === 'assignee' && topic.assigneeUserId === ctx.actor.userId);

/** What a move needs beyond the table: a submitted topic has its draft, a published one an approved article. */
function guardOf(topic: TopicView, to: TopicStatus): AppError | null {
  if (to === 'submitted' && topic.articleId === null) {
    return new AppError(422, 'topic_article_required', { 'zh-CN': '选题尚未写稿，不能标记为已交稿', en: 'Write the article before marking the topic submitted' });
  }
  if (to === 'published' && topic.articleStatus !== 'approved') {
    return new AppError(422, 'article_not_approved', { 'zh-CN': '稿件审核通过后才能标记为已发布', en: 'The topic’s article must be approved before the topic is published' });
  }
  return null;
}

function movesFor(ctx: RequestContext, topic: TopicView): TopicStatus[] {
  return (Object.entries(topicTransitions[topic.status]) as [TopicStatus, Mover][])
    .filter(([to, mover]) => mayMove(ctx, topic, mover) && guardOf(topic, to) === null)
    .map(([to]) => to);
}

export function toTopic(ctx: RequestContext, r: TopicView, today = todayInChina()) {
  return {
    id: r.id,
    title: r.title,
    brief: r.brief,
    leadId: r.leadId,
    assigneeUserId: r.assigneeUserId,
    departmentId: r.departmentId,
    channelIds: r.channelIds,
    dueDate: r.dueDate,
    overdue: r.dueDate < today && !closedStatuses.includes(r.status),
    status: r.status,
    moves: movesFor(ctx, r),
    articleId: r.articleId,
    articleStatus: r.articleStatus,
    dropReason: r.dropReason,
    createdBy: r.createdBy,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

const snapshotOf = (r: TopicRow) => ({
  title: r.title, brief: r.brief, leadId: r.leadId, assigneeUserId: r.assigneeUserId, departmentId: r.departmentId,
  channelIds: r.channelIds, dueDate: r.dueDate, status: r.status, articleId: r.articleId,
});

/** Hospital-wide roles see every topic; everyone else their department's and the ones assigned to them. */
function readableBy(ctx: RequestContext): SQL | undefined {
  if (orgPolicy.seesWholeHospital(ctx.actor)) return undefined;
  return or(eq(topics.departmentId, ctx.actor.departmentId), eq(topics.assigneeUserId, ctx.actor.userId));
}

const selectTopics = (db: DbOrTx) =>
  db.select({ topic: topics, articleStatus: articles.status }).from(topics).leftJoin(articles, eq(articles.id, topics.articleId));

const viewOf = (r: { topic: TopicRow; articleStatus: TopicView['articleStatus'] }): TopicView => ({ ...r.topic, articleStatus: r.articleStatus });

async function topicRow(db: DbOrTx, ctx: RequestContext, id: number, lock = false) {
  const query = selectTopics(db).where(and(eq(topics.id, id), eq(topics.hospitalId, ctx.actor.hospitalId), readableBy(ctx)));
  const [row] = lock ? await query.for('update', { of: topics }) : await query;
  if (!row) throw errors.notFound('topic');
  return viewOf(row);
}

export type TopicPlan = { assigneeUserId: number; dueDate: string; channelIds: number[]; brief?: string | null };

const notFoundAsNull = (err: unknown) => {
  if (err instanceof AppError && err.status === 404) return null;
  throw err;
};

/** The assignee writes the article, so must be someone who may write for the topic's department. */
async function assertAssignee(db: Db, ctx: RequestContext, userId: number, departmentId: number) {
  const user = await getUser(db, ctx, userId).catch(notFoundAsNull);
  if (!user || user.status !== 'active') throw errors.invalidField('assigneeUserId', '负责人不存在或已停用', 'Unknown or disabled assignee');
  if (user.departmentId !== departmentId && !user.roles.some((r) => hospitalWideRoles.includes(r))) {
    throw errors.invalidField('assigneeUserId', '负责人须是该科室人员，或可为全院撰稿的人员', 'The assignee must belong to the department or write for the whole hospital');
  }
}

/** Target channels come from the channel registry; a retired channel is no target. */
async function assertChannels(db: Db, secrets: SecretBox, ctx: RequestContext, channelIds: number[]) {
  for (const [index, channelId] of channelIds.entries()) {
    const channel = await getChannel(db, secrets, ctx, channelId).catch(notFoundAsNull);
    if (!channel || channel.status === 'retired') throw errors.invalidField(`channelIds.${index}`, '阵地不存在或已停用', 'Unknown or retired channel');
  }
}

/** Checks the parts of a plan that are given, before the transaction that stores it. */
export async function assertTopicPlan(db: Db, secrets: SecretBox, ctx: RequestContext, departmentId: number, plan: Partial<TopicPlan>) {
  if (plan.dueDate !== undefined && plan.dueDate < todayInChina()) {
    throw errors.invalidField('dueDate', '截止日期不能早于今天', 'The due date cannot be in the past');
  }
  if (plan.assigneeUserId !== undefined) await assertAssignee(db, ctx, plan.assigneeUserId, departmentId);
  if (plan.channelIds !== undefined) await assertChannels(db, secrets, ctx, plan.channelIds);
}

export type NewTopic = TopicPlan & { title: string; departmentId: number; leadId: number | null };

/** Stores a checked plan as a planned topic, with its audit entry, in the caller's transaction. */
export async function insertTopic(tx: DbOrTx, ctx: RequestContext, input: NewTopic): Promise<TopicView> {
  const [row] = await tx
    .insert(topics)
    .values({
      hospitalId: ctx.actor.hospitalId,
      departmentId: input.departmentId,
      title: input.title,
      brief: input.brief ?? null,
      leadId: input.leadId,
      assigneeUserId: input.assigneeUserId,
      channelIds: [...new Set(input.channelIds)],
      dueDate: input.dueDate,
      createdBy: ctx.actor.userId,
    })
    .returning();
  await recordAudit(tx, ctx, { action: 'topic.create', entityType: 'topic', entityId: row.id, hospitalId: row.hospitalId, after: snapshotOf(row) });
  return { ...row, articleStatus: null };
}

export async function createTopic(db: Db, secrets: SecretBox, ctx: RequestContext, input: Omit<NewTopic, 'leadId'>) {
  assertPlansTopics(ctx);
  await assertActiveDepartment(db, ctx.actor.hospitalId, input.departmentId);
  await assertTopicPlan(db, secrets, ctx, input.departmentId, input);
  return db.transaction(async (tx) => toTopic(ctx, await insertTopic(tx, ctx, { ...input, leadId: null })));
}

export type TopicFilter = { limit: number; cursor?: string; status?: TopicStatus; assigneeUserId?: number; departmentId?: number };

export async function listTopics(db: Db, ctx: RequestContext, filter: TopicFilter) {
  const before = decodeCursor(filter.cursor);
  const conditions: (SQL | undefined)[] = [
    eq(topics.hospitalId, ctx.actor.hospitalId),
    readableBy(ctx),
    before === undefined ? undefined : lt(topics.id, before),
    filter.status ? eq(topics.status, filter.status) : undefined,
    filter.assigneeUserId === undefined ? undefined : eq(topics.assigneeUserId, filter.assigneeUserId),
    filter.departmentId === undefined ? undefined : eq(topics.departmentId, filter.departmentId),
  ];
  const rows = await selectTopics(db).where(and(...conditions)).orderBy(desc(topics.id)).limit(filter.limit + 1);
  const today = todayInChina();
  return pageOf(rows.map(viewOf), filter.limit, (r) => toTopic(ctx, r, today));
}

export async function getTopic(db: Db, ctx: RequestContext, id: number) {
  return toTopic(ctx, await topicRow(db, ctx, id));
}

const topicClosed = (status: TopicStatus) =>
  new AppError(409, 'invalid_state', { 'zh-CN': `选题已${status === 'published' ? '发布' : '放弃'}，不能再修改`, en: `A ${status} topic cannot be changed` }, { status });

export type TopicPatch = Partial<Omit<NewTopic, 'leadId'>>;

export async function updateTopic(db: Db, secrets: SecretBox, ctx: RequestContext, id: number, patch: TopicPatch) {
  assertPlansTopics(ctx);
  const current = await topicRow(db, ctx, id);
  if (closedStatuses.includes(current.status)) throw topicClosed(current.status);
  const departmentId = patch.departmentId ?? current.departmentId;
  const departmentChanged = departmentId !== current.departmentId;
  if (departmentChanged) {
    if (current.articleId !== null) throw errors.invalidField('departmentId', '已写稿的选题不能更换科室', 'A topic with an article cannot change department');
    await assertActiveDepartment(db, ctx.actor.hospitalId, departmentId);
  }
  // Only what changes is checked, so an overdue topic keeps its date through an edit of its title; a new
  // department needs the assignee to fit it too, whether or not the assignee changes.
  const assigneeUserId = patch.assigneeUserId ?? current.assigneeUserId;
  await assertTopicPlan(db, secrets, ctx, departmentId, {
    assigneeUserId: departmentChanged || assigneeUserId !== current.assigneeUserId ? assigneeUserId : undefined,
    dueDate: patch.dueDate === current.dueDate ? undefined : patch.dueDate,
    channelIds: patch.channelIds?.join() === current.channelIds.join() ? undefined : patch.channelIds,
  });

  return db.transaction(async (tx) => {
    const before = await topicRow(tx, ctx, id, true);
    if (closedStatuses.includes(before.status)) throw topicClosed(before.status);
    const { channelIds, ...rest } = patch;
    const [row] = await tx
      .update(topics)
      .set({ ...rest, ...(channelIds === undefined ? {} : { channelIds: [...new Set(channelIds)] }), updatedAt: sql`now()` })
      .where(eq(topics.id, id))
      .returning();
    await recordAudit(tx, ctx, { action: 'topic.update', entityType: 'topic', entityId: id, hospitalId: row.hospitalId, before: snapshotOf(before), after: snapshotOf(row) });
    return toTopic(ctx, { ...row, articleStatus: before.articleStatus });
  });
}

/** Moves a topic along the table; dropping needs a reason, which the board shows. */
export async function transitionTopic(db: Db, ctx: RequestContext, id: number, input: { to: TopicStatus; reason?: string }) {
  return db.transaction(async (tx) => {
    const before = await topicRow(tx, ctx, id, true);
    const mover = topicTransitions[before.status][input.to];
    if (!mover) {
      const allowed = Object.keys(topicTransitions[before.status]);
      throw new AppError(409, 'invalid_transition', { 'zh-CN': `选题当前状态（${before.status}）不能转为 ${input.to}`, en: `A ${before.status} topic cannot move to ${input.to}` }, { from: before.status, to: input.to, allowed });
    }
    if (!mayMove(ctx, before, mover)) throw errors.forbidden();
    const refused = guardOf(before, input.to);
    if (refused) throw refused;
    const reason = input.reason?.trim() || null;
    if (input.to === 'dropped' && !reason) throw errors.invalidField('reason', '放弃选题须填写原因', 'A reason is required to drop a topic');
    const [row] = await tx
      .update(topics)
      .set({ status: input.to, dropReason: input.to === 'dropped' ? reason : null, updatedAt: sql`now()` })
      .where(eq(topics.id, id))
      .returning();
    await recordAudit(tx, ctx, {
      action: 'topic.transition', entityType: 'topic', entityId: id, hospitalId: row.hospitalId,
      before: { status: before.status }, after: { status: row.status, reason },
    });
    return toTopic(ctx, { ...row, articleStatus: before.articleStatus });
  });
}

/**
 * 写稿: the assignee (or a planner) starts the topic's draft. The article is created by the article service in the
 * same transaction as the link, and the topic moves to in_progress: writing has begun. It becomes submitted only
 * when someone moves it there, since the draft may still be far from done.
 */
export async function createArticleFromTopic(db: Db, ctx: RequestContext, id: number, input: { category?: ArticleCategory }) {
  return db.transaction(async (tx) => {
    const before = await topicRow(tx, ctx, id, true);
    if (!plansTopics(ctx) && before.assigneeUserId !== ctx.actor.userId) throw errors.forbidden();
    if (before.articleId !== null) {
      throw new AppError(409, 'topic_has_article', { 'zh-CN': '该选题已有稿件', en: 'The topic already has an article' }, { articleId: before.articleId });
    }
    if (before.status !== 'planned' && before.status !== 'in_progress') {
      throw new AppError(409, 'invalid_state', { 'zh-CN': '只有策划中或撰写中的选题可以写稿', en: `Cannot write an article for a ${before.status} topic` }, { status: before.status });
    }
    const article = await createArticle(tx, ctx, { title: before.title, body: '', category: input.category ?? 'news', departmentId: before.departmentId });
    const [row] = await tx.update(topics).set({ articleId: article.id, status: 'in_progress', updatedAt: sql`now()` }).where(eq(topics.id, id)).returning();
    await recordAudit(tx, ctx, {
      action: 'topic.article', entityType: 'topic', entityId: id, hospitalId: row.hospitalId,
      before: { status: before.status, articleId: null }, after: { status: row.status, articleId: article.id },
    });
    return article;
  });
}
