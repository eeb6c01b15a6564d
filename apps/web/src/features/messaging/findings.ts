import type { MessageKey } from '../../app/i18n/i18n';

/** What the compliance check can find, as the server names it. */
export type FindingCategory =
  | 'ad_absolute'
  | 'medical_claim'
  | 'privacy_id'
  | 'privacy_phone'
  | 'privacy_record'
  | 'privacy_bankcard'
  | 'term_forbidden'
  | 'sensitive';

export const FINDING_CATEGORIES: readonly FindingCategory[] = [
  'ad_absolute',
  'medical_claim',
  'privacy_id',
  'privacy_phone',
  'privacy_record',
  'privacy_bankcard',
  'term_forbidden',
  'sensitive',
];

export type Severity = 'block' | 'warn' | 'info';

/** Most severe first: the order findings are listed in and the one an overlap is coloured by. */
export const SEVERITIES: readonly Severity[] = ['block', 'warn', 'info'];

/** antd's preset colours, matching the highlight colours in compliance-check.css. */
export const SEVERITY_COLORS: Record<Severity, string> = { block: 'red', warn: 'orange', info: 'blue' };

export function categoryLabel(category: FindingCategory): MessageKey {
  return `finding.category.${category}`;
}

export function severityLabel(severity: Severity): MessageKey {
  return `finding.severity.${severity}`;
}
