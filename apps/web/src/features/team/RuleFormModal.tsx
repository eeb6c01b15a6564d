import { Alert, DatePicker, Form, Input, InputNumber, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { FormModal } from '../../app/FormModal';
import { useT } from '../../app/i18n/i18n';
import { useSaveHandlers } from '../../app/save-handlers';
import { kindOptions } from '../channels/channel-fields';
import { useChannelKinds } from '../channels/channels.api';
import { categoryLabel } from '../content/article-labels';
import { ARTICLE_CATEGORIES } from '../content/articles.api';
import { mediaLevelLabel, ruleKindLabel } from './team-labels';
import { MEDIA_LEVELS, RULE_KINDS, useRuleKinds, useSaveRule, type MediaLevel, type Rule, type RuleKind } from './team.api';

type RuleValues = { name: string; kind: RuleKind; points: number; channelKind?: string; category?: string; mediaLevel?: MediaLevel; validFrom: Dayjs; validTo?: Dayjs | null };

/** A points rule: what it counts, narrowed as its kind allows, how many points, from when to when. */
export function RuleFormModal({ rule, open, onClose }: { rule: Rule | null; open: boolean; onClose: () => void }) {
  const t = useT();
  const [form] = Form.useForm<RuleValues>();
  const save = useSaveRule();
  const callbacks = useSaveHandlers(form, onClose);
  const { data: channelKinds } = useChannelKinds();
  const { data: countable } = useRuleKinds();
  const kind = Form.useWatch('kind', form);
  const initialValues: Partial<RuleValues> = rule
    ? {
        name: rule.name,
        kind: rule.kind,
        points: rule.points,
        channelKind: rule.channelKind ?? undefined,
        category: rule.category ?? undefined,
        mediaLevel: rule.mediaLevel ?? undefined,
        validFrom: dayjs(rule.validFrom),
        validTo: rule.validTo ? dayjs(rule.validTo) : null,
      }
    : { kind: 'article', points: 1, validFrom: dayjs().startOf('year') };
  const required = (field: string) => [{ required: true, message: t('common.required', { field }) }];

  return (
    <FormModal form={form} title={t(rule ? 'team.rule.edit' : 'team.rule.create')} open={open} saving={save.isPending} onClose={onClose}>
      <Form<RuleValues>
        form={form}
        layout="vertical"
        initialValues={initialValues}
        onFinish={(values) =>
          save.mutate(
            {
              id: rule?.id,
              name: values.name,
              kind: values.kind,
              points: values.points,
              channelKind: values.kind === 'publication' ? (values.channelKind ?? null) : null,
              category: values.kind === 'article' || values.kind === 'publication' ? (values.category ?? null) : null,
              mediaLevel: values.kind === 'coverage' ? (values.mediaLevel ?? null) : null,
              validFrom: values.validFrom.format('YYYY-MM-DD'),
              validTo: values.validTo?.format('YYYY-MM-DD') ?? null,
            },
            callbacks,
          )
        }
      >
        <Form.Item name="name" label={t('team.rule.name')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('team.rule.name') }) }]}>
          <Input maxLength={60} placeholder={t('team.rule.namePlaceholder')} />
        </Form.Item>
        <Form.Item name="kind" label={t('team.rule.kind')} rules={required(t('team.rule.kind'))}>
          <Select disabled={rule !== null} options={RULE_KINDS.map((value) => ({ value, label: t(ruleKindLabel(value)) }))} />
        </Form.Item>
        {kind && countable && !countable.has(kind) && <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('team.rule.sourceComing')} />}
        {kind === 'publication' && (
          <Form.Item name="channelKind" label={t('team.rule.channelKind')} extra={t('team.rule.anyHint')}>
            <Select allowClear options={kindOptions(channelKinds, t)} />
          </Form.Item>
        )}
        {(kind === 'article' || kind === 'publication') && (
          <Form.Item name="category" label={t('team.rule.category')} extra={t('team.rule.anyHint')}>
            <Select allowClear options={ARTICLE_CATEGORIES.map((value) => ({ value, label: t(categoryLabel(value)) }))} />
          </Form.Item>
        )}
        {kind === 'coverage' && (
          <Form.Item name="mediaLevel" label={t('team.rule.mediaLevel')} extra={t('team.rule.anyHint')}>
            <Select allowClear options={MEDIA_LEVELS.map((value) => ({ value, label: t(mediaLevelLabel(value)) }))} />
          </Form.Item>
        )}
        <Form.Item name="points" label={t('team.rule.points')} rules={required(t('team.rule.points'))}>
          <InputNumber min={1} max={10000} precision={0} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="validFrom" label={t('team.rule.validFrom')} rules={required(t('team.rule.validFrom'))}>
          <DatePicker style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="validTo" label={t('team.rule.validTo')} extra={t('team.rule.validToHint')}>
          <DatePicker style={{ width: 200 }} allowClear />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
