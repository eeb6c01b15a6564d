import { useMutation, useQuery } from '@tanstack/react-query';
import { api } from '../../app/api';
import { useCursorList } from '../../app/cursor-list';
import { queryClient } from '../../app/query-client';

export type StatementStatus = 'draft' | 'approved' | 'expired' | 'withdrawn';
export const STATEMENT_STATUSES: readonly StatementStatus[] = ['draft', 'approved', 'expired', 'withdrawn'];

export type StatementContent = {
  topic: string;
  wording: string;
  facts: string;
  tags: string[];
  validFrom: string | null;
  validTo: string | null;
};

export type Statement = StatementContent & {
  id: number;
  ownerUserId: number;
  status: StatementStatus;
  version: number;
  approvedBy: number | null;
  approvedAt: string | null;
  createdBy: number;
  createdAt: string;
  updatedAt: string;
};

export type StatementVersion = {
  version: number;
  status: StatementStatus;
  snapshot: StatementContent;
  changedBy: number;
  changedAt: string;
};

export type StatementInput = Partial<StatementContent> & { ownerUserId?: number };

export type StatementFilters = { q?: string; status?: StatementStatus; tag?: string };

const statementsKey = ['statements'] as const;

function refreshStatements() {
  return queryClient.invalidateQueries({ queryKey: statementsKey });
}

export function useStatementList(filters: StatementFilters) {
  return useCursorList<Statement>([...statementsKey, 'list'], '/api/statements', filters);
}

export function useStatement(id: number | null) {
  return useQuery({
    queryKey: [...statementsKey, 'one', id],
    queryFn: () => api.get<Statement>(`/api/statements/${id}`),
    enabled: id !== null,
  });
}

export function useStatementVersions(id: number | null) {
  return useQuery({
    queryKey: [...statementsKey, 'versions', id],
    queryFn: () => api.get<{ items: StatementVersion[] }>(`/api/statements/${id}/versions`),
    enabled: id !== null,
  });
}

export function useCreateStatement() {
  return useMutation({
    mutationFn: (input: StatementInput) => api.post<Statement>('/api/statements', input),
    onSuccess: refreshStatements,
  });
}

export function useUpdateStatement() {
  return useMutation({
    mutationFn: ({ id, ...changes }: StatementInput & { id: number }) => api.patch<Statement>(`/api/statements/${id}`, changes),
    onSuccess: refreshStatements,
  });
}

/** Approve or withdraw; refusals (such as approving one's own) are shown by the caller, not the global toast. */
export function useStatementTransition() {
  return useMutation({
    meta: { silent: true },
    mutationFn: ({ id, move }: { id: number; move: 'approve' | 'withdraw' }) => api.post<Statement>(`/api/statements/${id}/${move}`),
    onSuccess: refreshStatements,
  });
}
