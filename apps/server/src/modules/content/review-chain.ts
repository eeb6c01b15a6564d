import type { Role } from '../org/roles.ts';
import type { articleCategories } from './content.tables.ts';

export type ArticleCategory = (typeof articleCategories)[number];
export type Sensitivity = 'normal' | 'major';

export type ReviewStepRule = { name: string; role: Role; scope: 'department' | 'hospital'; dueHours: number };

/** For steps of rounds submitted before time allowances were stored with each step. */
export const defaultDueHours = 24;

const departmentReview: ReviewStepRule = { name: '科室审核', role: 'dept_reviewer', scope: 'department', dueHours: 24 };
const publicityReview: ReviewStepRule = { name: '宣传部审核', role: 'editor', scope: 'hospital', dueHours: 24 };
const leaderApproval: ReviewStepRule = { name: '分管领导审批', role: 'leader', scope: 'hospital', dueHours: 48 };

/**
 * The default review chain (三审三校), until a hospital configures its own: 科室审核 → 宣传部审核, then 分管领导审批 for
 * major items and for party-building content, which the seeds send to the party committee's leader whatever its sensitivity.
 */
export function defaultReviewChain(category: ArticleCategory, sensitivity: Sensitivity): ReviewStepRule[] {
  const needsLeader = sensitivity === 'major' || category === 'party';
  return needsLeader ? [departmentReview, publicityReview, leaderApproval] : [departmentReview, publicityReview];
}

/**
 * Who may decide a review step: a holder of the step's role, and for a department step a member of the article's
 * department. (The author never decides their own article: see `mayReviewStep`.)
 */
export function holdsReviewStep(reviewer: { roles: readonly string[]; departmentId: number }, step: { role: string; scope: 'department' | 'hospital' }, article: { departmentId: number }) {
  return reviewer.roles.includes(step.role) && (step.scope === 'hospital' || reviewer.departmentId === article.departmentId);
}

/** Whoever holds the step and is not the article's author: those who can decide it, and those reminded when it is overdue. */
export function mayReviewStep(
  reviewer: { userId: number; roles: readonly string[]; departmentId: number },
  step: { role: string; scope: 'department' | 'hospital' },
  article: { departmentId: number; authorUserId: number },
) {
  return holdsReviewStep(reviewer, step, article) && reviewer.userId !== article.authorUserId;
}

export type ReviewDecision = 'approve' | 'return' | 'reject';

/** The allowed moves of an article, as data. */
export const articleTransitions = {
  edit: ['draft', 'returned'],
  submit: ['draft', 'returned'],
  review: ['in_review'],
  // 撤稿后修改重发: an approved article goes back to draft once nothing of it is out on a channel.
  revise: ['approved'],
} as const;
