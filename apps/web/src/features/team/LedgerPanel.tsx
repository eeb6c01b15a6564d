import { useState } from 'react';
import { Button, Select, Space, Tag, Typography, type TableColumnsType } from 'antd';
import { CursorTable } from '../../app/CursorTable';
import { formatDateTime } from '../../app/format';
import { useT } from '../../app/i18n/i18n';
import { useAllDepartments } from '../org/departments.api';
import { useAllUsers } from '../org/users.api';
import { AdjustmentModal } from './AdjustmentModal';
import { PeriodPicker } from './PeriodPicker';
import { ENTRY_KIND_COLORS, entryKindLabel, ruleKindLabel } from './team-labels';
import { useJudgesPoints, useSeesWholeHospital } from './team-roles';
import { ENTRY_KINDS, RULE_KINDS, useEntryList, type Entry, type EntryFilters } from './team.api';
import { useDialog } from './use-dialog';

/** 积分明细: every entry with its reason, newest first; one's own unless hospital-wide. Editors add adjustments here. */
export function LedgerPanel() {
  const t = useT();
  const judges = useJudgesPoints();
  const wide = useSeesWholeHospital();
  const [filters, setFilters] = useState<EntryFilters>({});
  const list = useEntryList(filters);
  const { data: users = [] } = useAllUsers();
  const { data: departments = [] } = useAllDepartments();
  const adjusting = useDialog<never>();

  const columns: TableColumnsType<Entry> = [
    { title: t('team.entry.occurredAt'), dataIndex: 'occurredAt', width: 150, render: formatDateTime },
    { title: t('team.member.person'), dataIndex: 'displayName', width: 110 },
    { title: t('team.department'), dataIndex: 'departmentName', width: 140 },
    {
      title: t('team.ranking.points'),
      dataIndex: 'points',
      width: 80,
      align: 'right',
      render: (points: number) => <span className={points < 0 ? 'team-points-minus' : 'team-points-plus'}>{points > 0 ? `+${points}` : points}</span>,
    },
    { title: t('team.entry.kind'), dataIndex: 'kind', width: 80, render: (kind: Entry['kind']) => <Tag color={ENTRY_KIND_COLORS[kind]}>{t(entryKindLabel(kind))}</Tag> },
    {
      title: t('team.entry.reason'),
      dataIndex: 'reason',
      render: (reason: string, entry) => (
        <>
          {reason}
          {entry.createdByName && <Typography.Text type="secondary">{t('team.entry.by', { name: entry.createdByName })}</Typography.Text>}
        </>
      ),
    },
  ];

  return (
    <>
      <Space wrap style={{ marginBottom: 16 }}>
        <PeriodPicker allowClear value={{ from: filters.from, to: filters.to }} onChange={(period) => setFilters({ ...filters, from: period.from, to: period.to })} />
        {wide && (
          <Select<number>
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('team.member.person')}
            style={{ width: 180 }}
            value={filters.userId}
            onChange={(userId) => setFilters({ ...filters, userId })}
            options={users.map((u) => ({ value: u.id, label: `${u.displayName}（${u.username}）` }))}
          />
        )}
        {wide && (
          <Select<number>
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('team.department')}
            style={{ width: 180 }}
            value={filters.departmentId}
            onChange={(departmentId) => setFilters({ ...filters, departmentId })}
            options={departments.map((d) => ({ value: d.id, label: d.name }))}
          />
        )}
        <Select
          allowClear
          placeholder={t('team.entry.source')}
          style={{ width: 160 }}
          value={filters.sourceType}
          onChange={(sourceType) => setFilters({ ...filters, sourceType })}
          options={[...RULE_KINDS.map((kind) => ({ value: kind, label: t(ruleKindLabel(kind)) })), { value: 'manual' as const, label: t('team.entry.manual') }]}
        />
        <Select allowClear placeholder={t('team.entry.kind')} style={{ width: 120 }} value={filters.kind} onChange={(kind) => setFilters({ ...filters, kind })} options={ENTRY_KINDS.map((kind) => ({ value: kind, label: t(entryKindLabel(kind)) }))} />
        {judges && (
          <Button type="primary" onClick={() => adjusting.show(null)}>
            {t('team.adjust.title')}
          </Button>
        )}
      </Space>
      <CursorTable<Entry> list={list} columns={columns} size="middle" locale={{ emptyText: t('team.entry.empty') }} />
      <AdjustmentModal key={adjusting.key} open={adjusting.open} onClose={adjusting.close} />
    </>
  );
}
