import { useMemo, useState } from 'react';
import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Input, Select, Space, Table, type TableColumnsType } from 'antd';
import { useIsAdmin } from '../../app/auth/session';
import { formatDateTime } from '../../app/format';
import { useT } from '../../app/i18n/i18n';
import { LoadMoreButton } from '../../app/LoadMoreButton';
import { useCampuses, type RecordStatus } from './campuses.api';
import {
  DEPARTMENT_KINDS,
  useAllDepartments,
  useDepartmentList,
  useSetDepartmentStatus,
  type Department,
  type DepartmentFilters,
  type DepartmentKind,
} from './departments.api';
import { DepartmentFormModal } from './DepartmentFormModal';
import { StatusTag } from './StatusTag';
import { StatusToggle } from './StatusToggle';

export function DepartmentsPage() {
  const t = useT();
  const isAdmin = useIsAdmin();
  const [filters, setFilters] = useState<DepartmentFilters>({});
  const list = useDepartmentList(filters);
  const { data: campuses = [] } = useCampuses();
  const { data: allDepartments = [] } = useAllDepartments();
  const setStatus = useSetDepartmentStatus();
  const [editing, setEditing] = useState<{ open: boolean; department: Department | null }>({ open: false, department: null });

  const campusNames = useMemo(() => new Map(campuses.map((campus) => [campus.id, campus.name])), [campuses]);
  const departmentNames = useMemo(() => new Map(allDepartments.map((d) => [d.id, d.name])), [allDepartments]);

  const columns: TableColumnsType<Department> = [
    { title: t('department.name'), dataIndex: 'name' },
    { title: t('department.kind'), dataIndex: 'kind', width: 120, render: (kind: DepartmentKind) => t(`deptKind.${kind}`) },
    {
      title: t('department.campus'),
      dataIndex: 'campusId',
      render: (id: number | null) => (id ? (campusNames.get(id) ?? `#${id}`) : '—'),
    },
    {
      title: t('department.parent'),
      dataIndex: 'parentId',
      render: (id: number | null) => (id ? (departmentNames.get(id) ?? `#${id}`) : '—'),
    },
    { title: t('department.code'), dataIndex: 'code', width: 100, render: (code: string | null) => code ?? '—' },
    { title: t('department.sortOrder'), dataIndex: 'sortOrder', width: 80 },
    { title: t('common.status'), dataIndex: 'status', width: 100, render: (status: RecordStatus) => <StatusTag status={status} /> },
    { title: t('common.updatedAt'), dataIndex: 'updatedAt', width: 160, render: formatDateTime },
  ];
  if (isAdmin) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 150,
      render: (_, department) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setEditing({ open: true, department })}>
            {t('common.edit')}
          </Button>
          <StatusToggle
            name={department.name}
            status={department.status}
            loading={setStatus.isPending && setStatus.variables?.id === department.id}
            onChange={(status) => setStatus.mutate({ id: department.id, status })}
          />
        </Space>
      ),
    });
  }

  return (
    <Card
      title={t('department.title')}
      extra={
        isAdmin && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ open: true, department: null })}>
            {t('department.create')}
          </Button>
        )
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Select<DepartmentKind>
          allowClear
          placeholder={t('department.kind')}
          style={{ width: 160 }}
          value={filters.kind}
          onChange={(kind) => setFilters({ ...filters, kind })}
          options={DEPARTMENT_KINDS.map((kind) => ({ value: kind, label: t(`deptKind.${kind}`) }))}
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
          placeholder={t('department.searchPlaceholder')}
          style={{ width: 240 }}
          onSearch={(q) => setFilters({ ...filters, q: q.trim() || undefined })}
        />
      </Space>
      <Table<Department> rowKey="id" columns={columns} dataSource={list.items} loading={list.isLoading} pagination={false} />
      <LoadMoreButton hasMore={list.hasMore} loading={list.isLoadingMore} onLoadMore={list.loadMore} />
      <DepartmentFormModal
        open={editing.open}
        department={editing.department}
        onClose={() => setEditing({ ...editing, open: false })}
      />
    </Card>
  );
}
