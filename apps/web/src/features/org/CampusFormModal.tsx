import { Form, Input } from 'antd';
import { FormModal } from '../../app/FormModal';
import { useT } from '../../app/i18n/i18n';
import { useSaveHandlers } from '../../app/save-handlers';
import { useCreateCampus, useUpdateCampus, type Campus, type CampusInput } from './campuses.api';

/** Creates a campus, or edits `campus` when given. */
export function CampusFormModal({ open, campus, onClose }: { open: boolean; campus: Campus | null; onClose: () => void }) {
  const t = useT();
  const [form] = Form.useForm<CampusInput>();
  const create = useCreateCampus();
  const update = useUpdateCampus();
  const callbacks = useSaveHandlers(form, onClose);

  const save = (values: CampusInput) => {
    const input = { name: values.name, address: values.address || null };
    if (campus) update.mutate({ id: campus.id, ...input }, callbacks);
    else create.mutate(input, callbacks);
  };

  return (
    <FormModal
      form={form}
      title={t(campus ? 'campus.edit' : 'campus.create')}
      open={open}
      saving={create.isPending || update.isPending}
      onClose={onClose}
    >
      <Form<CampusInput>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={campus ? { name: campus.name, address: campus.address ?? undefined } : undefined}
        onFinish={save}
      >
        <Form.Item
          name="name"
          label={t('campus.name')}
          rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('campus.name') }) }]}
        >
          <Input />
        </Form.Item>
        <Form.Item name="address" label={t('campus.address')}>
          <Input />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
