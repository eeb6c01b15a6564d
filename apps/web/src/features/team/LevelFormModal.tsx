import { Form, Input, InputNumber } from 'antd';
import { FormModal } from '../../app/FormModal';
import { useT } from '../../app/i18n/i18n';
import { useSaveHandlers } from '../../app/save-handlers';
import { useSaveLevel, type Level } from './team.api';

type LevelValues = { name: string; position?: number; description?: string };

/** A level of the grid: its name, its place from the top, what its people do. */
export function LevelFormModal({ level, open, onClose }: { level: Level | null; open: boolean; onClose: () => void }) {
  const t = useT();
  const [form] = Form.useForm<LevelValues>();
  const save = useSaveLevel();
  const callbacks = useSaveHandlers(form, onClose);
  return (
    <FormModal form={form} title={t(level ? 'team.level.edit' : 'team.level.add')} open={open} saving={save.isPending} onClose={onClose}>
      <Form<LevelValues>
        form={form}
        layout="vertical"
        initialValues={level ? { name: level.name, position: level.position, description: level.description ?? undefined } : {}}
        onFinish={(values) => save.mutate({ id: level?.id, name: values.name, position: values.position, description: values.description?.trim() || null }, callbacks)}
      >
        <Form.Item name="name" label={t('team.level.name')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('team.level.name') }) }]}>
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item name="position" label={t('team.level.position')}>
          <InputNumber min={1} max={99} precision={0} />
        </Form.Item>
        <Form.Item name="description" label={t('team.level.description')}>
          <Input.TextArea maxLength={200} autoSize={{ minRows: 2, maxRows: 4 }} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
