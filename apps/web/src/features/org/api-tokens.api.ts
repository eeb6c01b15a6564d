import { useMutation, useQuery } from '@tanstack/react-query';
import { api, fetchAllItems } from '../../app/api';
import { queryClient } from '../../app/query-client';

export type TokenScope = 'read' | 'write';
export const TOKEN_SCOPES: readonly TokenScope[] = ['read', 'write'];

export type ApiToken = {
  id: number;
  name: string;
  prefix: string;
  scopes: TokenScope[];
  userId: number;
  expiresAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  createdAt: string;
};

export type NewApiToken = { name: string; scopes: TokenScope[]; expiresAt: string };

const apiTokensKey = ['api-tokens'] as const;

function refreshApiTokens() {
  return queryClient.invalidateQueries({ queryKey: apiTokensKey });
}

export function useApiTokens() {
  return useQuery({ queryKey: apiTokensKey, queryFn: () => fetchAllItems<ApiToken>('/api/api-tokens') });
}

/** The answer carries the secret `token`, which the server never shows again. */
export function useCreateApiToken() {
  return useMutation({
    mutationFn: (input: NewApiToken) => api.post<ApiToken & { token: string }>('/api/api-tokens', input),
    onSuccess: refreshApiTokens,
  });
}

export function useRevokeApiToken() {
  return useMutation({
    mutationFn: (id: number) => api.delete<void>(`/api/api-tokens/${id}`),
    onSuccess: refreshApiTokens,
  });
}
