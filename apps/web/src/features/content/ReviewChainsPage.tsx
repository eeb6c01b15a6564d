import { useState } from 'react';
import { App, Button, Card, Popconfirm, Space, Steps, Table, Tag } from 'antd';
import { describeError } from '../../app/api-errors';
import { useIsAdmin } from '../../app/auth/session';
import { formatDateTime } from '../../app/format';
import { useT } from '../../app/i18n/i18n';
import { categoryLabel, sensitivityLabel } from './article-labels';
import { ReviewChainFormModal } from './ReviewChainFormModal';
import { useResetReviewChain, useReviewChains, type ReviewChain } from './review-chains.api';

/** 审核流程: the chain each category and sensitivity goes through; administrators change it. */
export function ReviewChainsPage() {
  const t = useT();
  const { message } = App.useApp();
  const isAdmin = useIsAdmin();
  const chains = useReviewChains();
  const reset = useResetReviewChain();
  const [editing, setEditing] = useState<ReviewChain | null>(null);

  return (
    <Card title={t('reviewChain.title')}>
      <Table<ReviewChain>
        rowKey={(chain) => `${chain.category}/${chain.sensitivity}`}
        loading={chains.isPending}
        dataSource={chains.data}
        pagination={false}
        columns={[
          { title: t('article.category'), dataIndex: 'category', width: 90, render: (category: ReviewChain['category']) => t(categoryLabel(category)) },
          { title: t('article.sensitivity'), dataIndex: 'sensitivity', width: 90, render: (sensitivity: ReviewChain['sensitivity']) => t(sensitivityLabel(sensitivity)) },
          {
            title: t('reviewChain.steps'),
            key: 'steps',
            render: (_, chain) => (
              <Steps
                size="small"
                current={-1}
                items={chain.steps.map((step) => ({
                  title: step.name,
                  description: `${t(`role.${step.role}`)} · ${t(`reviewChain.scope.${step.scope}`)} · ${step.dueHours}${t('reviewChain.hours')}`,
                }))}
              />
            ),
          },
          {
            title: t('reviewChain.source'),
            key: 'configured',
            width: 150,
            render: (_, chain) => (chain.configured ? <Tag color="blue">{t('reviewChain.configured', { time: formatDateTime(chain.updatedAt) })}</Tag> : <Tag>{t('reviewChain.default')}</Tag>),
          },
          ...(isAdmin
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  width: 150,
                  render: (_: unknown, chain: ReviewChain) => (
                    <Space>
                      <Button size="small" onClick={() => setEditing(chain)}>
                        {t('common.edit')}
                      </Button>
                      {chain.configured && (
                        <Popconfirm
                          title={t('reviewChain.resetConfirm')}
                          onConfirm={() => reset.mutate(chain, { onSuccess: () => void message.success(t('reviewChain.resetDone')), onError: (error) => void message.error(describeError(error, t)) })}
                        >
                          <Button size="small">{t('reviewChain.reset')}</Button>
                        </Popconfirm>
                      )}
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <ReviewChainFormModal key={editing ? `${editing.category}/${editing.sensitivity}` : 'none'} chain={editing} onClose={() => setEditing(null)} />
    </Card>
  );
}
