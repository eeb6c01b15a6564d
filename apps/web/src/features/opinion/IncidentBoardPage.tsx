import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { AlertOutlined, FieldTimeOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, DatePicker, Empty, Form, Input, InputNumber, List, Modal, Segmented, Select, Space, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { FormModal } from '../../app/FormModal';
import { DATE_TIME_FORMAT, formatDateTime } from '../../app/format';
import { useT } from '../../app/i18n/i18n';
import { LoadMoreButton } from '../../app/LoadMoreButton';
import { useSaveHandlers } from '../../app/save-handlers';
import { IncidentClocks, IncidentLevelTag, stageLabel } from './incident-parts';
import {
  INCIDENT_LEVELS,
  OPEN_STAGES,
  useCreateIncident,
  useCreateIncidentFromAlert,
  useIncidentColumn,
  useOpenAlerts,
  useOpensIncidents,
  useSetSlaPolicy,
  useSetsSla,
  useSlaPolicies,
  type Incident,
  type IncidentLevel,
  type IncidentStage,
  type SlaPolicy,
} from './incidents.api';
import { useAllNotificationChannels } from './alerts.api';
import { riskLabel } from './opinion-labels';
import './incidents.css';

type View = 'all' | 'mine' | 'escalated';
const filtersOf = (view: View) => (view === 'mine' ? { mine: true } : view === 'escalated' ? { escalated: true } : {});

function IncidentCard({ incident }: { incident: Incident }) {
  const t = useT();
  return (
    <Card size="small" data-testid="incident-card">
      <Space orientation="vertical" size={4} style={{ width: '100%' }}>
        <Space size={4} align="start">
          <IncidentLevelTag level={incident.level} />
          <Link to={`/opinion/incidents/${incident.id}`}>{incident.title}</Link>
        </Space>
        <Typography.Text type="secondary">
          {t('incident.owner')}：{incident.ownerName ?? `#${incident.ownerId}`} · {incident.departmentName ?? `#${incident.departmentId}`}
        </Typography.Text>
        <IncidentClocks incident={incident} />
      </Space>
    </Card>
  );
}

/** One stage of the board; the closed ones run full width under the open stages, their cards side by side. */
function StageColumn({ stage, view }: { stage: IncidentStage; view: View }) {
  const t = useT();
  const column = useIncidentColumn(stage, filtersOf(view));
  const closed = stage === 'closed';
  return (
    <Card size="small" className={closed ? 'incident-closed' : 'incident-column'} data-testid={`incident-column-${stage}`} title={t(stageLabel(stage))} loading={column.isLoading}>
      <div className={closed ? 'incident-closed-cards' : 'incident-column-cards'}>
        {column.items.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('incident.empty')} />}
        {column.items.map((incident) => (
          <IncidentCard key={incident.id} incident={incident} />
        ))}
      </div>
      {column.hasMore && <LoadMoreButton hasMore loading={column.isLoadingMore} onLoadMore={column.loadMore} />}
    </Card>
  );
}

type NewIncident = { title: string; level: IncidentLevel; summary?: string; discoveredAt?: Dayjs };

function NewIncidentModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const navigate = useNavigate();
  const [form] = Form.useForm<NewIncident>();
  const create = useCreateIncident();
  const callbacks = useSaveHandlers(form, (incident: { id: number }) => navigate(`/opinion/incidents/${incident.id}`));
  return (
    <FormModal form={form} title={t('incident.create')} open={open} saving={create.isPending} onClose={onClose}>
      <Form<NewIncident>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ level: 2 }}
        onFinish={({ discoveredAt, ...values }) => create.mutate({ ...values, discoveredAt: discoveredAt?.toISOString() }, callbacks)}
      >
        <Form.Item name="title" label={t('incident.title')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('incident.title') }) }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="level" label={t('incident.level')} rules={[{ required: true }]}>
          <Select options={INCIDENT_LEVELS.map((level) => ({ value: level, label: t(riskLabel(level)) }))} />
        </Form.Item>
        <Form.Item name="discoveredAt" label={t('incident.discoveredAt')} extra={t('incident.discoveredAtHint')}>
          <DatePicker showTime format={DATE_TIME_FORMAT} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="summary" label={t('incident.summary')}>
          <Input.TextArea maxLength={5000} autoSize={{ minRows: 3, maxRows: 8 }} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}

/** 从预警立案: the open alerts, newest first; opening one takes it over. */
function FromAlertModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const navigate = useNavigate();
  const alerts = useOpenAlerts(open);
  const create = useCreateIncidentFromAlert();
  return (
    <Modal title={t('incident.fromAlert')} open={open} onCancel={onClose} footer={null} destroyOnHidden width={720}>
      <List
        loading={alerts.isPending}
        dataSource={alerts.data?.items ?? []}
        locale={{ emptyText: t('incident.noOpenAlerts') }}
        renderItem={(alert) => (
          <List.Item
            data-testid="open-alert"
            actions={[
              <Button key="open" type="primary" size="small" loading={create.isPending && create.variables === alert.id} onClick={() => create.mutate(alert.id, { onSuccess: (incident) => navigate(`/opinion/incidents/${incident.id}`) })}>
                {t('incident.openFromAlert')}
              </Button>,
            ]}
          >
            <List.Item.Meta
              avatar={<IncidentLevelTag level={alert.level} />}
              title={alert.title}
              description={t('incident.alertLine', { rule: alert.ruleName, count: alert.mentionCount, time: formatDateTime(alert.raisedAt) })}
            />
          </List.Item>
        )}
      />
    </Modal>
  );
}

const notifyNobody = 'none';

/**
 * Who hears of an escalation at a level: left empty, every active channel; or the channels picked; or, picked last,
 * "notify nobody" (the timeline still records the escalation).
 */
function EscalationChannelsSelect({ level, value, onChange }: { level: number; value: number[] | null; onChange: (ids: number[] | null) => void }) {
  const t = useT();
  const { data: channels = [] } = useAllNotificationChannels();
  const options = [
    { value: notifyNobody, label: t('incident.sla.noChannels') },
    ...channels.map((c) => ({ value: c.id, label: c.name, disabled: c.status !== 'active' })),
  ];
  const selected = value === null ? [] : value.length === 0 ? [notifyNobody] : value;
  return (
    <Select<(number | string)[]>
      mode="multiple"
      size="small"
      style={{ minWidth: 180 }}
      aria-label={`${t('incident.sla.escalationChannels')} ${level}`}
      placeholder={t('incident.sla.allChannels')}
      options={options}
      value={selected}
      onChange={(picked) => {
        if (picked.at(-1) === notifyNobody) return onChange([]);
        const ids = picked.filter((v): v is number => typeof v === 'number');
        onChange(ids.length ? ids : null);
      }}
    />
  );
}

/** 时限设置: minutes for the first response and each stage, and who hears of an escalation, per level. */
function SlaModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const policies = useSlaPolicies(open);
  const save = useSetSlaPolicy();
  const [editing, setEditing] = useState<Record<number, Omit<SlaPolicy, 'custom'>>>({});
  const rowOf = (policy: SlaPolicy) => editing[policy.level] ?? policy;
  const change = (policy: SlaPolicy, patch: Partial<Omit<SlaPolicy, 'custom'>>) => setEditing((e) => ({ ...e, [policy.level]: { ...rowOf(policy), ...patch } }));
  const minutes = (value: number, onChange: (n: number) => void) => <InputNumber min={1} value={value} onChange={(n) => n !== null && onChange(n)} style={{ width: 90 }} />;
  return (
    <Modal title={t('incident.sla.settings')} open={open} onCancel={onClose} footer={null} width={1000} destroyOnHidden>
      <Typography.Paragraph type="secondary">{t('incident.sla.settingsHint')}</Typography.Paragraph>
      <Table<SlaPolicy>
        rowKey="level"
        size="small"
        pagination={false}
        loading={policies.isPending}
        dataSource={policies.data?.items ?? []}
        columns={[
          { title: t('incident.level'), render: (_, p) => <IncidentLevelTag level={p.level} /> },
          { title: t('incident.sla.firstResponse'), render: (_, p) => minutes(rowOf(p).firstResponseMinutes, (n) => change(p, { firstResponseMinutes: n })) },
          ...OPEN_STAGES.map((stage) => ({
            title: t(stageLabel(stage)),
            render: (_: unknown, p: SlaPolicy) => minutes(rowOf(p).stageMinutes[stage], (n) => change(p, { stageMinutes: { ...rowOf(p).stageMinutes, [stage]: n } })),
          })),
          {
            title: t('incident.sla.escalationChannels'),
            render: (_, p) => <EscalationChannelsSelect level={p.level} value={rowOf(p).escalationChannelIds} onChange={(ids) => change(p, { escalationChannelIds: ids })} />,
          },
          {
            title: t('common.actions'),
            render: (_, p) => (
              <Button size="small" disabled={!editing[p.level]} loading={save.isPending && save.variables?.level === p.level} onClick={() => save.mutate(rowOf(p), { onSuccess: () => setEditing(({ [p.level]: _saved, ...rest }) => rest) })}>
                {t('common.save')}
              </Button>
            ),
          },
        ]}
      />
      <Typography.Text type="secondary">{t('incident.sla.minutesUnit')}</Typography.Text>
    </Modal>
  );
}

/**
 * 舆情事件看板: incidents in columns by stage, with their SLA clocks; opened by hand or from an alert. The server
 * lists what the user may see (a task's assignee sees that incident), so the board needs no role of its own.
 */
export function IncidentBoardPage() {
  const t = useT();
  const opens = useOpensIncidents();
  const setsSla = useSetsSla();
  const [view, setView] = useState<View>('all');
  const [dialog, setDialog] = useState<'new' | 'alert' | 'sla' | null>(null);
  return (
    <>
      <Card
        title={t('incident.board')}
        extra={
          <Space wrap>
            <Segmented<View>
              value={view}
              onChange={setView}
              options={[
                { value: 'all', label: t('incident.view.all') },
                { value: 'mine', label: t('incident.view.mine') },
                { value: 'escalated', label: t('incident.view.escalated') },
              ]}
            />
            {setsSla && (
              <Button icon={<FieldTimeOutlined />} onClick={() => setDialog('sla')}>
                {t('incident.sla.settings')}
              </Button>
            )}
            {opens && (
              <>
                <Button icon={<AlertOutlined />} onClick={() => setDialog('alert')}>
                  {t('incident.fromAlert')}
                </Button>
                <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog('new')}>
                  {t('incident.create')}
                </Button>
              </>
            )}
          </Space>
        }
      >
        <div className="incident-board">
          {OPEN_STAGES.map((stage) => (
            <StageColumn key={stage} stage={stage} view={view} />
          ))}
        </div>
        <StageColumn stage="closed" view={view} />
      </Card>
      <NewIncidentModal open={dialog === 'new'} onClose={() => setDialog(null)} />
      <FromAlertModal open={dialog === 'alert'} onClose={() => setDialog(null)} />
      <SlaModal open={dialog === 'sla'} onClose={() => setDialog(null)} />
    </>
  );
}
