import { useCursorList } from '../../app/cursor-list';

export type AuditEntry = {
  id: number;
  at: string;
  actorId: number | null;
  actorUsername: string | null;
  via: string | null;
  ip: string | null;
  requestId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
};

export type AuditFilters = { actorId?: number; action?: string; entityType?: string; from?: string; to?: string };

export function useAuditLog(filters: AuditFilters) {
  return useCursorList<AuditEntry>(['audit'], '/api/audit', filters);
}
