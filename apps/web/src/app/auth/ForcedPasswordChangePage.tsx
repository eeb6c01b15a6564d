import { Alert, Button, Card } from 'antd';
import { useNavigate } from 'react-router';
import { useT } from '../i18n/i18n';
import { LocaleSwitch } from '../LocaleSwitch';
import { AuthScreen } from './AuthScreen';
import { ChangePasswordForm } from './ChangePasswordForm';
import { useSignOut } from './session';

export function ForcedPasswordChangePage() {
  const t = useT();
  const navigate = useNavigate();
  const signOut = useSignOut();

  return (
    <AuthScreen extra={<LocaleSwitch />}>
      <Card
        title={t('auth.mustChangeTitle')}
        extra={
          <Button type="link" onClick={() => signOut.mutate(undefined, { onSettled: () => navigate('/login', { replace: true }) })}>
            {t('auth.signOut')}
          </Button>
        }
      >
        <Alert type="info" showIcon title={t('auth.mustChangeHint')} style={{ marginBottom: 16 }} />
        <ChangePasswordForm onDone={() => navigate('/', { replace: true })} />
      </Card>
    </AuthScreen>
  );
}
