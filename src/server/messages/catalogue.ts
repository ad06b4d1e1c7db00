/**
 * The server's one catalogue of texts (notifications, emails, documents, errors shown to people),
 * in zh-CN (the default) and en. Each area keeps its messages in its own file as a
 * `defineMessages({ 'zh-CN': {...}, en: {...} })` call; the English side must have exactly the
 * Chinese side's keys, so a missing translation is a type error, not a blank in a hospital's mail.
 * Placeholders are `{name}`; `formatMessage` fills them and leaves unknown ones visible.
 */
export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export type MessageParams = Record<string, string | number>;
export type Messages<Keys extends string> = { 'zh-CN': Record<Keys, string>; en: Record<Keys, string> };

export function defineMessages<const T extends Record<string, string>>(catalogue: {
  'zh-CN': T;
  en: { [K in keyof T]: string };
}): Messages<Extract<keyof T, string>> {
  return catalogue as Messages<Extract<keyof T, string>>;
}

/** Anything that is not exactly English falls back to Chinese, the product's default language. */
export function toLocale(value: string | null | undefined): Locale {
  return value?.toLowerCase().startsWith('en') ? 'en' : 'zh-CN';
}

export function formatMessage(template: string, params: MessageParams = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** `translator(messages, locale)('key', {…})`: one area's texts in one language. */
export function translator<Keys extends string>(messages: Messages<Keys>, locale: Locale) {
  return (key: Keys, params?: MessageParams) => formatMessage(messages[locale][key], params);
}
