import { useState } from 'react';
import { FileExcelOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Input, InputNumber, Popconfirm, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { formatDateTime } from '../../app/format';
import { useT } from '../../app/i18n/i18n';
import { useJudgesPoints } from './team-roles';
import {
  commendationExportUrl,
  useCommendations,
  useConfirmCommendation,
  useProposal,
  useRevokeCommendation,
  type Commendation,
  type CommendationItem,
  type ProposalInput,
} from './team.api';

function useItemColumns(): TableColumnsType<CommendationItem> {
  const t = useT();
  return [
    { title: t('team.ranking.rank'), dataIndex: 'rank', width: 80, align: 'center' },
    { title: t('team.member.person'), dataIndex: 'displayName' },
    { title: t('team.department'), dataIndex: 'departmentName' },
    { title: t('team.commendation.points'), dataIndex: 'points', width: 120, align: 'right' },
  ];
}

/** The editor's side: the list proposed from the year's ranking, people left out by hand, then the confirmation. */
function ProposalCard() {
  const t = useT();
  const { message } = App.useApp();
  const [draft, setDraft] = useState({ year: dayjs().year(), topN: 10, minPoints: 1 });
  const [input, setInput] = useState<ProposalInput | null>(null);
  const [note, setNote] = useState('');
  const { data: proposal, isFetching } = useProposal(input);
  const confirm = useConfirmCommendation();
  const itemColumns = useItemColumns();
  const exclude = (item: CommendationItem) => input && setInput({ ...input, excludeUserIds: [...input.excludeUserIds, item.userId] });

  return (
    <Card title={t('team.commendation.propose')}>
      <Space wrap style={{ marginBottom: 16 }}>
        <span>{t('team.commendation.year')}</span>
        <InputNumber aria-label={t('team.commendation.year')} min={2000} max={2100} precision={0} value={draft.year} onChange={(year) => setDraft({ ...draft, year: year ?? draft.year })} />
        <span>{t('team.commendation.topN')}</span>
        <InputNumber aria-label={t('team.commendation.topN')} min={1} max={200} precision={0} value={draft.topN} onChange={(topN) => setDraft({ ...draft, topN: topN ?? draft.topN })} />
        <span>{t('team.commendation.minPoints')}</span>
        <InputNumber aria-label={t('team.commendation.minPoints')} min={1} precision={0} value={draft.minPoints} onChange={(minPoints) => setDraft({ ...draft, minPoints: minPoints ?? draft.minPoints })} />
        <Button type="primary" onClick={() => setInput({ ...draft, excludeUserIds: [] })}>
          {t('team.commendation.generate')}
        </Button>
      </Space>
      <Typography.Paragraph type="secondary">{t('team.commendation.rule')}</Typography.Paragraph>
      {input && (
        <>
          {input.excludeUserIds.length > 0 && (
            <Space wrap style={{ marginBottom: 16 }}>
              <span>{t('team.commendation.excluded')}</span>
              <Button size="small" onClick={() => setInput({ ...input, excludeUserIds: [] })}>
                {t('team.commendation.restore')}
              </Button>
            </Space>
          )}
          <Table<CommendationItem>
            rowKey="userId"
            size="middle"
            loading={isFetching}
            dataSource={proposal?.items}
            pagination={false}
            locale={{ emptyText: t('team.commendation.nobody') }}
            data-testid="commendation-proposal"
            columns={[
              ...itemColumns,
              {
                title: t('common.actions'),
                key: 'exclude',
                width: 100,
                render: (_, item) => (
                  <Button type="link" size="small" onClick={() => exclude(item)}>
                    {t('team.commendation.exclude')}
                  </Button>
                ),
              },
            ]}
          />
          <Space.Compact style={{ width: '100%', marginTop: 16 }}>
            <Input maxLength={500} placeholder={t('team.commendation.notePlaceholder')} value={note} onChange={(event) => setNote(event.target.value)} />
            <Popconfirm
              title={t('team.commendation.confirmPrompt', { year: input.year })}
              onConfirm={() =>
                confirm.mutate(
                  { ...input, note: note.trim() || null },
                  { onSuccess: () => void message.success(t('team.commendation.confirmed')) },
                )
              }
            >
              <Button type="primary" disabled={!proposal?.items.length} loading={confirm.isPending}>
                {t('team.commendation.confirm')}
              </Button>
            </Popconfirm>
          </Space.Compact>
        </>
      )}
    </Card>
  );
}

function ConfirmedList({ commendation, judges }: { commendation: Commendation; judges: boolean }) {
  const t = useT();
  const revoke = useRevokeCommendation();
  const itemColumns = useItemColumns();
  return (
    <Card
      type="inner"
      title={commendation.title}
      style={{ marginBottom: 16 }}
      extra={
        <Space>
          <Button icon={<FileExcelOutlined />} href={commendationExportUrl(commendation.id)}>
            {t('team.commendation.export')}
          </Button>
          {judges && (
            <Popconfirm title={t('team.commendation.revokeConfirm')} onConfirm={() => revoke.mutate(commendation.id)}>
              <Button danger>{t('team.commendation.revoke')}</Button>
            </Popconfirm>
          )}
        </Space>
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <Tag color="gold">{t('team.commendation.frozen')}</Tag>
        <Typography.Text type="secondary">
          {t('team.commendation.confirmedBy', { name: commendation.confirmedByName, at: formatDateTime(commendation.confirmedAt), topN: commendation.topN, minPoints: commendation.minPoints })}
        </Typography.Text>
        {commendation.note && <Typography.Text>{commendation.note}</Typography.Text>}
      </Space>
      <Table<CommendationItem> rowKey="userId" size="small" dataSource={commendation.items} pagination={false} columns={itemColumns} />
    </Card>
  );
}

/** 年度优秀通讯员: proposed from the ranking and confirmed (frozen) by an editor; confirmed lists are open to everyone. */
export function CommendationPage() {
  const t = useT();
  const judges = useJudgesPoints();
  const { data: lists, isPending } = useCommendations();
  return (
    <>
      {judges && <ProposalCard />}
      <Card title={t('team.commendation.lists')} style={{ marginTop: judges ? 16 : 0 }} loading={isPending}>
        {lists?.length ? lists.map((c) => <ConfirmedList key={c.id} commendation={c} judges={judges} />) : <Empty description={t('team.commendation.none')} />}
      </Card>
    </>
  );
}
