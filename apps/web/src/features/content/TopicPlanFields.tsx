import { DatePicker, Form, Input, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { Role } from '../../app/auth/session';
import { useT } from '../../app/i18n/i18n';
import { useAllUsers } from '../org/users.api';
import { useAllChannels } from './publishing-channels';
import type { Topic, TopicPlan } from './topics.api';

export type TopicPlanValues = { assigneeUserId: number; dueDate: Dayjs; channelIds?: number[]; brief?: string };

// The server accepts as assignee someone of the topic's department or with a hospital-wide role.
const HOSPITAL_WIDE: readonly Role[] = ['admin', 'editor', 'leader'];

export function planOf(values: TopicPlanValues): TopicPlan {
  return {
    assigneeUserId: values.assigneeUserId,
    dueDate: values.dueDate.format('YYYY-MM-DD'),
    channelIds: values.channelIds ?? [],
    brief: values.brief?.trim() || null,
  };
}

export function planValuesOf(topic: Topic): TopicPlanValues {
  return { assigneeUserId: topic.assigneeUserId, dueDate: dayjs(topic.dueDate), channelIds: topic.channelIds, brief: topic.brief ?? undefined };
}

/** The plan of a topic inside a form: assignee (fit for `departmentId`), due date, target channels, brief. */
export function TopicPlanFields({ departmentId }: { departmentId: number | undefined }) {
  const t = useT();
  const { data: users = [] } = useAllUsers();
  const { data: channels = [] } = useAllChannels();
  // A retired channel is no target (the server refuses it).
  const targets = channels.filter((channel) => channel.status !== 'retired');
  const assignees = users.filter(
    (user) => user.status === 'active' && (user.departmentId === departmentId || user.roles.some((role) => HOSPITAL_WIDE.includes(role))),
  );
  const required = (field: string) => ({ required: true, message: t('common.required', { field }) });
  return (
    <>
      <Form.Item name="assigneeUserId" label={t('topic.assignee')} rules={[required(t('topic.assignee'))]}>
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          options={assignees.map((user) => ({ value: user.id, label: `${user.displayName} (${user.username})` }))}
        />
      </Form.Item>
      <Form.Item name="dueDate" label={t('topic.dueDate')} rules={[required(t('topic.dueDate'))]}>
        <DatePicker style={{ width: '100%' }} disabledDate={(day) => day.isBefore(dayjs(), 'day')} />
      </Form.Item>
      <Form.Item name="channelIds" label={t('topic.channels')}>
        <Select mode="multiple" showSearch={{ optionFilterProp: 'label' }} options={targets.map((channel) => ({ value: channel.id, label: channel.name }))} />
      </Form.Item>
      <Form.Item name="brief" label={t('topic.brief')}>
        <Input.TextArea maxLength={2000} autoSize={{ minRows: 2, maxRows: 5 }} />
      </Form.Item>
    </>
  );
}
