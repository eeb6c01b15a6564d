import { useState } from 'react';
import { Button, Card, DatePicker, Input, Select, Space, Tag, Typography, type TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import { CursorTable } from '../../app/CursorTable';
import { formatDateTime } from '../../app/format';
import { useT, type MessageKey } from '../../app/i18n/i18n';
import { AdminOnly } from './AdminOnly';
import { AuditChangeDiff } from './AuditChangeDiff';
import { useAuditLog, type AuditEntry, type AuditFilters } from './audit.api';
import { useAllUsers } from './users.api';

const KNOWN_ENTITY_TYPES = [
  'hospital',
  'campus',
  'department',
  'user',
  'api_token',
  'session',
  'statement',
  'term',
  'lexicon',
  'lexicon_entry',
  'allowed_term',
  'channel',
  'channel_column',
] as const;

function entityTypeLabelKey(entityType: string): MessageKey | null {
  return (KNOWN_ENTITY_TYPES as readonly string[]).includes(entityType) ? (`audit.entity.${entityType}` as MessageKey) : null;
}

type DateRange = [Dayjs | null, Dayjs | null] | null;

/** The changed record's own name, when it has one, so a row reads "科室 #3 心血管内科". */
function entityName(entry: AuditEntry): string | null {
  for (const state of [entry.after, entry.before]) {
    if (typeof state === 'object' && state !== null) {
      const { name, displayName } = state as { name?: unknown; displayName?: unknown };
      if (typeof name === 'string') return name;
      if (typeof displayName === 'string') return displayName;
    }
  }
  return null;
}

function AuditLog() {
  const t = useT();
  const [filters, setFilters] = useState<AuditFilters>({});
  const [actionText, setActionText] = useState('');
  const [dateRange, setDateRange] = useState<DateRange>(null);
  const log = useAuditLog(filters);
  const { data: users = [] } = useAllUsers();

  const entityTypeLabel = (entityType: string) => {
    const key = entityTypeLabelKey(entityType);
    return key ? t(key) : entityType;
  };

  const applyDateRange = (range: DateRange) => {
    setDateRange(range);
    setFilters({
      ...filters,
      from: range?.[0]?.startOf('day').toISOString(),
      to: range?.[1]?.endOf('day').toISOString(),
    });
  };

  const columns: TableColumnsType<AuditEntry> = [
    { title: t('audit.at'), dataIndex: 'at', width: 160, render: formatDateTime },
    {
      title: t('audit.actor'),
      dataIndex: 'actorUsername',
      render: (username: string | null) => username ?? <Typography.Text type="secondary">{t('audit.system')}</Typography.Text>,
    },
    { title: t('audit.action'), dataIndex: 'action', render: (action: string) => <Tag>{action}</Tag> },
    {
      title: t('audit.entity'),
      key: 'entity',
      render: (_, entry) => {
        const name = entityName(entry);
        return `${entityTypeLabel(entry.entityType)}${entry.entityId !== null ? ` #${entry.entityId}` : ''}${name ? ` ${name}` : ''}`;
      },
    },
    { title: t('audit.ip'), dataIndex: 'ip', width: 140, render: (ip: string | null) => ip ?? '—' },
  ];

  return (
    <Card title={t('audit.title')}>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select<number>
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('audit.actor')}
          style={{ width: 200 }}
          value={filters.actorId}
          onChange={(actorId) => setFilters({ ...filters, actorId })}
          options={users.map((user) => ({ value: user.id, label: `${user.displayName} (${user.username})` }))}
        />
        <Input.Search
          allowClear
          placeholder={t('audit.actionPlaceholder')}
          style={{ width: 220 }}
          value={actionText}
          onChange={(event) => setActionText(event.target.value)}
          onSearch={(action) => setFilters({ ...filters, action: action.trim() || undefined })}
          aria-label={t('audit.action')}
        />
        <Select<string>
          allowClear
          placeholder={t('audit.entityType')}
          style={{ width: 160 }}
          value={filters.entityType}
          onChange={(entityType) => setFilters({ ...filters, entityType })}
          options={KNOWN_ENTITY_TYPES.map((entityType) => ({ value: entityType, label: entityTypeLabel(entityType) }))}
        />
        <DatePicker.RangePicker aria-label={t('audit.dateRange')} value={dateRange} onChange={applyDateRange} />
        <Button
          onClick={() => {
            setActionText('');
            setDateRange(null);
            setFilters({});
          }}
        >
          {t('common.reset')}
        </Button>
      </Space>
      <CursorTable<AuditEntry>
        list={log}
        columns={columns}
        expandable={{
          rowExpandable: (entry) => entry.before != null || entry.after != null,
          expandedRowRender: (entry) => <AuditChangeDiff before={entry.before ?? null} after={entry.after ?? null} />,
        }}
      />
    </Card>
  );
}

export function AuditLogPage() {
  return (
    <AdminOnly>
      <AuditLog />
    </AdminOnly>
  );
}
