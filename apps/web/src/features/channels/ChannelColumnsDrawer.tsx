import { PlusOutlined } from '@ant-design/icons';
import { Button, Drawer, Table, Tooltip, type TableColumnsType } from 'antd';
import { formatDateTime } from '../../app/format';
import { useRecordDialog } from '../../app/record-dialog';
import { useT } from '../../app/i18n/i18n';
import type { RecordStatus } from '../org/campuses.api';
import { RecordActions } from '../org/RecordActions';
import { StatusTag } from '../org/StatusTag';
import { useCanManageChannels } from './channel-roles';
import { ChannelColumnFormModal } from './ChannelColumnFormModal';
import { useChannelColumns, useUpdateChannelColumn, type Channel, type ChannelColumn } from './channels.api';

function ChannelColumns({ channel }: { channel: Channel }) {
  const t = useT();
  const canManage = useCanManageChannels();
  const { data: columns, isPending } = useChannelColumns(channel.id);
  const updateColumn = useUpdateChannelColumn(channel.id);
  const editing = useRecordDialog<ChannelColumn>();

  const tableColumns: TableColumnsType<ChannelColumn> = [
    {
      title: t('channelColumn.name'),
      dataIndex: 'name',
      // A website column in use has its own page on the public site (/site/columns/:id).
      render: (name: string, column) =>
        channel.kind === 'website' && channel.status === 'active' && column.status === 'active' ? (
          <Tooltip title={t('channelColumn.sitePage')}>
            <a href={`/site/columns/${column.id}`} target="_blank" rel="noreferrer">
              {name}
            </a>
          </Tooltip>
        ) : (
          name
        ),
    },
    { title: t('channelColumn.description'), dataIndex: 'description', render: (description: string | null) => description ?? '—' },
    { title: t('common.status'), dataIndex: 'status', width: 100, render: (status: RecordStatus) => <StatusTag status={status} /> },
    { title: t('common.updatedAt'), dataIndex: 'updatedAt', width: 150, render: formatDateTime },
  ];
  if (canManage) {
    tableColumns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 130,
      render: (_, column) => (
        <RecordActions record={column} name={column.name} statusMutation={updateColumn} onEdit={() => editing.show(column)} />
      ),
    });
  }

  return (
    <>
      {canManage && (
        <Button type="primary" icon={<PlusOutlined />} style={{ marginBottom: 16 }} onClick={() => editing.show(null)}>
          {t('channelColumn.create')}
        </Button>
      )}
      <Table<ChannelColumn> rowKey="id" size="small" columns={tableColumns} dataSource={columns} loading={isPending} pagination={false} />
      <ChannelColumnFormModal key={editing.key} open={editing.open} channelId={channel.id} column={editing.record} onClose={editing.close} />
    </>
  );
}

/** A channel's columns (栏目): everyone reads them; managers add, rename, disable and enable them. */
export function ChannelColumnsDrawer({ channel, open, onClose }: { channel: Channel | null; open: boolean; onClose: () => void }) {
  const t = useT();
  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={720}
      destroyOnHidden
      title={channel ? t('channelColumn.title', { channel: channel.name }) : undefined}
    >
      {channel && <ChannelColumns channel={channel} />}
    </Drawer>
  );
}
