import type { MessageKey } from '../../app/i18n/i18n';

/** The server's own contract: categories and severities as the checker names them (no copy to drift). */
export {
  findingCategories as FINDING_CATEGORIES,
  severities as SEVERITIES,
  type FindingCategory,
  type Severity,
} from '../../../../server/src/modules/messaging/compliance/compliance-types.ts';
import type { FindingCategory, Severity } from '../../../../server/src/modules/messaging/compliance/compliance-types.ts';

/** antd's preset colours, matching the highlight colours in compliance-check.css. */
export const SEVERITY_COLORS: Record<Severity, string> = { block: 'red', warn: 'orange', info: 'blue' };

export function categoryLabel(category: FindingCategory): MessageKey {
  return `finding.category.${category}`;
}

export function severityLabel(severity: Severity): MessageKey {
  return `finding.severity.${severity}`;
}
