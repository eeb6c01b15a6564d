import { useMutation, useQuery } from '@tanstack/react-query';
import { api } from '../../app/api';
import { useCursorList } from '../../app/cursor-list';
import { queryClient } from '../../app/query-client';
import type { RecordStatus } from '../org/campuses.api';

export type Term = {
  id: number;
  canonical: string;
  variants: string[];
  note: string | null;
  status: RecordStatus;
  createdAt: string;
  updatedAt: string;
};

export type TermInput = { canonical: string; variants: string[]; note?: string | null };

/** A former name on the hospital profile, retired like a term but edited on the profile. */
export type ProfileTerm = { variant: string; canonical: string; source: 'hospital_profile' };

const termsKey = ['terms'] as const;

function refreshTerms() {
  return queryClient.invalidateQueries({ queryKey: termsKey });
}

export function useTermList(filters: { status?: RecordStatus }) {
  return useCursorList<Term>([...termsKey, 'list'], '/api/terms', filters);
}

export function useProfileTerms() {
  return useQuery({
    queryKey: [...termsKey, 'from-profile'],
    queryFn: () => api.get<{ items: ProfileTerm[] }>('/api/terms/from-profile'),
  });
}

export function useCreateTerm() {
  return useMutation({
    mutationFn: (input: TermInput) => api.post<Term>('/api/terms', input),
    onSuccess: refreshTerms,
  });
}

export function useUpdateTerm() {
  return useMutation({
    mutationFn: ({ id, ...changes }: Partial<TermInput> & { id: number; status?: RecordStatus }) =>
      api.patch<Term>(`/api/terms/${id}`, changes),
    onSuccess: refreshTerms,
  });
}
