import { Alert, Descriptions, Form, Input, Select, Space, Switch, Tag, Timeline, Typography } from 'antd';
import { FormModal } from '../../app/FormModal';
import { formatDateTime } from '../../app/format';
import { useT } from '../../app/i18n/i18n';
import { useSaveHandlers } from '../../app/save-handlers';
import { CATEGORIES, POLARITIES, RISKS, useCorrectMention, useCorrections, type Category, type Mention, type Polarity } from './opinion.api';
import { PolarityTag, RiskTag, categoryLabel, polarityLabel, riskLabel } from './opinion-labels';

type Values = { aboutHospital: boolean; polarity: Polarity; risk: number; category: Category; reason: string };

const fields = ['aboutHospital', 'polarity', 'risk', 'category'] as const;

/**
 * 研判更正: an officer sets what the analysis should have said, with a reason. The analysis' reasons (the rules and
 * terms it matched) are shown beside it, so what misled it is in view, and so are earlier corrections.
 */
export function CorrectionDialog({ mention, open, onClose }: { mention: Mention | null; open: boolean; onClose: () => void }) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const correct = useCorrectMention();
  const history = useCorrections(open && mention ? mention.id : null);
  const callbacks = useSaveHandlers(form, onClose, 'opinion.correction.saved');
  const aboutHospital = Form.useWatch('aboutHospital', form);

  const save = (values: Values) => {
    if (!mention) return;
    // Only what changed is sent: the server keeps before/after of exactly those fields.
    const changed = Object.fromEntries(fields.filter((f) => values[f] !== mention[f]).map((f) => [f, values[f]]));
    correct.mutate({ id: mention.id, ...changed, reason: values.reason }, callbacks);
  };

  const describe = (key: string, value: unknown) => {
    if (key === 'aboutHospital') return value ? t('opinion.mention.about') : t('opinion.mention.notAbout');
    if (key === 'polarity') return t(polarityLabel(value as Polarity));
    if (key === 'risk') return t(riskLabel(value as number));
    if (key === 'category') return t(categoryLabel(value as Category));
    return String(value);
  };

  return (
    <FormModal form={form} title={t('opinion.correction.title')} open={open} okText={t('opinion.correction.save')} saving={correct.isPending} onClose={onClose}>
      {mention && (
        <>
          <Typography.Paragraph strong style={{ marginBottom: 4 }}>
            {mention.title || mention.text.slice(0, 60)}
          </Typography.Paragraph>
          <Typography.Paragraph type="secondary" ellipsis={{ rows: 3, expandable: true }}>
            {mention.text}
          </Typography.Paragraph>
          <Descriptions size="small" column={1} bordered style={{ marginBottom: 16 }}>
            <Descriptions.Item label={t('opinion.correction.current')}>
              <Space wrap size={4}>
                <Tag>{mention.aboutHospital ? t('opinion.mention.about') : t('opinion.mention.notAbout')}</Tag>
                <PolarityTag polarity={mention.polarity} />
                <RiskTag risk={mention.risk} />
                <Tag>{t(categoryLabel(mention.category))}</Tag>
              </Space>
            </Descriptions.Item>
            <Descriptions.Item label={t('opinion.mention.reasons')}>
              <Space wrap size={4} data-testid="analysis-reasons">
                {mention.reasons.length ? mention.reasons.map((reason, i) => <Tag key={`${reason}-${i}`}>{reason}</Tag>) : t('common.none')}
              </Space>
            </Descriptions.Item>
          </Descriptions>
          {(history.data?.items.length ?? 0) > 0 && (
            <Alert
              type="info"
              style={{ marginBottom: 16 }}
              title={t('opinion.correction.history')}
              description={
                <Timeline
                  items={history.data!.items.map((c) => ({
                    content: (
                      <span>
                        {formatDateTime(c.createdAt)}：
                        {Object.keys(c.after)
                          .map((key) => `${t(`opinion.correction.field.${key as (typeof fields)[number]}`)} ${describe(key, c.before[key])} → ${describe(key, c.after[key])}`)
                          .join('；')}
                        （{c.reason}）
                      </span>
                    ),
                  }))}
                />
              }
            />
          )}
          <Form<Values>
            form={form}
            layout="vertical"
            preserve={false}
            initialValues={{ aboutHospital: mention.aboutHospital, polarity: mention.polarity, risk: mention.risk, category: mention.category }}
            onValuesChange={(changed: Partial<Values>) => {
              // Not about the hospital means 无关 at risk 0 (opinion-risk.md); the form says so before the server does.
              if (changed.aboutHospital === false) form.setFieldsValue({ risk: 0, category: 'unrelated' });
            }}
            onFinish={save}
          >
            <Form.Item name="aboutHospital" label={t('opinion.correction.field.aboutHospital')} valuePropName="checked">
              <Switch checkedChildren={t('opinion.mention.about')} unCheckedChildren={t('opinion.mention.notAbout')} />
            </Form.Item>
            <Space size="middle" wrap>
              <Form.Item name="polarity" label={t('opinion.correction.field.polarity')}>
                <Select style={{ width: 120 }} options={POLARITIES.map((p) => ({ value: p, label: t(polarityLabel(p)) }))} />
              </Form.Item>
              <Form.Item name="risk" label={t('opinion.correction.field.risk')}>
                <Select style={{ width: 120 }} disabled={aboutHospital === false} options={RISKS.map((r) => ({ value: r, label: t(riskLabel(r)) }))} />
              </Form.Item>
              <Form.Item name="category" label={t('opinion.correction.field.category')}>
                <Select style={{ width: 180 }} disabled={aboutHospital === false} options={CATEGORIES.map((c) => ({ value: c, label: t(categoryLabel(c)) }))} />
              </Form.Item>
            </Space>
            <Form.Item name="reason" label={t('opinion.correction.reason')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('opinion.correction.reason') }) }]}>
              <Input.TextArea maxLength={500} autoSize={{ minRows: 2, maxRows: 4 }} placeholder={t('opinion.correction.reasonHint')} />
            </Form.Item>
          </Form>
        </>
      )}
    </FormModal>
  );
}
