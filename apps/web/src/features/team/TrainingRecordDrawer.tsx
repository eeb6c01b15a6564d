import { Descriptions, Drawer, Table, Tag } from 'antd';
import { formatDateTime } from '../../app/format';
import { useT } from '../../app/i18n/i18n';
import { ATTENDANCE_COLORS, attendanceLabel } from './team-labels';
import { useTrainingRecord, type TrainingRecord } from './team.api';

type Row = TrainingRecord['items'][number];

/** 培训记录: the sessions a person was listed for and whether they came. */
export function TrainingRecordDrawer({ person, onClose }: { person: { userId: number; displayName: string } | null; onClose: () => void }) {
  const t = useT();
  const { data: record, isPending } = useTrainingRecord(person?.userId ?? null);
  return (
    <Drawer title={person ? t('team.record.title', { name: person.displayName }) : ''} open={person !== null} onClose={onClose} size={720}>
      {record && (
        <Descriptions size="small" column={4} style={{ marginBottom: 16 }}>
          <Descriptions.Item label={t('team.record.sessions')}>{record.summary.sessions}</Descriptions.Item>
          <Descriptions.Item label={t('team.attendance.present')}>{record.summary.present}</Descriptions.Item>
          <Descriptions.Item label={t('team.attendance.absent')}>{record.summary.absent}</Descriptions.Item>
          <Descriptions.Item label={t('team.attendance.excused')}>{record.summary.excused}</Descriptions.Item>
        </Descriptions>
      )}
      <Table<Row>
        rowKey="trainingId"
        size="small"
        loading={person !== null && isPending}
        dataSource={record?.items}
        pagination={false}
        locale={{ emptyText: t('team.record.empty') }}
        columns={[
          { title: t('team.training.startsAt'), dataIndex: 'startsAt', width: 150, render: formatDateTime },
          { title: t('team.training.topic'), dataIndex: 'topic' },
          { title: t('team.training.trainer'), dataIndex: 'trainer' },
          { title: t('team.attendance'), dataIndex: 'attendance', width: 90, render: (a: Row['attendance']) => <Tag color={ATTENDANCE_COLORS[a]}>{t(attendanceLabel(a))}</Tag> },
        ]}
      />
    </Drawer>
  );
}
