import { Form, Input, Select } from 'antd';
import { FormModal } from '../../app/FormModal';
import { useT } from '../../app/i18n/i18n';
import { useSaveHandlers } from '../../app/save-handlers';
import { useAllDepartments } from '../org/departments.api';
import { useCreateTopic, useUpdateTopic, type Topic } from './topics.api';
import { planOf, planValuesOf, TopicPlanFields, type TopicPlanValues } from './TopicPlanFields';

type TopicFormValues = TopicPlanValues & { title: string; departmentId: number };

/** Plans a topic directly, or edits `topic`'s plan; the assignee list follows the chosen department. */
export function TopicFormModal({ open, topic, onClose }: { open: boolean; topic: Topic | null; onClose: () => void }) {
  const t = useT();
  const [form] = Form.useForm<TopicFormValues>();
  const { data: departments = [] } = useAllDepartments();
  const create = useCreateTopic();
  const update = useUpdateTopic();
  const callbacks = useSaveHandlers(form, onClose);
  const departmentId = Form.useWatch('departmentId', form) ?? topic?.departmentId;

  const save = (values: TopicFormValues) => {
    const input = { title: values.title, departmentId: values.departmentId, ...planOf(values) };
    if (topic) update.mutate({ id: topic.id, ...input }, callbacks);
    else create.mutate(input, callbacks);
  };

  const required = (field: string) => ({ required: true, message: t('common.required', { field }) });
  return (
    <FormModal form={form} title={t(topic ? 'topic.edit' : 'topic.create')} open={open} saving={create.isPending || update.isPending} onClose={onClose}>
      <Form<TopicFormValues>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={topic ? { title: topic.title, departmentId: topic.departmentId, ...planValuesOf(topic) } : { channelIds: [] }}
        onFinish={save}
      >
        <Form.Item name="title" label={t('topic.title')} rules={[{ ...required(t('topic.title')), whitespace: true }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="departmentId" label={t('topic.department')} rules={[required(t('topic.department'))]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            disabled={topic?.articleId != null}
            onChange={() => form.setFieldValue('assigneeUserId', undefined)}
            options={departments.map((department) => ({ value: department.id, label: department.name }))}
          />
        </Form.Item>
        <TopicPlanFields departmentId={departmentId} />
      </Form>
    </FormModal>
  );
}
