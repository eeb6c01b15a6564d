import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Table, type TableColumnsType } from 'antd';
import { useIsAdmin } from '../../app/auth/session';
import { formatDateTime } from '../../app/format';
import { useRecordDialog } from '../../app/record-dialog';
import { useT } from '../../app/i18n/i18n';
import { useCampuses, useUpdateCampus, type Campus } from './campuses.api';
import { CampusFormModal } from './CampusFormModal';
import { RecordActions } from './RecordActions';
import { StatusTag } from './StatusTag';

export function CampusesPage() {
  const t = useT();
  const isAdmin = useIsAdmin();
  const { data: campuses, isPending } = useCampuses();
  const updateCampus = useUpdateCampus();
  const editing = useRecordDialog<Campus>();

  const columns: TableColumnsType<Campus> = [
    { title: t('campus.name'), dataIndex: 'name' },
    { title: t('campus.address'), dataIndex: 'address', render: (address: string | null) => address ?? '—' },
    { title: t('common.status'), dataIndex: 'status', width: 100, render: (status: Campus['status']) => <StatusTag status={status} /> },
    { title: t('common.updatedAt'), dataIndex: 'updatedAt', width: 160, render: formatDateTime },
  ];
  if (isAdmin) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 160,
      render: (_, campus) => (
        <RecordActions record={campus} name={campus.name} statusMutation={updateCampus} onEdit={() => editing.show(campus)} />
      ),
    });
  }

  return (
    <Card
      title={t('campus.title')}
      extra={
        isAdmin && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => editing.show(null)}>
            {t('campus.create')}
          </Button>
        )
      }
    >
      <Table<Campus> rowKey="id" columns={columns} dataSource={campuses} loading={isPending} pagination={false} />
      <CampusFormModal key={editing.key} open={editing.open} campus={editing.record} onClose={editing.close} />
    </Card>
  );
}
