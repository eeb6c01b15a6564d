import { useEffect, type ReactNode } from 'react';
import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntdApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { describeError } from './api-errors';
import { LocaleProvider, useLocale, useT } from './i18n/i18n';
import { queryClient, setApiErrorListener } from './query-client';

// Blue for interaction (red would read as an error state); the brand red stays in the logo text.
const theme = { token: { colorPrimary: '#1f5fbf', borderRadius: 6 } };

function ApiErrorToaster() {
  const { message } = AntdApp.useApp();
  const t = useT();
  useEffect(() => setApiErrorListener((error) => void message.error(describeError(error, t))), [message, t]);
  return null;
}

function LocalisedAntd({ children }: { children: ReactNode }) {
  const { locale } = useLocale();
  return (
    <ConfigProvider locale={locale === 'en' ? enUS : zhCN} theme={theme}>
      <AntdApp>
        <ApiErrorToaster />
        {children}
      </AntdApp>
    </ConfigProvider>
  );
}

export function AppProviders({ children }: { children: ReactNode }) {
  return (
    <QueryClientProvider client={queryClient}>
      <LocaleProvider>
        <LocalisedAntd>{children}</LocalisedAntd>
      </LocaleProvider>
    </QueryClientProvider>
  );
}
