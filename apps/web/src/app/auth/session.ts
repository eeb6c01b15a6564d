import { useMutation, useQuery } from '@tanstack/react-query';
import { api, ApiError, setCsrfToken } from '../api';
import { queryClient, sessionQueryKey } from '../query-client';

export type Role =
  | 'admin'
  | 'editor'
  | 'correspondent'
  | 'dept_reviewer'
  | 'leader'
  | 'opinion_officer'
  | 'spokesperson'
  | 'viewer';

export const ROLES: readonly Role[] = [
  'admin',
  'editor',
  'correspondent',
  'dept_reviewer',
  'leader',
  'opinion_officer',
  'spokesperson',
  'viewer',
];

export type Session = {
  id: number;
  username: string;
  displayName: string;
  departmentId: number;
  departmentName: string;
  hospitalId: number;
  roles: Role[];
  mustChangePassword: boolean;
  // null when the caller authenticated with an API token rather than a session.
  csrfToken: string | null;
};

async function fetchSession(): Promise<Session | null> {
  try {
    const session = await api.get<Session>('/api/auth/me');
    setCsrfToken(session.csrfToken);
    return session;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

export function useSession() {
  return useQuery({ queryKey: sessionQueryKey, queryFn: fetchSession, staleTime: Infinity, retry: false });
}

/** The signed-in user; only for components rendered behind the session guard. */
export function useCurrentUser(): Session {
  const { data } = useSession();
  if (!data) throw new Error('useCurrentUser needs a signed-in session');
  return data;
}

export function useIsAdmin(): boolean {
  return useSession().data?.roles.includes('admin') ?? false;
}

export function useSignIn() {
  return useMutation({
    meta: { silent: true },
    mutationFn: async (credentials: { username: string; password: string }) => {
      const { csrfToken } = await api.post<{ csrfToken: string }>('/api/auth/login', credentials);
      setCsrfToken(csrfToken);
      return fetchSession();
    },
    onSuccess: (session) => {
      queryClient.clear();
      queryClient.setQueryData(sessionQueryKey, session);
    },
  });
}

export function useSignOut() {
  return useMutation({
    mutationFn: () => api.post<void>('/api/auth/logout'),
    onSettled: () => {
      setCsrfToken(null);
      queryClient.clear();
      queryClient.setQueryData(sessionQueryKey, null);
    },
  });
}

export function useChangePassword() {
  return useMutation({
    mutationFn: (body: { currentPassword: string; newPassword: string }) => api.post<void>('/api/auth/password', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: sessionQueryKey }),
  });
}
