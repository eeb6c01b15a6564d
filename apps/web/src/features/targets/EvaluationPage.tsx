import { FileExcelOutlined, FileWordOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Progress, Space, Table, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { formatDate, formatDateTime } from '../../app/format';
import { useT } from '../../app/i18n/i18n';
import { PageSpinner } from '../../app/PageSpinner';
import { evaluationKindLabel, formatRate } from './target-labels';
import { evaluationExportUrl, useEvaluation, type Evaluation } from './targets.api';

type RankedDepartment = Evaluation['departments'][number];
type EvaluatedLine = Evaluation['items'][number];

/** A frozen 半年/年终考核: the ranking with scores, what each line achieved, the rule, and the .xlsx/.docx exports. */
export function EvaluationPage() {
  const t = useT();
  const planId = Number(useParams().id);
  const evaluationId = Number(useParams().evalId);
  const { data: evaluation } = useEvaluation(planId, evaluationId);
  if (!evaluation) return <PageSpinner />;
  const lastDay = new Date(new Date(evaluation.windowTo).getTime() - 1).toISOString();

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={t(evaluationKindLabel(evaluation.kind))}
        extra={
          <Space>
            <Link to={`/targets/plans/${planId}`}>{t('target.evaluation.backToPlan')}</Link>
            <Button icon={<FileExcelOutlined />} href={evaluationExportUrl(planId, evaluation.id, 'xlsx')}>
              {t('target.evaluation.exportXlsx')}
            </Button>
            <Button icon={<FileWordOutlined />} href={evaluationExportUrl(planId, evaluation.id, 'docx')}>
              {t('target.evaluation.exportDocx')}
            </Button>
          </Space>
        }
      >
        <Descriptions size="small" column={3}>
          <Descriptions.Item label={t('target.evaluation.window')}>{`${formatDate(evaluation.windowFrom)} ~ ${formatDate(lastDay)}`}</Descriptions.Item>
          <Descriptions.Item label={t('target.evaluation.asOf')}>{formatDateTime(evaluation.asOf)}</Descriptions.Item>
          <Descriptions.Item label={t('common.createdAt')}>{formatDateTime(evaluation.createdAt)}</Descriptions.Item>
        </Descriptions>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }} data-testid="scoring-rule">
          {t('target.evaluation.rule')}：{evaluation.scoringRule}
        </Typography.Paragraph>
      </Card>
      <Card title={t('target.evaluation.ranking')}>
        <Table<RankedDepartment>
          rowKey="departmentId"
          size="small"
          pagination={false}
          dataSource={evaluation.departments}
          data-testid="evaluation-ranking"
          columns={[
            { title: t('target.evaluation.rank'), dataIndex: 'rank', width: 80, render: (rank: number | null) => rank ?? '—' },
            { title: t('target.department'), dataIndex: 'departmentName' },
            { title: t('target.evaluation.items'), dataIndex: 'items', width: 100, align: 'right' },
            { title: t('target.evaluation.counted'), dataIndex: 'counted', width: 100, align: 'right' },
            { title: t('target.rate'), dataIndex: 'rate', width: 110, render: formatRate },
            {
              title: t('target.evaluation.score'),
              dataIndex: 'score',
              width: 240,
              render: (score: number | null) => (score === null ? '—' : <Progress percent={score} size="small" format={() => score.toFixed(1)} />),
            },
          ]}
        />
      </Card>
      <Card title={t('target.evaluation.details')}>
        <Table<EvaluatedLine>
          rowKey="itemId"
          size="small"
          pagination={false}
          dataSource={evaluation.items}
          columns={[
            { title: t('target.department'), dataIndex: 'departmentName', width: 140 },
            { title: t('target.targetText'), dataIndex: 'text' },
            { title: t('target.evaluation.expected'), dataIndex: 'expected', width: 100, align: 'right', render: (n: number) => (Number.isInteger(n) ? n : n.toFixed(1)) },
            { title: t('target.done'), dataIndex: 'done', width: 90, align: 'right' },
            {
              title: t('target.rate'),
              dataIndex: 'rate',
              width: 120,
              render: (rate: number, line) => (line.counted ? formatRate(rate) : <Tag>{t('target.evaluation.notScored')}</Tag>),
            },
          ]}
        />
      </Card>
    </Space>
  );
}
