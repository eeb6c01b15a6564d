import { useMutation } from '@tanstack/react-query';
import { api } from '../../app/api';
import type { FindingCategory, Severity } from './findings';

export type FindingField = 'title' | 'body';

/** A finding at [start, end) in UTF-16 code units of the visible text of its field. */
export type Finding = {
  field: FindingField;
  category: FindingCategory;
  severity: Severity;
  term: string;
  start: number;
  end: number;
  message: string;
  suggestion: string | null;
  rule: string;
};

export type CheckRequest = { title?: string; text?: string; html?: string };

/** checkedText holds the exact texts the offsets refer to (for HTML: what a reader sees). */
export type CheckResponse = { findings: Finding[]; checkedText: { title: string; body: string } };

export function useComplianceCheck() {
  return useMutation({
    mutationFn: (request: CheckRequest) => api.post<CheckResponse>('/api/compliance/check', request),
  });
}
