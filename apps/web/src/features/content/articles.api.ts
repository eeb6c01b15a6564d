import { queryOptions, useMutation, useQuery } from '@tanstack/react-query';
import { api } from '../../app/api';
import { useCursorList } from '../../app/cursor-list';
import { queryClient } from '../../app/query-client';
import type { Finding } from '../messaging/compliance.api';

export const ARTICLE_STATUSES = ['draft', 'in_review', 'returned', 'rejected', 'approved'] as const;
export type ArticleStatus = (typeof ARTICLE_STATUSES)[number];

export const ARTICLE_CATEGORIES = ['news', 'science', 'party', 'role_model', 'notice', 'other'] as const;
export type ArticleCategory = (typeof ARTICLE_CATEGORIES)[number];

export const SENSITIVITIES = ['normal', 'major'] as const;
export type Sensitivity = (typeof SENSITIVITIES)[number];

/** Credit roles are stored as the seeds write them (the public site prints them); the console labels them per locale. */
export const CREDIT_ROLES = ['供稿', '采集', '编辑', '摄影'] as const;
export const CREDIT_ROLE_LABELS = {
  供稿: 'article.creditRole.contributor',
  采集: 'article.creditRole.reporter',
  编辑: 'article.creditRole.editor',
  摄影: 'article.creditRole.photographer',
} as const satisfies Record<(typeof CREDIT_ROLES)[number], string>;

export type Credit = { role: string; name: string };

export type ReviewStepStatus = 'waiting' | 'pending' | 'approved' | 'returned' | 'rejected';

export type ReviewStep = {
  id: number;
  round: number;
  position: number;
  name: string;
  role: string;
  scope: string;
  status: ReviewStepStatus;
  dueAt: string | null;
  overdue: boolean;
  decidedBy: number | null;
  decidedByName: string | null;
  decidedAt: string | null;
  comment: string | null;
};

export type Article = {
  id: number;
  title: string;
  subtitle: string | null;
  summary: string | null;
  /** Sanitised by the server on every write. */
  body: string;
  category: ArticleCategory;
  sensitivity: Sensitivity;
  departmentId: number;
  tags: string[];
  credits: Credit[];
  authorUserId: number;
  status: ArticleStatus;
  version: number;
  acknowledgement: { reason: string; findings: Finding[] } | null;
  reviewSteps: ReviewStep[];
  submittedAt: string | null;
  approvedAt: string | null;
  createdAt: string;
  updatedAt: string;
};

/** A row of the article lists: no body; the step waiting for a decision, with its due time. */
export type ArticleListItem = Omit<Article, 'body' | 'acknowledgement' | 'reviewSteps'> & { currentStep: ReviewStep | null };

export type ArticleInput = {
  title: string;
  subtitle?: string;
  summary?: string;
  body: string;
  category: ArticleCategory;
  sensitivity?: Sensitivity;
  tags?: string[];
  credits?: Credit[];
};

export type ReviewDecision = 'approve' | 'return' | 'reject';

/** Only drafts and returned articles can be changed or submitted; the server answers 409 otherwise. */
export function isEditable(status: ArticleStatus): boolean {
  return status === 'draft' || status === 'returned';
}

const articlesKey = ['articles'] as const;

function articleKey(id: number) {
  return [...articlesKey, 'one', id] as const;
}

/** Stores the server's answer for the article and refreshes the lists it may have moved between. */
function storeArticle(article: Article) {
  queryClient.setQueryData(articleKey(article.id), article);
  return queryClient.invalidateQueries({ queryKey: [...articlesKey, 'list'] });
}

export function useArticleList(filters: { status?: ArticleStatus; awaitingMyReview?: boolean }) {
  return useCursorList<ArticleListItem>([...articlesKey, 'list'], '/api/articles', filters);
}

/** One article, for useQuery and useQueries alike (the publication calendar names many). */
export function articleQuery(id: number) {
  return queryOptions({ queryKey: articleKey(id), queryFn: () => api.get<Article>(`/api/articles/${id}`) });
}

export function useArticle(id: number | null) {
  return useQuery({ ...articleQuery(id ?? 0), enabled: id !== null });
}

export function useCreateArticle() {
  return useMutation({ mutationFn: (input: ArticleInput) => api.post<Article>('/api/articles', input), onSuccess: storeArticle });
}

export function useUpdateArticle(id: number) {
  return useMutation({ mutationFn: (changes: ArticleInput) => api.patch<Article>(`/api/articles/${id}`, changes), onSuccess: storeArticle });
}

export function useSubmitArticle(id: number) {
  return useMutation({
    mutationFn: (acknowledgement?: { reason: string }) => api.post<Article>(`/api/articles/${id}/submit`, acknowledgement ? { acknowledgement } : {}),
    onSuccess: storeArticle,
    // The editor shows a refusal's findings itself, in place of the usual error toast.
    meta: { silent: true },
  });
}

export function useReviseArticle(id: number) {
  return useMutation({ mutationFn: (reason: string) => api.post<Article>(`/api/articles/${id}/revise`, { reason }), onSuccess: storeArticle });
}

export function useReviewArticle(id: number) {
  return useMutation({
    mutationFn: (review: { decision: ReviewDecision; comment?: string }) => api.post<Article>(`/api/articles/${id}/review`, review),
    onSuccess: storeArticle,
  });
}
