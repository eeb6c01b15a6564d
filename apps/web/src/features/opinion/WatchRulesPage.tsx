import { useState } from 'react';
import { ExperimentOutlined, PlusOutlined, SyncOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Form, Input, List, Select, Space, Switch, Tag, Typography } from 'antd';
import { CursorTable } from '../../app/CursorTable';
import { FormModal } from '../../app/FormModal';
import { useT } from '../../app/i18n/i18n';
import { useRecordDialog } from '../../app/record-dialog';
import { useSaveHandlers } from '../../app/save-handlers';
import {
  WATCH_RULE_KINDS,
  useDeleteWatchRule,
  useManagesOpinion,
  usePreviewWatchRule,
  useSaveWatchRule,
  useSyncWatchRules,
  useWatchRuleList,
  type RulePreview,
  type WatchRule,
  type WatchRuleKind,
} from './opinion.api';
import { OpinionOnly, PolarityTag, RiskTag, categoryLabel } from './opinion-labels';
import { EditDeleteLinks } from '../../app/RowActions';

type RuleValues = { kind: WatchRuleKind; term: string; note?: string };

/** What a drafted rule would change on recent mentions: each changed mention with its reading before and after. */
function PreviewResult({ preview }: { preview: RulePreview }) {
  const t = useT();
  return (
    <div data-testid="rule-preview">
      <Alert
        type={preview.changed.length ? 'warning' : 'success'}
        showIcon
        style={{ marginBottom: 8 }}
        title={t('opinion.rule.previewSummary', { tested: preview.tested, changed: preview.changed.length, matched: preview.matched })}
      />
      {preview.changed.length === 0 ? (
        <Empty description={t('opinion.rule.previewNoChange')} />
      ) : (
        <List
          size="small"
          style={{ maxHeight: 320, overflow: 'auto' }}
          dataSource={preview.changed}
          renderItem={({ mention, before, after, reasons }) => (
            <List.Item>
              <Space orientation="vertical" size={2} style={{ width: '100%' }}>
                <Typography.Text ellipsis={{ tooltip: mention.text }} style={{ maxWidth: 440 }}>
                  {mention.title || mention.text}
                </Typography.Text>
                <Space size={4} wrap>
                  <Tag>{before.aboutHospital ? t('opinion.mention.about') : t('opinion.mention.notAbout')}</Tag>
                  <RiskTag risk={before.risk} />
                  <PolarityTag polarity={before.polarity} />
                  <span>→</span>
                  <Tag color={after.aboutHospital ? 'blue' : 'default'}>{after.aboutHospital ? t('opinion.mention.about') : t('opinion.mention.notAbout')}</Tag>
                  <RiskTag risk={after.risk} />
                  <PolarityTag polarity={after.polarity} />
                  <Tag bordered={false}>{t(categoryLabel(after.category))}</Tag>
                </Space>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('opinion.mention.reasons')}：{reasons.join('，') || t('common.none')}
                </Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      )}
    </div>
  );
}

function RuleFormModal({ rule, open, onClose }: { rule: WatchRule | null; open: boolean; onClose: () => void }) {
  const t = useT();
  const [form] = Form.useForm<RuleValues>();
  const save = useSaveWatchRule();
  const preview = usePreviewWatchRule();
  const callbacks = useSaveHandlers(form, onClose);
  const test = async () => {
    const { kind, term } = await form.validateFields(['kind', 'term']);
    preview.mutate({ kind, term: term.trim(), limit: 200 });
  };
  return (
    <FormModal form={form} title={rule ? t('opinion.rule.edit') : t('opinion.rule.create')} open={open} saving={save.isPending} onClose={onClose}>
      <Form<RuleValues>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={rule ? { kind: rule.kind, term: rule.term, note: rule.note ?? undefined } : { kind: 'alias' }}
        onValuesChange={() => preview.reset()}
        onFinish={(values) => save.mutate({ id: rule?.id ?? null, input: { kind: values.kind, term: values.term.trim(), note: values.note?.trim() || null } }, callbacks)}
      >
        <Form.Item name="kind" label={t('opinion.rule.kind')} extra={t('opinion.rule.kindHint')}>
          <Select options={WATCH_RULE_KINDS.map((k) => ({ value: k, label: t(`opinion.rule.kind.${k}`) }))} />
        </Form.Item>
        <Form.Item name="term" label={t('opinion.rule.term')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('opinion.rule.term') }) }]}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name="note" label={t('opinion.rule.note')}>
          <Input maxLength={200} />
        </Form.Item>
        <Button icon={<ExperimentOutlined />} loading={preview.isPending} onClick={() => void test()} style={{ marginBottom: 12 }}>
          {t('opinion.rule.test')}
        </Button>
        {preview.data && <PreviewResult preview={preview.data} />}
      </Form>
    </FormModal>
  );
}

/** 监测规则: the hospital's names, campuses, departments, staff and exclusions that decide what is about it. */
export function WatchRulesPage() {
  const t = useT();
  const { message } = App.useApp();
  const canManage = useManagesOpinion();
  const [kind, setKind] = useState<WatchRuleKind | undefined>();
  const list = useWatchRuleList(kind);
  const editing = useRecordDialog<WatchRule>();
  const save = useSaveWatchRule();
  const remove = useDeleteWatchRule();
  const sync = useSyncWatchRules();
  return (
    <OpinionOnly>
      <Card
        title={t('opinion.rule.title')}
        extra={
          <Space>
            <Select<WatchRuleKind>
              allowClear
              aria-label={t('opinion.rule.kind')}
              placeholder={t('opinion.rule.allKinds')}
              style={{ width: 140 }}
              value={kind}
              onChange={setKind}
              options={WATCH_RULE_KINDS.map((k) => ({ value: k, label: t(`opinion.rule.kind.${k}`) }))}
            />
            {canManage && (
              <>
                <Button icon={<SyncOutlined />} loading={sync.isPending} onClick={() => sync.mutate(undefined, { onSuccess: ({ added }) => void message.success(t('opinion.rule.synced', { added })) })}>
                  {t('opinion.rule.sync')}
                </Button>
                <Button type="primary" icon={<PlusOutlined />} onClick={() => editing.show(null)}>
                  {t('opinion.rule.create')}
                </Button>
              </>
            )}
          </Space>
        }
      >
        <Typography.Paragraph type="secondary">{t('opinion.rule.intro')}</Typography.Paragraph>
        <CursorTable<WatchRule>
          list={list}
          columns={[
            { title: t('opinion.rule.kind'), dataIndex: 'kind', width: 120, render: (k: WatchRuleKind) => <Tag color={k === 'exclude' ? 'red' : 'blue'}>{t(`opinion.rule.kind.${k}`)}</Tag> },
            { title: t('opinion.rule.term'), dataIndex: 'term', render: (term: string) => <Typography.Text strong>{term}</Typography.Text> },
            { title: t('opinion.rule.note'), dataIndex: 'note', render: (note: string | null) => note ?? '' },
            { title: t('opinion.rule.origin'), dataIndex: 'origin', width: 120, render: (o: WatchRule['origin']) => t(`opinion.rule.origin.${o}`) },
            {
              title: t('common.status'),
              dataIndex: 'status',
              width: 100,
              render: (status: WatchRule['status'], rule) => (
                <Switch size="small" disabled={!canManage} checked={status === 'active'} onChange={(on) => save.mutate({ id: rule.id, input: { status: on ? 'active' : 'disabled' } })} />
              ),
            },
            ...(canManage
              ? [
                  {
                    title: t('common.actions'),
                    key: 'actions',
                    width: 140,
                    render: (_: unknown, rule: WatchRule) => (
                      <EditDeleteLinks onEdit={() => editing.show(rule)} confirm={t('opinion.rule.deleteConfirm', { term: rule.term })} onDelete={() => remove.mutate(rule.id)} />
                    ),
                  },
                ]
              : []),
          ]}
        />
        <RuleFormModal key={editing.key} rule={editing.record} open={editing.open} onClose={editing.close} />
      </Card>
    </OpinionOnly>
  );
}
