import { Form, Input } from 'antd';
import { useT } from '../i18n/i18n';

/** The required `newPassword` field, with the password rule shown under it. */
export function NewPasswordField() {
  const t = useT();
  return (
    <Form.Item
      name="newPassword"
      label={t('auth.newPassword')}
      extra={t('auth.passwordRule')}
      rules={[{ required: true, message: t('common.required', { field: t('auth.newPassword') }) }]}
    >
      <Input.Password autoComplete="new-password" />
    </Form.Item>
  );
}
