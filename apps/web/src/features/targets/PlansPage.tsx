import { useState } from 'react';
import { PlusOutlined } from '@ant-design/icons';
import { Button, Card } from 'antd';
import { Link } from 'react-router';
import { CursorTable } from '../../app/CursorTable';
import { formatDateTime } from '../../app/format';
import { useT } from '../../app/i18n/i18n';
import { PlanFormModal } from './PlanFormModal';
import { useCanManageTargets } from './target-roles';
import { usePlanList, type Plan } from './targets.api';

/** 目标计划: the yearly 目标任务分解表, newest first, each opening to its progress and evaluations. */
export function PlansPage() {
  const t = useT();
  const canManage = useCanManageTargets();
  const list = usePlanList();
  const [creating, setCreating] = useState(false);
  return (
    <Card
      title={t('target.plans')}
      extra={
        canManage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('target.createPlan')}
          </Button>
        )
      }
    >
      <CursorTable<Plan>
        list={list}
        columns={[
          { title: t('target.planName'), dataIndex: 'name', render: (name: string, plan) => <Link to={`/targets/plans/${plan.id}`}>{name}</Link> },
          { title: t('target.year'), dataIndex: 'year', width: 100 },
          { title: t('common.createdAt'), dataIndex: 'createdAt', width: 180, render: formatDateTime },
        ]}
      />
      <PlanFormModal open={creating} onClose={() => setCreating(false)} />
    </Card>
  );
}
