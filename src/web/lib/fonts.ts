const LATIN_FONTS =
  "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'Liberation Sans', 'Noto Sans', 'DejaVu Sans'";
const CJK_FONTS =
  "'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Noto Sans SC', 'Source Han Sans SC', 'WenQuanYi Micro Hei'";

/**
 * The font stack for a language. English screens list Latin faces before any CJK face: a CJK font
 * draws English punctuation (’ “ ” …) full-width, so "don’t" looked like "don ’ t". Chinese screens
 * list CJK faces first, so Chinese punctuation keeps its shape. <html lang> follows the language too
 * (src/web/i18n/index.ts), which lets the browser pick glyphs for the language.
 */
export function fontFamilyFor(language: string): string {
  return language === 'en'
    ? `${LATIN_FONTS}, ${CJK_FONTS}, sans-serif`
    : `-apple-system, BlinkMacSystemFont, 'Segoe UI', ${CJK_FONTS}, 'Helvetica Neue', Arial, sans-serif`;
}
