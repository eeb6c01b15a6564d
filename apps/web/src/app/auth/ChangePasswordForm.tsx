import { Button, Form, Input, type FormInstance } from 'antd';
import { useT } from '../i18n/i18n';
import { useSaveHandlers } from '../save-handlers';
import { NewPasswordField } from './NewPasswordField';
import { useChangePassword } from './session';

type PasswordChange = { currentPassword: string; newPassword: string; confirmPassword: string };

/** Shared by the forced screen and the header's modal; `onDone` runs after the server accepted it. */
export function ChangePasswordForm({ onDone, form }: { onDone: () => void; form?: FormInstance<PasswordChange> }) {
  const t = useT();
  const [ownForm] = Form.useForm<PasswordChange>();
  const activeForm = form ?? ownForm;
  const changePassword = useChangePassword();
  const callbacks = useSaveHandlers(
    activeForm,
    () => {
      activeForm.resetFields();
      onDone();
    },
    'auth.passwordChanged',
  );

  const submit = ({ currentPassword, newPassword }: PasswordChange) =>
    changePassword.mutate({ currentPassword, newPassword }, callbacks);

  return (
    <Form<PasswordChange> form={activeForm} layout="vertical" requiredMark={false} onFinish={submit}>
      <Form.Item
        name="currentPassword"
        label={t('auth.currentPassword')}
        rules={[{ required: true, message: t('common.required', { field: t('auth.currentPassword') }) }]}
      >
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <NewPasswordField />
      <Form.Item
        name="confirmPassword"
        label={t('auth.confirmPassword')}
        dependencies={['newPassword']}
        rules={[
          { required: true, message: t('common.required', { field: t('auth.confirmPassword') }) },
          ({ getFieldValue }) => ({
            validator: (_rule, value) =>
              !value || value === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(t('auth.passwordMismatch'))),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={changePassword.isPending}>
        {t('auth.changePassword')}
      </Button>
    </Form>
  );
}
