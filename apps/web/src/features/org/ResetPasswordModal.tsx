import { App, Alert, Form, Input, Modal } from 'antd';
import { applyFieldErrors } from '../../app/api-errors';
import { useT } from '../../app/i18n/i18n';
import { useResetUserPassword, type User } from './users.api';

export function ResetPasswordModal({ open, user, onClose }: { open: boolean; user: User | null; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ newPassword: string }>();
  const reset = useResetUserPassword();

  const save = ({ newPassword }: { newPassword: string }) => {
    if (!user) return;
    reset.mutate(
      { id: user.id, newPassword },
      {
        onSuccess: () => {
          void message.success(t('user.resetDone'));
          onClose();
        },
        onError: (error) => applyFieldErrors(form, error),
      },
    );
  };

  return (
    <Modal
      title={t('user.resetPasswordTitle', { name: user?.displayName ?? '' })}
      open={open}
      destroyOnHidden
      okText={t('common.confirm')}
      confirmLoading={reset.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      <Alert type="info" showIcon title={t('user.resetPasswordHint')} style={{ marginBottom: 16 }} />
      <Form form={form} layout="vertical" preserve={false} onFinish={save}>
        <Form.Item
          name="newPassword"
          label={t('auth.newPassword')}
          extra={t('auth.passwordRule')}
          rules={[{ required: true, message: t('common.required', { field: t('auth.newPassword') }) }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
