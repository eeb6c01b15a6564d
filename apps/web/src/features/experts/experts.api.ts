import { useMutation } from '@tanstack/react-query';
import { api } from '../../app/api';
import { useCursorList } from '../../app/cursor-list';
import { queryClient } from '../../app/query-client';
import type { RecordStatus } from '../org/campuses.api';

/** The parts an expert plays in the publicity grid, as the server names them. */
export const EXPERT_GRID_ROLES = ['science_expert', 'media_expert', 'influencer'] as const;
export type ExpertGridRole = (typeof EXPERT_GRID_ROLES)[number];

/** 专家: shown on the website when `publicOnSite` and active. */
export type Expert = {
  id: number;
  name: string;
  title: string;
  departmentId: number;
  specialties: string | null;
  bio: string | null;
  clinicHours: string | null;
  photoUrl: string | null;
  userId: number | null;
  gridRoles: ExpertGridRole[];
  publicOnSite: boolean;
  sortOrder: number;
  status: RecordStatus;
  createdAt: string;
  updatedAt: string;
};

export type ExpertInput = {
  name: string;
  title: string;
  departmentId: number;
  specialties: string | null;
  bio: string | null;
  clinicHours: string | null;
  userId: number | null;
  gridRoles: ExpertGridRole[];
  publicOnSite: boolean;
  sortOrder: number;
  status?: RecordStatus;
};

export type ExpertFilters = { departmentId?: number; gridRole?: ExpertGridRole; publicOnSite?: boolean; status?: RecordStatus; q?: string };

const expertsKey = ['experts'] as const;

function refreshExperts() {
  return queryClient.invalidateQueries({ queryKey: expertsKey });
}

export function useExpertList(filters: ExpertFilters) {
  return useCursorList<Expert>([...expertsKey, 'list'], '/api/experts', filters);
}

export function useSaveExpert() {
  return useMutation({
    mutationFn: ({ id, input }: { id: number | null; input: ExpertInput }) =>
      id === null ? api.post<Expert>('/api/experts', input) : api.patch<Expert>(`/api/experts/${id}`, input),
    onSuccess: refreshExperts,
  });
}

export function useUploadExpertPhoto() {
  return useMutation({
    mutationFn: ({ id, file }: { id: number; file: File }) => {
      const form = new FormData();
      form.append('file', file);
      return api.put<Expert>(`/api/experts/${id}/photo`, form);
    },
    onSuccess: refreshExperts,
  });
}

export function useRemoveExpertPhoto() {
  return useMutation({
    mutationFn: (id: number) => api.delete<Expert>(`/api/experts/${id}/photo`),
    onSuccess: refreshExperts,
  });
}
