import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { describeError } from '../api-errors';
import { useT } from '../i18n/i18n';
import { LocaleSwitch } from '../LocaleSwitch';
import { useSession, useSignIn } from './session';
import { AuthScreen } from './AuthScreen';

type Credentials = { username: string; password: string };

export function LoginPage() {
  const t = useT();
  const navigate = useNavigate();
  const location = useLocation();
  const { data: session } = useSession();
  const signIn = useSignIn();
  const from = (location.state as { from?: string } | null)?.from ?? '/';

  if (session) return <Navigate to={session.mustChangePassword ? '/change-password' : from} replace />;

  const submit = (credentials: Credentials) =>
    signIn.mutate(credentials, {
      onSuccess: (signedIn) => navigate(signedIn?.mustChangePassword ? '/change-password' : from, { replace: true }),
    });

  return (
    <AuthScreen extra={<LocaleSwitch />}>
      <Card title={t('auth.title')}>
        {signIn.isError && (
          <Alert type="error" showIcon title={describeError(signIn.error, t)} style={{ marginBottom: 16 }} />
        )}
        <Form<Credentials> layout="vertical" requiredMark={false} onFinish={submit} autoComplete="on">
          <Form.Item
            name="username"
            label={t('auth.username')}
            rules={[{ required: true, message: t('common.required', { field: t('auth.username') }) }]}
          >
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('auth.password')}
            rules={[{ required: true, message: t('common.required', { field: t('auth.password') }) }]}
          >
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={signIn.isPending}>
            {t('auth.signIn')}
          </Button>
        </Form>
      </Card>
      <Typography.Paragraph type="secondary" style={{ textAlign: 'center', marginTop: 24 }}>
        {t('app.subtitle')}
      </Typography.Paragraph>
    </AuthScreen>
  );
}
