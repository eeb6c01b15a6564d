import { useMemo, useState } from 'react';
import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Select, Space, type TableColumnsType } from 'antd';
import { useIsAdmin } from '../../app/auth/session';
import { formatDateTime } from '../../app/format';
import { useRecordDialog } from '../../app/record-dialog';
import { useT } from '../../app/i18n/i18n';
import { SearchFilter } from '../../app/SearchFilter';
import { CursorTable } from '../../app/CursorTable';
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
import { RecordActions } from './RecordActions';
import { StatusFilterSelect } from './StatusFilterSelect';
import { StatusTag } from './StatusTag';

export function DepartmentsPage() {
  const t = useT();
  const isAdmin = useIsAdmin();
  const [filters, setFilters] = useState<DepartmentFilters>({});
  const list = useDepartmentList(filters);
  const { data: campuses = [] } = useCampuses();
  const { data: allDepartments = [] } = useAllDepartments();
  const setStatus = useSetDepartmentStatus();
  const editing = useRecordDialog<Department>();

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
        <RecordActions
          record={department}
          name={department.name}
          statusMutation={setStatus}
          onEdit={() => editing.show(department)}
        />
      ),
    });
  }

  return (
    <Card
      title={t('department.title')}
      extra={
        isAdmin && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => editing.show(null)}>
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
        <StatusFilterSelect value={filters.status} onChange={(status) => setFilters({ ...filters, status })} />
        <SearchFilter placeholder={t('department.searchPlaceholder')} onSearch={(q) => setFilters({ ...filters, q })} />
      </Space>
      <CursorTable<Department> list={list} columns={columns} />
      <DepartmentFormModal
        key={editing.key}
        open={editing.open}
        department={editing.record}
        onClose={editing.close}
      />
    </Card>
  );
}
