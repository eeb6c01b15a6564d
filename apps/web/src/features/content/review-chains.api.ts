import { useMutation, useQuery } from '@tanstack/react-query';
import { api } from '../../app/api';
import { queryClient } from '../../app/query-client';
import type { ArticleCategory, Sensitivity } from './articles.api';

export type ReviewerRole = 'dept_reviewer' | 'editor' | 'leader' | 'admin';
export type ReviewStepRule = { name: string; role: ReviewerRole; scope: 'department' | 'hospital'; dueHours: number };
export type ReviewChain = { category: ArticleCategory; sensitivity: Sensitivity; configured: boolean; steps: ReviewStepRule[]; updatedAt: string | null };

const chainsKey = ['review-chains'] as const;
const refresh = () => queryClient.invalidateQueries({ queryKey: chainsKey });

export function useReviewChains() {
  return useQuery({ queryKey: chainsKey, queryFn: () => api.get<{ items: ReviewChain[] }>('/api/review-chains').then((r) => r.items) });
}

export function useSetReviewChain() {
  return useMutation({
    mutationFn: ({ category, sensitivity, steps }: Pick<ReviewChain, 'category' | 'sensitivity' | 'steps'>) =>
      api.put<ReviewChain>(`/api/review-chains/${category}/${sensitivity}`, { steps }),
    onSuccess: refresh,
  });
}

export function useResetReviewChain() {
  return useMutation({
    mutationFn: ({ category, sensitivity }: Pick<ReviewChain, 'category' | 'sensitivity'>) => api.delete<ReviewChain>(`/api/review-chains/${category}/${sensitivity}`),
    onSuccess: refresh,
  });
}
