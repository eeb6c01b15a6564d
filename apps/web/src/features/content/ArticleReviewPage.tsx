import { useState } from 'react';
import { useParams } from 'react-router';
import { HistoryOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Descriptions, Input, Modal, Row, Space, Tag, Typography } from 'antd';
import { describeError } from '../../app/api-errors';
import { useCurrentUser } from '../../app/auth/session';
import { useT, type MessageKey } from '../../app/i18n/i18n';
import { PageSpinner } from '../../app/PageSpinner';
import { ComplianceFindings } from './ComplianceFindings';
import { useCanPublish } from './content-roles';
import { useAddComment } from './article-comments.api';
import { useArticle, useReviewArticle, type Article, type ReviewDecision } from './articles.api';
import { categoryLabel, sensitivityLabel } from './article-labels';
import { ArticleBodyViewer, type SelectedPassage } from './ArticleBodyViewer';
import { ArticleComments, useCommentThreads } from './ArticleComments';
import { ArticleStatusTag } from './ArticleStatusTag';
import { ArticleVersionsDrawer } from './ArticleVersionsDrawer';
import { commentRights } from './comment-rights';
import { PublishPanel } from './PublishPanel';
import { ReviewChain } from './ReviewChain';

const DECISION_LABELS: Record<ReviewDecision, MessageKey> = { approve: 'review.approve', return: 'review.return', reject: 'review.reject' };

function ArticleReview({ article }: { article: Article }) {
  const t = useT();
  const { message } = App.useApp();
  const canPublish = useCanPublish();
  const user = useCurrentUser();
  const review = useReviewArticle(article.id);
  const [decision, setDecision] = useState<ReviewDecision | null>(null);
  const [comment, setComment] = useState('');
  const [versionsOpen, setVersionsOpen] = useState(false);
  const threads = useCommentThreads(article.id);
  const addComment = useAddComment(article.id);
  const mayComment = commentRights(user, article).openThreads;
  // Returning and rejecting tell the author why; approving may go without a word.
  const commentRequired = decision !== null && decision !== 'approve';
  // Decisions are offered only on a step of my role; the server also checks its department scope and authorship.
  const pending = article.reviewSteps.find((step) => step.status === 'pending');
  const canDecide = article.status === 'in_review' && pending !== undefined && user.roles.some((role) => role === pending.role);

  const decide = () => {
    if (!decision) return;
    review.mutate(
      { decision, comment: comment.trim() || undefined },
      {
        onSuccess: () => {
          setDecision(null);
          setComment('');
          void message.success(t('review.decided'));
        },
        onError: (error) => void message.error(describeError(error, t)),
      },
    );
  };

  // The anchor counts in the version on screen, the article's current one.
  const commentOn = (passage: SelectedPassage, body: string) =>
    addComment.mutateAsync({ body, quote: passage.quote, anchor: { start: passage.start, end: passage.end, version: article.version } }).then((created) => {
      threads.setActiveId(created.id);
      void message.success(t('comment.added'));
    });

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Row gutter={16} wrap={false} align="top">
        <Col flex="auto" style={{ minWidth: 0 }}>
          <Card
            title={
              <Space>
                {article.title}
                <ArticleStatusTag status={article.status} />
              </Space>
            }
            extra={
              <Space>
                <Button icon={<HistoryOutlined />} onClick={() => setVersionsOpen(true)}>
                  {t('version.open')}
                </Button>
                {canDecide && (
                  <>
                    <Button type="primary" onClick={() => setDecision('approve')}>
                      {t('review.approve')}
                    </Button>
                    <Button onClick={() => setDecision('return')}>{t('review.return')}</Button>
                    <Button danger onClick={() => setDecision('reject')}>
                      {t('review.reject')}
                    </Button>
                  </>
                )}
              </Space>
            }
          >
            <Descriptions size="small" column={4} style={{ marginBottom: 16 }}>
              <Descriptions.Item label={t('article.category')}>{t(categoryLabel(article.category))}</Descriptions.Item>
              <Descriptions.Item label={t('article.sensitivity')}>{t(sensitivityLabel(article.sensitivity))}</Descriptions.Item>
              <Descriptions.Item label={t('article.versionColumn')}>{article.version}</Descriptions.Item>
              <Descriptions.Item label={t('article.tags')}>
                {article.tags.map((tag) => (
                  <Tag key={tag}>{tag}</Tag>
                ))}
              </Descriptions.Item>
              <Descriptions.Item label={t('article.credits')} span={4}>
                {article.credits.map((credit) => `${credit.role}：${credit.name}`).join('　') || t('common.none')}
              </Descriptions.Item>
            </Descriptions>
            {article.subtitle && <Typography.Title level={5}>{article.subtitle}</Typography.Title>}
            {article.summary && <Typography.Paragraph type="secondary">{article.summary}</Typography.Paragraph>}
            <ArticleBodyViewer
              html={article.body}
              passages={threads.passages}
              activePassage={threads.activeId}
              onPassageClick={threads.setActiveId}
              onLocate={threads.onLocate}
              onComment={mayComment ? commentOn : undefined}
            />
          </Card>
        </Col>
        {(mayComment || threads.list.items.length > 0) && (
          <Col flex="360px">
            <ArticleComments article={article} threads={threads} hint={mayComment ? t('comment.selectHint') : undefined} />
          </Col>
        )}
      </Row>
      {article.acknowledgement && (
        <Card title={t('review.acknowledgement')}>
          <Alert type="info" showIcon title={article.acknowledgement.reason} style={{ marginBottom: 16 }} />
          <ComplianceFindings findings={article.acknowledgement.findings} title={t('article.acknowledgeHint')} />
        </Card>
      )}
      <ReviewChain steps={article.reviewSteps} />
      {article.status === 'approved' && <PublishPanel articleId={article.id} canPublish={canPublish} />}
      <ArticleVersionsDrawer articleId={article.id} currentVersion={article.version} open={versionsOpen} onClose={() => setVersionsOpen(false)} />
      <Modal
        title={decision ? t(DECISION_LABELS[decision]) : undefined}
        open={decision !== null}
        okText={t('common.confirm')}
        okButtonProps={{ disabled: commentRequired && !comment.trim() }}
        confirmLoading={review.isPending}
        onOk={decide}
        onCancel={() => setDecision(null)}
      >
        <Input.TextArea
          aria-label={t('review.comment')}
          placeholder={t(commentRequired ? 'review.commentRequired' : 'review.comment')}
          value={comment}
          onChange={(event) => setComment(event.target.value)}
        />
      </Modal>
    </Space>
  );
}

/** A submitted article read-only, with what was acknowledged and the decision buttons of its pending step. */
export function ArticleReviewPage() {
  const { id } = useParams();
  const article = useArticle(Number(id));
  if (!article.data) return <PageSpinner />;
  return <ArticleReview article={article.data} />;
}
