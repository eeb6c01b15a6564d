import type { ReactNode } from 'react';
import { Button, Result } from 'antd';
import { Navigate, useLocation } from 'react-router';
import { useT } from '../i18n/i18n';
import { PageSpinner } from '../PageSpinner';
import { useSession } from './session';

/**
 * Lets only signed-in users through; a user whose password must change is held on the
 * change-password screen (`passwordChangeScreen`) until it is done.
 */
export function RequireSession({ children, passwordChangeScreen = false }: { children: ReactNode; passwordChangeScreen?: boolean }) {
  const { data: session, isPending, isError, refetch } = useSession();
  const location = useLocation();
  const t = useT();

  if (isPending) return <PageSpinner />;
  if (isError) {
    return (
      <Result
        status="error"
        title={t('app.loadFailed')}
        extra={<Button onClick={() => void refetch()}>{t('app.retry')}</Button>}
      />
    );
  }
  if (!session) return <Navigate to="/login" replace state={{ from: location.pathname }} />;
  if (session.mustChangePassword && !passwordChangeScreen) return <Navigate to="/change-password" replace />;
  if (!session.mustChangePassword && passwordChangeScreen) return <Navigate to="/" replace />;
  return children;
}
