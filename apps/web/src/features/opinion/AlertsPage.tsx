import { useCallback, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { SoundOutlined } from '@ant-design/icons';
import {
  Alert as Banner, App, Badge, Button, Card, Descriptions, Drawer, Empty, Form, Input, List, Select, Space, Switch, Table, Tag, Timeline, Typography, type TableColumnsType,
} from 'antd';
import { CursorTable } from '../../app/CursorTable';
import { FormModal } from '../../app/FormModal';
import { formatDateTime } from '../../app/format';
import { useT, type Translate } from '../../app/i18n/i18n';
import { SearchFilter } from '../../app/SearchFilter';
import {
  ALERT_LEVELS, ALERT_STATUSES, useAcknowledgeAlert, useAlertDetail, useAlertList, useAlertStream, useCloseAlert,
  type Alert, type AlertFilters, type AlertLevel, type AlertStatus, type AlertStreamEvent, type StreamState, type TriggerReason,
} from './alerts.api';
import { DeliveryStatusTag } from './DeliveryLogPage';
import { useManagesOpinion } from './opinion.api';
import { OpinionOnly, RiskTag, riskLabel } from './opinion-labels';
import './alerts.css';

const STATUS_COLORS: Record<AlertStatus, string> = { open: 'red', acknowledged: 'blue', incident: 'purple', closed: 'default' };

export function AlertStatusTag({ status }: { status: AlertStatus }) {
  const t = useT();
  return <Tag color={STATUS_COLORS[status]}>{t(`alert.status.${status}`)}</Tag>;
}

export function describeReason(reason: TriggerReason, t: Translate): string {
  switch (reason.kind) {
    case 'level':
      return t('alert.reason.level', { level: t(riskLabel(reason.risk)) });
    case 'growth':
      return t('alert.reason.growth', { mentions: reason.mentions, minutes: reason.minutes });
    case 'keyword':
      return t('alert.reason.keyword', { terms: reason.terms.join('、') });
  }
}

/** Changes that call for someone's attention at once: a new or worse 橙/红 alert, or one escalated. */
const isUrgent = (event: AlertStreamEvent) => event.notify && event.level >= 3 && ['raised', 'level_raised', 'escalated'].includes(event.kind);

/** A short alarm from the Web Audio API (no sound file): three beeps for 红, two for 橙. */
function beep(context: AudioContext, level: number) {
  const start = context.currentTime;
  for (let i = 0; i < (level >= 4 ? 3 : 2); i++) {
    const oscillator = context.createOscillator();
    const gain = context.createGain();
    oscillator.type = 'square';
    oscillator.frequency.value = level >= 4 ? 880 : 660;
    gain.gain.setValueAtTime(0.0001, start + i * 0.3);
    gain.gain.exponentialRampToValueAtTime(0.2, start + i * 0.3 + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + i * 0.3 + 0.2);
    oscillator.connect(gain).connect(context.destination);
    oscillator.start(start + i * 0.3);
    oscillator.stop(start + i * 0.3 + 0.22);
  }
}

const STREAM_BADGES: Record<StreamState, 'success' | 'processing' | 'warning'> = { live: 'success', connecting: 'processing', reconnecting: 'warning' };

function AlertDrawer({ id, onClose, onCloseAlert }: { id: number | null; onClose: () => void; onCloseAlert: (alert: Alert) => void }) {
  const t = useT();
  const { data: alert } = useAlertDetail(id);
  const acknowledge = useAcknowledgeAlert();
  const manages = useManagesOpinion();
  return (
    <Drawer open={id !== null} onClose={onClose} size={720} title={alert ? <Space><RiskTag risk={alert.level} />{alert.title}</Space> : t('app.loading')} destroyOnHidden>
      {alert && (
        <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="alert-detail">
          <Space>
            {alert.status === 'open' && (
              <Button type="primary" loading={acknowledge.isPending} onClick={() => acknowledge.mutate({ id: alert.id })}>
                {t('alert.acknowledge')}
              </Button>
            )}
            {manages && (alert.status === 'open' || alert.status === 'acknowledged') && <Button onClick={() => onCloseAlert(alert)}>{t('alert.closeTitle')}</Button>}
          </Space>
          <Descriptions size="small" column={2} bordered>
            <Descriptions.Item label={t('alert.status')}><AlertStatusTag status={alert.status} /></Descriptions.Item>
            <Descriptions.Item label={t('alert.rule')}>{alert.ruleName}</Descriptions.Item>
            <Descriptions.Item label={t('alert.reasons')} span={2}>{alert.reasons.map((r) => describeReason(r, t)).join('；')}</Descriptions.Item>
            <Descriptions.Item label={t('alert.mentionCount')}>{alert.mentionCount}</Descriptions.Item>
            <Descriptions.Item label={t('alert.raisedAt')}>{formatDateTime(alert.raisedAt)}</Descriptions.Item>
            <Descriptions.Item label={t('alert.escalated')}>{alert.escalatedLevel ? `${t(riskLabel(alert.escalatedLevel))} · ${formatDateTime(alert.escalatedAt)}` : alert.escalationDueAt ? t('alert.escalationDue', { time: formatDateTime(alert.escalationDueAt) }) : '—'}</Descriptions.Item>
            <Descriptions.Item label={t('alert.acknowledgedAt')}>{formatDateTime(alert.acknowledgedAt)}</Descriptions.Item>
            {alert.closeNote && <Descriptions.Item label={t('alert.closeNote')} span={2}>{alert.closeNote}</Descriptions.Item>}
          </Descriptions>
          <Card size="small" title={t('alert.mentions')}>
            <List
              size="small"
              dataSource={alert.mentions}
              renderItem={(m) => (
                <List.Item extra={<RiskTag risk={m.risk} />}>
                  <List.Item.Meta
                    title={m.url ? <a href={m.url} target="_blank" rel="noreferrer noopener">{m.title || m.text.slice(0, 60)}</a> : m.title || m.text.slice(0, 60)}
                    description={
                      <Space orientation="vertical" size={0}>
                        {m.title && m.text && <Typography.Text>{m.text.length > 120 ? `${m.text.slice(0, 120)}…` : m.text}</Typography.Text>}
                        <Typography.Text type="secondary">{`${m.sourceName}${m.author ? ` · ${m.author}` : ''} · ${formatDateTime(m.occurredAt)}`}</Typography.Text>
                      </Space>
                    }
                  />
                </List.Item>
              )}
            />
          </Card>
          <Card size="small" title={t('alert.timeline')}>
            <Timeline
              items={alert.events.map((e) => ({
                color: e.level >= 4 ? 'red' : e.level >= 3 ? 'orange' : 'blue',
                content: `${formatDateTime(e.at)} ${t(`alert.event.${e.kind}`)} · ${t(riskLabel(e.level))}${e.note ? ` · ${e.note}` : ''}`,
              }))}
            />
          </Card>
          <Card size="small" title={t('alert.deliveries')}>
            <Table
              size="small"
              rowKey="id"
              pagination={false}
              dataSource={alert.deliveries}
              locale={{ emptyText: <Empty description={t('alert.noDeliveries')} /> }}
              columns={[
                { title: t('delivery.channel'), dataIndex: 'channelName' },
                { title: t('delivery.purpose'), dataIndex: 'purpose', render: (p: string) => t(`delivery.purpose.${p as 'alert'}`) },
                { title: t('common.status'), dataIndex: 'status', render: (s) => <DeliveryStatusTag status={s} /> },
                { title: t('delivery.attempts'), dataIndex: 'attempts', width: 60 },
                { title: t('delivery.lastError'), dataIndex: 'lastError', ellipsis: true, render: (e: string | null) => e ?? '—' },
              ]}
            />
          </Card>
        </Space>
      )}
    </Drawer>
  );
}

type CloseValues = { note: string };

/** 预警收件箱: the hospital's alerts, updated live; 橙/红 alerts for the reader's roles sound and flash. */
export function AlertsPage() {
  const t = useT();
  const { notification } = App.useApp();
  const [params, setParams] = useSearchParams();
  const [filters, setFilters] = useState<AlertFilters>({});
  const list = useAlertList(filters);
  const acknowledge = useAcknowledgeAlert();
  const close = useCloseAlert();
  const manages = useManagesOpinion();
  const [closing, setClosing] = useState<Alert | null>(null);
  const [closeForm] = Form.useForm<CloseValues>();
  const [urgent, setUrgent] = useState<AlertStreamEvent | null>(null);
  const [flashing, setFlashing] = useState<ReadonlySet<number>>(new Set());
  const [soundOn, setSoundOn] = useState(false);
  const audio = useRef<AudioContext | null>(null);

  const openId = params.get('alert') ? Number(params.get('alert')) : null;
  const openAlert = (id: number | null) => setParams(id === null ? {} : { alert: String(id) });

  const onEvent = useCallback(
    (event: AlertStreamEvent) => {
      if (event.kind === 'acknowledged' || event.kind === 'closed' || event.kind === 'incident_linked') {
        // Someone took it (here or on another desk): the cue has done its work.
        notification.destroy(`alert-${event.alert.id}`);
        setUrgent((shown) => (shown?.alert.id === event.alert.id ? null : shown));
        return;
      }
      if (!isUrgent(event)) return;
      setUrgent(event);
      setFlashing((ids) => new Set([...ids, event.alert.id]));
      setTimeout(() => setFlashing((ids) => new Set([...ids].filter((id) => id !== event.alert.id))), 15_000);
      if (audio.current) beep(audio.current, event.level);
      const open = notification[event.level >= 4 ? 'error' : 'warning'];
      open({
        key: `alert-${event.alert.id}`,
        title: t(event.kind === 'escalated' ? 'alert.cue.escalated' : 'alert.cue.raised', { level: t(riskLabel(event.level)) }),
        description: event.alert.title,
        duration: event.level >= 4 ? 0 : 8,
        actions: (
          <Button type="primary" size="small" onClick={() => setParams({ alert: String(event.alert.id) })}>
            {t('alert.view')}
          </Button>
        ),
      });
    },
    [notification, t, setParams],
  );
  const streamState = useAlertStream(onEvent);

  const toggleSound = (on: boolean) => {
    // Browsers allow audio only after a gesture: this switch is one.
    if (on && !audio.current) audio.current = new AudioContext();
    setSoundOn(on);
    if (!on) {
      void audio.current?.close();
      audio.current = null;
    }
  };

  const columns: TableColumnsType<Alert> = [
    { title: t('alert.level'), dataIndex: 'level', width: 90, render: (level: AlertLevel) => <RiskTag risk={level} /> },
    {
      title: t('alert.title'),
      dataIndex: 'title',
      render: (title: string, alert) => (
        <Space orientation="vertical" size={0}>
          <Typography.Link onClick={() => openAlert(alert.id)}>{title}</Typography.Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {alert.reasons.map((r) => describeReason(r, t)).join('；')}
          </Typography.Text>
        </Space>
      ),
    },
    { title: t('alert.rule'), dataIndex: 'ruleName', width: 140 },
    { title: t('alert.mentionCount'), dataIndex: 'mentionCount', width: 90 },
    {
      title: t('alert.status'),
      dataIndex: 'status',
      width: 110,
      render: (status: AlertStatus, alert) => (
        <Space size={4}>
          <AlertStatusTag status={status} />
          {alert.escalatedLevel > 0 && <Tag color="magenta">{t('alert.escalatedTag')}</Tag>}
        </Space>
      ),
    },
    { title: t('alert.raisedAt'), dataIndex: 'raisedAt', width: 150, render: (at: string) => formatDateTime(at) },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 140,
      render: (_, alert) => (
        <Space size={0}>
          {alert.status === 'open' && (
            <Button type="link" size="small" loading={acknowledge.isPending && acknowledge.variables?.id === alert.id} onClick={() => acknowledge.mutate({ id: alert.id })}>
              {t('alert.acknowledge')}
            </Button>
          )}
          {manages && (alert.status === 'open' || alert.status === 'acknowledged') && (
            <Button type="link" size="small" onClick={() => setClosing(alert)}>
              {t('alert.close')}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <OpinionOnly>
      <Card
        title={
          <Space>
            {t('alert.inbox')}
            <Badge status={STREAM_BADGES[streamState]} text={t(`alert.stream.${streamState}`)} data-testid="alert-stream-state" />
          </Space>
        }
        extra={
          <Space>
            <SoundOutlined />
            <Switch checked={soundOn} onChange={toggleSound} aria-label={t('alert.sound')} />
            <span>{t('alert.sound')}</span>
          </Space>
        }
      >
        {urgent && (
          <Banner
            className="alert-banner-flash"
            type={urgent.level >= 4 ? 'error' : 'warning'}
            showIcon
            closable={{ onClose: () => setUrgent(null) }}
            style={{ marginBottom: 16 }}
            data-testid="urgent-banner"
            title={t(urgent.kind === 'escalated' ? 'alert.cue.escalated' : 'alert.cue.raised', { level: t(riskLabel(urgent.level)) })}
            description={<Typography.Link onClick={() => openAlert(urgent.alert.id)}>{urgent.alert.title}</Typography.Link>}
          />
        )}
        <Space wrap style={{ marginBottom: 16 }}>
          <Select<AlertStatus>
            allowClear
            placeholder={t('alert.status')}
            aria-label={t('alert.status')}
            style={{ width: 140 }}
            value={filters.status}
            onChange={(status) => setFilters({ ...filters, status })}
            options={ALERT_STATUSES.map((status) => ({ value: status, label: t(`alert.status.${status}`) }))}
          />
          <Select<AlertLevel>
            allowClear
            placeholder={t('alert.minLevel')}
            aria-label={t('alert.minLevel')}
            style={{ width: 140 }}
            value={filters.minLevel}
            onChange={(minLevel) => setFilters({ ...filters, minLevel })}
            options={ALERT_LEVELS.map((level) => ({ value: level, label: t('alert.atLeast', { level: t(riskLabel(level)) }) }))}
          />
          <SearchFilter placeholder={t('alert.searchPlaceholder')} onSearch={(q) => setFilters({ ...filters, q })} />
        </Space>
        <CursorTable<Alert> list={list} columns={columns} rowClassName={(alert) => (flashing.has(alert.id) ? `alert-row-flash alert-row-level-${alert.level}` : '')} />
      </Card>
      <AlertDrawer id={openId} onClose={() => openAlert(null)} onCloseAlert={setClosing} />
      <FormModal form={closeForm} title={t('alert.closeTitle')} open={closing !== null} saving={close.isPending} okText={t('alert.close')} onClose={() => setClosing(null)}>
        <Form<CloseValues>
          form={closeForm}
          layout="vertical"
          onFinish={(values) => close.mutate({ id: closing!.id, note: values.note }, { onSuccess: () => setClosing(null) })}
        >
          <Form.Item name="note" label={t('alert.closeNote')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('alert.closeNote') }) }]}>
            <Input.TextArea rows={3} maxLength={500} placeholder={t('alert.closeNotePlaceholder')} />
          </Form.Item>
        </Form>
      </FormModal>
    </OpinionOnly>
  );
}
