import { useState } from 'react';
import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Row, Select, Space, Statistic, Switch, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { CursorTable } from '../../app/CursorTable';
import { useT } from '../../app/i18n/i18n';
import { useAllDepartments } from '../org/departments.api';
import { LevelFormModal } from './LevelFormModal';
import { MemberFormModal } from './MemberFormModal';
import { TrainingRecordDrawer } from './TrainingRecordDrawer';
import { useDialog } from './use-dialog';
import { gridRoleLabel, MEMBER_STATUS_COLORS, memberStatusLabel } from './team-labels';
import { useCanManageTeam } from './team-roles';
import {
  GRID_ROLES,
  MEMBER_STATUSES,
  useDeleteLevel,
  useDeleteMember,
  useLevels,
  useMemberList,
  useOverview,
  type Level,
  type Member,
  type MemberFilters,
  type Overview,
} from './team.api';
import './team.css';
import { EditDeleteLinks } from '../../app/RowActions';

type Coverage = Overview['departments'][number];

function LevelsCard({ overview, canManage }: { overview: Overview | undefined; canManage: boolean }) {
  const t = useT();
  const dialog = useDialog<Level>();
  const remove = useDeleteLevel();
  return (
    <Card
      title={t('team.levels')}
      extra={
        canManage && (
          <Button icon={<PlusOutlined />} onClick={() => dialog.show(null)}>
            {t('team.level.add')}
          </Button>
        )
      }
    >
      <Row gutter={[16, 16]}>
        {overview?.levels.map((level) => (
          <Col key={level.id} xs={24} sm={12} xl={6}>
            <Card size="small" data-testid="grid-level">
              <Statistic title={`${level.position}. ${level.name}`} value={level.members} suffix={t('team.people')} />
              {level.description && <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>{level.description}</Typography.Paragraph>}
              {canManage && (
                <EditDeleteLinks style={{ marginTop: 8 }} onEdit={() => dialog.show(level)} confirm={t('team.level.deleteConfirm', { name: level.name })} onDelete={() => remove.mutate(level.id)} />
              )}
            </Card>
          </Col>
        ))}
      </Row>
      <LevelFormModal key={dialog.key} level={dialog.subject} open={dialog.open} onClose={dialog.close} />
    </Card>
  );
}

/** Every active department with who covers it; a department without its 通讯员 (a branch: 宣传委员) is highlighted. */
function CoverageCard({ overview, loading }: { overview: Overview | undefined; loading: boolean }) {
  const t = useT();
  const [gapsOnly, setGapsOnly] = useState(false);
  const rows = (overview?.departments ?? []).filter((d) => !gapsOnly || d.gap);
  const columns: TableColumnsType<Coverage> = [
    { title: t('team.department'), dataIndex: 'departmentName' },
    { title: t('team.gridRole.correspondent'), dataIndex: 'correspondents', width: 110, align: 'right' },
    { title: t('team.gridRole.publicity_member'), dataIndex: 'publicityMembers', width: 110, align: 'right' },
    { title: t('team.members'), dataIndex: 'members', width: 110, align: 'right' },
    {
      title: t('team.coverage'),
      key: 'gap',
      width: 160,
      render: (_, row) =>
        row.gap ? <Tag color="error">{t('team.coverage.missing', { role: t(gridRoleLabel(row.needs)) })}</Tag> : <Tag color="success">{t('team.coverage.covered')}</Tag>,
    },
  ];
  return (
    <Card title={t('team.coverage.title')} style={{ marginTop: 16 }} extra={<Switch checked={gapsOnly} onChange={setGapsOnly} checkedChildren={t('team.coverage.gapsOnly')} unCheckedChildren={t('team.coverage.gapsOnly')} />}>
      {overview && (
        <Alert
          type={overview.gaps > 0 ? 'warning' : 'success'}
          showIcon
          style={{ marginBottom: 16 }}
          title={overview.gaps > 0 ? t('team.coverage.gaps', { count: overview.gaps }) : t('team.coverage.none')}
          data-testid="coverage-summary"
        />
      )}
      <Table<Coverage>
        rowKey="departmentId"
        size="small"
        loading={loading}
        columns={columns}
        dataSource={rows}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        rowClassName={(row) => (row.gap ? 'team-row-gap' : '')}
      />
    </Card>
  );
}

function MembersCard({ canManage }: { canManage: boolean }) {
  const t = useT();
  const [filters, setFilters] = useState<MemberFilters>({});
  const list = useMemberList(filters);
  const { data: levels = [] } = useLevels();
  const { data: departments = [] } = useAllDepartments();
  const dialog = useDialog<Member>();
  const [record, setRecord] = useState<Member | null>(null);
  const remove = useDeleteMember();
  const levelName = new Map(levels.map((l) => [l.id, l.name]));

  const columns: TableColumnsType<Member> = [
    {
      title: t('team.member.person'),
      dataIndex: 'displayName',
      render: (name: string, member) => (
        <Button type="link" size="small" style={{ padding: 0 }} onClick={() => setRecord(member)} aria-label={t('team.record.open', { name })}>
          {name}
        </Button>
      ),
    },
    { title: t('team.homeDepartment'), dataIndex: 'homeDepartmentName' },
    { title: t('team.level'), dataIndex: 'levelId', render: (id: number) => levelName.get(id) ?? '' },
    { title: t('team.gridRoles'), dataIndex: 'gridRoles', render: (roles: Member['gridRoles']) => roles.map((role) => <Tag key={role}>{t(gridRoleLabel(role))}</Tag>) },
    { title: t('team.coveredDepartments'), dataIndex: 'departments', render: (covered: Member['departments']) => covered.map((d) => d.name).join('、') },
    { title: t('team.since'), dataIndex: 'since', width: 120 },
    { title: t('common.status'), dataIndex: 'status', width: 90, render: (status: Member['status']) => <Tag color={MEMBER_STATUS_COLORS[status]}>{t(memberStatusLabel(status))}</Tag> },
  ];
  if (canManage) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 130,
      render: (_, member) => (
        <EditDeleteLinks onEdit={() => dialog.show(member)} confirm={t('team.member.deleteConfirm', { name: member.displayName })} onDelete={() => remove.mutate(member.id)} />
      ),
    });
  }

  return (
    <Card
      title={t('team.members')}
      style={{ marginTop: 16 }}
      extra={
        canManage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => dialog.show(null)}>
            {t('team.member.add')}
          </Button>
        )
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Select<number> allowClear placeholder={t('team.level')} style={{ width: 180 }} value={filters.levelId} onChange={(levelId) => setFilters({ ...filters, levelId })} options={levels.map((l) => ({ value: l.id, label: l.name }))} />
        <Select allowClear placeholder={t('team.gridRoles')} style={{ width: 160 }} value={filters.gridRole} onChange={(gridRole) => setFilters({ ...filters, gridRole })} options={GRID_ROLES.map((role) => ({ value: role, label: t(gridRoleLabel(role)) }))} />
        <Select<number>
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('team.coveredDepartments')}
          style={{ width: 200 }}
          value={filters.departmentId}
          onChange={(departmentId) => setFilters({ ...filters, departmentId })}
          options={departments.map((d) => ({ value: d.id, label: d.name }))}
        />
        <Select allowClear placeholder={t('common.status')} style={{ width: 120 }} value={filters.status} onChange={(status) => setFilters({ ...filters, status })} options={MEMBER_STATUSES.map((status) => ({ value: status, label: t(memberStatusLabel(status)) }))} />
      </Space>
      <CursorTable<Member> list={list} columns={columns} locale={{ emptyText: t('team.member.empty') }} />
      <MemberFormModal key={dialog.key} member={dialog.subject} open={dialog.open} onClose={dialog.close} />
      <TrainingRecordDrawer person={record && { userId: record.userId, displayName: record.displayName }} onClose={() => setRecord(null)} />
    </Card>
  );
}

/** 宣传网格: the levels with their people, which departments are covered (gaps highlighted), and who is in it. */
export function GridPage() {
  const canManage = useCanManageTeam();
  const { data: overview, isPending } = useOverview();
  return (
    <>
      <LevelsCard overview={overview} canManage={canManage} />
      <CoverageCard overview={overview} loading={isPending} />
      <MembersCard canManage={canManage} />
    </>
  );
}
