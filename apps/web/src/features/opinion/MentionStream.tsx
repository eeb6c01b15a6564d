import { Button, Space, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { formatDateTime } from '../../app/format';
import { LoadMoreButton } from '../../app/LoadMoreButton';
import { useT } from '../../app/i18n/i18n';
import { useRecordDialog } from '../../app/record-dialog';
import { CorrectionDialog } from './CorrectionDialog';
import { useLiveMentions, useManagesOpinion, type Mention, type MentionFilters } from './opinion.api';
import { PolarityTag, ReasonsHint, RiskTag, categoryLabel } from './opinion-labels';

/** The live stream of mentions under some filters, refreshed every few seconds, each correctable by officers. */
export function MentionStream({ filters, showCluster = true }: { filters: MentionFilters; showCluster?: boolean }) {
  const t = useT();
  const canCorrect = useManagesOpinion();
  const list = useLiveMentions(filters);
  const correcting = useRecordDialog<Mention>();

  return (
    <>
      <Table<Mention>
        rowKey="id"
        size="middle"
        dataSource={list.items}
        loading={list.isLoading}
        pagination={false}
        data-testid="mention-stream"
        rowClassName={(m) => `opinion-row-risk-${m.aboutHospital ? m.risk : 0}`}
        columns={[
          {
            title: t('opinion.mention.risk'),
            dataIndex: 'risk',
            width: 90,
            render: (risk: number, m) => (
              <Space orientation="vertical" size={4}>
                <RiskTag risk={m.aboutHospital ? risk : 0} />
                <ReasonsHint reasons={m.reasons}>
                  <PolarityTag polarity={m.polarity} />
                </ReasonsHint>
              </Space>
            ),
          },
          {
            title: t('opinion.mention.content'),
            key: 'content',
            render: (_: unknown, m) => (
              <Space orientation="vertical" size={2} style={{ width: '100%' }}>
                <Space size={6} wrap>
                  {m.url ? (
                    <Typography.Link href={m.url} target="_blank" rel="noreferrer noopener" strong>
                      {m.title || m.text.slice(0, 40)}
                    </Typography.Link>
                  ) : (
                    <Typography.Text strong>{m.title || m.text.slice(0, 40)}</Typography.Text>
                  )}
                  {!m.aboutHospital && <Tag>{t('opinion.mention.notAbout')}</Tag>}
                  <Tag bordered={false}>{t(categoryLabel(m.category))}</Tag>
                  {m.correctedFields.length > 0 && <Tag color="purple">{t('opinion.mention.corrected')}</Tag>}
                </Space>
                {m.text && m.text !== m.title && (
                  <Typography.Paragraph type="secondary" ellipsis={{ rows: 2, expandable: true }} style={{ marginBottom: 0 }}>
                    {m.text}
                  </Typography.Paragraph>
                )}
              </Space>
            ),
          },
          {
            title: t('opinion.mention.source'),
            key: 'source',
            width: 170,
            render: (_: unknown, m) => (
              <Space orientation="vertical" size={0}>
                <Typography.Text>{m.sourceName}</Typography.Text>
                {m.author && <Typography.Text type="secondary">{m.author}</Typography.Text>}
              </Space>
            ),
          },
          {
            title: t('opinion.mention.reach'),
            key: 'reach',
            width: 110,
            render: (_: unknown, m) => (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('opinion.mention.reachValue', { reposts: m.reposts, comments: m.comments, likes: m.likes })}
              </Typography.Text>
            ),
          },
          ...(showCluster
            ? [
                {
                  title: t('opinion.mention.cluster'),
                  key: 'cluster',
                  width: 110,
                  render: (_: unknown, m: Mention) =>
                    m.clusterId !== null && (
                      <Link to={`/opinion/clusters/${m.clusterId}`}>{t('opinion.mention.clusterSize', { size: m.clusterSize ?? 1 })}</Link>
                    ),
                },
              ]
            : []),
          { title: t('opinion.mention.occurredAt'), dataIndex: 'occurredAt', width: 140, render: (value: string) => formatDateTime(value) },
          ...(canCorrect
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  width: 80,
                  render: (_: unknown, m: Mention) => (
                    <Button type="link" size="small" onClick={() => correcting.show(m)}>
                      {t('opinion.correction.open')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      <LoadMoreButton hasMore={list.hasMore} loading={list.isLoadingMore} onLoadMore={list.loadMore} />
      <CorrectionDialog key={correcting.key} mention={correcting.record} open={correcting.open} onClose={correcting.close} />
    </>
  );
}
