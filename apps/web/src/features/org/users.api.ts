import { useMutation, useQuery } from '@tanstack/react-query';
import { api, fetchAllItems } from '../../app/api';
import type { Role } from '../../app/auth/session';
import { useCursorList } from '../../app/cursor-list';
import { queryClient } from '../../app/query-client';
import type { RecordStatus } from './campuses.api';

export type User = {
  id: number;
  username: string;
  displayName: string;
  departmentId: number;
  roles: Role[];
  email: string | null;
  phone: string | null;
  status: RecordStatus;
  mustChangePassword: boolean;
  lastLoginAt: string | null;
  createdAt: string;
  updatedAt: string;
};

export type UserChanges = {
  displayName?: string;
  departmentId?: number;
  roles?: Role[];
  email?: string | null;
  phone?: string | null;
};

export type NewUser = Required<Pick<UserChanges, 'displayName' | 'departmentId' | 'roles'>> &
  Pick<UserChanges, 'email' | 'phone'> & { username: string; password: string };

export type UserFilters = { departmentId?: number; role?: Role; status?: RecordStatus; q?: string };

const usersKey = ['users'] as const;

function refreshUsers() {
  return queryClient.invalidateQueries({ queryKey: usersKey });
}

export function useUserList(filters: UserFilters) {
  return useCursorList<User>([...usersKey, 'list'], '/api/users', filters);
}

/** Every user, for the audit log's actor picker. */
export function useAllUsers() {
  return useQuery({ queryKey: [...usersKey, 'all'], queryFn: () => fetchAllItems<User>('/api/users') });
}

export function useCreateUser() {
  return useMutation({
    mutationFn: (input: NewUser) => api.post<User>('/api/users', input),
    onSuccess: refreshUsers,
  });
}

export function useUpdateUser() {
  return useMutation({
    mutationFn: ({ id, ...changes }: UserChanges & { id: number }) => api.patch<User>(`/api/users/${id}`, changes),
    onSuccess: refreshUsers,
  });
}

export function useSetUserStatus() {
  return useMutation({
    mutationFn: ({ id, status }: { id: number; status: RecordStatus }) =>
      api.post<User>(`/api/users/${id}/${status === 'active' ? 'enable' : 'disable'}`),
    onSuccess: refreshUsers,
  });
}

export function useResetUserPassword() {
  return useMutation({
    mutationFn: ({ id, newPassword }: { id: number; newPassword: string }) =>
      api.post<void>(`/api/users/${id}/reset-password`, { newPassword }),
    onSuccess: refreshUsers,
  });
}
