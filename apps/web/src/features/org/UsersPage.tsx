import { useMemo, useState } from 'react';
import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Select, Space, Tag, type TableColumnsType } from 'antd';
import { ROLES, useIsAdmin, type Role } from '../../app/auth/session';
import { CursorTable } from '../../app/CursorTable';
import { formatDateTime } from '../../app/format';
import { useRecordDialog } from '../../app/record-dialog';
import { useT } from '../../app/i18n/i18n';
import { SearchFilter } from '../../app/SearchFilter';
import type { RecordStatus } from './campuses.api';
import { useAllDepartments } from './departments.api';
import { ResetPasswordModal } from './ResetPasswordModal';
import { RecordActions } from './RecordActions';
import { StatusFilterSelect } from './StatusFilterSelect';
import { StatusTag } from './StatusTag';
import { UserFormModal } from './UserFormModal';
import { useSetUserStatus, useUserList, type User, type UserFilters } from './users.api';

export function UsersPage() {
  const t = useT();
  const isAdmin = useIsAdmin();
  const [filters, setFilters] = useState<UserFilters>({});
  const list = useUserList(filters);
  const { data: departments = [] } = useAllDepartments();
  const setStatus = useSetUserStatus();
  const editing = useRecordDialog<User>();
  const resetting = useRecordDialog<User>();

  const departmentNames = useMemo(() => new Map(departments.map((d) => [d.id, d.name])), [departments]);

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
        <RecordActions
          record={user}
          name={user.displayName}
          statusMutation={setStatus}
          onEdit={() => editing.show(user)}
        >
          <Button type="link" size="small" onClick={() => resetting.show(user)}>
            {t('user.resetPassword')}
          </Button>
        </RecordActions>
      ),
    });
  }

  return (
    <Card
      title={t('user.title')}
      extra={
        isAdmin && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => editing.show(null)}>
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
        <StatusFilterSelect value={filters.status} onChange={(status) => setFilters({ ...filters, status })} />
        <SearchFilter placeholder={t('user.searchPlaceholder')} onSearch={(q) => setFilters({ ...filters, q })} />
      </Space>
      <CursorTable<User> list={list} columns={columns} />
      <UserFormModal key={editing.key} open={editing.open} user={editing.record} onClose={editing.close} />
      <ResetPasswordModal key={resetting.key} open={resetting.open} user={resetting.record} onClose={resetting.close} />
    </Card>
  );
}
