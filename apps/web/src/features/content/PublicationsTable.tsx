import { useMemo } from 'react';
import { Button, Popconfirm, Space, Table, Tooltip, Typography, type TableColumnsType } from 'antd';
import { formatDateTime } from '../../app/format';
import { useT, type MessageKey } from '../../app/i18n/i18n';
import { useChannelColumns, type Channel } from '../channels/channels.api';
import { placementSummary } from './placement';
import { PublicationStatusTag } from './PublicationStatusTag';
import { publicationOrdinals, republishable } from './publication-history';
import { canRetry, canWithdraw, useRetryPublication, useWithdrawPublication, type Publication } from './publications.api';
import { channelGroupOf } from './publishing-channels';

/** The moments of a publication's life that have happened, in order. */
const TIMES = [
  ['scheduledAt', 'publication.timeScheduled'],
  ['publishedAt', 'publication.timePublished'],
  ['withdrawnAt', 'publication.timeWithdrawn'],
] as const satisfies readonly (readonly [keyof Publication, MessageKey])[];

/** The name of the column (栏目) a publication went into; the channel's columns are read once per channel. */
function ColumnName({ channelId, columnId }: { channelId: number; columnId: number }) {
  const t = useT();
  const { data: columns } = useChannelColumns(channelId);
  const name = columns?.find((column) => column.id === columnId)?.name;
  return <Typography.Text type="secondary">{t('publication.inColumn', { column: name ?? `#${columnId}` })}</Typography.Text>;
}

function Actions({ publication, channel, onRepublish }: { publication: Publication; channel: Channel | undefined; onRepublish?: () => void }) {
  const t = useT();
  const retry = useRetryPublication();
  const withdraw = useWithdrawPublication();
  const name = channel?.name ?? `#${publication.channelId}`;
  // Taking down what readers already see is said out loud; cancelling what has not gone out is not.
  const withdrawHint =
    publication.status !== 'published'
      ? 'publication.withdrawPendingHint'
      : channel && channelGroupOf(channel) === 'platform'
        ? 'publication.withdrawPlatformHint'
        : 'publication.withdrawShownHint';
  return (
    <Space size={0}>
      {canRetry(publication.status) && (
        <Popconfirm title={t('publication.retryConfirm', { channel: name })} onConfirm={() => retry.mutate(publication.id)}>
          <Button type="link" size="small" loading={retry.isPending}>
            {t('publication.retry')}
          </Button>
        </Popconfirm>
      )}
      {onRepublish && (
        <Button type="link" size="small" onClick={onRepublish}>
          {t('publication.republish')}
        </Button>
      )}
      {canWithdraw(publication.status) && (
        <Popconfirm title={t('publication.withdrawConfirm', { channel: name })} description={t(withdrawHint)} onConfirm={() => withdraw.mutate(publication.id)}>
          <Button type="link" size="small" danger loading={withdraw.isPending}>
            {t('publication.withdraw')}
          </Button>
        </Popconfirm>
      )}
    </Space>
  );
}

/**
 * An article's publications, newest first, with where each stands in its delivery: one open per channel, and the
 * withdrawn ones before it as history (each its own attempts, external id and link). The latest withdrawn one of a
 * channel offers 重新发布.
 */
export function PublicationsTable({
  publications,
  loading,
  channels,
  canManage,
  onRepublish,
}: {
  publications: readonly Publication[];
  loading: boolean;
  channels: readonly Channel[];
  canManage: boolean;
  onRepublish?: (publication: Publication) => void;
}) {
  const t = useT();
  const channelOf = (id: number) => channels.find((channel) => channel.id === id);
  const again = useMemo(() => republishable(publications), [publications]);
  const ordinals = useMemo(() => publicationOrdinals(publications), [publications]);

  const columns: TableColumnsType<Publication> = [
    {
      title: t('publication.channel'),
      dataIndex: 'channelId',
      render: (id: number, publication) => {
        const channel = channelOf(id);
        const ordinal = ordinals.get(publication.id);
        return (
          <Space orientation="vertical" size={0}>
            <Typography.Text strong>{channel?.name ?? `#${id}`}</Typography.Text>
            {channel && <Typography.Text type="secondary">{t(`channelKind.${channel.kind}`)}</Typography.Text>}
            {publication.columnId !== null && <ColumnName channelId={id} columnId={publication.columnId} />}
            {ordinal !== undefined && <Typography.Text type="secondary">{t('publication.ordinal', { n: ordinal })}</Typography.Text>}
          </Space>
        );
      },
    },
    { title: t('common.status'), dataIndex: 'status', width: 110, render: (status: Publication['status']) => <PublicationStatusTag status={status} /> },
    {
      title: t('publication.when'),
      key: 'time',
      width: 190,
      render: (_, publication) => (
        <Space orientation="vertical" size={0}>
          {TIMES.filter(([field]) => publication[field]).map(([field, label]) => (
            <span key={field}>{t(label, { time: formatDateTime(publication[field]) })}</span>
          ))}
        </Space>
      ),
    },
    {
      title: t('publication.attempts'),
      dataIndex: 'attempts',
      width: 150,
      render: (attempts: number, publication) => (
        <Space orientation="vertical" size={0}>
          {attempts}
          {publication.nextAttemptAt && <Typography.Text type="secondary">{t('publication.nextAttempt', { time: formatDateTime(publication.nextAttemptAt) })}</Typography.Text>}
        </Space>
      ),
    },
    {
      title: t('publication.placement'),
      dataIndex: 'placement',
      width: 170,
      ellipsis: { showTitle: true },
      render: (placement: Publication['placement']) => placementSummary(placement, t) || '—',
    },
    {
      title: t('publication.lastError'),
      dataIndex: 'lastError',
      ellipsis: { showTitle: false },
      render: (error: string | null) =>
        error ? (
          <Tooltip title={error} placement="topLeft">
            <Typography.Text type="danger">{error}</Typography.Text>
          </Tooltip>
        ) : (
          '—'
        ),
    },
    {
      title: t('publication.externalUrl'),
      dataIndex: 'externalUrl',
      width: 70,
      render: (url: string | null) =>
        url ? (
          <a href={url} target="_blank" rel="noreferrer">
            {t('publication.open')}
          </a>
        ) : (
          '—'
        ),
    },
    ...(canManage
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 120,
            fixed: 'right' as const,
            render: (_: unknown, publication: Publication) => {
              const channel = channelOf(publication.channelId);
              const offered = onRepublish && again.has(publication.id) && channel?.status === 'active';
              return <Actions publication={publication} channel={channel} onRepublish={offered ? () => onRepublish(publication) : undefined} />;
            },
          },
        ]
      : []),
  ];

  return <Table<Publication> rowKey="id" size="small" pagination={false} loading={loading} dataSource={publications} columns={columns} scroll={{ x: 1100 }} />;
}
