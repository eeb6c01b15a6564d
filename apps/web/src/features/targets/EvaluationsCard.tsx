import { Button, Card, Popconfirm, Space, Table } from 'antd';
import { Link, useNavigate } from 'react-router';
import { formatDateTime } from '../../app/format';
import { useT } from '../../app/i18n/i18n';
import { evaluationKindLabel } from './target-labels';
import { EVALUATION_KINDS, useCreateEvaluation, useDeleteEvaluation, useEvaluations, type EvaluationSummary } from './targets.api';
import { DeleteLink } from '../../app/RowActions';

const evaluationPath = (planId: number, evaluationId: number) => `/targets/plans/${planId}/evaluations/${evaluationId}`;

/** 考核: the half-year and year-end snapshots of a plan; managers take them (frozen from then on) or delete one to redo it. */
export function EvaluationsCard({ planId, canManage }: { planId: number; canManage: boolean }) {
  const t = useT();
  const navigate = useNavigate();
  const { data: evaluations, isPending } = useEvaluations(planId);
  const create = useCreateEvaluation(planId);
  const remove = useDeleteEvaluation(planId);
  const taken = new Set(evaluations?.map((e) => e.kind));

  return (
    <Card
      title={t('target.evaluations')}
      style={{ marginTop: 16 }}
      extra={
        canManage && (
          <Space>
            {EVALUATION_KINDS.map((kind) => (
              <Popconfirm
                key={kind}
                title={t('target.evaluation.createConfirm', { kind: t(evaluationKindLabel(kind)) })}
                onConfirm={() => create.mutate(kind, { onSuccess: (evaluation) => navigate(evaluationPath(planId, evaluation.id)) })}
              >
                <Button disabled={taken.has(kind)} loading={create.isPending && create.variables === kind}>
                  {t('target.evaluation.create', { kind: t(evaluationKindLabel(kind)) })}
                </Button>
              </Popconfirm>
            ))}
          </Space>
        )
      }
    >
      <Table<EvaluationSummary>
        rowKey="id"
        size="small"
        loading={isPending}
        dataSource={evaluations}
        pagination={false}
        locale={{ emptyText: t('target.evaluation.none') }}
        columns={[
          {
            title: t('target.evaluation.kind'),
            dataIndex: 'kind',
            render: (kind: EvaluationSummary['kind'], evaluation) => <Link to={evaluationPath(planId, evaluation.id)}>{t(evaluationKindLabel(kind))}</Link>,
          },
          { title: t('target.evaluation.asOf'), dataIndex: 'asOf', render: formatDateTime },
          { title: t('common.createdAt'), dataIndex: 'createdAt', render: formatDateTime },
          ...(canManage
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  width: 100,
                  render: (_: unknown, evaluation: EvaluationSummary) => (
                    <DeleteLink confirm={t('target.evaluation.deleteConfirm')} onDelete={() => remove.mutate(evaluation.id)} />
                  ),
                },
              ]
            : []),
        ]}
      />
    </Card>
  );
}
