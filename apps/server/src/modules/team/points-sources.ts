import { and, eq, gte, isNotNull, lt } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../platform/db/database.ts';
import { publicationsOfArticle } from '../channels/article-publications.service.ts';
import { publishedPieces } from '../channels/published-pieces.service.ts';
import { articleFactsByIds } from '../content/article-facts.service.ts';
import type { ArticleCredit } from '../content/content.tables.ts';
import { usersByIds } from '../org/directory.service.ts';
import { lockSubject, nothingSettled, settle, type Claim, type Settled } from './points-settlement.ts';
import { ruleMatches, rulesOfKinds } from './points-rules.service.ts';
import { pointsEntries, trainingAttendances, trainings, type Attendance } from './team.tables.ts';

/** Credit roles that make a credited person an author, as for published pieces; 编辑 is the publicity department's own work. */
const authorCreditRoles = new Set(['供稿', '采集', '摄影']);

/**
 * Who earns an article's points: everyone credited as its author with an account (供稿, 采集, 摄影), each the rule's
 * full points; an article that credits no account earns them for the person who wrote it in the system, the
 * submitting correspondent.
 */
export function recipientsOf(article: { authorUserId: number; credits: ArticleCredit[] }): number[] {
  const credited = article.credits.flatMap((c) => (c.userId !== undefined && authorCreditRoles.has(c.role) ? [c.userId] : []));
  return credited.length > 0 ? [...new Set(credited)] : [article.authorUserId];
}

const add = (a: Settled, b: Settled): Settled => ({ awarded: a.awarded + b.awarded, reversed: a.reversed + b.reversed });

/**
 * An article's points against what is out now: each live publication earns the `publication` rules its channel kind
 * and category meet, and the article earns each matching `article` rule once, dated by its first matching
 * publication. What was earned from a publication since withdrawn is reversed; an `article` grant only when no
 * publication of it is out any more. Run on every publication event and by the reconciliation sweep.
 */
export async function settleArticle(db: Db, articleId: number): Promise<Settled> {
  return db.transaction(async (tx) => {
    await lockSubject(tx, `points:article:${articleId}`);
    const publications = await publicationsOfArticle(tx, articleId);
    if (publications.length === 0) return nothingSettled;
    const hospitalId = publications[0].hospitalId;
    const [article] = await articleFactsByIds(tx, hospitalId, [articleId]);
    if (!article) return nothingSettled;
    const rules = await rulesOfKinds(tx, hospitalId, ['article', 'publication']);
    const people = await usersByIds(tx, hospitalId, recipientsOf(article));
    const live = publications.filter((p) => p.live);
    const claims: Claim[] = [];
    const claim = (ruleId: number, points: number, at: Date, source: Pick<Claim, 'sourceType' | 'sourceId' | 'reason'>) =>
      claims.push(...people.map((p) => ({ ruleId, points, userId: p.id, departmentId: p.departmentId, articleId, occurredAt: at, ...source })));
    for (const rule of rules) {
      if (rule.kind === 'publication') {
        for (const p of live) {
          if (ruleMatches(rule, { kind: 'publication', at: p.publishedAt!, channelKind: p.channelKind, category: article.category })) {
            claim(rule.id, rule.points, p.publishedAt!, { sourceType: 'publication', sourceId: p.publicationId, reason: `稿件《${article.title}》发布于${p.channelName}（${rule.name}）` });
          }
        }
      } else {
        const first = live.find((p) => ruleMatches(rule, { kind: 'article', at: p.publishedAt!, category: article.category }));
        if (first) claim(rule.id, rule.points, first.publishedAt!, { sourceType: 'article', sourceId: articleId, reason: `稿件《${article.title}》发布（${rule.name}）` });
      }
    }
    const liveIds = new Set(live.map((p) => p.publicationId));
    const channelOf = new Map(publications.map((p) => [p.publicationId, p.channelName]));
    return settle(tx, {
      hospitalId,
      sources: [
        { sourceType: 'publication', sourceIds: publications.map((p) => p.publicationId) },
        { sourceType: 'article', sourceIds: [articleId] },
      ],
      stands: (sourceType, sourceId) => (sourceType === 'article' ? live.length > 0 : liveIds.has(sourceId)),
      endReason: (grant) =>
        grant.sourceType === 'article' ? `撤销：稿件《${article.title}》已从所有阵地撤下` : `撤销：稿件《${article.title}》在${channelOf.get(grant.sourceId!)}的发布已撤回`,
      claims,
    });
  });
}

const attendanceNames: Record<Attendance, string> = { pending: '未登记', present: '出席', absent: '缺席', excused: '请假' };

/** A training's points: each attendee marked present earns the `training` rules valid on its date; an undone attendance loses them. */
export async function settleTraining(tx: DbOrTx, hospitalId: number, trainingId: number): Promise<Settled> {
  await lockSubject(tx, `points:training:${trainingId}`);
  const [training] = await tx.select().from(trainings).where(and(eq(trainings.id, trainingId), eq(trainings.hospitalId, hospitalId)));
  if (!training) return nothingSettled;
  const marks = new Map((await tx.select().from(trainingAttendances).where(eq(trainingAttendances.trainingId, trainingId))).map((a) => [a.userId, a.attendance]));
  const present = [...marks].flatMap(([userId, mark]) => (mark === 'present' ? [userId] : []));
  const rules = (await rulesOfKinds(tx, hospitalId, ['training'])).filter((rule) => ruleMatches(rule, { kind: 'training', at: training.startsAt }));
  const people = await usersByIds(tx, hospitalId, present);
  return settle(tx, {
    hospitalId,
    sources: [{ sourceType: 'training', sourceIds: [trainingId] }],
    stands: (_sourceType, _sourceId, userId) => marks.get(userId) === 'present',
    endReason: (grant) => {
      const mark = marks.get(grant.userId);
      return mark ? `撤销：培训“${training.topic}”的出勤改为${attendanceNames[mark]}` : `撤销：已从培训“${training.topic}”的名单中移除`;
    },
    claims: rules.flatMap((rule) =>
      people.map((p) => ({
        ruleId: rule.id,
        points: rule.points,
        userId: p.id,
        departmentId: p.departmentId,
        sourceType: 'training' as const,
        sourceId: trainingId,
        articleId: null,
        reason: `参加培训“${training.topic}”（${rule.name}）`,
        occurredAt: training.startsAt,
      })),
    ),
  });
}

/**
 * The reconciliation: the in-process event bus loses events when the process dies, a scheduled website piece goes
 * live without one, and a rule may be dated back. This derives the ledger again for what happened within the
 * window — articles published in it (published pieces), articles with points dated in it (to find withdrawals),
 * trainings held in it — and appends only what is missing.
 */
export async function reconcilePoints(db: Db, hospitalId: number, window: { start: Date; end: Date }) {
  const pieces = await publishedPieces(db, hospitalId, { from: window.start, to: window.end });
  const credited = await db
    .selectDistinct({ articleId: pointsEntries.articleId })
    .from(pointsEntries)
    .where(and(eq(pointsEntries.hospitalId, hospitalId), isNotNull(pointsEntries.articleId), gte(pointsEntries.occurredAt, window.start), lt(pointsEntries.occurredAt, window.end)));
  const articleIds = new Set([...pieces.map((p) => p.articleId), ...credited.map((c) => c.articleId!)]);
  const held = await db
    .select({ id: trainings.id })
    .from(trainings)
    .where(and(eq(trainings.hospitalId, hospitalId), gte(trainings.startsAt, window.start), lt(trainings.startsAt, window.end)));
  let settled = nothingSettled;
  for (const articleId of articleIds) settled = add(settled, await settleArticle(db, articleId));
  for (const { id } of held) settled = add(settled, await db.transaction((tx) => settleTraining(tx, hospitalId, id)));
  return { articles: articleIds.size, trainings: held.length, ...settled };
}
