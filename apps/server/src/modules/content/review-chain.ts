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

export type ReviewDecision = 'approve' | 'return' | 'reject';

/** The allowed moves of an article, as data. */
export const articleTransitions = {
  edit: ['draft', 'returned'],
  submit: ['draft', 'returned'],
  review: ['in_review'],
} as const;
