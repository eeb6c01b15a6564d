import { DatePicker, Form, Input } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { FormModal } from '../../app/FormModal';
import { DATE_TIME_FORMAT } from '../../app/format';
import { useT } from '../../app/i18n/i18n';
import { useSaveHandlers } from '../../app/save-handlers';
import { useSaveTraining, type Training } from './team.api';

type TrainingValues = { topic: string; trainer: string; startsAt: Dayjs; place: string; description?: string };

/** A training session: topic, trainer, when and where. */
export function TrainingFormModal({ training, open, onClose }: { training: Training | null; open: boolean; onClose: () => void }) {
  const t = useT();
  const [form] = Form.useForm<TrainingValues>();
  const save = useSaveTraining();
  const callbacks = useSaveHandlers(form, onClose);
  const required = (field: string) => [{ required: true, whitespace: true, message: t('common.required', { field }) }];
  return (
    <FormModal form={form} title={t(training ? 'team.training.edit' : 'team.training.create')} open={open} saving={save.isPending} onClose={onClose}>
      <Form<TrainingValues>
        form={form}
        layout="vertical"
        initialValues={training ? { ...training, startsAt: dayjs(training.startsAt), description: training.description ?? undefined } : {}}
        onFinish={(values) =>
          save.mutate({ id: training?.id, topic: values.topic, trainer: values.trainer, startsAt: values.startsAt.toISOString(), place: values.place, description: values.description?.trim() || null }, callbacks)
        }
      >
        <Form.Item name="topic" label={t('team.training.topic')} rules={required(t('team.training.topic'))}>
          <Input maxLength={100} placeholder={t('team.training.topicPlaceholder')} />
        </Form.Item>
        <Form.Item name="trainer" label={t('team.training.trainer')} rules={required(t('team.training.trainer'))}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name="startsAt" label={t('team.training.startsAt')} rules={[{ required: true, message: t('common.required', { field: t('team.training.startsAt') }) }]}>
          <DatePicker showTime={{ format: 'HH:mm' }} format={DATE_TIME_FORMAT} style={{ width: 240 }} />
        </Form.Item>
        <Form.Item name="place" label={t('team.training.place')} rules={required(t('team.training.place'))}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="description" label={t('team.training.description')}>
          <Input.TextArea maxLength={2000} autoSize={{ minRows: 2, maxRows: 6 }} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
