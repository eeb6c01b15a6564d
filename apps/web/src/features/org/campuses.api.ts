import { useMutation, useQuery } from '@tanstack/react-query';
import { api, fetchAllItems } from '../../app/api';
import { queryClient } from '../../app/query-client';

export type RecordStatus = 'active' | 'disabled';

export type Campus = {
  id: number;
  name: string;
  address: string | null;
  status: RecordStatus;
  createdAt: string;
  updatedAt: string;
};

export type CampusInput = { name: string; address?: string | null };

const campusesKey = ['campuses'] as const;

function refreshCampuses() {
  return queryClient.invalidateQueries({ queryKey: campusesKey });
}

/** Every campus of the hospital (a handful): for the table and for campus pickers. */
export function useCampuses() {
  return useQuery({ queryKey: campusesKey, queryFn: () => fetchAllItems<Campus>('/api/campuses') });
}

export function useCreateCampus() {
  return useMutation({
    mutationFn: (input: CampusInput) => api.post<Campus>('/api/campuses', input),
    onSuccess: refreshCampuses,
  });
}

export function useUpdateCampus() {
  return useMutation({
    mutationFn: ({ id, ...changes }: Partial<CampusInput> & { id: number; status?: RecordStatus }) =>
      api.patch<Campus>(`/api/campuses/${id}`, changes),
    onSuccess: refreshCampuses,
  });
}
