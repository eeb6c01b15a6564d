import { useState } from 'react';
import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Badge, Button, Card, Form, Input, InputNumber, Modal, Popconfirm, Select, Space, Tag, Tooltip, Typography } from 'antd';
import { CursorTable } from '../../app/CursorTable';
import { FormModal } from '../../app/FormModal';
import { formatDateTime } from '../../app/format';
import { useT } from '../../app/i18n/i18n';
import { useRecordDialog } from '../../app/record-dialog';
import { useSaveHandlers } from '../../app/save-handlers';
import { SOURCE_KINDS, useDeleteSource, useManagesOpinion, usePollSource, useRotateSecret, useSaveSource, useSourceList, type Source, type SourceInput, type SourceKind } from './opinion.api';
import { OpinionOnly } from './opinion-labels';
import { DeleteLink } from '../../app/RowActions';

type SourceValues = { kind: SourceKind; name: string; url?: string; pollIntervalMinutes?: number; weight?: number };

function SourceFormModal({ source, open, onClose, onSecret }: { source: Source | null; open: boolean; onClose: () => void; onSecret: (secret: string) => void }) {
  const t = useT();
  const [form] = Form.useForm<SourceValues>();
  const save = useSaveSource();
  const callbacks = useSaveHandlers<Source & { secret?: string }>(form, (saved) => {
    if (saved.secret) onSecret(saved.secret);
    onClose();
  });
  const kind = Form.useWatch('kind', form) ?? source?.kind;
  const submit = (values: SourceValues) => {
    const input: SourceInput = { kind: values.kind, name: values.name, url: values.url?.trim() || null, weight: values.weight };
    if (values.kind === 'rss') input.pollIntervalMinutes = values.pollIntervalMinutes;
    save.mutate({ id: source?.id ?? null, input }, callbacks);
  };
  return (
    <FormModal form={form} title={source ? t('opinion.source.edit') : t('opinion.source.create')} open={open} saving={save.isPending} onClose={onClose}>
      <Form<SourceValues>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={source ? { kind: source.kind, name: source.name, url: source.url ?? undefined, pollIntervalMinutes: source.pollIntervalMinutes, weight: source.weight } : { kind: 'rss', pollIntervalMinutes: 15, weight: 1 }}
        onFinish={submit}
      >
        <Form.Item name="kind" label={t('opinion.source.kind')}>
          <Select disabled={source !== null} options={SOURCE_KINDS.map((k) => ({ value: k, label: t(`opinion.source.kind.${k}`) }))} />
        </Form.Item>
        <Form.Item name="name" label={t('opinion.source.name')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('opinion.source.name') }) }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          name="url"
          label={t('opinion.source.url')}
          extra={kind === 'rss' ? t('opinion.source.urlHint') : undefined}
          rules={kind === 'rss' ? [{ required: true, message: t('common.required', { field: t('opinion.source.url') }) }, { type: 'url', message: t('opinion.source.urlInvalid') }] : []}
        >
          <Input maxLength={2000} placeholder="https://rsshub.example.cn/weibo/keyword/…" />
        </Form.Item>
        <Space size="large" wrap>
          {kind === 'rss' && (
            <Form.Item name="pollIntervalMinutes" label={t('opinion.source.interval')}>
              <InputNumber min={1} max={1440} addonAfter={t('opinion.source.minutes')} />
            </Form.Item>
          )}
          <Form.Item name="weight" label={t('opinion.source.weight')} tooltip={t('opinion.source.weightHint')}>
            <InputNumber min={0.1} max={100} step={0.5} />
          </Form.Item>
        </Space>
      </Form>
    </FormModal>
  );
}

/** A push source's signing secret, shown once, with how a vendor signs. */
function SecretModal({ secret, onClose }: { secret: string | null; onClose: () => void }) {
  const t = useT();
  return (
    <Modal title={t('opinion.source.secretTitle')} open={secret !== null} mask={{ closable: false }} onCancel={onClose} footer={<Button type="primary" onClick={onClose}>{t('common.close')}</Button>}>
      <Alert type="warning" showIcon title={t('opinion.source.secretHint')} style={{ marginBottom: 16 }} />
      <Typography.Paragraph code data-testid="source-secret" copyable={{ text: secret ?? '', tooltips: [t('common.copy'), t('common.copied')] }} style={{ wordBreak: 'break-all' }}>
        {secret}
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary" style={{ whiteSpace: 'pre-wrap', fontSize: 12 }}>
        {t('opinion.source.signing')}
      </Typography.Paragraph>
    </Modal>
  );
}

function Health({ source }: { source: Source }) {
  const t = useT();
  const h = source.health;
  const status = source.status === 'paused' ? 'default' : h.consecutiveFailures > 0 ? 'error' : h.lastSuccessAt ? 'success' : 'processing';
  const label = source.status === 'paused' ? t('opinion.source.paused') : h.consecutiveFailures > 0 ? t('opinion.source.failing', { count: h.consecutiveFailures }) : h.lastSuccessAt ? t('opinion.source.healthy') : t('opinion.source.waiting');
  return (
    <Space orientation="vertical" size={0}>
      <Badge status={status} text={label} />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('opinion.source.lastSuccess')}：{formatDateTime(h.lastSuccessAt)}
      </Typography.Text>
      {source.kind === 'rss' && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('opinion.source.nextPoll')}：{formatDateTime(h.nextPollAt)}
        </Typography.Text>
      )}
      {h.lastError && h.consecutiveFailures > 0 && (
        <Typography.Text type="danger" style={{ fontSize: 12 }} ellipsis={{ tooltip: h.lastError }}>
          {formatDateTime(h.lastErrorAt)} {h.lastError}
        </Typography.Text>
      )}
      {h.bozoReason && (
        <Tooltip title={h.bozoReason}>
          <Tag color="warning" style={{ marginTop: 4, width: 'fit-content' }}>
            {t('opinion.source.bozo')}
          </Tag>
        </Tooltip>
      )}
    </Space>
  );
}

/** 来源管理: feeds, vendor pushes, import targets and the clue source, with their health. */
export function SourcesPage() {
  const t = useT();
  const { message } = App.useApp();
  const canManage = useManagesOpinion();
  const list = useSourceList();
  const editing = useRecordDialog<Source>();
  const [secret, setSecret] = useState<string | null>(null);
  const poll = usePollSource();
  const rotate = useRotateSecret();
  const remove = useDeleteSource();
  const save = useSaveSource();

  const pollNow = (source: Source) =>
    poll.mutate(source.id, {
      onSuccess: ({ outcome }) => {
        if (outcome.status === 'failed') void message.error(t('opinion.source.pollFailed', { error: outcome.error ?? '' }));
        else if (outcome.status === 'not_modified') void message.info(t('opinion.source.notModified'));
        else void message.success(t('opinion.source.polled', { items: outcome.items ?? 0, inserted: outcome.inserted ?? 0 }));
      },
    });

  return (
    <OpinionOnly>
      <Card
        title={t('opinion.source.title')}
        extra={
          canManage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => editing.show(null)}>
              {t('opinion.source.create')}
            </Button>
          )
        }
      >
        <CursorTable<Source>
          list={list}
          columns={[
            {
              title: t('opinion.source.name'),
              dataIndex: 'name',
              render: (name: string, s) => (
                <Space orientation="vertical" size={0}>
                  <Space size={6}>
                    <Typography.Text strong>{name}</Typography.Text>
                    <Tag>{t(`opinion.source.kind.${s.kind}`)}</Tag>
                  </Space>
                  {s.url && (
                    <Typography.Text type="secondary" style={{ fontSize: 12, maxWidth: 360 }} ellipsis={{ tooltip: s.url }}>
                      {s.url}
                    </Typography.Text>
                  )}
                  {s.kind === 'push' && (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      X-Rongmei-Source: {s.id}
                    </Typography.Text>
                  )}
                </Space>
              ),
            },
            { title: t('opinion.source.health'), key: 'health', width: 300, render: (_: unknown, s) => <Health source={s} /> },
            { title: t('opinion.source.itemsPerDay'), key: 'perDay', width: 110, render: (_: unknown, s) => s.health.itemsPerDay },
            { title: t('opinion.source.weight'), dataIndex: 'weight', width: 80 },
            ...(canManage
              ? [
                  {
                    title: t('common.actions'),
                    key: 'actions',
                    width: 250,
                    render: (_: unknown, s: Source) => (
                      <Space size={0} wrap>
                        {s.kind === 'rss' && (
                          <Button type="link" size="small" loading={poll.isPending && poll.variables === s.id} onClick={() => pollNow(s)}>
                            {t('opinion.source.pollNow')}
                          </Button>
                        )}
                        <Button type="link" size="small" onClick={() => editing.show(s)}>
                          {t('common.edit')}
                        </Button>
                        <Button type="link" size="small" onClick={() => save.mutate({ id: s.id, input: { kind: s.kind, name: s.name, status: s.status === 'active' ? 'paused' : 'active' } })}>
                          {s.status === 'active' ? t('opinion.source.pause') : t('opinion.source.resume')}
                        </Button>
                        {s.kind === 'push' && (
                          <Popconfirm title={t('opinion.source.rotateConfirm')} onConfirm={() => rotate.mutate(s.id, { onSuccess: ({ secret: next }) => setSecret(next) })}>
                            <Button type="link" size="small">
                              {t('opinion.source.rotate')}
                            </Button>
                          </Popconfirm>
                        )}
                        <DeleteLink confirm={t('opinion.source.deleteConfirm', { name: s.name })} onDelete={() => remove.mutate(s.id)} />
                      </Space>
                    ),
                  },
                ]
              : []),
          ]}
        />
        <SourceFormModal key={editing.key} source={editing.record} open={editing.open} onClose={editing.close} onSecret={setSecret} />
        <SecretModal secret={secret} onClose={() => setSecret(null)} />
      </Card>
    </OpinionOnly>
  );
}
