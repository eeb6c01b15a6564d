import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Form, Input, InputNumber, Select, Space } from 'antd';
import { FormModal } from '../../app/FormModal';
import { useT } from '../../app/i18n/i18n';
import { useSaveHandlers } from '../../app/save-handlers';
import { categoryLabel, sensitivityLabel } from './article-labels';
import { useSetReviewChain, type ReviewChain, type ReviewStepRule } from './review-chains.api';

const REVIEWER_ROLES = ['dept_reviewer', 'editor', 'leader', 'admin'] as const;

/** Edits the steps of one category × sensitivity chain; the server checks the rules (distinct names, last step hospital-wide). */
export function ReviewChainFormModal({ chain, onClose }: { chain: ReviewChain | null; onClose: () => void }) {
  const t = useT();
  const [form] = Form.useForm<{ steps: ReviewStepRule[] }>();
  const setChain = useSetReviewChain();
  const callbacks = useSaveHandlers(form, onClose);
  if (!chain) return null;
  const title = t('reviewChain.editTitle', { category: t(categoryLabel(chain.category)), sensitivity: t(sensitivityLabel(chain.sensitivity)) });

  return (
    <FormModal form={form} title={title} open saving={setChain.isPending} onClose={onClose}>
      <Form form={form} layout="vertical" preserve={false} initialValues={{ steps: chain.steps }} onFinish={(values) => setChain.mutate({ category: chain.category, sensitivity: chain.sensitivity, steps: values.steps }, callbacks)}>
        <Form.List name="steps">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, index) => (
                <Space key={field.key} align="baseline" wrap>
                  <span>{index + 1}.</span>
                  <Form.Item name={[field.name, 'name']} rules={[{ required: true, whitespace: true, max: 20, message: t('common.required', { field: t('reviewChain.stepName') }) }]}>
                    <Input placeholder={t('reviewChain.stepName')} aria-label={t('reviewChain.stepName')} style={{ width: 140 }} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'role']} rules={[{ required: true }]}>
                    <Select aria-label={t('reviewChain.role')} style={{ width: 130 }} options={REVIEWER_ROLES.map((role) => ({ value: role, label: t(`role.${role}`) }))} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'scope']} rules={[{ required: true }]}>
                    <Select
                      aria-label={t('reviewChain.scope')}
                      style={{ width: 120 }}
                      options={[
                        { value: 'department', label: t('reviewChain.scope.department') },
                        { value: 'hospital', label: t('reviewChain.scope.hospital') },
                      ]}
                    />
                  </Form.Item>
                  <Form.Item name={[field.name, 'dueHours']} rules={[{ required: true }]}>
                    <InputNumber aria-label={t('reviewChain.dueHours')} min={1} max={720} addonAfter={t('reviewChain.hours')} style={{ width: 130 }} />
                  </Form.Item>
                  <Button icon={<DeleteOutlined />} aria-label={t('common.delete')} disabled={fields.length === 1} onClick={() => remove(field.name)} />
                </Space>
              ))}
              <Button icon={<PlusOutlined />} disabled={fields.length >= 6} onClick={() => add({ name: '', role: 'editor', scope: 'hospital', dueHours: 24 })}>
                {t('reviewChain.addStep')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </FormModal>
  );
}
