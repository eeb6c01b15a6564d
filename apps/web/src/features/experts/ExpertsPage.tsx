import { useMemo, useState } from 'react';
import { PlusOutlined } from '@ant-design/icons';
import { Avatar, Button, Card, Select, Space, Tag, Typography, type TableColumnsType } from 'antd';
import { CursorTable } from '../../app/CursorTable';
import { useT } from '../../app/i18n/i18n';
import { useRecordDialog } from '../../app/record-dialog';
import { SearchFilter } from '../../app/SearchFilter';
import type { RecordStatus } from '../org/campuses.api';
import { useAllDepartments } from '../org/departments.api';
import { StatusFilterSelect } from '../org/StatusFilterSelect';
import { StatusTag } from '../org/StatusTag';
import { useCanManageExperts } from './expert-roles';
import { ExpertFormModal } from './ExpertFormModal';
import { EXPERT_GRID_ROLES, useExpertList, type Expert, type ExpertFilters, type ExpertGridRole } from './experts.api';

/** 专家库: the hospital's experts, their grid roles and whether the website shows them; editors keep it. */
export function ExpertsPage() {
  const t = useT();
  const canManage = useCanManageExperts();
  const [filters, setFilters] = useState<ExpertFilters>({});
  const list = useExpertList(filters);
  const { data: departments = [] } = useAllDepartments();
  const editing = useRecordDialog<Expert>();

  const departmentNames = useMemo(() => new Map(departments.map((d) => [d.id, d.name])), [departments]);

  const columns: TableColumnsType<Expert> = [
    {
      title: t('expert.photo'),
      dataIndex: 'photoUrl',
      width: 72,
      render: (url: string | null, expert) => (
        <Avatar shape="square" size={48} src={url ?? undefined} alt={expert.name}>
          {[...expert.name][0]}
        </Avatar>
      ),
    },
    {
      title: t('expert.name'),
      dataIndex: 'name',
      width: 160,
      render: (name: string, expert) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text strong>{name}</Typography.Text>
          <Typography.Text type="secondary">{expert.title}</Typography.Text>
        </Space>
      ),
    },
    { title: t('expert.department'), dataIndex: 'departmentId', width: 140, render: (id: number) => departmentNames.get(id) ?? `#${id}` },
    { title: t('expert.specialties'), dataIndex: 'specialties', ellipsis: true, render: (text: string | null) => text ?? '—' },
    { title: t('expert.clinicHours'), dataIndex: 'clinicHours', width: 160, ellipsis: true, render: (text: string | null) => text ?? '—' },
    {
      title: t('expert.gridRoles'),
      dataIndex: 'gridRoles',
      width: 200,
      render: (roles: ExpertGridRole[]) => (roles.length ? roles.map((role) => <Tag key={role}>{t(`expertRole.${role}`)}</Tag>) : '—'),
    },
    {
      title: t('expert.publicOnSite'),
      dataIndex: 'publicOnSite',
      width: 110,
      render: (shown: boolean, expert) =>
        shown && expert.status === 'active' ? (
          <a href={`/site/experts/${expert.id}`} target="_blank" rel="noreferrer">
            <Tag color="blue">{t('expert.onSite')}</Tag>
          </a>
        ) : (
          <Tag>{t('expert.notOnSite')}</Tag>
        ),
    },
    { title: t('common.status'), dataIndex: 'status', width: 90, render: (status: RecordStatus) => <StatusTag status={status} /> },
  ];
  if (canManage) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 80,
      render: (_, expert) => (
        <Button type="link" size="small" onClick={() => editing.show(expert)}>
          {t('common.edit')}
        </Button>
      ),
    });
  }

  return (
    <Card
      title={t('expert.title')}
      extra={
        canManage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => editing.show(null)}>
            {t('expert.create')}
          </Button>
        )
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Select<number>
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('expert.department')}
          aria-label={t('expert.department')}
          style={{ width: 180 }}
          value={filters.departmentId}
          onChange={(departmentId) => setFilters({ ...filters, departmentId })}
          options={departments.map((department) => ({ value: department.id, label: department.name }))}
        />
        <Select<ExpertGridRole>
          allowClear
          placeholder={t('expert.gridRoles')}
          aria-label={t('expert.gridRoles')}
          style={{ width: 160 }}
          value={filters.gridRole}
          onChange={(gridRole) => setFilters({ ...filters, gridRole })}
          options={EXPERT_GRID_ROLES.map((role) => ({ value: role, label: t(`expertRole.${role}`) }))}
        />
        <Select<'true' | 'false'>
          allowClear
          placeholder={t('expert.publicOnSite')}
          aria-label={t('expert.publicOnSite')}
          style={{ width: 140 }}
          value={filters.publicOnSite === undefined ? undefined : filters.publicOnSite ? 'true' : 'false'}
          onChange={(shown) => setFilters({ ...filters, publicOnSite: shown === undefined ? undefined : shown === 'true' })}
          options={[
            { value: 'true', label: t('expert.onSite') },
            { value: 'false', label: t('expert.notOnSite') },
          ]}
        />
        <StatusFilterSelect value={filters.status} onChange={(status) => setFilters({ ...filters, status })} />
        <SearchFilter placeholder={t('expert.searchPlaceholder')} onSearch={(q) => setFilters({ ...filters, q })} />
      </Space>
      <CursorTable<Expert> list={list} columns={columns} />
      <ExpertFormModal key={editing.key} open={editing.open} expert={editing.record} onClose={editing.close} />
    </Card>
  );
}
