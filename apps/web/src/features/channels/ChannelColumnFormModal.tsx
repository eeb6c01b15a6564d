import { Form, Input } from 'antd';
import { FormModal } from '../../app/FormModal';
import { useT } from '../../app/i18n/i18n';
import { useSaveHandlers } from '../../app/save-handlers';
import { useCreateChannelColumn, useUpdateChannelColumn, type ChannelColumn } from './channels.api';

type ChannelColumnFormValues = { name: string; description?: string };

/** Adds a column to the channel, or renames `column` (and edits its description) when given. */
export function ChannelColumnFormModal({
  open,
  channelId,
  column,
  onClose,
}: {
  open: boolean;
  channelId: number;
  column: ChannelColumn | null;
  onClose: () => void;
}) {
  const t = useT();
  const [form] = Form.useForm<ChannelColumnFormValues>();
  const create = useCreateChannelColumn(channelId);
  const update = useUpdateChannelColumn(channelId);
  const callbacks = useSaveHandlers(form, onClose);

  const save = (values: ChannelColumnFormValues) => {
    const description = values.description?.trim() || null;
    if (column) update.mutate({ id: column.id, name: values.name, description }, callbacks);
    else create.mutate({ name: values.name, description }, callbacks);
  };

  return (
    <FormModal
      form={form}
      title={t(column ? 'channelColumn.edit' : 'channelColumn.create')}
      open={open}
      saving={create.isPending || update.isPending}
      onClose={onClose}
    >
      <Form<ChannelColumnFormValues>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={column ? { name: column.name, description: column.description ?? undefined } : {}}
        onFinish={save}
      >
        <Form.Item
          name="name"
          label={t('channelColumn.name')}
          rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('channelColumn.name') }) }]}
        >
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name="description" label={t('channelColumn.description')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={500} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
