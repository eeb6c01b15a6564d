import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { DeleteOutlined, EditOutlined, FileWordOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Checkbox, Col, DatePicker, Descriptions, Form, Input, List, Popconfirm, Result, Row, Select, Space, Steps, Table, Tag, Timeline, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { FormModal } from '../../app/FormModal';
import { DATE_TIME_FORMAT, formatDateTime } from '../../app/format';
import { useT, type MessageKey } from '../../app/i18n/i18n';
import { PageSpinner } from '../../app/PageSpinner';
import { useSaveHandlers } from '../../app/save-handlers';
import { useAllUsers } from '../org/users.api';
import { IncidentClocks, IncidentLevelTag, stageLabel } from './incident-parts';
import { IncidentRepairCard } from './IncidentRepairCard';
import { IncidentResponseCard } from './IncidentResponseCard';
import {
  INCIDENT_LEVELS,
  OPEN_STAGES,
  incidentReportUrl,
  useAddNote,
  useAddTask,
  useDeleteIncident,
  useIncident,
  useLinkCluster,
  useRemoveTask,
  useTransitionIncident,
  useUnlinkCluster,
  useUnlinkMention,
  useUpdateIncident,
  useUpdateTask,
  type IncidentDetail,
  type IncidentEvent,
  type IncidentLevel,
  type IncidentMove,
} from './incidents.api';
import { useClusterList, useSeesOpinion } from './opinion.api';
import { PolarityTag, RiskTag, riskLabel } from './opinion-labels';
import './incidents.css';

const eventLabel = (kind: IncidentEvent['kind']): MessageKey => `incident.event.${kind}`;

/** What a timeline entry says beyond its kind: the stage move, or its note. */
function EventText({ event }: { event: IncidentEvent }) {
  const t = useT();
  if (event.kind === 'stage_changed') {
    const { from, to } = event.data as { from: IncidentDetail['stage']; to: IncidentDetail['stage'] };
    return (
      <>
        <div>
          {t(stageLabel(from))} → {t(stageLabel(to))}
        </div>
        {event.note && <div className="incident-timeline-note">{event.note}</div>}
      </>
    );
  }
  return event.note ? <div className="incident-timeline-note">{event.note}</div> : null;
}

type MoveForm = { reason?: string; at?: Dayjs };

/** A stage move asks for its reason (required where the table says) and, when recorded after the fact, its time. */
function MoveModal({ incident, move, onClose }: { incident: IncidentDetail; move: IncidentMove | null; onClose: () => void }) {
  const t = useT();
  const [form] = Form.useForm<MoveForm>();
  const transition = useTransitionIncident(incident.id);
  const callbacks = useSaveHandlers(form, onClose, 'incident.moved');
  return (
    <FormModal form={form} title={move ? t('incident.moveTo', { stage: t(stageLabel(move.to)) }) : ''} open={move !== null} okText={t('common.confirm')} saving={transition.isPending} onClose={onClose}>
      {move && (
        <Form<MoveForm> form={form} layout="vertical" preserve={false} onFinish={({ reason, at }) => transition.mutate({ to: move.to, reason: reason?.trim() || undefined, at: at?.toISOString() }, callbacks)}>
          {move.requires === 'approved_response' && <Typography.Paragraph type="secondary">{t('incident.requires.approved_response')}</Typography.Paragraph>}
          {move.requires === 'lessons' && <Typography.Paragraph type="secondary">{t('incident.requires.lessons')}</Typography.Paragraph>}
          <Form.Item name="reason" label={t('incident.reason')} rules={move.reasonRequired ? [{ required: true, whitespace: true, message: t('common.required', { field: t('incident.reason') }) }] : []}>
            <Input.TextArea maxLength={1000} autoSize={{ minRows: 2, maxRows: 5 }} />
          </Form.Item>
          <Form.Item name="at" label={t('incident.movedAt')} extra={t('incident.movedAtHint')}>
            <DatePicker showTime format={DATE_TIME_FORMAT} style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs()) || d.isBefore(dayjs(incident.stageEnteredAt), 'day')} />
          </Form.Item>
        </Form>
      )}
    </FormModal>
  );
}

type EditForm = { title: string; level: IncidentLevel; summary: string; ownerId: number };

function EditModal({ incident, open, onClose }: { incident: IncidentDetail; open: boolean; onClose: () => void }) {
  const t = useT();
  const [form] = Form.useForm<EditForm>();
  const update = useUpdateIncident(incident.id);
  const users = useAllUsers();
  const callbacks = useSaveHandlers(form, onClose);
  const owners = users.data ?? [];
  return (
    <FormModal form={form} title={t('incident.edit')} open={open} saving={update.isPending} onClose={onClose}>
      <Form<EditForm>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ title: incident.title, level: incident.level, summary: incident.summary, ownerId: incident.ownerId }}
        onFinish={(values) => update.mutate(values, callbacks)}
      >
        <Form.Item name="title" label={t('incident.title')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('incident.title') }) }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="level" label={t('incident.level')} extra={t('incident.levelHint')}>
          <Select options={INCIDENT_LEVELS.map((level) => ({ value: level, label: t(riskLabel(level)) }))} />
        </Form.Item>
        <Form.Item name="ownerId" label={t('incident.owner')}>
          <Select
            showSearch
            optionFilterProp="label"
            loading={users.isPending}
            // The owner may be someone the editor cannot list (another department): shown by the name the incident gives.
            options={[
              ...owners.map((u) => ({ value: u.id, label: u.displayName })),
              ...(owners.some((u) => u.id === incident.ownerId) ? [] : [{ value: incident.ownerId, label: incident.ownerName ?? `#${incident.ownerId}` }]),
            ]}
          />
        </Form.Item>
        <Form.Item name="summary" label={t('incident.summary')}>
          <Input.TextArea maxLength={5000} autoSize={{ minRows: 3, maxRows: 8 }} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}

type TaskForm = { title: string; assigneeId: number; dueAt?: Dayjs };

function TasksCard({ incident }: { incident: IncidentDetail }) {
  const t = useT();
  const [form] = Form.useForm<TaskForm>();
  const users = useAllUsers();
  const add = useAddTask(incident.id);
  const update = useUpdateTask(incident.id);
  const remove = useRemoveTask(incident.id);
  const callbacks = useSaveHandlers(form, () => form.resetFields());
  return (
    <Card title={t('incident.tasks')} size="small" data-testid="incident-tasks">
      <List
        size="small"
        dataSource={incident.tasks}
        locale={{ emptyText: t('incident.noTasks') }}
        renderItem={(task) => (
          <List.Item
            actions={
              incident.permissions.manage
                ? [<Button key="remove" type="text" size="small" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} onClick={() => remove.mutate(task.id)} />]
                : []
            }
          >
            <Space orientation="vertical" size={0}>
              <Checkbox checked={task.done} disabled={!task.canComplete} onChange={(e) => update.mutate({ taskId: task.id, done: e.target.checked })}>
                <Typography.Text delete={task.done}>{task.title}</Typography.Text>
              </Checkbox>
              <Typography.Text type={task.overdue ? 'danger' : 'secondary'}>
                {task.assigneeName ?? `#${task.assigneeId}`}
                {task.dueAt && ` · ${t('incident.taskDue', { time: formatDateTime(task.dueAt) })}`}
                {task.overdue && ` · ${t('incident.taskOverdue')}`}
              </Typography.Text>
            </Space>
          </List.Item>
        )}
      />
      {incident.permissions.manage && (
        <Form<TaskForm> form={form} layout="vertical" onFinish={({ dueAt, ...values }) => add.mutate({ ...values, dueAt: dueAt?.toISOString() ?? null }, callbacks)} style={{ marginTop: 12 }}>
          <Form.Item name="title" label={t('incident.taskTitle')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('incident.taskTitle') }) }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="assigneeId" label={t('incident.assignee')} rules={[{ required: true, message: t('common.required', { field: t('incident.assignee') }) }]}>
            <Select showSearch optionFilterProp="label" loading={users.isPending} options={(users.data ?? []).map((u) => ({ value: u.id, label: u.displayName }))} />
          </Form.Item>
          <Form.Item name="dueAt" label={t('incident.taskDueAt')}>
            <DatePicker showTime format={DATE_TIME_FORMAT} style={{ width: '100%' }} />
          </Form.Item>
          <Button htmlType="submit" icon={<PlusOutlined />} loading={add.isPending}>
            {t('incident.addTask')}
          </Button>
        </Form>
      )}
    </Card>
  );
}

function TimelineCard({ incident }: { incident: IncidentDetail }) {
  const t = useT();
  const [form] = Form.useForm<{ text: string }>();
  const note = useAddNote(incident.id);
  const callbacks = useSaveHandlers(form, () => form.resetFields());
  return (
    <Card title={t('incident.timeline')} size="small" data-testid="incident-timeline">
      <Form form={form} onFinish={({ text }) => note.mutate(text, callbacks)} style={{ marginBottom: 16 }}>
        <Form.Item name="text" rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('incident.note') }) }]} style={{ marginBottom: 8 }}>
          <Input.TextArea aria-label={t('incident.note')} placeholder={t('incident.notePlaceholder')} maxLength={2000} autoSize={{ minRows: 2, maxRows: 5 }} />
        </Form.Item>
        <Button htmlType="submit" size="small" loading={note.isPending}>
          {t('incident.addNote')}
        </Button>
      </Form>
      <Timeline
        items={[...incident.events].reverse().map((event) => ({
          key: event.id,
          color: event.kind === 'escalated' || event.kind.endsWith('overdue') ? 'red' : event.kind === 'note' ? 'gray' : 'blue',
          content: (
            <div data-testid="timeline-entry">
              <Space size={4} wrap>
                <Typography.Text strong>{t(eventLabel(event.kind))}</Typography.Text>
                <Typography.Text type="secondary">
                  {event.actorName ?? (event.actorId === null ? t('incident.system') : `#${event.actorId}`)} · {formatDateTime(event.at)}
                </Typography.Text>
              </Space>
              <EventText event={event} />
            </div>
          ),
        }))}
      />
    </Card>
  );
}

/** Recent stories about the hospital, to link one; only those who run the incident see it (and may list stories). */
function LinkClusterSelect({ incident }: { incident: IncidentDetail }) {
  const t = useT();
  const clusters = useClusterList({ aboutHospital: true });
  const link = useLinkCluster(incident.id);
  const linked = new Set(incident.clusters.map((c) => c.id));
  return (
    <Select
      showSearch
      optionFilterProp="label"
      aria-label={t('incident.linkCluster')}
      placeholder={t('incident.linkCluster')}
      value={null}
      loading={clusters.isLoading || link.isPending}
      options={clusters.items.filter((c) => !linked.has(c.id)).map((c) => ({ value: c.id, label: `${c.title || `#${c.id}`}（${c.size}）` }))}
      onChange={(id: number) => link.mutate(id)}
      style={{ width: '100%', marginTop: 8 }}
    />
  );
}

/** 关联舆情: the stories, mentions and alerts the incident groups. */
function LinksCard({ incident }: { incident: IncidentDetail }) {
  const t = useT();
  const unlinkCluster = useUnlinkCluster(incident.id);
  const unlinkMention = useUnlinkMention(incident.id);
  return (
    <Card title={t('incident.links')} data-testid="incident-links">
      <Typography.Title level={5}>{t('incident.clusters')}</Typography.Title>
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={incident.clusters}
        locale={{ emptyText: t('incident.noClusters') }}
        columns={[
          { title: t('incident.clusterTitle'), render: (_, c) => <Link to={`/opinion/clusters/${c.id}`}>{c.title || `#${c.id}`}</Link> },
          { title: t('incident.clusterSize'), dataIndex: 'size', width: 80 },
          { title: t('incident.level'), width: 90, render: (_, c) => <RiskTag risk={c.maxRisk} /> },
          { title: t('incident.lastSeen'), width: 150, render: (_, c) => formatDateTime(c.lastSeenAt) },
          ...(incident.permissions.manage
            ? [{ title: '', width: 60, render: (_: unknown, c: { id: number }) => <Button type="link" size="small" danger onClick={() => unlinkCluster.mutate(c.id)}>{t('incident.unlink')}</Button> }]
            : []),
        ]}
      />
      {incident.permissions.manage && <LinkClusterSelect incident={incident} />}
      <Typography.Title level={5} style={{ marginTop: 24 }}>
        {t('incident.mentions', { count: incident.mentionCount })}
      </Typography.Title>
      <List
        size="small"
        dataSource={incident.mentions}
        locale={{ emptyText: t('incident.noMentions') }}
        renderItem={(m) => (
          <List.Item actions={incident.permissions.manage ? [<Button key="unlink" type="link" size="small" danger onClick={() => unlinkMention.mutate(m.id)}>{t('incident.unlink')}</Button>] : []}>
            <Space orientation="vertical" size={0}>
              <Space size={4}>
                <PolarityTag polarity={m.polarity} />
                <RiskTag risk={m.risk} />
                <Typography.Text>{m.title || m.text.slice(0, 80)}</Typography.Text>
              </Space>
              <Typography.Text type="secondary">
                {m.sourceName} · {m.author ?? '—'} · {formatDateTime(m.occurredAt)}
              </Typography.Text>
            </Space>
          </List.Item>
        )}
      />
      {incident.alerts.length > 0 && (
        <>
          <Typography.Title level={5} style={{ marginTop: 24 }}>
            {t('incident.alerts')}
          </Typography.Title>
          <List
            size="small"
            dataSource={incident.alerts}
            renderItem={(a) => (
              <List.Item>
                <Space size={4}>
                  <IncidentLevelTag level={a.level} />
                  <Typography.Text>{a.title}</Typography.Text>
                  <Typography.Text type="secondary">
                    {a.ruleName} · {formatDateTime(a.raisedAt)}
                  </Typography.Text>
                </Space>
              </List.Item>
            )}
          />
        </>
      )}
    </Card>
  );
}

/** 复盘: the lessons, which closing requires, and the report. */
function ReviewCard({ incident }: { incident: IncidentDetail }) {
  const t = useT();
  const seesOpinion = useSeesOpinion();
  const [form] = Form.useForm<{ lessons: string }>();
  const update = useUpdateIncident(incident.id);
  const callbacks = useSaveHandlers(form);
  return (
    <Card
      title={t('incident.review')}
      data-testid="incident-review"
      extra={
        // The report carries the repair measure, which reads the mentions: the opinion roles'.
        seesOpinion && (
          <Button icon={<FileWordOutlined />} href={incidentReportUrl(incident.id)}>
            {t('incident.report')}
          </Button>
        )
      }
    >
      <Form form={form} layout="vertical" disabled={!incident.permissions.manage} initialValues={{ lessons: incident.lessons }} onFinish={(values) => update.mutate(values, callbacks)}>
        <Form.Item name="lessons" label={t('incident.lessons')} extra={t('incident.lessonsHint')}>
          <Input.TextArea maxLength={20_000} autoSize={{ minRows: 3, maxRows: 10 }} />
        </Form.Item>
        {incident.permissions.manage && (
          <Button htmlType="submit" loading={update.isPending}>
            {t('common.save')}
          </Button>
        )}
      </Form>
    </Card>
  );
}

/** 舆情事件: its stages and SLA clocks, moves, response, repair, stories, tasks, timeline and review report. */
export function IncidentPage() {
  const t = useT();
  const id = Number(useParams().id);
  const navigate = useNavigate();
  const { message } = App.useApp();
  const { data: incident, isPending, isError } = useIncident(id);
  const [move, setMove] = useState<IncidentMove | null>(null);
  const [editing, setEditing] = useState(false);
  const deletion = useDeleteIncident();
  const seesOpinion = useSeesOpinion();
  if (isPending) return <PageSpinner />;
  if (isError || !incident) return <Result status="404" title={t('incident.notFound')} extra={<Link to="/opinion/incidents">{t('incident.board')}</Link>} />;

  const current = incident.stage === 'closed' ? OPEN_STAGES.length : OPEN_STAGES.indexOf(incident.stage);
  const remove = () =>
    deletion.mutate(incident.id, {
      onSuccess: () => {
        void message.success(t('incident.deleted'));
        navigate('/opinion/incidents');
      },
    });

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={
          <Space>
            <IncidentLevelTag level={incident.level} />
            <span data-testid="incident-title">{incident.title}</span>
            <Tag data-testid="incident-stage">{t(stageLabel(incident.stage))}</Tag>
          </Space>
        }
        extra={
          <Space wrap>
            {incident.moves.map((m) => (
              <Button key={m.to} type={m.reasonRequired ? 'default' : 'primary'} danger={m.to === 'closed' && m.reasonRequired} onClick={() => setMove(m)}>
                {t('incident.moveTo', { stage: t(stageLabel(m.to)) })}
              </Button>
            ))}
            {incident.permissions.manage && (
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
                {t('common.edit')}
              </Button>
            )}
            {incident.permissions.delete && (
              <Popconfirm title={t('incident.deleteConfirm')} onConfirm={remove}>
                <Button danger icon={<DeleteOutlined />}>
                  {t('common.delete')}
                </Button>
              </Popconfirm>
            )}
          </Space>
        }
      >
        <Steps size="small" current={current} status={incident.stage === 'closed' ? 'finish' : 'process'} items={OPEN_STAGES.map((stage) => ({ title: t(stageLabel(stage)) }))} style={{ marginBottom: 16 }} />
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t('incident.owner')}>{incident.ownerName ?? `#${incident.ownerId}`}</Descriptions.Item>
          <Descriptions.Item label={t('incident.department')}>{incident.departmentName ?? `#${incident.departmentId}`}</Descriptions.Item>
          <Descriptions.Item label={t('incident.discoveredAt')}>{formatDateTime(incident.discoveredAt)}</Descriptions.Item>
          <Descriptions.Item label={t('incident.sla.clocks')}>
            <IncidentClocks incident={incident} />
          </Descriptions.Item>
          <Descriptions.Item label={t('incident.sla.firstResponse')}>
            <span data-testid="first-response">
              {incident.respondedAt
                ? t(incident.firstResponseMet ? 'incident.sla.respondedInTime' : 'incident.sla.respondedLate', { time: formatDateTime(incident.respondedAt) })
                : t('incident.sla.dueAt', { time: formatDateTime(incident.firstResponseDueAt) })}
            </span>
          </Descriptions.Item>
          {incident.summary && <Descriptions.Item label={t('incident.summary')}>{incident.summary}</Descriptions.Item>}
        </Descriptions>
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <IncidentResponseCard incident={incident} />
            {seesOpinion && <IncidentRepairCard incident={incident} />}
            <LinksCard incident={incident} />
            <ReviewCard incident={incident} />
          </Space>
        </Col>
        <Col xs={24} xl={8}>
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <TasksCard incident={incident} />
            <TimelineCard incident={incident} />
          </Space>
        </Col>
      </Row>
      <MoveModal incident={incident} move={move} onClose={() => setMove(null)} />
      {editing && <EditModal incident={incident} open={editing} onClose={() => setEditing(false)} />}
    </Space>
  );
}
