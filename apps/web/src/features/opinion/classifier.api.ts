import { useMutation, useQuery } from '@tanstack/react-query';
import { api } from '../../app/api';
import { useCursorList } from '../../app/cursor-list';
import { queryClient } from '../../app/query-client';
import type { Polarity } from './opinion.api';

/** The server's classifier contract (apps/server/src/modules/opinion/classifier.schemas.ts). */
export const CLASSIFIER_STATUSES = ['candidate', 'active', 'retired', 'rejected'] as const;
export type ClassifierStatus = (typeof CLASSIFIER_STATUSES)[number];
export type ChangeOutcome = 'fixed' | 'broken' | 'changed';

export type ClassMetrics = { precision: number; recall: number; f1: number; support: number };
export type Evaluation = {
  n: number;
  accuracy: number;
  macroF1: number;
  perClass: Partial<Record<Polarity, ClassMetrics>>;
  confusion: Partial<Record<Polarity, Record<string, number>>>;
};

export type ClassifierReport = {
  method: 'k-fold';
  folds: number;
  n: number;
  minProbability: number;
  labels: Record<Polarity, number>;
  before: Evaluation;
  after: Evaluation;
  fixed: number;
  broken: number;
  changed: number;
  changes: {
    mentionId: number;
    excerpt: string;
    expected: Polarity;
    before: Polarity;
    after: Polarity;
    outcome: ChangeOutcome;
    modelReason: string | null;
    misleadingReasons: string[];
  }[];
  recent: { tested: number; changed: number; shifts: { from: Polarity; to: Polarity; count: number }[] };
};

type Person = { id: number; name: string } | null;

export type ClassifierModel = {
  id: number;
  version: number;
  status: ClassifierStatus;
  trigger: 'manual' | 'schedule';
  trainedAt: string;
  trainedBy: Person;
  examples: number;
  lastCorrectionId: number;
  features: number;
  minProbability: number;
  report: ClassifierReport;
  activatedAt: string | null;
  activatedBy: Person;
  retiredAt: string | null;
  retiredBy: Person;
  rejectedAt: string | null;
  rejectedBy: Person;
  rejectReason: string | null;
};

export type ClassifierOverview = {
  correctedMentions: number;
  corrections: number;
  correctionsSinceLastModel: number;
  lastTrainedAt: string | null;
  minCorrections: number;
  nightly: { timeZone: string; fromHour: number; toHour: number };
  active: ClassifierModel | null;
  candidate: ClassifierModel | null;
};

const classifierKey = ['opinion', 'classifier'] as const;
// The desk's readings change too once a model is switched on or off.
const refresh = () => queryClient.invalidateQueries({ queryKey: ['opinion'] });

export function useClassifierOverview() {
  return useQuery({ queryKey: [...classifierKey, 'overview'], queryFn: () => api.get<ClassifierOverview>('/api/opinion/classifier') });
}

export function useClassifierModels() {
  return useCursorList<ClassifierModel>([...classifierKey, 'models'], '/api/opinion/classifier/models', {});
}

export function useTrainClassifier() {
  return useMutation({ mutationFn: () => api.post<ClassifierModel>('/api/opinion/classifier/train'), onSuccess: refresh });
}

export function useActivateClassifier() {
  return useMutation({ mutationFn: (id: number) => api.post<ClassifierModel>(`/api/opinion/classifier/models/${id}/activate`), onSuccess: refresh });
}

export function useRejectClassifier() {
  return useMutation({
    mutationFn: ({ id, reason }: { id: number; reason: string | null }) => api.post<ClassifierModel>(`/api/opinion/classifier/models/${id}/reject`, { reason }),
    onSuccess: refresh,
  });
}

export function useDeactivateClassifier() {
  return useMutation({ mutationFn: () => api.post<ClassifierOverview>('/api/opinion/classifier/deactivate'), onSuccess: refresh });
}
