import type { ReactNode } from 'react';
import { Result } from 'antd';
import { useIsAdmin } from '../../app/auth/session';
import { useT } from '../../app/i18n/i18n';

/** For pages whose API only answers administrators: others get an explanation, not an error toast. */
export function AdminOnly({ children }: { children: ReactNode }) {
  const t = useT();
  if (!useIsAdmin()) return <Result status="403" title="403" subTitle={t('app.noPermission')} />;
  return children;
}
