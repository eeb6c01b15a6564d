import { useMemo, useState } from 'react';
import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Input, Select, Space, Table, Tag, type TableColumnsType } from 'antd';
import { ROLES, useIsAdmin, type Role } from '../../app/auth/session';
import { formatDateTime } from '../../app/format';
import { useT } from '../../app/i18n/i18n';
import { LoadMoreButton } from '../../app/LoadMoreButton';
import type { RecordStatus } from './campuses.api';
import { useAllDepartments } from './departments.api';
import { ResetPasswordModal } from './ResetPasswordModal';
import { StatusTag } from './StatusTag';
import { StatusToggle } from './StatusToggle';
import { UserFormModal } from './UserFormModal';
import { useSetUserStatus, useUserList, type User, type UserFilters } from './users.api';

type Dialog = { kind: 'edit' | 'resetPassword'; open: boolean; user: User | null };

export function UsersPage() {
  const t = useT();
  const isAdmin = useIsAdmin();
  const [filters, setFilters] = useState<UserFilters>({});
  const list = useUserList(filters);
  const { data: departments = [] } = useAllDepartments();
  const setStatus = useSetUserStatus();
  const [dialog, setDialog] = useState<Dialog>({ kind: 'edit', open: false, user: null });

  const departmentNames = useMemo(() => new Map(departments.map((d) => [d.id, d.name])), [departments]);
  const closeDialog = () => setDialog({ ...dialog, open: false });

  const columns: TableColumnsType<User> = [
    { title: t('user.username'), dataIndex: 'username' },
    { title: t('user.displayName'), dataIndex: 'displayName' },
    {
      title: t('user.department'),
      dataIndex: 'departmentId',
      render: (id: number) => departmentNames.get(id) ?? `#${id}`,
    },
    {
      title: t('user.roles'),
      dataIndex: 'roles',
      render: (roles: Role[]) => roles.map((role) => <Tag key={role}>{t(`role.${role}`)}</Tag>),
    },
    {
      title: t('common.status'),
      dataIndex: 'status',
      width: 150,
      render: (status: RecordStatus, user) => (
        <Space size={4} wrap>
          <StatusTag status={status} />
          {user.mustChangePassword && <Tag color="warning">{t('user.mustChangePassword')}</Tag>}
        </Space>
      ),
    },
    { title: t('user.lastLoginAt'), dataIndex: 'lastLoginAt', width: 160, render: formatDateTime },
  ];
  if (isAdmin) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 220,
      render: (_, user) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setDialog({ kind: 'edit', open: true, user })}>
            {t('common.edit')}
          </Button>
          <Button type="link" size="small" onClick={() => setDialog({ kind: 'resetPassword', open: true, user })}>
            {t('user.resetPassword')}
          </Button>
          <StatusToggle
            name={user.displayName}
            status={user.status}
            loading={setStatus.isPending && setStatus.variables?.id === user.id}
            onChange={(status) => setStatus.mutate({ id: user.id, status })}
          />
        </Space>
      ),
    });
  }

  return (
    <Card
      title={t('user.title')}
      extra={
        isAdmin && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'edit', open: true, user: null })}>
            {t('user.create')}
          </Button>
        )
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Select<number>
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('user.department')}
          style={{ width: 200 }}
          value={filters.departmentId}
          onChange={(departmentId) => setFilters({ ...filters, departmentId })}
          options={departments.map((department) => ({ value: department.id, label: department.name }))}
        />
        <Select<Role>
          allowClear
          placeholder={t('user.roles')}
          style={{ width: 160 }}
          value={filters.role}
          onChange={(role) => setFilters({ ...filters, role })}
          options={ROLES.map((role) => ({ value: role, label: t(`role.${role}`) }))}
        />
        <Select<RecordStatus>
          allowClear
          placeholder={t('common.status')}
          style={{ width: 120 }}
          value={filters.status}
          onChange={(status) => setFilters({ ...filters, status })}
          options={[
            { value: 'active', label: t('common.active') },
            { value: 'disabled', label: t('common.disabled') },
          ]}
        />
        <Input.Search
          allowClear
          placeholder={t('user.searchPlaceholder')}
          style={{ width: 240 }}
          onSearch={(q) => setFilters({ ...filters, q: q.trim() || undefined })}
        />
      </Space>
      <Table<User> rowKey="id" columns={columns} dataSource={list.items} loading={list.isLoading} pagination={false} />
      <LoadMoreButton hasMore={list.hasMore} loading={list.isLoadingMore} onLoadMore={list.loadMore} />
      <UserFormModal open={dialog.open && dialog.kind === 'edit'} user={dialog.user} onClose={closeDialog} />
      <ResetPasswordModal open={dialog.open && dialog.kind === 'resetPassword'} user={dialog.user} onClose={closeDialog} />
    </Card>
  );
}
