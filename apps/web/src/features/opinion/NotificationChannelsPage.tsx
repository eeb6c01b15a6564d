import { useState } from 'react';
import { PlusOutlined, SendOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Input, Select, Space, Switch, Typography, type TableColumnsType } from 'antd';
import { CursorTable } from '../../app/CursorTable';
import { FormModal } from '../../app/FormModal';
import { formatDateTime } from '../../app/format';
import { useT, type MessageKey } from '../../app/i18n/i18n';
import { useRecordDialog } from '../../app/record-dialog';
import { useSaveHandlers } from '../../app/save-handlers';
import {
  CHANNEL_KINDS, useNotificationChannelKinds, useNotificationChannelList, useSaveNotificationChannel, useTestNotificationChannel,
  type ChannelField, type NotificationChannel, type NotificationChannelKind,
} from './alerts.api';
import { useManagesOpinion } from './opinion.api';
import { OpinionOnly } from './opinion-labels';

/** Fields that take one of a few values, per kind where the kinds differ. */
const choices: Record<string, Partial<Record<NotificationChannelKind | '*', string[]>>> = {
  format: { wecom: ['markdown', 'text'], feishu: ['interactive', 'post', 'text'] },
  security: { '*': ['starttls', 'tls', 'none'] },
};

const FIELD_LABELS: Record<string, MessageKey> = {
  key: 'notifyChannel.field.key',
  format: 'notifyChannel.field.format',
  accessToken: 'notifyChannel.field.accessToken',
  signSecret: 'notifyChannel.field.signSecret',
  hookId: 'notifyChannel.field.hookId',
  host: 'notifyChannel.field.host',
  port: 'notifyChannel.field.port',
  security: 'notifyChannel.field.security',
  from: 'notifyChannel.field.from',
  to: 'notifyChannel.field.to',
  username: 'notifyChannel.field.username',
  password: 'notifyChannel.field.password',
  url: 'notifyChannel.field.url',
  signingSecret: 'notifyChannel.field.signingSecret',
};

const FIELD_HINTS: Partial<Record<string, MessageKey>> = {
  key: 'notifyChannel.hint.key',
  accessToken: 'notifyChannel.hint.accessToken',
  signSecret: 'notifyChannel.hint.signSecret',
  hookId: 'notifyChannel.hint.hookId',
  to: 'notifyChannel.hint.to',
  url: 'notifyChannel.hint.url',
};

type ChannelValues = { kind: NotificationChannelKind; name: string; settings?: Record<string, string>; secrets?: Record<string, string> };

function FieldInput({ kind, field, secretSet }: { kind: NotificationChannelKind; field: ChannelField; secretSet: boolean }) {
  const t = useT();
  const options = choices[field.name]?.[kind] ?? choices[field.name]?.['*'];
  const label = t(FIELD_LABELS[field.name] ?? 'notifyChannel.field.other');
  const hint = FIELD_HINTS[field.name];
  // A stored secret is kept when its box stays empty; only a new secret must be typed.
  const required = field.required && !(field.secret && secretSet);
  return (
    <Form.Item
      name={[field.secret ? 'secrets' : 'settings', field.name]}
      label={label}
      extra={hint ? t(hint) : undefined}
      rules={required ? [{ required: true, whitespace: true, message: t('common.required', { field: label }) }] : []}
    >
      {field.secret ? (
        <Input.Password autoComplete="new-password" placeholder={secretSet ? t('notifyChannel.secretSet') : undefined} />
      ) : options ? (
        <Select allowClear={!field.required} options={options.map((value) => ({ value, label: value }))} />
      ) : (
        <Input autoComplete="off" />
      )}
    </Form.Item>
  );
}

function ChannelFormModal({ open, channel, onClose }: { open: boolean; channel: NotificationChannel | null; onClose: () => void }) {
  const t = useT();
  const [form] = Form.useForm<ChannelValues>();
  const { data: kinds = [] } = useNotificationChannelKinds();
  const save = useSaveNotificationChannel();
  const handlers = useSaveHandlers(form, onClose);
  const kind = Form.useWatch('kind', form) ?? channel?.kind;
  const fields = kinds.find((k) => k.kind === kind)?.fields ?? [];

  const submit = (values: ChannelValues) => {
    const settings = Object.fromEntries(fields.filter((f) => !f.secret).map((f) => [f.name, (values.settings?.[f.name] ?? '').trim()]));
    // Only secrets typed in are sent: an empty box keeps the stored one.
    const secrets = Object.fromEntries(Object.entries(values.secrets ?? {}).filter(([, v]) => v?.trim()).map(([k, v]) => [k, v.trim()]));
    if (channel) save.mutate({ id: channel.id, name: values.name, settings, secrets }, handlers);
    else save.mutate({ kind: values.kind, name: values.name, settings: Object.fromEntries(Object.entries(settings).filter(([, v]) => v)), secrets }, handlers);
  };

  return (
    <FormModal form={form} title={t(channel ? 'notifyChannel.edit' : 'notifyChannel.create')} open={open} saving={save.isPending} onClose={onClose}>
      <Form<ChannelValues> form={form} layout="vertical" initialValues={channel ? { kind: channel.kind, name: channel.name, settings: channel.settings } : { kind: 'wecom' }} onFinish={submit}>
        <Form.Item name="kind" label={t('notifyChannel.kind')} rules={[{ required: true }]}>
          <Select disabled={channel !== null} options={CHANNEL_KINDS.map((k) => ({ value: k, label: t(`notifyChannel.kind.${k}`) }))} />
        </Form.Item>
        <Form.Item name="name" label={t('notifyChannel.name')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('notifyChannel.name') }) }]}>
          <Input maxLength={60} placeholder={t('notifyChannel.namePlaceholder')} />
        </Form.Item>
        {kind && <Typography.Paragraph type="secondary">{t(`notifyChannel.about.${kind}`)}</Typography.Paragraph>}
        {kind && fields.map((field) => <FieldInput key={`${kind}-${field.name}`} kind={kind} field={field} secretSet={channel?.secretsSet.includes(field.name) ?? false} />)}
      </Form>
    </FormModal>
  );
}

/** 通知渠道: group robots (企业微信, 钉钉, 飞书), mailing lists and signed webhooks; keys are stored encrypted and never shown. */
export function NotificationChannelsPage() {
  const t = useT();
  const { message } = App.useApp();
  const manages = useManagesOpinion();
  const list = useNotificationChannelList();
  const editing = useRecordDialog<NotificationChannel>();
  const save = useSaveNotificationChannel();
  const test = useTestNotificationChannel();
  const [testing, setTesting] = useState<number | null>(null);

  const sendTest = (channel: NotificationChannel) => {
    setTesting(channel.id);
    test.mutate(channel.id, {
      onSuccess: (delivery) => {
        if (delivery.status === 'sent') void message.success(t('notifyChannel.testSent', { code: delivery.responseCode ?? '' }));
        else if (delivery.status === 'pending') void message.warning(t('notifyChannel.testRetrying', { error: delivery.lastError ?? '' }));
        else void message.error(t('notifyChannel.testFailed', { error: delivery.lastError ?? '' }), 8);
      },
      onSettled: () => setTesting(null),
    });
  };

  const columns: TableColumnsType<NotificationChannel> = [
    { title: t('notifyChannel.name'), dataIndex: 'name', render: (name: string) => <Typography.Text strong>{name}</Typography.Text> },
    { title: t('notifyChannel.kind'), dataIndex: 'kind', width: 130, render: (kind: NotificationChannelKind) => t(`notifyChannel.kind.${kind}`) },
    { title: t('notifyChannel.target'), dataIndex: 'target', ellipsis: true },
    {
      title: t('common.status'),
      dataIndex: 'status',
      width: 90,
      render: (status: NotificationChannel['status'], channel) => (
        <Switch
          size="small"
          checked={status === 'active'}
          disabled={!manages}
          aria-label={t('common.status')}
          onChange={(on) => save.mutate({ id: channel.id, status: on ? 'active' : 'disabled' })}
        />
      ),
    },
    { title: t('common.updatedAt'), dataIndex: 'updatedAt', width: 150, render: (at: string) => formatDateTime(at) },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 190,
      render: (_, channel) =>
        manages && (
          <Space size={0}>
            <Button type="link" size="small" onClick={() => editing.show(channel)}>
              {t('common.edit')}
            </Button>
            <Button type="link" size="small" icon={<SendOutlined />} disabled={channel.status !== 'active'} loading={testing === channel.id} onClick={() => sendTest(channel)}>
              {t('notifyChannel.test')}
            </Button>
          </Space>
        ),
    },
  ];

  return (
    <OpinionOnly>
      <Card
        title={t('notifyChannel.title')}
        extra={
          manages && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => editing.show(null)}>
              {t('notifyChannel.create')}
            </Button>
          )
        }
      >
        <Typography.Paragraph type="secondary">{t('notifyChannel.intro')}</Typography.Paragraph>
        <CursorTable<NotificationChannel> list={list} columns={columns} />
      </Card>
      <ChannelFormModal key={editing.key} open={editing.open} channel={editing.record} onClose={editing.close} />
    </OpinionOnly>
  );
}
