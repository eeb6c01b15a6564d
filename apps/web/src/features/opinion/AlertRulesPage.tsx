import { useMemo } from 'react';
import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Divider, Form, Input, InputNumber, Select, Space, Switch, Tag, Typography, type TableColumnsType } from 'antd';
import { ROLES, type Role } from '../../app/auth/session';
import { CursorTable } from '../../app/CursorTable';
import { FormModal } from '../../app/FormModal';
import { useT, type Translate } from '../../app/i18n/i18n';
import { useRecordDialog } from '../../app/record-dialog';
import { useSaveHandlers } from '../../app/save-handlers';
import { ALERT_LEVELS, useAlertRuleList, useAllNotificationChannels, useDeleteAlertRule, useSaveAlertRule, type AlertLevel, type AlertRule, type AlertRuleInput } from './alerts.api';
import { useManagesOpinion } from './opinion.api';
import { OpinionOnly, riskLabel } from './opinion-labels';
import { EditDeleteLinks } from '../../app/RowActions';

const clockPattern = /^([01]\d|2[0-3]):[0-5]\d$/;

type RuleValues = {
  name: string;
  minLevel?: AlertLevel;
  growthOn: boolean;
  growth: { mentions?: number; minutes?: number; level?: AlertLevel };
  keywordsOn: boolean;
  keywords: { terms?: string[]; level?: AlertLevel };
  quietOn: boolean;
  quietHours: { start?: string; end?: string };
  escalationOn: boolean;
  escalation: { afterMinutes?: number; roles?: Role[]; channelIds?: number[] };
  recipients: { roles?: Role[]; channelIds?: number[] };
};

function valuesOf(rule: AlertRule | null): RuleValues {
  return {
    name: rule?.name ?? '',
    minLevel: rule ? (rule.minLevel ?? undefined) : 3,
    growthOn: !!rule?.growth,
    growth: rule?.growth ?? { mentions: 10, minutes: 30, level: 2 },
    keywordsOn: !!rule?.keywords,
    keywords: rule?.keywords ?? { terms: [], level: 3 },
    quietOn: !!rule?.quietHours,
    quietHours: rule?.quietHours ?? { start: '22:00', end: '07:00' },
    escalationOn: !!rule?.escalation,
    escalation: rule?.escalation ?? { afterMinutes: 30, roles: ['leader'], channelIds: [] },
    recipients: rule?.recipients ?? { roles: ['opinion_officer'], channelIds: [] },
  };
}

function inputOf(v: RuleValues): AlertRuleInput {
  return {
    name: v.name.trim(),
    minLevel: v.minLevel ?? null,
    growth: v.growthOn ? { mentions: v.growth.mentions!, minutes: v.growth.minutes!, level: v.growth.level! } : null,
    keywords: v.keywordsOn ? { terms: v.keywords.terms ?? [], level: v.keywords.level! } : null,
    quietHours: v.quietOn ? { start: v.quietHours.start!, end: v.quietHours.end! } : null,
    escalation: v.escalationOn ? { afterMinutes: v.escalation.afterMinutes!, roles: v.escalation.roles ?? [], channelIds: v.escalation.channelIds ?? [] } : null,
    recipients: { roles: v.recipients.roles ?? [], channelIds: v.recipients.channelIds ?? [] },
  };
}

/** The rule's conditions in one line, as an officer would say them. */
function conditionsOf(rule: AlertRule, t: Translate): string[] {
  const parts: string[] = [];
  if (rule.minLevel) parts.push(t('alertRule.summary.level', { level: t(riskLabel(rule.minLevel)) }));
  if (rule.growth) parts.push(t('alertRule.summary.growth', { minutes: rule.growth.minutes, mentions: rule.growth.mentions }));
  if (rule.keywords) parts.push(t('alertRule.summary.keywords', { terms: rule.keywords.terms.join('、') }));
  return parts;
}

function RuleFormModal({ open, rule, onClose }: { open: boolean; rule: AlertRule | null; onClose: () => void }) {
  const t = useT();
  const [form] = Form.useForm<RuleValues>();
  const save = useSaveAlertRule();
  const handlers = useSaveHandlers(form, onClose);
  const { data: channels = [] } = useAllNotificationChannels();
  const growthOn = Form.useWatch('growthOn', form);
  const keywordsOn = Form.useWatch('keywordsOn', form);
  const quietOn = Form.useWatch('quietOn', form);
  const escalationOn = Form.useWatch('escalationOn', form);
  const levelOptions = ALERT_LEVELS.map((level) => ({ value: level, label: t(riskLabel(level)) }));
  const roleOptions = ROLES.map((role) => ({ value: role, label: t(`role.${role}`) }));
  const channelOptions = channels.map((c) => ({ value: c.id, label: `${c.name}（${t(`notifyChannel.kind.${c.kind}`)}）`, disabled: c.status !== 'active' }));
  const clockRule = { pattern: clockPattern, message: t('alertRule.clockFormat') };

  return (
    <FormModal form={form} title={t(rule ? 'alertRule.edit' : 'alertRule.create')} open={open} saving={save.isPending} onClose={onClose}>
      <Form<RuleValues> form={form} layout="vertical" initialValues={valuesOf(rule)} onFinish={(values) => save.mutate({ id: rule?.id, ...inputOf(values) }, handlers)}>
        <Form.Item name="name" label={t('alertRule.name')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('alertRule.name') }) }]}>
          <Input maxLength={60} />
        </Form.Item>
        <Divider titlePlacement="start">{t('alertRule.triggers')}</Divider>
        <Form.Item name="minLevel" label={t('alertRule.minLevel')} extra={t('alertRule.minLevelHint')}>
          <Select allowClear placeholder={t('alertRule.noLevel')} options={ALERT_LEVELS.map((level) => ({ value: level, label: t('alert.atLeast', { level: t(riskLabel(level)) }) }))} />
        </Form.Item>
        <Form.Item name="growthOn" label={t('alertRule.growth')} valuePropName="checked">
          <Switch />
        </Form.Item>
        {growthOn && (
          <Space align="start" wrap>
            <Form.Item name={['growth', 'minutes']} label={t('alertRule.growthMinutes')} rules={[{ required: true }]}>
              <InputNumber min={1} max={1440} />
            </Form.Item>
            <Form.Item name={['growth', 'mentions']} label={t('alertRule.growthMentions')} rules={[{ required: true }]}>
              <InputNumber min={2} max={100000} />
            </Form.Item>
            <Form.Item name={['growth', 'level']} label={t('alertRule.raisedAt')} rules={[{ required: true }]}>
              <Select style={{ width: 100 }} options={levelOptions} />
            </Form.Item>
          </Space>
        )}
        <Form.Item name="keywordsOn" label={t('alertRule.keywords')} valuePropName="checked" extra={t('alertRule.keywordsHint')}>
          <Switch />
        </Form.Item>
        {keywordsOn && (
          <Space align="start" wrap>
            <Form.Item name={['keywords', 'terms']} label={t('alertRule.terms')} rules={[{ required: true, type: 'array', min: 1, message: t('common.required', { field: t('alertRule.terms') }) }]}>
              <Select mode="tags" style={{ width: 300 }} tokenSeparators={[',', '，', '、', ' ']} open={false} />
            </Form.Item>
            <Form.Item name={['keywords', 'level']} label={t('alertRule.raisedAt')} rules={[{ required: true }]}>
              <Select style={{ width: 100 }} options={levelOptions} />
            </Form.Item>
          </Space>
        )}
        <Divider titlePlacement="start">{t('alertRule.notify')}</Divider>
        <Form.Item name={['recipients', 'roles']} label={t('alertRule.recipientRoles')} extra={t('alertRule.recipientRolesHint')}>
          <Select mode="multiple" options={roleOptions} />
        </Form.Item>
        <Form.Item name={['recipients', 'channelIds']} label={t('alertRule.recipientChannels')}>
          <Select mode="multiple" options={channelOptions} optionFilterProp="label" />
        </Form.Item>
        <Form.Item name="quietOn" label={t('alertRule.quietHours')} valuePropName="checked" extra={t('alertRule.quietHoursHint')}>
          <Switch />
        </Form.Item>
        {quietOn && (
          <Space align="start">
            <Form.Item name={['quietHours', 'start']} label={t('alertRule.quietStart')} rules={[{ required: true }, clockRule]}>
              <Input placeholder="22:00" style={{ width: 100 }} />
            </Form.Item>
            <Form.Item name={['quietHours', 'end']} label={t('alertRule.quietEnd')} rules={[{ required: true }, clockRule]}>
              <Input placeholder="07:00" style={{ width: 100 }} />
            </Form.Item>
          </Space>
        )}
        <Form.Item name="escalationOn" label={t('alertRule.escalation')} valuePropName="checked" extra={t('alertRule.escalationHint')}>
          <Switch />
        </Form.Item>
        {escalationOn && (
          <>
            <Form.Item name={['escalation', 'afterMinutes']} label={t('alertRule.escalationAfter')} rules={[{ required: true }]}>
              <InputNumber min={1} max={10080} addonAfter={t('alertRule.minutes')} />
            </Form.Item>
            <Form.Item name={['escalation', 'roles']} label={t('alertRule.escalationRoles')}>
              <Select mode="multiple" options={roleOptions} />
            </Form.Item>
            <Form.Item name={['escalation', 'channelIds']} label={t('alertRule.escalationChannels')}>
              <Select mode="multiple" options={channelOptions} optionFilterProp="label" />
            </Form.Item>
          </>
        )}
      </Form>
    </FormModal>
  );
}

/** 预警规则: when an alert is raised, who hears of it and how, quiet hours, and escalation to leaders. */
export function AlertRulesPage() {
  const t = useT();
  const manages = useManagesOpinion();
  const list = useAlertRuleList();
  const editing = useRecordDialog<AlertRule>();
  const save = useSaveAlertRule();
  const remove = useDeleteAlertRule();
  const { data: channels = [] } = useAllNotificationChannels();
  const channelNames = useMemo(() => new Map(channels.map((c) => [c.id, c.name])), [channels]);

  const columns: TableColumnsType<AlertRule> = [
    { title: t('alertRule.name'), dataIndex: 'name', width: 160, render: (name: string) => <Typography.Text strong>{name}</Typography.Text> },
    {
      title: t('alertRule.triggers'),
      key: 'conditions',
      render: (_, rule) => (
        <Space orientation="vertical" size={0}>
          {conditionsOf(rule, t).map((line) => (
            <span key={line}>{line}</span>
          ))}
        </Space>
      ),
    },
    {
      title: t('alertRule.notify'),
      key: 'recipients',
      render: (_, rule) => (
        <Space size={[4, 4]} wrap>
          {rule.recipients.roles.map((role) => (
            <Tag key={role}>{t(`role.${role}`)}</Tag>
          ))}
          {rule.recipients.channelIds.map((id) => (
            <Tag key={id} color="blue">
              {channelNames.get(id) ?? `#${id}`}
            </Tag>
          ))}
        </Space>
      ),
    },
    {
      title: t('alertRule.quietHours'),
      dataIndex: 'quietHours',
      width: 120,
      render: (quiet: AlertRule['quietHours']) => (quiet ? `${quiet.start}–${quiet.end}` : '—'),
    },
    {
      title: t('alertRule.escalation'),
      dataIndex: 'escalation',
      width: 160,
      render: (escalation: AlertRule['escalation']) => (escalation ? t('alertRule.summary.escalation', { minutes: escalation.afterMinutes }) : t('alertRule.summary.redOnly')),
    },
    {
      title: t('common.status'),
      dataIndex: 'status',
      width: 80,
      render: (status: AlertRule['status'], rule) => (
        <Switch size="small" checked={status === 'active'} disabled={!manages} aria-label={t('common.status')} onChange={(on) => save.mutate({ id: rule.id, status: on ? 'active' : 'disabled' })} />
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 130,
      render: (_, rule) =>
        manages && <EditDeleteLinks onEdit={() => editing.show(rule)} confirm={t('alertRule.deleteConfirm', { name: rule.name })} onDelete={() => remove.mutate(rule.id)} />,
    },
  ];

  return (
    <OpinionOnly>
      <Card
        title={t('alertRule.title')}
        extra={
          manages && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => editing.show(null)}>
              {t('alertRule.create')}
            </Button>
          )
        }
      >
        <Typography.Paragraph type="secondary">{t('alertRule.intro')}</Typography.Paragraph>
        <CursorTable<AlertRule> list={list} columns={columns} />
      </Card>
      <RuleFormModal key={editing.key} open={editing.open} rule={editing.record} onClose={editing.close} />
    </OpinionOnly>
  );
}
