import { DatePicker, Form, Input, InputNumber, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { FormModal } from '../../app/FormModal';
import { useT } from '../../app/i18n/i18n';
import { useSaveHandlers } from '../../app/save-handlers';
import { useAllUsers } from '../org/users.api';
import { useAdjustPoints } from './team.api';

type AdjustmentValues = { userId: number; points: number; reason: string; occurredOn: Dayjs };

/** An editor's manual entry — 稿费 for a piece outside the platform, a deduction — always with its reason. */
export function AdjustmentModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const [form] = Form.useForm<AdjustmentValues>();
  const adjust = useAdjustPoints();
  const callbacks = useSaveHandlers(form, onClose);
  const { data: users = [] } = useAllUsers();
  return (
    <FormModal form={form} title={t('team.adjust.title')} open={open} saving={adjust.isPending} onClose={onClose}>
      <Form<AdjustmentValues>
        form={form}
        layout="vertical"
        initialValues={{ occurredOn: dayjs() }}
        onFinish={(values) => adjust.mutate({ userId: values.userId, points: values.points, reason: values.reason.trim(), occurredOn: values.occurredOn.format('YYYY-MM-DD') }, callbacks)}
      >
        <Form.Item name="userId" label={t('team.member.person')} rules={[{ required: true, message: t('common.required', { field: t('team.member.person') }) }]}>
          <Select showSearch={{ optionFilterProp: 'label' }} options={users.map((u) => ({ value: u.id, label: `${u.displayName}（${u.username}）` }))} />
        </Form.Item>
        <Form.Item
          name="points"
          label={t('team.adjust.points')}
          extra={t('team.adjust.pointsHint')}
          rules={[
            { required: true, message: t('common.required', { field: t('team.adjust.points') }) },
            { validator: (_, value: number | undefined) => (value === 0 ? Promise.reject(new Error(t('team.adjust.notZero'))) : Promise.resolve()) },
          ]}
        >
          <InputNumber min={-10000} max={10000} precision={0} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="reason" label={t('team.adjust.reason')} rules={[{ required: true, whitespace: true, min: 2, message: t('team.adjust.reasonRequired') }]}>
          <Input.TextArea maxLength={200} autoSize={{ minRows: 2, maxRows: 4 }} />
        </Form.Item>
        <Form.Item name="occurredOn" label={t('team.adjust.occurredOn')} rules={[{ required: true, message: t('common.required', { field: t('team.adjust.occurredOn') }) }]}>
          <DatePicker style={{ width: 200 }} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
