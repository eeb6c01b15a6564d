import type { ReactNode } from 'react';
import { Typography } from 'antd';
import { useT } from '../i18n/i18n';

/** The centred, layout-free frame of the sign-in and forced password-change screens. */
export function AuthScreen({ children, extra }: { children: ReactNode; extra?: ReactNode }) {
  const t = useT();
  return (
    <div style={{ minHeight: '100vh', background: 'linear-gradient(160deg, #eef4ff 0%, #f0f2f5 60%)', position: 'relative' }}>
      <div style={{ position: 'absolute', top: 16, right: 24 }}>{extra}</div>
      <div style={{ width: 380, maxWidth: '92vw', margin: '0 auto', paddingTop: '12vh' }}>
        <Typography.Title level={2} style={{ textAlign: 'center', marginBottom: 24 }}>
          {t('app.name')}
        </Typography.Title>
        {children}
      </div>
    </div>
  );
}
