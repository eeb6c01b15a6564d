import type { MessageKey } from '../../app/i18n/i18n';
import type { ArticleCategory, ArticleStatus, ReviewStepStatus, Sensitivity } from './articles.api';

export const STATUS_COLORS: Record<ArticleStatus, string> = {
  draft: 'default',
  in_review: 'processing',
  returned: 'warning',
  rejected: 'error',
  approved: 'success',
};

export const STEP_COLORS: Record<ReviewStepStatus, string> = {
  waiting: 'default',
  pending: 'processing',
  approved: 'success',
  returned: 'warning',
  rejected: 'error',
};

export function statusLabel(status: ArticleStatus): MessageKey {
  return `article.status.${status}`;
}

export function stepStatusLabel(status: ReviewStepStatus): MessageKey {
  return `article.step.${status}`;
}

export function categoryLabel(category: ArticleCategory): MessageKey {
  return `article.category.${category}`;
}

export function sensitivityLabel(sensitivity: Sensitivity): MessageKey {
  return `article.sensitivity.${sensitivity}`;
}
