import { Form, Input, InputNumber } from 'antd';
import { useNavigate } from 'react-router';
import { FormModal } from '../../app/FormModal';
import { useT } from '../../app/i18n/i18n';
import { useSaveHandlers } from '../../app/save-handlers';
import { useCreatePlan, type Plan } from './targets.api';

type PlanFormValues = { year: number; name: string };

/** A new yearly plan, named as the office names its table; it opens once created. */
export function PlanFormModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const navigate = useNavigate();
  const [form] = Form.useForm<PlanFormValues>();
  const create = useCreatePlan();
  const callbacks = useSaveHandlers<Plan>(form, (plan) => navigate(`/targets/plans/${plan.id}`));
  const year = new Date().getFullYear();
  return (
    <FormModal form={form} title={t('target.createPlan')} open={open} saving={create.isPending} onClose={onClose}>
      <Form<PlanFormValues>
        form={form}
        layout="vertical"
        initialValues={{ year, name: t('target.planNameDefault', { year }) }}
        onFinish={(values) => create.mutate(values, callbacks)}
      >
        <Form.Item name="year" label={t('target.year')} rules={[{ required: true, message: t('common.required', { field: t('target.year') }) }]}>
          <InputNumber min={2000} max={2100} precision={0} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="name" label={t('target.planName')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('target.planName') }) }]}>
          <Input maxLength={100} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
