import { Link } from 'react-router';
import { Card, Space, Tag } from 'antd';
import { CursorTable } from '../../app/CursorTable';
import { formatDateTime } from '../../app/format';
import { useT } from '../../app/i18n/i18n';
import { useArticleList, type ArticleCategory, type ArticleListItem } from './articles.api';
import { categoryLabel } from './article-labels';

/** 审核: the articles whose pending review step is mine to decide. */
export function ReviewInboxPage() {
  const t = useT();
  const list = useArticleList({ awaitingMyReview: true });
  return (
    <Card title={t('menu.reviewInbox')}>
      <CursorTable<ArticleListItem>
        list={list}
        columns={[
          { title: t('article.title'), dataIndex: 'title', render: (title: string, article) => <Link to={`/content/review/${article.id}`}>{title}</Link> },
          { title: t('article.category'), dataIndex: 'category', render: (category: ArticleCategory) => t(categoryLabel(category)) },
          { title: t('article.step'), key: 'step', render: (_: unknown, article) => article.currentStep?.name ?? '—' },
          {
            title: t('article.due'),
            key: 'due',
            render: (_: unknown, article) => (
              <Space size={4}>
                {formatDateTime(article.currentStep?.dueAt)}
                {article.currentStep?.overdue && <Tag color="red">{t('article.overdue')}</Tag>}
              </Space>
            ),
          },
          { title: t('article.submittedAt'), dataIndex: 'submittedAt', render: (value: string | null) => formatDateTime(value) },
        ]}
      />
    </Card>
  );
}
