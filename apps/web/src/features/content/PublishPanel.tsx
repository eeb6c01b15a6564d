import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { App, Button, Card, Select, Space, Table } from 'antd';
import { fetchAllItems } from '../../app/api';
import { describeError } from '../../app/api-errors';
import { formatDateTime } from '../../app/format';
import { useT } from '../../app/i18n/i18n';
import type { Channel } from '../channels/channels.api';
import { usePublications, usePublish, type Publication, type PublicationStatus } from './articles.api';
import { publicationStatusLabel } from './article-labels';

/** 发布到官网: an approved article goes to a website channel; its publications link to where they went out. */
export function PublishPanel({ articleId, canPublish }: { articleId: number; canPublish: boolean }) {
  const t = useT();
  const { message } = App.useApp();
  const [channelId, setChannelId] = useState<number | null>(null);
  const channels = useQuery({
    queryKey: ['channels', 'website'],
    queryFn: () => fetchAllItems<Channel>('/api/channels', { kind: 'website' }),
    enabled: canPublish,
  });
  const publications = usePublications(articleId, true);
  const publish = usePublish();
  const channelName = (id: number) => channels.data?.find((channel) => channel.id === id)?.name ?? `#${id}`;

  return (
    <Card title={t('article.publications')}>
      {canPublish && (
        <Space style={{ marginBottom: 16 }}>
          <Select<number>
            aria-label={t('article.websiteChannel')}
            placeholder={t('article.websiteChannel')}
            style={{ width: 240 }}
            loading={channels.isPending}
            value={channelId ?? undefined}
            onChange={setChannelId}
            options={(channels.data ?? []).map((channel) => ({ value: channel.id, label: channel.name }))}
          />
          <Button
            type="primary"
            disabled={channelId === null}
            loading={publish.isPending}
            onClick={() =>
              channelId !== null &&
              publish.mutate(
                { articleId, channelId },
                {
                  onSuccess: () => void message.success(t('article.published')),
                  onError: (error) => void message.error(describeError(error, t)),
                },
              )
            }
          >
            {t('article.publishToWebsite')}
          </Button>
        </Space>
      )}
      <Table<Publication>
        rowKey="id"
        size="small"
        pagination={false}
        loading={publications.isPending}
        dataSource={publications.data ?? []}
        columns={[
          { title: t('article.channel'), dataIndex: 'channelId', render: (id: number) => channelName(id) },
          { title: t('common.status'), dataIndex: 'status', render: (status: PublicationStatus) => t(publicationStatusLabel(status)) },
          { title: t('article.publishedAt'), dataIndex: 'publishedAt', render: (value: string | null) => formatDateTime(value) },
          {
            title: t('article.externalUrl'),
            dataIndex: 'externalUrl',
            render: (url: string | null) =>
              url ? (
                <a href={url} target="_blank" rel="noreferrer">
                  {t('article.open')}
                </a>
              ) : (
                '—'
              ),
          },
        ]}
      />
    </Card>
  );
}
