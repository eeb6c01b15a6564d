import { Card, Empty, Steps, Tag, Typography } from 'antd';
import { formatDateTime } from '../../app/format';
import { useT } from '../../app/i18n/i18n';
import type { ReviewStep } from './articles.api';
import { STEP_COLORS, stepStatusLabel } from './article-labels';

const STEP_STATES = { waiting: 'wait', pending: 'process', approved: 'finish', returned: 'error', rejected: 'error' } as const;

/** The steps of the latest submission round, each with its state, due time and decision. */
export function ReviewChain({ steps }: { steps: readonly ReviewStep[] }) {
  const t = useT();
  const round = Math.max(0, ...steps.map((step) => step.round));
  const current = steps.filter((step) => step.round === round).sort((a, b) => a.position - b.position);
  return (
    <Card title={t('article.reviewChain')} data-testid="review-chain">
      {current.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('article.notSubmitted')} />
      ) : (
        <Steps
          orientation="vertical"
          size="small"
          items={current.map((step) => ({
            status: STEP_STATES[step.status],
            title: (
              <span>
                {step.name} <Tag color={STEP_COLORS[step.status]}>{t(stepStatusLabel(step.status))}</Tag>
                {step.overdue && <Tag color="red">{t('article.overdue')}</Tag>}
              </span>
            ),
            content: (
              <Typography.Text type="secondary">
                {t('article.dueAt', { time: formatDateTime(step.dueAt) })}
                {step.decidedBy !== null && ` · ${t('article.decidedBy', { user: step.decidedByName ?? `#${step.decidedBy}`, time: formatDateTime(step.decidedAt) })}`}
                {step.comment && ` · ${t('article.comment', { comment: step.comment })}`}
              </Typography.Text>
            ),
          }))}
        />
      )}
    </Card>
  );
}
