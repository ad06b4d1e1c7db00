import i18next, { type TFunction } from 'i18next';
import { en } from './en.ts';
import { zhCN } from './zh-CN.ts';

/** The app's translations in both languages, for tests that pin texts: `{ zh, english }`. */
export async function fixedTranslations(): Promise<{ zh: TFunction; english: TFunction }> {
  const i18n = i18next.createInstance();
  await i18n.init({
    resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
    lng: 'zh-CN',
    interpolation: { escapeValue: false },
  });
  return { zh: i18n.getFixedT('zh-CN'), english: i18n.getFixedT('en') };
}
