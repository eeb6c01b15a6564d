import { useState } from 'react';
import { FileExcelOutlined, SyncOutlined } from '@ant-design/icons';
import { App, Button, Popconfirm, Segmented, Space, Table, type TableColumnsType } from 'antd';
import { useT } from '../../app/i18n/i18n';
import { PeriodPicker, thisYear } from './PeriodPicker';
import { useCanManageTeam } from './team-roles';
import { rankingExportUrl, useRanking, useRecompute, type GroupBy, type Period, type RankingRow } from './team.api';

/** 积分排名 for any period, by person or by department, with the export and (for managers) a recompute of the period. */
export function RankingsPanel() {
  const t = useT();
  const { message } = App.useApp();
  const canManage = useCanManageTeam();
  const [period, setPeriod] = useState<Required<Period>>(thisYear);
  const [groupBy, setGroupBy] = useState<GroupBy>('person');
  const { data: ranking, isPending } = useRanking(period, groupBy);
  const recompute = useRecompute();

  const columns: TableColumnsType<RankingRow> = [
    { title: t('team.ranking.rank'), dataIndex: 'rank', width: 80, align: 'center' },
    ...(groupBy === 'person' ? [{ title: t('team.member.person'), dataIndex: 'displayName' }] : []),
    { title: t('team.department'), dataIndex: 'departmentName' },
    { title: t('team.ranking.points'), dataIndex: 'points', width: 100, align: 'right' },
    ...(groupBy === 'department' ? [{ title: t('team.ranking.people'), dataIndex: 'people', width: 100, align: 'right' as const }] : []),
    { title: t('team.ranking.entries'), dataIndex: 'entries', width: 100, align: 'right' },
  ];

  return (
    <>
      <Space wrap style={{ marginBottom: 16 }}>
        <PeriodPicker value={period} onChange={(next) => setPeriod(next.from && next.to ? { from: next.from, to: next.to } : thisYear())} />
        <Segmented<GroupBy>
          value={groupBy}
          onChange={setGroupBy}
          options={[
            { value: 'person', label: t('team.ranking.byPerson') },
            { value: 'department', label: t('team.ranking.byDepartment') },
          ]}
        />
        <Button icon={<FileExcelOutlined />} href={rankingExportUrl(period)}>
          {t('team.ranking.export')}
        </Button>
        {canManage && (
          <Popconfirm
            title={t('team.recompute.confirm')}
            onConfirm={() =>
              recompute.mutate(period, {
                onSuccess: (result) => void message.success(t('team.recompute.done', { awarded: result.awarded, reversed: result.reversed })),
              })
            }
          >
            <Button icon={<SyncOutlined />} loading={recompute.isPending}>
              {t('team.recompute')}
            </Button>
          </Popconfirm>
        )}
      </Space>
      <Table<RankingRow>
        rowKey={(row) => `${row.userId ?? 'd'}:${row.departmentId}`}
        size="middle"
        loading={isPending}
        columns={columns}
        dataSource={ranking?.items}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        locale={{ emptyText: t('team.ranking.empty') }}
        data-testid="points-ranking"
      />
    </>
  );
}
