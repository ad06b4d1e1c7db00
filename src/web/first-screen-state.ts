/**
 * A page the server rendered (src/web/entry-server.tsx) carries the query cache of that render in a JSON script
 * with this id; the browser adopts it instead of asking again (issue 9: first load).
 */
export const FIRST_SCREEN_STATE_ID = 'first-screen-state';

/**
 * The part of antd's sheet a rendered page uses, in a style element with this id and the whole sheet's address
 * (`data-href`); public/first-paint.js links the whole sheet after the first paint and then removes it.
 */
export const FIRST_SCREEN_STYLES_ID = 'first-screen-styles';

/** The pages the server renders for staff (src/server/http/first-screen.ts): the queue, where they land. */
export const SERVER_RENDERED_PATHS: readonly string[] = ['/queue'];

/** The browser's language choice as the server sees it (set by i18n/index.ts beside its local storage). */
export const LANGUAGE_COOKIE = 'aftersales_locale';

/** Whether the server renders this address (a path with or without its query). */
export function isServerRenderedPath(address: string): boolean {
  return SERVER_RENDERED_PATHS.includes(address.split(/[?#]/)[0] ?? '');
}

/** The server-rendered page's JSON, or null on a plain page (and outside a browser). */
export function serverRenderedState(): string | null {
  if (typeof document === 'undefined') return null;
  return document.getElementById(FIRST_SCREEN_STATE_ID)?.textContent ?? null;
}

/** The language the server rendered the page in (the app starts in it, so the texts do not change under the user). */
export function serverRenderedLanguage(): string | null {
  if (typeof document === 'undefined') return null;
  return document.getElementById(FIRST_SCREEN_STATE_ID)?.dataset.language ?? null;
}
