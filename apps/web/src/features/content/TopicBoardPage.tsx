import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Form, Input, Select, Space, Tag, Typography } from 'antd';
import { useCurrentUser } from '../../app/auth/session';
import { FormModal } from '../../app/FormModal';
import { formatDate } from '../../app/format';
import { useT, type MessageKey } from '../../app/i18n/i18n';
import { LoadMoreButton } from '../../app/LoadMoreButton';
import { useRecordDialog } from '../../app/record-dialog';
import { useSaveHandlers } from '../../app/save-handlers';
import { useAllDepartments } from '../org/departments.api';
import { useAllUsers } from '../org/users.api';
import { ArticleStatusTag } from './ArticleStatusTag';
import { useAllChannels } from './publishing-channels';
import { TopicFormModal } from './TopicFormModal';
import {
  TOPIC_STATUSES,
  useCanPlanTopics,
  useTopicColumn,
  useTransitionTopic,
  useWriteTopicArticle,
  type Topic,
  type TopicFilters,
  type TopicStatus,
} from './topics.api';
import './topic-board.css';

const topicStatusLabel = (status: TopicStatus): MessageKey => `topic.status.${status}`;

/** Names for the ids a card shows; an id the caller cannot list (another department's user) shows as #id. */
type Names = { departments: Map<number, string>; users: Map<number, string>; channels: Map<number, string> };
const nameOf = (names: Map<number, string>, id: number) => names.get(id) ?? `#${id}`;

type CardActions = { move: (topic: Topic, to: TopicStatus) => void; write: (topic: Topic) => void; edit: (topic: Topic) => void; drag: (topic: Topic | null) => void };

function TopicCard({ topic, names, actions }: { topic: Topic; names: Names; actions: CardActions }) {
  const t = useT();
  const user = useCurrentUser();
  const canPlan = useCanPlanTopics();
  // The server's rule for 写稿: the assignee or a planner, while the topic is planned or in progress and has no article.
  const canWrite = topic.articleId === null && (topic.status === 'planned' || topic.status === 'in_progress') && (canPlan || topic.assigneeUserId === user.id);
  const closed = topic.status === 'published' || topic.status === 'dropped';
  return (
    <Card
      size="small"
      className={topic.overdue ? 'topic-card topic-card-overdue' : 'topic-card'}
      data-testid="topic-card"
      title={<Typography.Text title={topic.title}>{topic.title}</Typography.Text>}
      extra={canPlan && !closed && <Button type="text" size="small" icon={<EditOutlined />} aria-label={t('topic.edit')} onClick={() => actions.edit(topic)} />}
      draggable={topic.moves.length > 0}
      onDragStart={() => actions.drag(topic)}
      onDragEnd={() => actions.drag(null)}
    >
      <Space orientation="vertical" size={4} style={{ width: '100%' }}>
        <Space size={4} wrap>
          <Typography.Text type={topic.overdue ? 'danger' : 'secondary'}>{t('topic.due', { date: formatDate(topic.dueDate) })}</Typography.Text>
          {topic.overdue && <Tag color="red">{t('topic.overdue')}</Tag>}
        </Space>
        <Typography.Text type="secondary">
          {t('topic.assignee')}：{nameOf(names.users, topic.assigneeUserId)} · {nameOf(names.departments, topic.departmentId)}
        </Typography.Text>
        {topic.channelIds.length > 0 && (
          <Space size={[0, 4]} wrap>
            {topic.channelIds.map((id) => (
              <Tag key={id}>{nameOf(names.channels, id)}</Tag>
            ))}
          </Space>
        )}
        {topic.brief && <Typography.Paragraph ellipsis={{ rows: 2, expandable: true }} style={{ marginBottom: 0 }}>{topic.brief}</Typography.Paragraph>}
        {topic.dropReason && <Typography.Text type="secondary">{t('topic.droppedBecause', { reason: topic.dropReason })}</Typography.Text>}
        {topic.articleId !== null && (
          <Space size={4}>
            <Link to={`/content/articles/${topic.articleId}`}>{t('topic.openArticle')}</Link>
            {topic.articleStatus && <ArticleStatusTag status={topic.articleStatus} />}
          </Space>
        )}
        <Space size={4} wrap>
          {canWrite && (
            <Button size="small" type="primary" onClick={() => actions.write(topic)}>
              {t('topic.write')}
            </Button>
          )}
          {topic.moves.map((to) => (
            <Button key={to} size="small" danger={to === 'dropped'} onClick={() => actions.move(topic, to)}>
              {t('topic.moveTo', { status: t(topicStatusLabel(to)) })}
            </Button>
          ))}
        </Space>
      </Space>
    </Card>
  );
}

/** One status of the board; while a card is dragged, the column lights up if the card may move here. */
function TopicColumn({ status, filters, names, dragged, actions }: { status: TopicStatus; filters: TopicFilters; names: Names; dragged: Topic | null; actions: CardActions }) {
  const t = useT();
  const column = useTopicColumn(status, filters);
  const accepts = dragged !== null && dragged.moves.includes(status);
  return (
    <Card
      size="small"
      className={accepts ? 'topic-column topic-column-target' : 'topic-column'}
      data-testid={`topic-column-${status}`}
      title={t(topicStatusLabel(status))}
      loading={column.isLoading}
      onDragOver={(event) => accepts && event.preventDefault()}
      onDrop={() => dragged && accepts && actions.move(dragged, status)}
    >
      <Space orientation="vertical" size="small" style={{ width: '100%' }}>
        {column.items.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('topic.empty')} />}
        {column.items.map((topic) => (
          <TopicCard key={topic.id} topic={topic} names={names} actions={actions} />
        ))}
      </Space>
      {column.hasMore && <LoadMoreButton hasMore loading={column.isLoadingMore} onLoadMore={column.loadMore} />}
    </Card>
  );
}

/** Dropping a topic asks why; the board shows the reason on the card. */
function DropTopicModal({ topic, open, onClose }: { topic: Topic | null; open: boolean; onClose: () => void }) {
  const t = useT();
  const [form] = Form.useForm<{ reason: string }>();
  const transition = useTransitionTopic();
  const callbacks = useSaveHandlers(form, onClose);
  return (
    <FormModal form={form} title={t('topic.dropTitle', { title: topic?.title ?? '' })} open={open} okText={t('common.confirm')} saving={transition.isPending} onClose={onClose}>
      {topic && (
        <Form<{ reason: string }> form={form} layout="vertical" preserve={false} onFinish={({ reason }) => transition.mutate({ id: topic.id, to: 'dropped', reason }, callbacks)}>
          <Form.Item name="reason" label={t('topic.dropReason')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('topic.dropReason') }) }]}>
            <Input.TextArea maxLength={500} autoSize={{ minRows: 2, maxRows: 4 }} />
          </Form.Item>
        </Form>
      )}
    </FormModal>
  );
}

/** 选题看板: topics in columns by status; cards move by their buttons or by dragging, along the moves the server allows. */
export function TopicBoardPage() {
  const t = useT();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const canPlan = useCanPlanTopics();
  const [filters, setFilters] = useState<TopicFilters>({});
  const [dragged, setDragged] = useState<Topic | null>(null);
  const editing = useRecordDialog<Topic>();
  const dropping = useRecordDialog<Topic>();
  const transition = useTransitionTopic();
  const writeArticle = useWriteTopicArticle();
  const { data: departments = [] } = useAllDepartments();
  const { data: users = [] } = useAllUsers();
  const { data: channels = [] } = useAllChannels();
  const names = useMemo<Names>(
    () => ({
      departments: new Map(departments.map((d) => [d.id, d.name])),
      users: new Map(users.map((u) => [u.id, u.displayName])),
      channels: new Map(channels.map((c) => [c.id, c.name])),
    }),
    [departments, users, channels],
  );

  const actions: CardActions = {
    move: (topic, to) => {
      setDragged(null);
      if (to === 'dropped') dropping.show(topic);
      else transition.mutate({ id: topic.id, to }, { onSuccess: () => void message.success(t('topic.moved', { status: t(topicStatusLabel(to)) })) });
    },
    write: (topic) => writeArticle.mutate(topic.id, { onSuccess: (article) => navigate(`/content/articles/${article.id}`) }),
    edit: (topic) => editing.show(topic),
    drag: setDragged,
  };

  return (
    <Card
      title={t('menu.topics')}
      extra={
        <Space wrap>
          <Select<number>
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            aria-label={t('topic.department')}
            placeholder={t('topic.allDepartments')}
            style={{ width: 180 }}
            value={filters.departmentId}
            onChange={(departmentId) => setFilters({ ...filters, departmentId })}
            options={departments.map((department) => ({ value: department.id, label: department.name }))}
          />
          <Select<number>
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            aria-label={t('topic.assignee')}
            placeholder={t('topic.allAssignees')}
            style={{ width: 160 }}
            value={filters.assigneeUserId}
            onChange={(assigneeUserId) => setFilters({ ...filters, assigneeUserId })}
            options={users.map((user) => ({ value: user.id, label: user.displayName }))}
          />
          {canPlan && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => editing.show(null)}>
              {t('topic.create')}
            </Button>
          )}
        </Space>
      }
    >
      <div className="topic-board">
        {TOPIC_STATUSES.map((status) => (
          <TopicColumn key={status} status={status} filters={filters} names={names} dragged={dragged} actions={actions} />
        ))}
      </div>
      <TopicFormModal key={`edit-${editing.key}`} open={editing.open} topic={editing.record} onClose={editing.close} />
      <DropTopicModal key={`drop-${dropping.key}`} topic={dropping.record} open={dropping.open} onClose={dropping.close} />
    </Card>
  );
}
