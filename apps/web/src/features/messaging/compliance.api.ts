import { useMutation } from '@tanstack/react-query';
import { api } from '../../app/api';
import type { ComplianceFinding } from '../../../../server/src/modules/messaging/compliance/compliance-types.ts';

/** A finding at [start, end) in UTF-16 code units of the visible text of its field: the server's own type. */
export type Finding = ComplianceFinding;
export type FindingField = Finding['field'];

export type CheckRequest = { title?: string; text?: string; html?: string };

/** checkedText holds the exact texts the offsets refer to (for HTML: what a reader sees). */
export type CheckResponse = { findings: Finding[]; checkedText: { title: string; body: string } };

export function useComplianceCheck() {
  return useMutation({
    mutationFn: (request: CheckRequest) => api.post<CheckResponse>('/api/compliance/check', request),
  });
}
