import { ExperimentOutlined, PoweroffOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Descriptions, Empty, Form, Input, Popconfirm, Row, Space, Statistic, Table, Tag, Tooltip, Typography } from 'antd';
import { CursorTable } from '../../app/CursorTable';
import { FormModal } from '../../app/FormModal';
import { formatDateTime } from '../../app/format';
import { useT, type MessageKey } from '../../app/i18n/i18n';
import { PageSpinner } from '../../app/PageSpinner';
import { useRecordDialog } from '../../app/record-dialog';
import { useSaveHandlers } from '../../app/save-handlers';
import {
  useActivateClassifier,
  useClassifierModels,
  useClassifierOverview,
  useDeactivateClassifier,
  useRejectClassifier,
  useTrainClassifier,
  type ChangeOutcome,
  type ClassifierModel,
  type ClassifierReport,
  type ClassifierStatus,
  type Evaluation,
} from './classifier.api';
import { POLARITIES, useManagesOpinion, type Polarity } from './opinion.api';
import { OpinionOnly, PolarityTag } from './opinion-labels';

const STATUS_COLORS: Record<ClassifierStatus, string> = { candidate: 'processing', active: 'success', retired: 'default', rejected: 'error' };
const OUTCOME_COLORS: Record<ChangeOutcome, string> = { fixed: 'green', broken: 'red', changed: 'orange' };

const pct = (x: number | undefined) => (x === undefined ? '—' : `${(100 * x).toFixed(1)}%`);

/** A figure before and after, green when the model gains, red when it loses. */
function Delta({ before, after }: { before: number; after: number }) {
  const gain = after - before;
  const color = Math.abs(gain) < 0.0005 ? undefined : gain > 0 ? '#389e0d' : '#cf1322';
  return (
    <span>
      {pct(before)} → <span style={{ color, fontWeight: 600 }}>{pct(after)}</span>
    </span>
  );
}

function PerClassTable({ before, after }: { before: Evaluation; after: Evaluation }) {
  const t = useT();
  const rows = POLARITIES.filter((p) => before.perClass[p] || after.perClass[p]).map((polarity) => ({ polarity, before: before.perClass[polarity], after: after.perClass[polarity] }));
  const metric = (key: 'precision' | 'recall' | 'f1', label: MessageKey) => ({
    title: t(label),
    key,
    render: (_: unknown, row: (typeof rows)[number]) => <Delta before={row.before?.[key] ?? 0} after={row.after?.[key] ?? 0} />,
  });
  return (
    <Table
      size="small"
      rowKey="polarity"
      pagination={false}
      dataSource={rows}
      data-testid="classifier-per-class"
      columns={[
        { title: t('opinion.classifier.polarity'), dataIndex: 'polarity', render: (p: Polarity) => <PolarityTag polarity={p} /> },
        { title: t('opinion.classifier.support'), key: 'support', render: (_: unknown, row) => row.after?.support ?? row.before?.support ?? 0 },
        metric('precision', 'opinion.classifier.precision'),
        metric('recall', 'opinion.classifier.recall'),
        metric('f1', 'opinion.classifier.f1'),
      ]}
    />
  );
}

/** What the model would change, told before it is switched on: cross-validated figures, per polarity, and the mentions it moves. */
export function ClassifierReportView({ report }: { report: ClassifierReport }) {
  const t = useT();
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="classifier-report">
      <Typography.Text type="secondary">
        {t('opinion.classifier.method', { n: report.n, folds: report.folds, threshold: pct(report.minProbability) })}
      </Typography.Text>
      <Row gutter={16}>
        <Col xs={12} md={6}>
          <Statistic title={t('opinion.classifier.accuracy')} valueRender={() => <Delta before={report.before.accuracy} after={report.after.accuracy} />} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t('opinion.classifier.macroF1')} valueRender={() => <Delta before={report.before.macroF1} after={report.after.macroF1} />} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t('opinion.classifier.fixed')} value={report.fixed} styles={{ content: { color: '#389e0d' } }} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t('opinion.classifier.broken')} value={report.broken} styles={{ content: { color: report.broken ? '#cf1322' : undefined } }} />
        </Col>
      </Row>
      <PerClassTable before={report.before} after={report.after} />
      <Alert
        type={report.recent.tested && report.recent.changed / report.recent.tested > 0.1 ? 'warning' : 'info'}
        showIcon
        title={t('opinion.classifier.recent', { tested: report.recent.tested, changed: report.recent.changed })}
        description={
          report.recent.shifts.length ? (
            <Space wrap size={4}>
              {report.recent.shifts.map((s) => (
                <Tag key={`${s.from}-${s.to}`}>
                  {t(`opinion.polarity.${s.from}`)} → {t(`opinion.polarity.${s.to}`)}：{s.count}
                </Tag>
              ))}
            </Space>
          ) : undefined
        }
      />
      <Table
        size="small"
        rowKey="mentionId"
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        dataSource={report.changes}
        locale={{ emptyText: t('opinion.classifier.noChanges') }}
        data-testid="classifier-changes"
        columns={[
          { title: t('opinion.classifier.outcome'), dataIndex: 'outcome', width: 90, render: (o: ChangeOutcome) => <Tag color={OUTCOME_COLORS[o]}>{t(`opinion.classifier.outcome.${o}`)}</Tag> },
          { title: t('opinion.classifier.mention'), dataIndex: 'excerpt', render: (excerpt: string) => <Typography.Text ellipsis={{ tooltip: excerpt }} style={{ maxWidth: 360 }}>{excerpt}</Typography.Text> },
          { title: t('opinion.classifier.expected'), dataIndex: 'expected', width: 90, render: (p: Polarity) => <PolarityTag polarity={p} /> },
          {
            title: t('opinion.classifier.change'),
            key: 'change',
            width: 160,
            render: (_: unknown, c: ClassifierReport['changes'][number]) => (
              <Tooltip title={c.modelReason}>
                <Space size={2}>
                  <PolarityTag polarity={c.before} />→<PolarityTag polarity={c.after} />
                </Space>
              </Tooltip>
            ),
          },
          {
            title: t('opinion.classifier.misleading'),
            dataIndex: 'misleadingReasons',
            render: (reasons: string[]) => (
              <Space wrap size={2}>
                {reasons.map((r, i) => (
                  <Tag key={`${r}-${i}`} bordered={false}>
                    {r}
                  </Tag>
                ))}
              </Space>
            ),
          },
        ]}
      />
    </Space>
  );
}

function RejectModal({ model, open, onClose }: { model: ClassifierModel | null; open: boolean; onClose: () => void }) {
  const t = useT();
  const [form] = Form.useForm<{ reason?: string }>();
  const reject = useRejectClassifier();
  const callbacks = useSaveHandlers(form, onClose, 'opinion.classifier.rejected');
  return (
    <FormModal form={form} title={t('opinion.classifier.rejectTitle', { version: model?.version ?? '' })} open={open} okText={t('opinion.classifier.reject')} saving={reject.isPending} onClose={onClose}>
      {model && (
        <Form<{ reason?: string }> form={form} layout="vertical" preserve={false} onFinish={({ reason }) => reject.mutate({ id: model.id, reason: reason?.trim() || null }, callbacks)}>
          <Form.Item name="reason" label={t('opinion.classifier.rejectReason')}>
            <Input.TextArea maxLength={500} rows={3} />
          </Form.Item>
        </Form>
      )}
    </FormModal>
  );
}

function ModelFacts({ model }: { model: ClassifierModel }) {
  const t = useT();
  return (
    <Descriptions size="small" column={{ xs: 1, md: 3 }}>
      <Descriptions.Item label={t('opinion.classifier.trainedAt')}>{formatDateTime(model.trainedAt)}</Descriptions.Item>
      <Descriptions.Item label={t('opinion.classifier.trainedBy')}>{model.trainedBy?.name ?? t('opinion.classifier.trigger.schedule')}</Descriptions.Item>
      <Descriptions.Item label={t('opinion.classifier.examples')}>{model.examples}</Descriptions.Item>
    </Descriptions>
  );
}

function ActivateButton({ model, activeVersion, primary = false }: { model: ClassifierModel; activeVersion: number | null; primary?: boolean }) {
  const t = useT();
  const activate = useActivateClassifier();
  const title = activeVersion === null ? t('opinion.classifier.activateConfirm', { version: model.version }) : t('opinion.classifier.activateReplaceConfirm', { version: model.version, active: activeVersion });
  return (
    <Popconfirm title={title} onConfirm={() => activate.mutate(model.id)}>
      <Button type={primary ? 'primary' : 'link'} size={primary ? 'middle' : 'small'} loading={activate.isPending}>
        {t('opinion.classifier.activate')}
      </Button>
    </Popconfirm>
  );
}

function Classifier() {
  const t = useT();
  const canManage = useManagesOpinion();
  const overview = useClassifierOverview();
  const models = useClassifierModels();
  const train = useTrainClassifier();
  const deactivate = useDeactivateClassifier();
  const rejecting = useRecordDialog<ClassifierModel>();

  if (overview.isPending) return <PageSpinner />;
  const o = overview.data;
  const activeVersion = o?.active?.version ?? null;
  const tooFew = (o?.correctedMentions ?? 0) < (o?.minCorrections ?? 0);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={t('opinion.classifier.title')}
        extra={
          canManage && (
            <Space>
              {o?.active && (
                <Popconfirm title={t('opinion.classifier.deactivateConfirm', { version: o.active.version })} onConfirm={() => deactivate.mutate()}>
                  <Button icon={<PoweroffOutlined />} danger loading={deactivate.isPending}>
                    {t('opinion.classifier.deactivate')}
                  </Button>
                </Popconfirm>
              )}
              <Tooltip title={tooFew ? t('opinion.classifier.tooFew', { min: o?.minCorrections ?? 0 }) : undefined}>
                <Button type="primary" icon={<ExperimentOutlined />} disabled={tooFew} loading={train.isPending} onClick={() => train.mutate()}>
                  {t('opinion.classifier.train')}
                </Button>
              </Tooltip>
            </Space>
          )
        }
      >
        <Typography.Paragraph type="secondary">{t('opinion.classifier.intro', { from: o?.nightly.fromHour ?? 2, to: o?.nightly.toHour ?? 6 })}</Typography.Paragraph>
        {o && (
          <Row gutter={16}>
            <Col xs={12} md={6}>
              <Statistic title={t('opinion.classifier.inUse')} value={o.active ? `v${o.active.version}` : t('opinion.classifier.lexiconOnly')} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title={t('opinion.classifier.correctedMentions')} value={o.correctedMentions} suffix={tooFew ? `/ ${o.minCorrections}` : undefined} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title={t('opinion.classifier.sinceLast')} value={o.correctionsSinceLastModel} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title={t('opinion.classifier.lastTrained')} value={formatDateTime(o.lastTrainedAt)} />
            </Col>
          </Row>
        )}
      </Card>

      <Card
        title={o?.candidate ? t('opinion.classifier.candidateTitle', { version: o.candidate.version }) : t('opinion.classifier.candidate')}
        extra={
          canManage &&
          o?.candidate && (
            <Space>
              <Button danger onClick={() => rejecting.show(o.candidate)}>
                {t('opinion.classifier.reject')}
              </Button>
              <ActivateButton model={o.candidate} activeVersion={activeVersion} primary />
            </Space>
          )
        }
      >
        {o?.candidate ? (
          <>
            <ModelFacts model={o.candidate} />
            <ClassifierReportView report={o.candidate.report} />
          </>
        ) : (
          <Empty description={t('opinion.classifier.noCandidate')} />
        )}
      </Card>

      <Card title={t('opinion.classifier.history')}>
        <CursorTable<ClassifierModel>
          list={models}
          expandable={{ expandedRowRender: (model) => <ClassifierReportView report={model.report} /> }}
          columns={[
            { title: t('opinion.classifier.version'), dataIndex: 'version', width: 70, render: (v: number) => `v${v}` },
            { title: t('common.status'), dataIndex: 'status', width: 90, render: (s: ClassifierStatus) => <Tag color={STATUS_COLORS[s]}>{t(`opinion.classifier.status.${s}`)}</Tag> },
            {
              title: t('opinion.classifier.trainedAt'),
              key: 'trained',
              render: (_: unknown, m: ClassifierModel) => (
                <span>
                  {formatDateTime(m.trainedAt)} · {m.trainedBy?.name ?? t('opinion.classifier.trigger.schedule')}
                </span>
              ),
            },
            { title: t('opinion.classifier.examples'), dataIndex: 'examples', width: 80 },
            { title: t('opinion.classifier.accuracy'), key: 'accuracy', render: (_: unknown, m: ClassifierModel) => <Delta before={m.report.before.accuracy} after={m.report.after.accuracy} /> },
            { title: t('opinion.classifier.macroF1'), key: 'macroF1', render: (_: unknown, m: ClassifierModel) => <Delta before={m.report.before.macroF1} after={m.report.after.macroF1} /> },
            {
              title: t('opinion.classifier.decision'),
              key: 'decision',
              render: (_: unknown, m: ClassifierModel) => (
                <Space orientation="vertical" size={0}>
                  {m.activatedAt && <span>{t('opinion.classifier.activatedBy', { name: m.activatedBy?.name ?? '—', at: formatDateTime(m.activatedAt) })}</span>}
                  {m.retiredAt && <span>{t('opinion.classifier.retiredBy', { name: m.retiredBy?.name ?? '—', at: formatDateTime(m.retiredAt) })}</span>}
                  {m.rejectedAt && (
                    <span>
                      {t('opinion.classifier.rejectedBy', { name: m.rejectedBy?.name ?? t('opinion.classifier.trigger.schedule'), at: formatDateTime(m.rejectedAt) })}
                      {m.rejectReason ? `（${m.rejectReason}）` : ''}
                    </span>
                  )}
                </Space>
              ),
            },
            ...(canManage
              ? [
                  {
                    title: t('common.actions'),
                    key: 'actions',
                    width: 100,
                    render: (_: unknown, m: ClassifierModel) => (m.status === 'retired' || m.status === 'candidate' ? <ActivateButton model={m} activeVersion={activeVersion} /> : null),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      <RejectModal key={rejecting.key} model={rejecting.record} open={rejecting.open} onClose={rejecting.close} />
    </Space>
  );
}

/** 分类模型: the hospital's polarity classifier trained on its officers' corrections, reported before it is switched on. */
export function ClassifierPage() {
  return (
    <OpinionOnly>
      <Classifier />
    </OpinionOnly>
  );
}
