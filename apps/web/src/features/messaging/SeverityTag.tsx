import { Tag } from 'antd';
import { useT } from '../../app/i18n/i18n';
import { SEVERITY_COLORS, severityLabel, type Severity } from './findings';

export function SeverityTag({ severity }: { severity: Severity }) {
  const t = useT();
  return <Tag color={SEVERITY_COLORS[severity]}>{t(severityLabel(severity))}</Tag>;
}
