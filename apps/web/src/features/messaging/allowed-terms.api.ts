import { useMutation } from '@tanstack/react-query';
import { api } from '../../app/api';
import { useCursorList } from '../../app/cursor-list';
import { queryClient } from '../../app/query-client';

export type AllowedTerm = { id: number; term: string; note: string | null; createdAt: string };

export type AllowedTermInput = { term: string; note?: string | null };

const allowedTermsKey = ['allowed-terms'] as const;

function refreshAllowedTerms() {
  return queryClient.invalidateQueries({ queryKey: allowedTermsKey });
}

export function useAllowedTermList() {
  return useCursorList<AllowedTerm>([...allowedTermsKey, 'list'], '/api/allowed-terms', {});
}

export function useAddAllowedTerm() {
  return useMutation({
    mutationFn: (input: AllowedTermInput) => api.post<AllowedTerm>('/api/allowed-terms', input),
    onSuccess: refreshAllowedTerms,
  });
}

export function useRemoveAllowedTerm() {
  return useMutation({
    mutationFn: (id: number) => api.delete<void>(`/api/allowed-terms/${id}`),
    onSuccess: refreshAllowedTerms,
  });
}
