import { useState } from 'react';
import { Alert, Button, Descriptions, Drawer, Popconfirm, Select, Space, Table, Tag, type TableColumnsType } from 'antd';
import { formatDateTime } from '../../app/format';
import { useT } from '../../app/i18n/i18n';
import { useAllUsers } from '../org/users.api';
import { ATTENDANCE_COLORS, attendanceLabel } from './team-labels';
import { useCanManageTeam } from './team-roles';
import { ATTENDANCE_VALUES, useAddAttendees, useRecordAttendance, useRemoveAttendee, useTraining, type Attendance, type TrainingDetail } from './team.api';

type Attendee = TrainingDetail['attendeeList'][number];

/** A session's attendance list: managers put people on it and record 出席/缺席/请假 once the session has started. */
export function TrainingDrawer({ trainingId, onClose }: { trainingId: number | null; onClose: () => void }) {
  const t = useT();
  const canManage = useCanManageTeam();
  const { data: training } = useTraining(trainingId);
  const { data: users = [] } = useAllUsers();
  const [adding, setAdding] = useState<number[]>([]);
  const add = useAddAttendees(trainingId ?? 0);
  const remove = useRemoveAttendee(trainingId ?? 0);
  const record = useRecordAttendance(trainingId ?? 0);
  const started = training !== undefined && new Date(training.startsAt) <= new Date();
  const listed = new Set(training?.attendeeList.map((a) => a.userId));

  const columns: TableColumnsType<Attendee> = [
    { title: t('team.member.person'), dataIndex: 'displayName' },
    { title: t('team.department'), dataIndex: 'departmentName' },
    {
      title: t('team.attendance'),
      dataIndex: 'attendance',
      width: 150,
      render: (attendance: Attendance, attendee) =>
        canManage ? (
          <Select<Attendance>
            size="small"
            style={{ width: 110 }}
            aria-label={t('team.attendance.of', { name: attendee.displayName })}
            value={attendance}
            disabled={!started}
            onChange={(value) => record.mutate([{ userId: attendee.userId, attendance: value }])}
            options={ATTENDANCE_VALUES.map((value) => ({ value, label: t(attendanceLabel(value)) }))}
          />
        ) : (
          <Tag color={ATTENDANCE_COLORS[attendance]}>{t(attendanceLabel(attendance))}</Tag>
        ),
    },
  ];
  if (canManage) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 80,
      render: (_, attendee) => (
        <Popconfirm title={t('team.training.removeConfirm', { name: attendee.displayName })} onConfirm={() => remove.mutate(attendee.userId)}>
          <Button type="link" size="small" danger>
            {t('common.delete')}
          </Button>
        </Popconfirm>
      ),
    });
  }

  return (
    <Drawer title={training?.topic} open={trainingId !== null} onClose={onClose} size={760} destroyOnHidden>
      {training && (
        <Descriptions size="small" column={2} style={{ marginBottom: 16 }}>
          <Descriptions.Item label={t('team.training.trainer')}>{training.trainer}</Descriptions.Item>
          <Descriptions.Item label={t('team.training.startsAt')}>{formatDateTime(training.startsAt)}</Descriptions.Item>
          <Descriptions.Item label={t('team.training.place')}>{training.place}</Descriptions.Item>
          <Descriptions.Item label={t('team.training.turnout')}>{t('team.training.turnoutValue', { present: training.present, attendees: training.attendees })}</Descriptions.Item>
          {training.description && (
            <Descriptions.Item label={t('team.training.description')} span={2}>
              {training.description}
            </Descriptions.Item>
          )}
        </Descriptions>
      )}
      {canManage && !started && <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('team.training.notStarted')} />}
      {canManage && (
        <Space.Compact style={{ width: '100%', marginBottom: 16 }}>
          <Select<number[]>
            mode="multiple"
            style={{ width: '100%' }}
            placeholder={t('team.training.addPeople')}
            showSearch={{ optionFilterProp: 'label' }}
            value={adding}
            onChange={setAdding}
            options={users.filter((u) => u.status === 'active' && !listed.has(u.id)).map((u) => ({ value: u.id, label: `${u.displayName}（${u.username}）` }))}
          />
          <Button type="primary" disabled={adding.length === 0} loading={add.isPending} onClick={() => add.mutate(adding, { onSuccess: () => setAdding([]) })}>
            {t('team.training.add')}
          </Button>
        </Space.Compact>
      )}
      <Table<Attendee> rowKey="userId" size="small" columns={columns} dataSource={training?.attendeeList} pagination={false} locale={{ emptyText: t('team.training.noAttendees') }} />
    </Drawer>
  );
}
