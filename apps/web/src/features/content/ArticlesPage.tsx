import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Select, Space } from 'antd';
import { CursorTable } from '../../app/CursorTable';
import { formatDateTime } from '../../app/format';
import { useT } from '../../app/i18n/i18n';
import { ARTICLE_STATUSES, useArticleList, type ArticleListItem, type ArticleCategory, type ArticleStatus } from './articles.api';
import { categoryLabel, statusLabel } from './article-labels';
import { ArticleStatusTag } from './ArticleStatusTag';

/** 稿件: the articles of my department (all of them for hospital-wide roles), newest first. */
export function ArticlesPage() {
  const t = useT();
  const navigate = useNavigate();
  const [status, setStatus] = useState<ArticleStatus | undefined>();
  const list = useArticleList({ status });
  return (
    <Card
      title={t('menu.articles')}
      extra={
        <Space>
          <Select<ArticleStatus>
            allowClear
            aria-label={t('common.status')}
            placeholder={t('article.allStatuses')}
            style={{ width: 160 }}
            value={status}
            onChange={setStatus}
            options={ARTICLE_STATUSES.map((value) => ({ value, label: t(statusLabel(value)) }))}
          />
          <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/content/articles/new')}>
            {t('article.create')}
          </Button>
        </Space>
      }
    >
      <CursorTable<ArticleListItem>
        list={list}
        columns={[
          { title: t('article.title'), dataIndex: 'title', render: (title: string, article) => <Link to={`/content/articles/${article.id}`}>{title}</Link> },
          { title: t('article.category'), dataIndex: 'category', render: (category: ArticleCategory) => t(categoryLabel(category)) },
          { title: t('common.status'), dataIndex: 'status', render: (value: ArticleStatus) => <ArticleStatusTag status={value} /> },
          { title: t('article.versionColumn'), dataIndex: 'version' },
          { title: t('common.updatedAt'), dataIndex: 'updatedAt', render: (value: string) => formatDateTime(value) },
        ]}
      />
    </Card>
  );
}
