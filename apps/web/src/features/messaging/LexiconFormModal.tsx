import { Form, Input, Select } from 'antd';
import { FormModal } from '../../app/FormModal';
import { useT } from '../../app/i18n/i18n';
import { useSaveHandlers } from '../../app/save-handlers';
import { categoryLabel, FINDING_CATEGORIES, SEVERITIES, severityLabel } from './findings';
import { useCreateLexicon, useUpdateLexicon, type Lexicon, type LexiconInput } from './lexicons.api';

/** Creates a lexicon, or edits `lexicon` when given. */
export function LexiconFormModal({ open, lexicon, onClose }: { open: boolean; lexicon: Lexicon | null; onClose: () => void }) {
  const t = useT();
  const [form] = Form.useForm<LexiconInput>();
  const create = useCreateLexicon();
  const update = useUpdateLexicon();
  const callbacks = useSaveHandlers(form, onClose);

  const save = (values: LexiconInput) => {
    const input = { ...values, description: values.description?.trim() || null };
    if (lexicon) update.mutate({ id: lexicon.id, ...input }, callbacks);
    else create.mutate(input, callbacks);
  };

  const initialValues: Partial<LexiconInput> = lexicon
    ? { name: lexicon.name, category: lexicon.category, defaultSeverity: lexicon.defaultSeverity, description: lexicon.description ?? undefined }
    : { category: 'sensitive', defaultSeverity: 'warn' };

  return (
    <FormModal form={form} title={t(lexicon ? 'lexicon.edit' : 'lexicon.create')} open={open} saving={create.isPending || update.isPending} onClose={onClose}>
      <Form<LexiconInput> form={form} layout="vertical" preserve={false} initialValues={initialValues} onFinish={save}>
        <Form.Item
          name="name"
          label={t('lexicon.name')}
          rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('lexicon.name') }) }]}
        >
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name="category" label={t('lexicon.category')} rules={[{ required: true }]}>
          <Select options={FINDING_CATEGORIES.map((category) => ({ value: category, label: t(categoryLabel(category)) }))} />
        </Form.Item>
        <Form.Item name="defaultSeverity" label={t('lexicon.defaultSeverity')} extra={t('lexicon.defaultSeverityHint')} rules={[{ required: true }]}>
          <Select options={SEVERITIES.map((severity) => ({ value: severity, label: t(severityLabel(severity)) }))} />
        </Form.Item>
        <Form.Item name="description" label={t('lexicon.description')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={500} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
