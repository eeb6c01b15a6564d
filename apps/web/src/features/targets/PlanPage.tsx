import { useState } from 'react';
import { FileExcelOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Card, Space, Typography } from 'antd';
import { useParams } from 'react-router';
import { formatDate } from '../../app/format';
import { useT } from '../../app/i18n/i18n';
import { EvaluationsCard } from './EvaluationsCard';
import { ImportModal } from './ImportModal';
import { ItemFormModal } from './ItemFormModal';
import { PiecesDrawer } from './PiecesDrawer';
import { ProgressTable } from './ProgressTable';
import { useCanManageTargets } from './target-roles';
import { planExportUrl, useProgress, type ProgressLine } from './targets.api';

/** A plan: its 目标任务分解表 with progress counted from what was published, the import and export, and its evaluations. */
export function PlanPage() {
  const t = useT();
  const planId = Number(useParams().id);
  const canManage = useCanManageTargets();
  const { data: progress, isPending } = useProgress(planId);
  const [drilled, setDrilled] = useState<ProgressLine | null>(null);
  const [importing, setImporting] = useState(false);
  // A new key per opening gives the form a fresh store.
  const [adding, setAdding] = useState({ open: false, key: 0 });

  return (
    <>
      <Card
        title={progress?.plan.name}
        extra={
          <Space>
            {canManage && (
              <>
                <Button icon={<PlusOutlined />} onClick={() => setAdding((a) => ({ open: true, key: a.key + 1 }))}>
                  {t('target.addItem')}
                </Button>
                <Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>
                  {t('target.import')}
                </Button>
              </>
            )}
            <Button type="primary" icon={<FileExcelOutlined />} href={planExportUrl(planId)}>
              {t('target.export')}
            </Button>
          </Space>
        }
      >
        {progress && (
          <Typography.Paragraph type="secondary" data-testid="progress-as-of">
            {t('target.asOf', { date: formatDate(progress.asOf), percent: (progress.elapsed * 100).toFixed(1) })}
          </Typography.Paragraph>
        )}
        <ProgressTable planId={planId} lines={progress?.items ?? []} totals={progress?.totals ?? []} loading={isPending} canManage={canManage} onDrill={setDrilled} />
      </Card>
      <EvaluationsCard planId={planId} canManage={canManage} />
      <PiecesDrawer planId={planId} line={drilled} onClose={() => setDrilled(null)} />
      <ImportModal planId={planId} open={importing} onClose={() => setImporting(false)} />
      <ItemFormModal key={adding.key} planId={planId} open={adding.open} onClose={() => setAdding((a) => ({ ...a, open: false }))} />
    </>
  );
}
