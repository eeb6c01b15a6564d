import type { MessageKey } from '../../app/i18n/i18n';
import type { EvaluationKind, TargetMetric, TargetPeriod } from './targets.api';

export function metricLabel(metric: TargetMetric): MessageKey {
  return `target.metric.${metric}`;
}

export function periodLabel(period: TargetPeriod): MessageKey {
  return `target.period.${period}`;
}

export function evaluationKindLabel(kind: EvaluationKind): MessageKey {
  return `target.evaluation.kind.${kind}`;
}

/** 33.3%: one decimal, as the office writes completion rates. */
export function formatRate(rate: number | null): string {
  return rate === null ? '—' : `${(rate * 100).toFixed(1)}%`;
}
