import { and, asc, eq, gt, lt } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.ts';
import { postNotices, type NoticeInput } from '../../platform/notices/notice.service.ts';
import { activeUsersWithRoles, type RoleHolder } from '../org/directory.service.ts';
import type { Role } from '../org/roles.ts';
import { articles, reviewSteps } from './content.tables.ts';
import { mayReviewStep } from './review-chain.ts';

/**
 * 审核超时提醒: once a review step is past its due time, everyone who could decide it (review-chain.ts's rule: the
 * step's role, the article's department for a department step, never the author) finds a notice in their console
 * inbox, once per step. The review inbox already flags the step as overdue; this tells the people who are not looking.
 */

export const reviewOverdueKind = 'review.overdue';
const batch = 500;

export type OverdueStep = {
  stepId: number;
  articleId: number;
  round: number;
  position: number;
  name: string;
  role: string;
  scope: 'department' | 'hospital';
  dueAt: Date;
  hospitalId: number;
  departmentId: number;
  authorUserId: number;
  title: string;
};

export const reviewOverdueKey = (step: Pick<OverdueStep, 'articleId' | 'round' | 'position'>) => `review:overdue:${step.articleId}:${step.round}:${step.position}`;

/** China time as the office writes it: 2026-03-05 14:07. */
const chinaMinute = (moment: Date) => new Date(moment.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

/** The notices for overdue steps of one hospital, given the people holding the steps' roles there. */
export function overdueNotices(steps: OverdueStep[], candidates: RoleHolder[]): NoticeInput[] {
  return steps.flatMap((step) =>
    candidates
      .filter((user) => mayReviewStep({ userId: user.id, roles: user.roles, departmentId: user.departmentId }, step, step))
      .map((user) => ({
        hospitalId: step.hospitalId,
        userId: user.id,
        kind: reviewOverdueKind,
        title: `审核超时：${step.title}`,
        body: `稿件《${step.title}》的“${step.name}”已于 ${chinaMinute(step.dueAt)} 到期，尚未审核，请尽快处理。`,
        link: `/content/review/${step.articleId}`,
        sourceKey: reviewOverdueKey(step),
      })),
  );
}

/** The current round's pending steps past their due time, in id order after `after`. */
async function overdueSteps(db: Db, now: Date, after: number): Promise<OverdueStep[]> {
  return db
    .select({
      stepId: reviewSteps.id,
      articleId: reviewSteps.articleId,
      round: reviewSteps.round,
      position: reviewSteps.position,
      name: reviewSteps.name,
      role: reviewSteps.role,
      scope: reviewSteps.scope,
      dueAt: reviewSteps.dueAt,
      hospitalId: articles.hospitalId,
      departmentId: articles.departmentId,
      authorUserId: articles.authorUserId,
      title: articles.title,
    })
    .from(reviewSteps)
    .innerJoin(articles, and(eq(articles.id, reviewSteps.articleId), eq(articles.round, reviewSteps.round)))
    .where(and(eq(reviewSteps.status, 'pending'), lt(reviewSteps.dueAt, now), eq(articles.status, 'in_review'), gt(reviewSteps.id, after)))
    .orderBy(asc(reviewSteps.id))
    .limit(batch) as Promise<OverdueStep[]>;
}

/**
 * Posts a notice to each eligible reviewer of each overdue step. Idempotent (one notice per reviewer and step, however
 * often the sweep runs and on however many instances), so it can run every few minutes everywhere.
 */
export async function remindOverdueReviews(db: Db, now = new Date()) {
  let posted = 0;
  let after = 0;
  for (;;) {
    const steps = await overdueSteps(db, now, after);
    if (steps.length === 0) break;
    after = steps[steps.length - 1].stepId;
    const hospitals = new Map<number, OverdueStep[]>();
    for (const step of steps) hospitals.set(step.hospitalId, [...(hospitals.get(step.hospitalId) ?? []), step]);
    for (const [hospitalId, ofHospital] of hospitals) {
      const candidates = await activeUsersWithRoles(db, hospitalId, [...new Set(ofHospital.map((s) => s.role as Role))]);
      posted += await postNotices(db, overdueNotices(ofHospital, candidates));
    }
    if (steps.length < batch) break;
  }
  return { posted };
}
