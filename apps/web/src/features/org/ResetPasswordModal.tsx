import { Alert, Form } from 'antd';
import { NewPasswordField } from '../../app/auth/NewPasswordField';
import { FormModal } from '../../app/FormModal';
import { useT } from '../../app/i18n/i18n';
import { useSaveHandlers } from '../../app/save-handlers';
import { useResetUserPassword, type User } from './users.api';

export function ResetPasswordModal({ open, user, onClose }: { open: boolean; user: User | null; onClose: () => void }) {
  const t = useT();
  const [form] = Form.useForm<{ newPassword: string }>();
  const reset = useResetUserPassword();
  const callbacks = useSaveHandlers(form, onClose, 'user.resetDone');

  const save = ({ newPassword }: { newPassword: string }) => {
    if (!user) return;
    reset.mutate({ id: user.id, newPassword }, callbacks);
  };

  return (
    <FormModal
      form={form}
      title={t('user.resetPasswordTitle', { name: user?.displayName ?? '' })}
      open={open}
      okText={t('common.confirm')}
      saving={reset.isPending}
      onClose={onClose}
    >
      <Alert type="info" showIcon title={t('user.resetPasswordHint')} style={{ marginBottom: 16 }} />
      <Form form={form} layout="vertical" preserve={false} onFinish={save}>
        <NewPasswordField />
      </Form>
    </FormModal>
  );
}
