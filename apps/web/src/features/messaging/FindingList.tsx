import { Button, Empty, Space, Tag, Tooltip, Typography } from 'antd';
import { useT } from '../../app/i18n/i18n';
import type { Finding } from './compliance.api';
import { categoryLabel, FINDING_CATEGORIES, SEVERITY_COLORS, severityLabel } from './findings';
import './compliance-check.css';

/** What 替换 can do for the list: apply a finding's suggestion, or why it cannot now. */
export type Replacement = { onReplace: (index: number) => void; pendingIndex: number | null; unavailableReason: string | null };

function FindingItem({
  finding,
  index,
  replacement,
  onActivate,
}: {
  finding: Finding;
  index: number;
  replacement: Replacement;
  onActivate: (index: number | null) => void;
}) {
  const t = useT();
  const replaceButton = (
    <Button
      size="small"
      type="primary"
      ghost
      disabled={replacement.unavailableReason !== null || (replacement.pendingIndex !== null && replacement.pendingIndex !== index)}
      loading={replacement.pendingIndex === index}
      onClick={() => replacement.onReplace(index)}
    >
      {t('check.replace')}
    </Button>
  );
  return (
    <div
      className="finding-item"
      data-testid="finding"
      onMouseEnter={() => onActivate(index)}
      onMouseLeave={() => onActivate(null)}
    >
      <Space size={6} wrap>
        <Tag color={SEVERITY_COLORS[finding.severity]}>{t(severityLabel(finding.severity))}</Tag>
        <Typography.Text strong>{finding.term}</Typography.Text>
        <Typography.Text type="secondary">{t(finding.field === 'title' ? 'check.inTitle' : 'check.inBody')}</Typography.Text>
      </Space>
      <div>{finding.message}</div>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('check.rule', { rule: finding.rule })}
      </Typography.Text>
      {finding.suggestion !== null && (
        <Space size={8} style={{ display: 'flex', marginTop: 4 }}>
          <span>{t('check.suggestion', { suggestion: finding.suggestion })}</span>
          {replacement.unavailableReason ? <Tooltip title={replacement.unavailableReason}>{replaceButton}</Tooltip> : replaceButton}
        </Space>
      )}
    </div>
  );
}

/** The findings grouped by category, each with its message, rule, suggestion and a 替换 button. */
export function FindingList({
  findings,
  replacement,
  onActivate,
}: {
  findings: readonly Finding[];
  replacement: Replacement;
  onActivate: (index: number | null) => void;
}) {
  const t = useT();
  if (findings.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('check.clean')} />;
  const indexed = findings.map((finding, index) => ({ finding, index }));
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {FINDING_CATEGORIES.map((category) => {
        const group = indexed
          .filter(({ finding }) => finding.category === category)
          .sort((a, b) => (a.finding.field === b.finding.field ? a.finding.start - b.finding.start : a.finding.field === 'title' ? -1 : 1));
        if (group.length === 0) return null;
        return (
          <section key={category} data-testid={`finding-group-${category}`}>
            <Typography.Title level={5} style={{ margin: '0 0 4px' }}>
              {t(categoryLabel(category))}
              <Typography.Text type="secondary" style={{ fontWeight: 'normal', marginInlineStart: 8 }}>
                {group.length}
              </Typography.Text>
            </Typography.Title>
            {group.map(({ finding, index }) => (
              <FindingItem key={index} finding={finding} index={index} replacement={replacement} onActivate={onActivate} />
            ))}
          </section>
        );
      })}
    </Space>
  );
}
