import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App, ConfigProvider, theme } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client.ts';
import { authKeys } from '../features/auth/api.ts';
import { setDayjsLanguage } from '../lib/time.ts';

function createQueryClient(): QueryClient {
  // A 401 anywhere means the session ended: drop it, and the route guard sends the user to sign in.
  const onError = (error: unknown) => {
    if (isApiError(error) && error.status === 401) client.setQueryData(authKeys.me(), null);
  };
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      queries: {
        staleTime: 15_000,
        retry: (count, error) => !(isApiError(error) && error.status >= 400 && error.status < 500) && count < 2,
        refetchOnWindowFocus: true,
      },
      mutations: { retry: false },
    },
  });
  return client;
}

const THEME = {
  algorithm: theme.defaultAlgorithm,
  token: {
    colorPrimary: '#1456f0',
    colorInfo: '#1456f0',
    colorSuccess: '#16a34a',
    colorWarning: '#ea8a0c',
    colorError: '#dc2626',
    borderRadius: 6,
    fontSize: 14,
    colorBgLayout: '#f3f5f9',
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Helvetica Neue', Arial, sans-serif",
  },
  components: {
    Layout: { siderBg: '#0f1c33', headerBg: '#ffffff', headerHeight: 56, headerPadding: '0 20px' },
    Menu: { darkItemBg: '#0f1c33', darkSubMenuItemBg: '#0b1628', darkItemSelectedBg: '#1456f0' },
    Table: { headerBg: '#f7f8fa', cellPaddingBlock: 10, cellPaddingInline: 12 },
    Card: { headerFontSize: 15 },
  },
};

export function Providers({ children }: { children: ReactNode }) {
  const [queryClient] = useState(createQueryClient);
  const { i18n } = useTranslation();
  const language = i18n.language;
  // Set before children render so every date below is formatted in the new language.
  setDayjsLanguage(language);
  return (
    <QueryClientProvider client={queryClient}>
      <ConfigProvider locale={language === 'en' ? enUS : zhCN} theme={THEME}>
        <App>{children}</App>
      </ConfigProvider>
    </QueryClientProvider>
  );
}
