import { Alert, Form, Input, InputNumber, Select } from 'antd';
import { FormModal } from '../../app/FormModal';
import { useT } from '../../app/i18n/i18n';
import { useSaveHandlers } from '../../app/save-handlers';
import { useAllDepartments } from '../org/departments.api';
import { useAllUsers } from '../org/users.api';
import { metricLabel, periodLabel } from './target-labels';
import { TARGET_METRICS, TARGET_PERIODS, useAddItem, useMetricSources, type NewItem } from './targets.api';

/** One line of the table: a department's target for a metric, per year or per month, with who answers for it. */
export function ItemFormModal({ planId, open, onClose }: { planId: number; open: boolean; onClose: () => void }) {
  const t = useT();
  const [form] = Form.useForm<NewItem>();
  const { data: departments = [] } = useAllDepartments();
  const { data: users = [] } = useAllUsers();
  const { data: countable } = useMetricSources();
  const add = useAddItem(planId);
  const callbacks = useSaveHandlers(form, onClose);
  const metric = Form.useWatch('metric', form);
  const people = users.filter((u) => u.status === 'active').map((u) => ({ value: u.id, label: `${u.displayName}（${u.username}）` }));
  const required = (field: string) => [{ required: true, message: t('common.required', { field }) }];

  return (
    <FormModal form={form} title={t('target.addItem')} open={open} saving={add.isPending} onClose={onClose}>
      <Form<NewItem> form={form} layout="vertical" initialValues={{ period: 'year', target: 1 }} onFinish={(values) => add.mutate(values, callbacks)}>
        <Form.Item name="departmentId" label={t('target.department')} rules={required(t('target.department'))}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            options={departments.filter((d) => d.status === 'active').map((d) => ({ value: d.id, label: d.name }))}
          />
        </Form.Item>
        <Form.Item name="metric" label={t('target.metric')} rules={required(t('target.metric'))}>
          <Select options={TARGET_METRICS.map((value) => ({ value, label: t(metricLabel(value)) }))} />
        </Form.Item>
        {metric && countable && !countable.has(metric) && <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('target.notCountedHint')} />}
        <Form.Item name="target" label={t('target.count')} rules={required(t('target.count'))}>
          <InputNumber min={1} max={100000} precision={0} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="period" label={t('target.period')}>
          <Select style={{ width: 160 }} options={TARGET_PERIODS.map((value) => ({ value, label: t(periodLabel(value)) }))} />
        </Form.Item>
        <Form.Item name="note" label={t('target.note')}>
          <Input maxLength={200} placeholder={t('target.notePlaceholder')} />
        </Form.Item>
        <Form.Item name="responsibleUserId" label={t('target.responsible')}>
          <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={people} />
        </Form.Item>
        <Form.Item name="supervisorUserId" label={t('target.supervisor')}>
          <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={people} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
