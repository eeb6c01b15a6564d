import { App, Form, Input, Modal } from 'antd';
import { applyFieldErrors } from '../../app/api-errors';
import { useT } from '../../app/i18n/i18n';
import { useCreateCampus, useUpdateCampus, type Campus, type CampusInput } from './campuses.api';

/** Creates a campus, or edits `campus` when given. */
export function CampusFormModal({ open, campus, onClose }: { open: boolean; campus: Campus | null; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<CampusInput>();
  const create = useCreateCampus();
  const update = useUpdateCampus();

  const save = (values: CampusInput) => {
    const input = { name: values.name, address: values.address || null };
    const callbacks = {
      onSuccess: () => {
        void message.success(t('common.saved'));
        onClose();
      },
      onError: (error: unknown) => applyFieldErrors(form, error),
    };
    if (campus) update.mutate({ id: campus.id, ...input }, callbacks);
    else create.mutate(input, callbacks);
  };

  return (
    <Modal
      title={t(campus ? 'campus.edit' : 'campus.create')}
      open={open}
      destroyOnHidden
      okText={t('common.save')}
      confirmLoading={create.isPending || update.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
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
    </Modal>
  );
}
