import { Alert, Space } from 'antd';
import { useT } from '../../app/i18n/i18n';
import type { Finding } from '../messaging/compliance.api';
import { FindingList, type Replacement } from '../messaging/FindingList';

/** Findings returned by a submission; the body is edited as HTML, so suggestions are read, not applied. */
export function ComplianceFindings({ findings, title }: { findings: readonly Finding[]; title: string }) {
  const t = useT();
  const replacement: Replacement = { onReplace: () => undefined, pendingIndex: null, unavailableReason: t('check.replacePlainOnly') };
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="submit-findings">
      <Alert type="warning" showIcon title={title} />
      <FindingList findings={findings} replacement={replacement} onActivate={() => undefined} />
    </Space>
  );
}
