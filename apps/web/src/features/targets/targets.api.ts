import { useMutation, useQuery } from '@tanstack/react-query';
import { api, uploadWithProgress, type Page } from '../../app/api';
import { useCursorList } from '../../app/cursor-list';
import { queryClient } from '../../app/query-client';

/** The metrics and periods of the server's targets module (targets.tables.ts). */
export const TARGET_METRICS = ['info', 'wechat', 'weibo', 'website', 'science', 'newspaper_report', 'tv_report'] as const;
export type TargetMetric = (typeof TARGET_METRICS)[number];
export const TARGET_PERIODS = ['year', 'month'] as const;
export type TargetPeriod = (typeof TARGET_PERIODS)[number];
export const EVALUATION_KINDS = ['half_year', 'year_end'] as const;
export type EvaluationKind = (typeof EVALUATION_KINDS)[number];

export type Plan = { id: number; year: number; name: string; createdBy: number; createdAt: string; updatedAt: string };

export type TargetItem = {
  id: number;
  planId: number;
  departmentId: number;
  departmentName: string;
  metric: TargetMetric;
  target: number;
  period: TargetPeriod;
  note: string | null;
  /** The target as the table writes it: 22篇信息, 微博每月10条. */
  text: string;
  responsibleUserId: number | null;
  responsibleName: string | null;
  supervisorUserId: number | null;
  supervisorName: string | null;
  position: number;
};

export type ProgressLine = TargetItem & {
  yearTarget: number;
  done: number;
  /** Due by now: the year's target times the share of the year gone, rounded down. */
  expected: number;
  rate: number;
  behind: boolean;
  /** False while the metric's counting source (the media coverage log) does not exist: the line counts 0. */
  sourceAvailable: boolean;
};

export type ProgressTotal = Pick<ProgressLine, 'metric' | 'period' | 'target' | 'text' | 'yearTarget' | 'done' | 'expected' | 'rate' | 'sourceAvailable'>;

export type Progress = { plan: Plan; asOf: string; elapsed: number; items: ProgressLine[]; totals: ProgressTotal[] };

export type Piece = {
  key: string;
  title: string;
  articleId: number | null;
  category: string | null;
  attribution: 'department' | 'author';
  occurredAt: string;
  carriedBy: { kind: string; where: string; occurredAt: string }[];
};

export type NewItem = {
  departmentId: number;
  metric: TargetMetric;
  target: number;
  period: TargetPeriod;
  note?: string | null;
  responsibleUserId?: number | null;
  supervisorUserId?: number | null;
};

export type ImportResult = {
  dryRun: boolean;
  imported: number;
  errors: { row: number; message: string }[];
  items: { row: number; departmentName: string; departmentId: number | null; metric: TargetMetric; target: number; period: TargetPeriod; note: string | null; text: string; responsible: string | null; supervisor: string | null }[];
};

export type EvaluationSummary = { id: number; planId: number; kind: EvaluationKind; asOf: string; createdBy: number; createdAt: string };

export type Evaluation = {
  id: number;
  planId: number;
  kind: EvaluationKind;
  windowFrom: string;
  windowTo: string;
  asOf: string;
  items: { itemId: number; departmentId: number; departmentName: string; metric: TargetMetric; period: TargetPeriod; target: number; note: string | null; text: string; expected: number; done: number; rate: number; counted: boolean }[];
  departments: { departmentId: number; departmentName: string; items: number; counted: number; rate: number | null; score: number | null; rank: number | null }[];
  scoringRule: string;
  createdBy: number;
  createdAt: string;
};

const targetsKey = ['targets'] as const;
const planKey = (planId: number) => [...targetsKey, 'plan', planId] as const;

function refreshPlan(planId: number) {
  return queryClient.invalidateQueries({ queryKey: planKey(planId) });
}

export function usePlanList() {
  return useCursorList<Plan>([...targetsKey, 'plans'], '/api/targets/plans', {});
}

export function useCreatePlan() {
  return useMutation({
    mutationFn: (input: { year: number; name: string }) => api.post<Plan>('/api/targets/plans', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [...targetsKey, 'plans'] }),
  });
}

/** Which metrics can be counted today; the others (coverage) wait for the media coverage log. */
export function useMetricSources() {
  return useQuery({
    queryKey: [...targetsKey, 'metrics'],
    queryFn: () => api.get<{ items: { metric: TargetMetric; source: string; sourceAvailable: boolean }[] }>('/api/targets/metrics'),
    select: (data) => new Set(data.items.filter((m) => m.sourceAvailable).map((m) => m.metric)),
    staleTime: Infinity,
  });
}

export function useProgress(planId: number) {
  return useQuery({ queryKey: [...planKey(planId), 'progress'], queryFn: () => api.get<Progress>(`/api/targets/plans/${planId}/progress`) });
}

export function usePieces(planId: number, itemId: number | null) {
  return useQuery({
    queryKey: [...planKey(planId), 'pieces', itemId],
    queryFn: () => api.get<{ sourceAvailable: boolean; items: Piece[] }>(`/api/targets/plans/${planId}/items/${itemId}/pieces`),
    enabled: itemId !== null,
  });
}

export function useAddItem(planId: number) {
  return useMutation({
    mutationFn: (input: NewItem) => api.post<TargetItem>(`/api/targets/plans/${planId}/items`, input),
    onSuccess: () => refreshPlan(planId),
  });
}

export function useDeleteItem(planId: number) {
  return useMutation({
    mutationFn: (itemId: number) => api.delete<void>(`/api/targets/plans/${planId}/items/${itemId}`),
    onSuccess: () => refreshPlan(planId),
  });
}

/** A dry run previews the rows and their errors; the real import saves every row or none. */
export function useImportPlan(planId: number) {
  return useMutation({
    meta: { silent: true },
    mutationFn: ({ file, dryRun, onProgress }: { file: File; dryRun: boolean; onProgress: (percent: number) => void }) => {
      const form = new FormData();
      form.append('file', file);
      return uploadWithProgress<ImportResult>(`/api/targets/plans/${planId}/import${dryRun ? '?dryRun=true' : ''}`, form, onProgress);
    },
    onSuccess: (result) => (result.imported > 0 ? refreshPlan(planId) : undefined),
  });
}

export function useEvaluations(planId: number) {
  return useQuery({
    queryKey: [...planKey(planId), 'evaluations'],
    queryFn: async () => (await api.get<Page<EvaluationSummary>>(`/api/targets/plans/${planId}/evaluations`)).items,
  });
}

export function useEvaluation(planId: number, evaluationId: number) {
  return useQuery({
    queryKey: [...planKey(planId), 'evaluation', evaluationId],
    queryFn: () => api.get<Evaluation>(`/api/targets/plans/${planId}/evaluations/${evaluationId}`),
  });
}

export function useCreateEvaluation(planId: number) {
  return useMutation({
    mutationFn: (kind: EvaluationKind) => api.post<Evaluation>(`/api/targets/plans/${planId}/evaluations`, { kind }),
    onSuccess: () => refreshPlan(planId),
  });
}

export function useDeleteEvaluation(planId: number) {
  return useMutation({
    mutationFn: (evaluationId: number) => api.delete<void>(`/api/targets/plans/${planId}/evaluations/${evaluationId}`),
    onSuccess: () => refreshPlan(planId),
  });
}

/** This year's lines behind schedule, for the dashboard. */
export function useBehindSchedule() {
  return useQuery({ queryKey: [...targetsKey, 'behind'], queryFn: () => api.get<{ asOf: string; items: (ProgressLine & { planName: string })[] }>('/api/targets/behind') });
}

/** Downloads go through the browser: a GET with the session cookie, saved under the server's file name. */
export const planExportUrl = (planId: number) => `/api/targets/plans/${planId}/export.xlsx`;
export const importTemplateUrl = (planId: number) => `/api/targets/plans/${planId}/import-template.xlsx`;
export const evaluationExportUrl = (planId: number, evaluationId: number, format: 'xlsx' | 'docx') =>
  `/api/targets/plans/${planId}/evaluations/${evaluationId}/${format === 'xlsx' ? 'export.xlsx' : 'report.docx'}`;
