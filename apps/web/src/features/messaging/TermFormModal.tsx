import { Form, Input, Select } from 'antd';
import { FormModal } from '../../app/FormModal';
import { useT } from '../../app/i18n/i18n';
import { useSaveHandlers } from '../../app/save-handlers';
import { useCreateTerm, useUpdateTerm, type Term, type TermInput } from './terms.api';

type TermFormValues = { canonical: string; variants: string[]; note?: string };

/** Adds a term, or edits `term` when given. */
export function TermFormModal({ open, term, onClose }: { open: boolean; term: Term | null; onClose: () => void }) {
  const t = useT();
  const [form] = Form.useForm<TermFormValues>();
  const create = useCreateTerm();
  const update = useUpdateTerm();
  const callbacks = useSaveHandlers(form, onClose);

  const save = (values: TermFormValues) => {
    const input: TermInput = { canonical: values.canonical, variants: values.variants, note: values.note?.trim() || null };
    if (term) update.mutate({ id: term.id, ...input }, callbacks);
    else create.mutate(input, callbacks);
  };

  return (
    <FormModal form={form} title={t(term ? 'term.edit' : 'term.create')} open={open} saving={create.isPending || update.isPending} onClose={onClose}>
      <Form<TermFormValues>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={term ? { canonical: term.canonical, variants: term.variants, note: term.note ?? undefined } : { variants: [] }}
        onFinish={save}
      >
        <Form.Item
          name="canonical"
          label={t('term.canonical')}
          rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('term.canonical') }) }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          name="variants"
          label={t('term.variants')}
          extra={t('term.variantsHint')}
          rules={[{ required: true, type: 'array', min: 1, message: t('common.required', { field: t('term.variants') }) }]}
        >
          <Select mode="tags" open={false} suffixIcon={null} tokenSeparators={[',', '，']} />
        </Form.Item>
        <Form.Item name="note" label={t('term.note')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={500} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
