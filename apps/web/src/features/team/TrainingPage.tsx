import { useState } from 'react';
import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, DatePicker, Space, type TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import { CursorTable } from '../../app/CursorTable';
import { formatDateTime } from '../../app/format';
import { useT } from '../../app/i18n/i18n';
import { TrainingDrawer } from './TrainingDrawer';
import { TrainingFormModal } from './TrainingFormModal';
import { useCanManageTeam } from './team-roles';
import { useDeleteTraining, useTrainingList, type Period, type Training } from './team.api';
import { useDialog } from './use-dialog';
import { EditDeleteLinks } from '../../app/RowActions';

/** 培训: the sessions, newest first, each opening to its attendance list. */
export function TrainingPage() {
  const t = useT();
  const canManage = useCanManageTeam();
  const [period, setPeriod] = useState<Period>({});
  const list = useTrainingList(period);
  const dialog = useDialog<Training>();
  const remove = useDeleteTraining();
  const [opened, setOpened] = useState<number | null>(null);

  const columns: TableColumnsType<Training> = [
    {
      title: t('team.training.topic'),
      dataIndex: 'topic',
      render: (topic: string, training) => (
        <Button type="link" size="small" style={{ padding: 0 }} onClick={() => setOpened(training.id)}>
          {topic}
        </Button>
      ),
    },
    { title: t('team.training.trainer'), dataIndex: 'trainer' },
    { title: t('team.training.startsAt'), dataIndex: 'startsAt', width: 160, render: formatDateTime },
    { title: t('team.training.place'), dataIndex: 'place' },
    { title: t('team.training.turnout'), key: 'turnout', width: 120, render: (_, training) => t('team.training.turnoutValue', { present: training.present, attendees: training.attendees }) },
  ];
  if (canManage) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 130,
      render: (_, training) => (
        <EditDeleteLinks onEdit={() => dialog.show(training)} confirm={t('team.training.deleteConfirm', { topic: training.topic })} onDelete={() => remove.mutate(training.id)} />
      ),
    });
  }

  return (
    <Card
      title={t('team.trainings')}
      extra={
        canManage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => dialog.show(null)}>
            {t('team.training.create')}
          </Button>
        )
      }
    >
      <Space style={{ marginBottom: 16 }}>
        <DatePicker.RangePicker
          aria-label={t('team.period')}
          onChange={(range: [Dayjs | null, Dayjs | null] | null) => setPeriod({ from: range?.[0]?.format('YYYY-MM-DD'), to: range?.[1]?.format('YYYY-MM-DD') })}
        />
      </Space>
      <CursorTable<Training> list={list} columns={columns} locale={{ emptyText: t('team.training.empty') }} />
      <TrainingFormModal key={dialog.key} training={dialog.subject} open={dialog.open} onClose={dialog.close} />
      <TrainingDrawer trainingId={opened} onClose={() => setOpened(null)} />
    </Card>
  );
}
