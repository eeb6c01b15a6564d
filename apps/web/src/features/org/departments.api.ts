import { useMutation, useQuery } from '@tanstack/react-query';
import { api, fetchAllItems } from '../../app/api';
import { useCursorList } from '../../app/cursor-list';
import { queryClient } from '../../app/query-client';
import type { RecordStatus } from './campuses.api';

export type DepartmentKind = 'clinical' | 'medical_tech' | 'functional' | 'party_branch';
export const DEPARTMENT_KINDS: readonly DepartmentKind[] = ['clinical', 'medical_tech', 'functional', 'party_branch'];

export type Department = {
  id: number;
  name: string;
  kind: DepartmentKind;
  campusId: number | null;
  parentId: number | null;
  code: string | null;
  sortOrder: number;
  status: RecordStatus;
  createdAt: string;
  updatedAt: string;
};

export type DepartmentInput = {
  name: string;
  kind: DepartmentKind;
  campusId?: number | null;
  parentId?: number | null;
  code?: string | null;
  sortOrder?: number;
};

export type DepartmentFilters = { kind?: DepartmentKind; status?: RecordStatus; q?: string };

const departmentsKey = ['departments'] as const;

function refreshDepartments() {
  return queryClient.invalidateQueries({ queryKey: departmentsKey });
}

export function useDepartmentList(filters: DepartmentFilters) {
  return useCursorList<Department>([...departmentsKey, 'list'], '/api/departments', filters);
}

/** Every department, for pickers and for showing names next to ids. */
export function useAllDepartments() {
  return useQuery({ queryKey: [...departmentsKey, 'all'], queryFn: () => fetchAllItems<Department>('/api/departments') });
}

export function useCreateDepartment() {
  return useMutation({
    mutationFn: (input: DepartmentInput) => api.post<Department>('/api/departments', input),
    onSuccess: refreshDepartments,
  });
}

export function useUpdateDepartment() {
  return useMutation({
    mutationFn: ({ id, ...changes }: Partial<DepartmentInput> & { id: number }) =>
      api.patch<Department>(`/api/departments/${id}`, changes),
    onSuccess: refreshDepartments,
  });
}

export function useSetDepartmentStatus() {
  return useMutation({
    mutationFn: ({ id, status }: { id: number; status: RecordStatus }) =>
      api.post<Department>(`/api/departments/${id}/${status === 'active' ? 'enable' : 'disable'}`),
    onSuccess: refreshDepartments,
  });
}
