import { type QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App, ConfigProvider, type ThemeConfig, theme } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { queryClient } from '../api/query-client.ts';
import { fontFamilyFor } from '../lib/fonts.ts';
import { setDayjsLanguage } from '../lib/time.ts';

/**
 * Colours meet WCAG 2.1 AA (4.5:1 for text) on white and on the layout grey: antd's secondary/tertiary
 * greys, placeholders, the status colours and the preset tag palettes (text on the light tint, white
 * on the solid colour) are darkened; e2e/accessibility.spec.ts keeps it so.
 */
const COLOR_TOKENS = {
  colorPrimary: '#1456f0',
  colorInfo: '#1456f0',
  colorLink: '#1456f0',
  colorSuccess: '#15803d',
  colorSuccessBg: '#f0fdf4',
  colorSuccessBorder: '#86efac',
  colorWarning: '#b45309',
  colorWarningBg: '#fffbeb',
  colorWarningBorder: '#fcd34d',
  colorError: '#cc1f1f',
  colorTextSecondary: 'rgba(0, 0, 0, 0.65)',
  colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
  colorTextDescription: 'rgba(0, 0, 0, 0.62)',
  colorTextPlaceholder: 'rgba(0, 0, 0, 0.58)',
  colorIcon: 'rgba(0, 0, 0, 0.62)',
  // Preset tag palettes: 1 = tint (background), 6 = solid, 7 = text on the tint. antd keeps each
  // shade under two names (red6 and red-6; the CSS variable comes from the latter): set both.
  red1: '#fef2f2',
  'red-1': '#fef2f2',
  red6: '#c81e1e',
  'red-6': '#c81e1e',
  red7: '#a61b1b',
  'red-7': '#a61b1b',
  volcano1: '#fff7ed',
  'volcano-1': '#fff7ed',
  volcano6: '#c2410c',
  'volcano-6': '#c2410c',
  volcano7: '#9a3412',
  'volcano-7': '#9a3412',
  orange1: '#fff7ed',
  'orange-1': '#fff7ed',
  orange6: '#c2410c',
  'orange-6': '#c2410c',
  orange7: '#9a3412',
  'orange-7': '#9a3412',
  gold1: '#fefce8',
  'gold-1': '#fefce8',
  gold6: '#a16207',
  'gold-6': '#a16207',
  gold7: '#854d0e',
  'gold-7': '#854d0e',
  lime1: '#f7fee7',
  'lime-1': '#f7fee7',
  lime6: '#4d7c0f',
  'lime-6': '#4d7c0f',
  lime7: '#3f6212',
  'lime-7': '#3f6212',
  green1: '#f0fdf4',
  'green-1': '#f0fdf4',
  green6: '#15803d',
  'green-6': '#15803d',
  green7: '#166534',
  'green-7': '#166534',
  cyan1: '#ecfeff',
  'cyan-1': '#ecfeff',
  cyan6: '#0e7490',
  'cyan-6': '#0e7490',
  cyan7: '#155e75',
  'cyan-7': '#155e75',
  blue6: '#1456f0',
  'blue-6': '#1456f0',
  magenta6: '#be185d',
  'magenta-6': '#be185d',
  magenta7: '#9d174d',
  'magenta-7': '#9d174d',
};

export function themeFor(language: string): ThemeConfig {
  return {
    // Styles come from antd/dist/antd.css (imported in main.tsx); tokens below still apply as CSS variables.
    zeroRuntime: true,
    algorithm: theme.defaultAlgorithm,
    token: {
      ...COLOR_TOKENS,
      borderRadius: 6,
      fontSize: 14,
      colorBgLayout: '#f3f5f9',
      fontFamily: fontFamilyFor(language),
    },
    components: {
      Layout: { siderBg: '#0f1c33', headerBg: '#ffffff', headerHeight: 56, headerPadding: '0 20px' },
      Menu: { darkItemBg: '#0f1c33', darkSubMenuItemBg: '#0b1628', darkItemSelectedBg: '#1456f0' },
      Table: { headerBg: '#f7f8fa', cellPaddingBlock: 10, cellPaddingInline: 12 },
      Card: { headerFontSize: 15 },
    },
  };
}

const THEMES: Record<'zh-CN' | 'en', ThemeConfig> = { 'zh-CN': themeFor('zh-CN'), en: themeFor('en') };

/** `client`: the page's query cache unless given one (the server renders each page with its own). */
export function Providers({ children, client = queryClient }: { children: ReactNode; client?: QueryClient }) {
  const { i18n } = useTranslation();
  const language = i18n.language;
  // Set before children render so every date below is formatted in the new language.
  setDayjsLanguage(language);
  return (
    <QueryClientProvider client={client}>
      <ConfigProvider locale={language === 'en' ? enUS : zhCN} theme={THEMES[language === 'en' ? 'en' : 'zh-CN']}>
        <App>{children}</App>
      </ConfigProvider>
    </QueryClientProvider>
  );
}
