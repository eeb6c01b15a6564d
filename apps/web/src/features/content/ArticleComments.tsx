import { useEffect, useRef, useState } from 'react';
import { Button, Card, Collapse, Empty, Input, Space, Tag, Typography } from 'antd';
import { useCurrentUser } from '../../app/auth/session';
import type { CursorList } from '../../app/cursor-list';
import { formatDateTime } from '../../app/format';
import { useT } from '../../app/i18n/i18n';
import { LoadMoreButton } from '../../app/LoadMoreButton';
import { useAddComment, useArticleComments, useResolveComment, type ArticleComment } from './article-comments.api';
import type { Article } from './articles.api';
import { commentRights } from './comment-rights';
import './article-comments.css';

type Rights = ReturnType<typeof commentRights>;

function Byline({ comment }: { comment: ArticleComment }) {
  const t = useT();
  const who = [comment.authorName ?? `#${comment.authorUserId}`, comment.stepName].filter(Boolean).join(' · ');
  return (
    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
      {who} · {t('comment.round', { round: comment.round })} · {formatDateTime(comment.createdAt)}
    </Typography.Text>
  );
}

function Thread({
  articleId,
  thread,
  replies,
  inText,
  active,
  rights,
  onActivate,
}: {
  articleId: number;
  thread: ArticleComment;
  replies: ArticleComment[];
  inText: boolean | undefined;
  active: boolean;
  rights: Rights;
  onActivate: () => void;
}) {
  const t = useT();
  const reply = useAddComment(articleId);
  const resolve = useResolveComment(articleId);
  const [replying, setReplying] = useState(false);
  const [text, setText] = useState('');
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (active) ref.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, [active]);

  const sendReply = () =>
    reply.mutate(
      { parentId: thread.id, body: text.trim() },
      {
        onSuccess: () => {
          setText('');
          setReplying(false);
        },
      },
    );

  return (
    <div ref={ref} className={`comment-thread${active ? ' comment-thread-active' : ''}${thread.resolved ? ' comment-thread-resolved' : ''}`} data-testid="comment-thread" onClick={onActivate}>
      <blockquote className="comment-quote">{thread.quote}</blockquote>
      {!thread.resolved && inText === false && (
        <Tag color="warning" data-testid="comment-quote-gone">
          {t('comment.quoteGone')}
        </Tag>
      )}
      <div className="comment-body">{thread.body}</div>
      <Byline comment={thread} />
      {replies.map((item) => (
        <div key={item.id} className="comment-reply">
          <div className="comment-body">{item.body}</div>
          <Byline comment={item} />
        </div>
      ))}
      {thread.resolved ? (
        <Typography.Text type="success" style={{ fontSize: 12 }}>
          {t('comment.resolvedBy', { name: thread.resolvedByName ?? `#${thread.resolvedBy}` })} · {formatDateTime(thread.resolvedAt)}
        </Typography.Text>
      ) : (
        <Space orientation="vertical" style={{ width: '100%', marginTop: 6 }} onClick={(event) => event.stopPropagation()}>
          {replying && (
            <Input.TextArea
              autoFocus
              aria-label={t('comment.replyPlaceholder')}
              placeholder={t('comment.replyPlaceholder')}
              autoSize={{ minRows: 2, maxRows: 6 }}
              value={text}
              onChange={(event) => setText(event.target.value)}
            />
          )}
          <Space size={4}>
            {rights.reply &&
              (replying ? (
                <Button size="small" type="primary" loading={reply.isPending} disabled={!text.trim()} onClick={sendReply}>
                  {t('comment.reply')}
                </Button>
              ) : (
                <Button size="small" onClick={() => setReplying(true)}>
                  {t('comment.reply')}
                </Button>
              ))}
            {rights.resolve && (
              <Button size="small" loading={resolve.isPending} onClick={() => resolve.mutate(thread.id)}>
                {t('comment.resolve')}
              </Button>
            )}
          </Space>
        </Space>
      )}
    </div>
  );
}

/**
 * 批注: the threads on an article, open ones first, each with its quote (flagged when the text no longer contains it),
 * its replies, and what the user may do: reply, resolve.
 */
export function ArticleComments({ article, threads: shared, hint }: { article: Article; threads: CommentThreads; hint?: string }) {
  const { list, inText, activeId, setActiveId } = shared;
  const t = useT();
  const rights = commentRights(useCurrentUser(), article);
  const threads = list.items.filter((comment) => comment.parentId === null);
  const repliesTo = (id: number) => list.items.filter((comment) => comment.parentId === id);
  const thread = (comment: ArticleComment) => (
    <Thread
      key={comment.id}
      articleId={article.id}
      thread={comment}
      replies={repliesTo(comment.id)}
      inText={inText.get(comment.id)}
      active={comment.id === activeId}
      rights={rights}
      onActivate={() => setActiveId(comment.id)}
    />
  );
  const open = threads.filter((comment) => !comment.resolved);
  const resolved = threads.filter((comment) => comment.resolved);
  return (
    <Card size="small" title={t('comment.title')} data-testid="article-comments" loading={list.isLoading}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        {hint && <Typography.Text type="secondary">{hint}</Typography.Text>}
        {threads.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('comment.empty')} />}
        {open.map(thread)}
        {resolved.length > 0 && <Collapse ghost size="small" items={[{ key: 'resolved', label: t('comment.resolvedCount', { count: resolved.length }), children: resolved.map(thread) }]} />}
        {list.hasMore && <LoadMoreButton hasMore loading={list.isLoadingMore} onLoadMore={list.loadMore} />}
      </Space>
    </Card>
  );
}

/** What a page's body (the marks) and its side list share about the comments: the threads, which are in the text, which is active. */
export type CommentThreads = ReturnType<typeof useCommentThreads>;

export function useCommentThreads(articleId: number | null) {
  const list = useArticleComments(articleId);
  const passages = list.items.flatMap((c) => (c.parentId === null && !c.resolved && c.quote !== null && c.anchor !== null ? [{ id: c.id, quote: c.quote, anchor: c.anchor }] : []));
  const [inText, setInText] = useState<ReadonlyMap<number, boolean>>(() => new Map());
  const [activeId, setActiveId] = useState<number | null>(null);
  return { list, passages, inText, onLocate: setInText, activeId, setActiveId };
}
