import { useMemo, useState } from 'react';
import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Select, Space, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { CursorTable } from '../../app/CursorTable';
import { useRecordDialog } from '../../app/record-dialog';
import { useT } from '../../app/i18n/i18n';
import { SearchFilter } from '../../app/SearchFilter';
import { useAllDepartments } from '../org/departments.api';
import { useAllUsers } from '../org/users.api';
import { integrationFieldsOf, isIntegrationConfigured, kindOptions, registrationSummary } from './channel-fields';
import { useCanManageChannels } from './channel-roles';
import { ChannelColumnsDrawer } from './ChannelColumnsDrawer';
import { ChannelFormModal } from './ChannelFormModal';
import { CHANNEL_STATUSES, useChannelKinds, useChannelList, type Channel, type ChannelFilters, type ChannelKind, type ChannelStatus } from './channels.api';
import { ChannelStatusTag } from './ChannelStatusTag';

/** 阵地列表: every channel of the hospital, online and offline; managers register and edit them and their columns. */
export function ChannelsPage() {
  const t = useT();
  const canManage = useCanManageChannels();
  const [filters, setFilters] = useState<ChannelFilters>({});
  const list = useChannelList(filters);
  const { data: kinds } = useChannelKinds();
  const { data: departments = [] } = useAllDepartments();
  const { data: users = [] } = useAllUsers();
  const editing = useRecordDialog<Channel>();
  const viewingColumns = useRecordDialog<Channel>();

  const departmentNames = useMemo(() => new Map(departments.map((d) => [d.id, d.name])), [departments]);
  const userNames = useMemo(() => new Map(users.map((user) => [user.id, user.displayName])), [users]);

  const integrationCell = (channel: Channel) => {
    const configured = isIntegrationConfigured(channel, integrationFieldsOf(kinds, channel.kind));
    if (configured === null) return '—';
    return configured ? <Tag color="success">{t('channel.integrationConfigured')}</Tag> : <Tag>{t('channel.integrationNotConfigured')}</Tag>;
  };

  const columns: TableColumnsType<Channel> = [
    { title: t('channel.name'), dataIndex: 'name', render: (name: string) => <Typography.Text strong>{name}</Typography.Text> },
    {
      title: t('channel.kind'),
      dataIndex: 'kind',
      width: 210,
      render: (kind: ChannelKind, channel) => (
        <Space size={4}>
          <span>{t(`channelKind.${kind}`)}</span>
          <Tag color={channel.online ? 'blue' : 'orange'}>{t(channel.online ? 'channel.online' : 'channel.offline')}</Tag>
        </Space>
      ),
    },
    {
      title: t('channel.ownerDepartment'),
      dataIndex: 'ownerDepartmentId',
      width: 140,
      render: (id: number) => departmentNames.get(id) ?? `#${id}`,
    },
    {
      title: t('channel.manager'),
      dataIndex: 'managerUserId',
      width: 100,
      render: (id: number | null) => (id === null ? '—' : (userNames.get(id) ?? `#${id}`)),
    },
    { title: t('common.status'), dataIndex: 'status', width: 80, render: (status: ChannelStatus) => <ChannelStatusTag status={status} /> },
    {
      title: t('channel.registration'),
      dataIndex: 'registration',
      ellipsis: { showTitle: false },
      render: (registration: Record<string, string>) => {
        const summary = registrationSummary(registration, t);
        return summary ? (
          <Tooltip title={summary} placement="topLeft">
            <span>{summary}</span>
          </Tooltip>
        ) : (
          '—'
        );
      },
    },
    { title: t('channel.integrationState'), key: 'integration', width: 90, render: (_, channel) => integrationCell(channel) },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 120,
      render: (_, channel) => (
        <Space size={0}>
          {canManage && (
            <Button type="link" size="small" onClick={() => editing.show(channel)}>
              {t('common.edit')}
            </Button>
          )}
          <Button type="link" size="small" onClick={() => viewingColumns.show(channel)}>
            {t('channelColumn.open')}
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <Card
      title={t('channel.title')}
      extra={
        canManage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => editing.show(null)}>
            {t('channel.create')}
          </Button>
        )
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Select<ChannelKind>
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('channel.kind')}
          aria-label={t('channel.kind')}
          style={{ width: 200 }}
          value={filters.kind}
          onChange={(kind) => setFilters({ ...filters, kind })}
          options={kindOptions(kinds, t)}
        />
        <Select<ChannelStatus>
          allowClear
          placeholder={t('common.status')}
          aria-label={t('common.status')}
          style={{ width: 120 }}
          value={filters.status}
          onChange={(status) => setFilters({ ...filters, status })}
          options={CHANNEL_STATUSES.map((status) => ({ value: status, label: t(`channel.status.${status}`) }))}
        />
        <Select<number>
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('channel.ownerDepartment')}
          aria-label={t('channel.ownerDepartment')}
          style={{ width: 200 }}
          value={filters.ownerDepartmentId}
          onChange={(ownerDepartmentId) => setFilters({ ...filters, ownerDepartmentId })}
          options={departments.map((department) => ({ value: department.id, label: department.name }))}
        />
        <SearchFilter placeholder={t('channel.searchPlaceholder')} onSearch={(q) => setFilters({ ...filters, q })} />
      </Space>
      <CursorTable<Channel> list={list} columns={columns} />
      <ChannelFormModal key={editing.key} open={editing.open} channel={editing.record} onClose={editing.close} />
      <ChannelColumnsDrawer channel={viewingColumns.record} open={viewingColumns.open} onClose={viewingColumns.close} />
    </Card>
  );
}
