import { Form, Input, Select } from 'antd';
import { FormModal } from '../../app/FormModal';
import { useT } from '../../app/i18n/i18n';
import { useSaveHandlers } from '../../app/save-handlers';
import { categoryLabel, FINDING_CATEGORIES, SEVERITIES, severityLabel } from './findings';
import { useAddLexiconEntry, useUpdateLexiconEntry, type Lexicon, type LexiconEntry, type LexiconEntryInput } from './lexicons.api';

/** Adds an entry to `lexicon` (category and severity default to the lexicon's), or edits `entry`. */
export function LexiconEntryFormModal({
  open,
  lexicon,
  entry,
  onClose,
}: {
  open: boolean;
  lexicon: Lexicon;
  entry: LexiconEntry | null;
  onClose: () => void;
}) {
  const t = useT();
  const [form] = Form.useForm<LexiconEntryInput>();
  const add = useAddLexiconEntry(lexicon.id);
  const update = useUpdateLexiconEntry(lexicon.id);
  const callbacks = useSaveHandlers(form, onClose);

  const save = (values: LexiconEntryInput) => {
    const input = { ...values, suggestion: values.suggestion?.trim() || null, note: values.note?.trim() || null };
    if (entry) update.mutate({ id: entry.id, ...input }, callbacks);
    else add.mutate(input, callbacks);
  };

  const initialValues: Partial<LexiconEntryInput> = entry
    ? { term: entry.term, category: entry.category, severity: entry.severity, suggestion: entry.suggestion ?? undefined, note: entry.note ?? undefined }
    : { category: lexicon.category, severity: lexicon.defaultSeverity };

  return (
    <FormModal form={form} title={t(entry ? 'lexicon.entry.edit' : 'lexicon.entry.create')} open={open} saving={add.isPending || update.isPending} onClose={onClose}>
      <Form<LexiconEntryInput> form={form} layout="vertical" preserve={false} initialValues={initialValues} onFinish={save}>
        <Form.Item
          name="term"
          label={t('lexicon.entry.term')}
          rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('lexicon.entry.term') }) }]}
        >
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="category" label={t('lexicon.category')}>
          <Select options={FINDING_CATEGORIES.map((category) => ({ value: category, label: t(categoryLabel(category)) }))} />
        </Form.Item>
        <Form.Item name="severity" label={t('lexicon.entry.severity')}>
          <Select options={SEVERITIES.map((severity) => ({ value: severity, label: t(severityLabel(severity)) }))} />
        </Form.Item>
        <Form.Item name="suggestion" label={t('lexicon.entry.suggestion')} extra={t('lexicon.entry.suggestionHint')}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="note" label={t('lexicon.entry.note')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={500} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
