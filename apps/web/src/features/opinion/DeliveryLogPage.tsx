import { useState } from 'react';
import { Link } from 'react-router';
import { Card, Select, Space, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { CursorTable } from '../../app/CursorTable';
import { formatDateTime } from '../../app/format';
import { useT } from '../../app/i18n/i18n';
import {
  DELIVERY_PURPOSES, DELIVERY_STATUSES, useAllNotificationChannels, useDeliveryList,
  type Delivery, type DeliveryFilters, type DeliveryPurpose, type DeliveryStatus,
} from './alerts.api';
import { OpinionOnly, RiskTag } from './opinion-labels';

const STATUS_COLORS: Record<DeliveryStatus, string> = { pending: 'gold', sending: 'processing', sent: 'success', failed: 'error', skipped: 'default' };

export function DeliveryStatusTag({ status }: { status: DeliveryStatus }) {
  const t = useT();
  return <Tag color={STATUS_COLORS[status]}>{t(`delivery.status.${status}`)}</Tag>;
}

/** 通知记录: every notification through robots, mail and webhooks, with its attempts and the receiver's answers. */
export function DeliveryLogPage() {
  const t = useT();
  const [filters, setFilters] = useState<DeliveryFilters>({});
  const list = useDeliveryList(filters);
  const { data: channels = [] } = useAllNotificationChannels();

  const columns: TableColumnsType<Delivery> = [
    { title: t('delivery.createdAt'), dataIndex: 'createdAt', width: 150, render: (at: string) => formatDateTime(at) },
    {
      title: t('delivery.channel'),
      dataIndex: 'channelName',
      width: 200,
      render: (name: string, d) => (
        <Space orientation="vertical" size={0}>
          <span>{name}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t(`notifyChannel.kind.${d.channelKind}`)}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('delivery.purpose'),
      dataIndex: 'purpose',
      width: 110,
      render: (purpose: DeliveryPurpose, d) => (
        <Space size={4}>
          <span>{t(`delivery.purpose.${purpose}`)}</span>
          {d.level !== null && <RiskTag risk={d.level} />}
        </Space>
      ),
    },
    {
      title: t('delivery.summary'),
      dataIndex: 'payloadSummary',
      ellipsis: { showTitle: false },
      render: (summary: string, d) => (
        <Tooltip title={d.target} placement="topLeft">
          {d.alertId ? (
            <Link to={`/opinion/alerts?alert=${d.alertId}`}>{summary}</Link>
          ) : d.incidentId ? (
            <Link to={`/opinion/incidents/${d.incidentId}`}>{summary}</Link>
          ) : (
            <span>{summary}</span>
          )}
        </Tooltip>
      ),
    },
    { title: t('common.status'), dataIndex: 'status', width: 90, render: (status: DeliveryStatus) => <DeliveryStatusTag status={status} /> },
    { title: t('delivery.attempts'), dataIndex: 'attempts', width: 70 },
    { title: t('delivery.responseCode'), dataIndex: 'responseCode', width: 170, render: (code: string | null) => code ?? '—' },
    {
      title: t('delivery.lastError'),
      dataIndex: 'lastError',
      ellipsis: { showTitle: false },
      render: (error: string | null, d) =>
        error ? (
          <Tooltip title={error} placement="topLeft">
            <Typography.Text type={d.status === 'failed' ? 'danger' : 'warning'}>{error}</Typography.Text>
          </Tooltip>
        ) : (
          '—'
        ),
    },
    {
      title: t('delivery.when'),
      key: 'when',
      width: 170,
      render: (_, d) => (d.sentAt ? t('delivery.sentAt', { time: formatDateTime(d.sentAt) }) : d.nextAttemptAt ? t('delivery.nextAttemptAt', { time: formatDateTime(d.nextAttemptAt) }) : '—'),
    },
  ];

  return (
    <OpinionOnly>
      <Card title={t('delivery.title')}>
        <Space wrap style={{ marginBottom: 16 }}>
          <Select<number>
            allowClear
            placeholder={t('delivery.channel')}
            aria-label={t('delivery.channel')}
            style={{ width: 220 }}
            value={filters.channelId}
            onChange={(channelId) => setFilters({ ...filters, channelId })}
            options={channels.map((c) => ({ value: c.id, label: c.name }))}
          />
          <Select<DeliveryStatus>
            allowClear
            placeholder={t('common.status')}
            aria-label={t('common.status')}
            style={{ width: 130 }}
            value={filters.status}
            onChange={(status) => setFilters({ ...filters, status })}
            options={DELIVERY_STATUSES.map((status) => ({ value: status, label: t(`delivery.status.${status}`) }))}
          />
          <Select<DeliveryPurpose>
            allowClear
            placeholder={t('delivery.purpose')}
            aria-label={t('delivery.purpose')}
            style={{ width: 130 }}
            value={filters.purpose}
            onChange={(purpose) => setFilters({ ...filters, purpose })}
            options={DELIVERY_PURPOSES.map((purpose) => ({ value: purpose, label: t(`delivery.purpose.${purpose}`) }))}
          />
        </Space>
        <CursorTable<Delivery> list={list} columns={columns} />
      </Card>
    </OpinionOnly>
  );
}
