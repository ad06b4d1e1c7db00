import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { LANGUAGE_COOKIE, serverRenderedLanguage } from '../first-screen-state.ts';

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'zh-CN';

const STORAGE_KEY = 'aftersales.locale';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** The language the user picked on this browser, if any. */
export function storedLanguage(): Language | null {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return isLanguage(value) ? value : null;
  } catch {
    return null;
  }
}

export function rememberLanguage(language: Language): void {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Private mode: the choice lasts for this page only.
  }
  setLanguageCookie(language);
}

/** The choice as a cookie too, so a page the server renders (entry-server.tsx) comes in this language. */
function setLanguageCookie(language: Language): void {
  // biome-ignore lint/suspicious/noDocumentCookie: the Cookie Store API is not in every browser hospitals use.
  document.cookie = `${LANGUAGE_COOKIE}=${language}; path=/; max-age=31536000; samesite=lax`;
}

export function currentLanguage(): Language {
  return isLanguage(i18n.language) ? i18n.language : DEFAULT_LANGUAGE;
}

/**
 * Each catalogue is its own chunk, fetched when its language is first needed: the first screen parses one
 * language, not both (issue 9: first load). Both have the same keys (typed by `Messages`), so no fallback
 * catalogue is needed at run time.
 */
const CATALOGUES: Record<Language, () => Promise<Record<string, unknown>>> = {
  'zh-CN': () => import('./zh-CN.ts').then((m) => m.zhCN),
  en: () => import('./en.ts').then((m) => m.en),
};

/** Fetches a language's catalogue once and adds it to i18next. */
export async function loadLanguage(language: Language): Promise<void> {
  if (i18n.hasResourceBundle(language, 'translation')) return;
  i18n.addResourceBundle(language, 'translation', await CATALOGUES[language]());
}

/** Loads the language, then switches to it (a switch before its texts arrive would show keys). */
export async function switchLanguage(language: Language): Promise<void> {
  await loadLanguage(language);
  await i18n.changeLanguage(language);
}

const rendered = serverRenderedLanguage();
const initialLanguage = (isLanguage(rendered) ? rendered : null) ?? storedLanguage() ?? DEFAULT_LANGUAGE;

void i18n.use(initReactI18next).init({
  resources: {},
  partialBundledLanguages: true,
  lng: initialLanguage,
  fallbackLng: DEFAULT_LANGUAGE,
  supportedLngs: [...LANGUAGES],
  interpolation: { escapeValue: false },
  returnNull: false,
});

/** Resolves once the first language's texts are in: render after it (main.tsx). */
export const i18nReady: Promise<void> = loadLanguage(initialLanguage);

if (typeof document !== 'undefined') {
  // A choice stored before the cookie existed reaches the server from now on.
  const stored = storedLanguage();
  if (stored && !document.cookie.includes(`${LANGUAGE_COOKIE}=${stored}`)) setLanguageCookie(stored);
  i18n.on('languageChanged', (language) => {
    document.documentElement.lang = language;
  });
  document.documentElement.lang = currentLanguage();
}

export default i18n;
