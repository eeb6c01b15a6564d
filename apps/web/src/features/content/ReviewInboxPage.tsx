import { Link } from 'react-router';
import { Card } from 'antd';
import { CursorTable } from '../../app/CursorTable';
import { formatDateTime } from '../../app/format';
import { useT } from '../../app/i18n/i18n';
import { useArticleList, type Article, type ArticleCategory } from './articles.api';
import { categoryLabel } from './article-labels';

/** The current round's pending step: the one the inbox asks me to decide. */
function pendingStep(article: Article) {
  return article.reviewSteps.find((step) => step.status === 'pending');
}

/** 审核: the articles whose pending review step is mine to decide. */
export function ReviewInboxPage() {
  const t = useT();
  const list = useArticleList({ awaitingMyReview: true });
  return (
    <Card title={t('menu.reviewInbox')}>
      <CursorTable<Article>
        list={list}
        columns={[
          { title: t('article.title'), dataIndex: 'title', render: (title: string, article) => <Link to={`/content/review/${article.id}`}>{title}</Link> },
          { title: t('article.category'), dataIndex: 'category', render: (category: ArticleCategory) => t(categoryLabel(category)) },
          { title: t('article.step'), key: 'step', render: (_: unknown, article) => pendingStep(article)?.name ?? '—' },
          { title: t('article.due'), key: 'due', render: (_: unknown, article) => formatDateTime(pendingStep(article)?.dueAt) },
          { title: t('article.submittedAt'), dataIndex: 'submittedAt', render: (value: string | null) => formatDateTime(value) },
        ]}
      />
    </Card>
  );
}
