import { useState } from 'react';
import { BellOutlined } from '@ant-design/icons';
import { Badge, Button, Drawer, List, Tag, Tooltip, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { useT, type MessageKey } from '../i18n/i18n';
import { LoadMoreButton } from '../LoadMoreButton';
import { refreshNotices, useMarkAllNoticesRead, useMarkNoticeRead, useNoticeList, useUnreadNoticeCount, type Notice } from './notices.api';
import { relativeTime } from './relative-time';
import './notices.css';

/** The kinds the console names; a kind it does not know yet shows no tag. */
const KIND_LABELS: Record<string, MessageKey> = {
  'review.overdue': 'notice.kind.reviewOverdue',
  'targets.behind': 'notice.kind.targetsBehind',
};

/** The header's bell: how many notices are unread, and a drawer listing them; a click reads one and opens its page. */
export function NoticeBell() {
  const t = useT();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const { data: unread = 0 } = useUnreadNoticeCount();
  const list = useNoticeList(open);
  const markRead = useMarkNoticeRead();
  const markAllRead = useMarkAllNoticesRead();

  const openDrawer = () => {
    setOpen(true);
    void refreshNotices();
  };

  const openNotice = (notice: Notice) => {
    if (notice.readAt === null) markRead.mutate(notice.id);
    if (notice.link) {
      setOpen(false);
      navigate(notice.link);
    }
  };

  const now = new Date();
  return (
    <>
      <Tooltip title={t('notice.bell')}>
        <Badge count={unread} size="small" overflowCount={99} offset={[-4, 4]}>
          <Button type="text" icon={<BellOutlined />} aria-label={t('notice.bellWithCount', { count: unread })} onClick={openDrawer} data-testid="notice-bell" />
        </Badge>
      </Tooltip>
      <Drawer
        title={t('notice.title')}
        open={open}
        onClose={() => setOpen(false)}
        size={420}
        extra={
          <Button size="small" onClick={() => markAllRead.mutate()} loading={markAllRead.isPending} disabled={unread === 0} data-testid="notice-read-all">
            {t('notice.markAllRead')}
          </Button>
        }
      >
        <List<Notice>
          loading={list.isLoading}
          dataSource={list.items}
          locale={{ emptyText: t('notice.empty') }}
          renderItem={(notice) => {
            const kind = KIND_LABELS[notice.kind];
            const unreadItem = notice.readAt === null;
            return (
              <List.Item
                className={`notice-item${unreadItem ? ' notice-item-unread' : ''}${notice.link ? ' notice-item-link' : ''}`}
                onClick={() => openNotice(notice)}
                data-testid="notice-item"
              >
                <List.Item.Meta
                  avatar={<Badge status={unreadItem ? 'error' : 'default'} className={unreadItem ? undefined : 'notice-dot-read'} aria-label={unreadItem ? t('notice.unread') : undefined} />}
                  title={
                    <span className="notice-title">
                      <span>{notice.title}</span>
                      {kind && <Tag className="notice-kind">{t(kind)}</Tag>}
                    </span>
                  }
                  description={
                    <>
                      <div className="notice-body">{notice.body}</div>
                      <Typography.Text type="secondary" className="notice-time" title={notice.createdAt}>
                        {relativeTime(notice.createdAt, now, t)}
                      </Typography.Text>
                    </>
                  }
                />
              </List.Item>
            );
          }}
        />
        {list.items.length > 0 && <LoadMoreButton hasMore={list.hasMore} loading={list.isLoadingMore} onLoadMore={list.loadMore} />}
      </Drawer>
    </>
  );
}
